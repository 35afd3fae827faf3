"""Unified invoice inputs out to QuickBooks Invoice / Bill bodies (goldens), what QuickBooks
cannot hold refused, and the bodies written to the sandbox read back as unified invoices
(goldens: ``fixtures/quickbooks/golden/invoice_write_*.json``; ``UPDATE_GOLDENS=1`` rewrites)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from connectors.errors import ValidationFailed
from connectors.jsonutil import dumps, loads
from connectors.quickbooks.mappers import bill_from_qbo, invoice_from_qbo
from connectors.quickbooks.mappers_invoice import invoice_to_qbo
from unified_models import InvoiceInput

GOLDEN = Path(__file__).parents[2] / "fixtures" / "quickbooks" / "golden"

INPUTS: dict[str, dict[str, Any]] = {
    "receivable": {
        "type": "ACCOUNTS_RECEIVABLE",
        "contact_remote_id": "1",
        "number": "INV-9001",
        "issue_date": "2026-11-02",
        "due_date": "2026-12-02",
        "memo": "Thank you for your business",
        "line_items": [
            {
                "description": "Garden design",
                "quantity": "2",
                "unit_price": "75.00",
                "item_remote_id": "1",
                "tax_rate_remote_id": "TAX",
                "tracking_categories": [
                    {
                        "category_remote_id": "5000000000000018",
                        "option_remote_id": "5000000000000018",
                    }
                ],
            },
            {"description": "Rocks", "quantity": "3", "unit_price": "12.5", "item_remote_id": "3"},
            {"description": "Delivered on site"},
        ],
    },
    "receivable_foreign": {
        "type": "ACCOUNTS_RECEIVABLE",
        "contact_remote_id": "8",
        "issue_date": "2026-11-03",
        "currency": "CAD",
        "exchange_rate": "0.75",
        "line_items": [{"quantity": "1", "unit_price": "400", "item_remote_id": "1"}],
    },
    "payable": {
        "type": "ACCOUNTS_PAYABLE",
        "contact_remote_id": "Vendor:2",
        "number": "NL-4410",
        "issue_date": "2026-11-04",
        "due_date": "2026-12-04",
        "memo": "Lumber for the Cool Cars job",
        "line_items": [
            {"description": "Delivery", "unit_price": "35.00", "account_remote_id": "11"},
            {
                "description": "Lumber",
                "quantity": "10",
                "unit_price": "5.5",
                "item_remote_id": "12",
                "tax_rate_remote_id": "NON",
            },
        ],
    },
}


def _input(name: str) -> InvoiceInput:
    return InvoiceInput.model_validate(INPUTS[name])


def _body(name: str) -> dict[str, Any]:
    data = _input(name)
    receivable = data.type.value == "ACCOUNTS_RECEIVABLE"
    return json.loads(dumps(invoice_to_qbo(data, receivable=receivable)))


def _golden(name: str, got: Any) -> None:
    path = GOLDEN / f"invoice_write_{name}.json"
    if os.environ.get("UPDATE_GOLDENS"):
        path.write_text(json.dumps(got, indent=2, ensure_ascii=False, default=str) + "\n")
    assert path.exists(), f"no golden for {name}: review, then run with UPDATE_GOLDENS=1"
    assert json.loads(json.dumps(got, default=str)) == json.loads(path.read_text())


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_input_maps_to_golden_body(name: str) -> None:
    _golden(f"{name}_body", _body(name))


def test_update_is_sparse_with_the_sync_token() -> None:
    data = InvoiceInput.model_validate({"memo": "Paid by check"})
    assert invoice_to_qbo(data, receivable=False, remote_id="7", sync_token="3") == {
        "Id": "7",
        "SyncToken": "3",
        "sparse": True,
        "PrivateNote": "Paid by check",
    }


@pytest.mark.parametrize(
    ("receivable", "fields", "refused"),
    [
        (True, {"status": "DRAFT"}, ["status"]),
        (True, {"status": "PAID"}, ["status"]),
        (True, {"reference": "PO-1"}, ["reference"]),
        (True, {"contact_remote_id": "Vendor:1"}, ["contact"]),
        (False, {"contact_remote_id": "1"}, ["contact"]),
        (
            True,
            {"line_items": [{"unit_price": "1", "item_remote_id": "1", "discount": "1"}]},
            ["line_items[0].discount"],
        ),
        (
            True,
            {"line_items": [{"unit_price": "1", "item_remote_id": "1", "tax_amount": "0.08"}]},
            ["line_items[0].tax_amount"],
        ),
        (
            True,
            {"line_items": [{"unit_price": "1", "account_remote_id": "1"}]},
            ["line_items[0].item"],
        ),
        (False, {"line_items": [{"unit_price": "1"}]}, ["line_items[0].account"]),
        (
            False,
            {"line_items": [{"unit_price": "1", "account_code": "6000"}]},
            ["line_items[0].account_code", "line_items[0].account"],
        ),
        (
            False,
            {
                "line_items": [
                    {
                        "unit_price": "1",
                        "account_remote_id": "11",
                        "tracking_categories": [{"category_remote_id": "Department:1"}],
                    }
                ]
            },
            ["line_items[0].tracking_categories"],
        ),
    ],
)
def test_what_quickbooks_cannot_hold_is_refused(receivable, fields, refused) -> None:
    with pytest.raises(ValidationFailed) as caught:
        invoice_to_qbo(InvoiceInput.model_validate(fields), receivable=receivable)
    assert [d["field"] for d in caught.value.details] == refused


def test_open_status_is_accepted() -> None:
    body = invoice_to_qbo(InvoiceInput.model_validate({"status": "OPEN"}), receivable=True)
    assert body == {}


@pytest.fixture
def api(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("us")
    return quickbooks_sandbox.api(tokens["access_token"], realm)


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_written_body_reads_back_to_golden(api, name: str) -> None:
    body = _body(name)
    entity = "Invoice" if "CustomerRef" in body else "Bill"
    response = api.http.post(
        f"{api.base}/{entity.lower()}", json=body, params={"minorversion": 75}, timeout=30
    )
    assert response.status_code == 200, response.text
    raw = loads(response.content)[entity]
    record = (invoice_from_qbo if entity == "Invoice" else bill_from_qbo)(raw)
    got = record.model_dump(mode="json", exclude={"remote_data", "remote_updated_at", "remote_id"})
    _golden(f"{name}_read_back", got)

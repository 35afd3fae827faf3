"""QuickBooks PurchaseOrder (recorded from the sandbox, and after Intuit's documented example)
in, golden unified records out; unified inputs out to QuickBooks bodies."""

from __future__ import annotations

import json
import os
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from connectors.errors import ValidationFailed
from connectors.jsonutil import loads
from connectors.quickbooks.connector import WRITERS
from connectors.quickbooks.mappers_purchase_order import (
    purchase_order_from_qbo,
    purchase_order_to_qbo,
)
from connectors.quickbooks.spec import RESOURCES
from unified_models import PurchaseOrderInput, PurchaseOrderStatus

FIXTURES = Path(__file__).parents[2] / "fixtures" / "quickbooks"
GOLDEN = FIXTURES / "golden"
CASES = sorted(p.stem for p in FIXTURES.glob("po_*.json"))


def rows(name: str) -> list[dict[str, Any]]:
    body = loads((FIXTURES / f"{name}.json").read_bytes())
    if "QueryResponse" in body:
        return body["QueryResponse"]["PurchaseOrder"]
    return [body["PurchaseOrder"]]


def test_cases_cover_the_sandbox_and_intuits_example():
    assert {c.split("_")[1] for c in CASES} == {"sandbox", "intuit"}


@pytest.mark.parametrize("name", CASES)
def test_fixture_maps_to_golden(name: str) -> None:
    raw = rows(name)
    records = [purchase_order_from_qbo(row) for row in raw]
    got = [r.model_dump(mode="json", exclude={"remote_data"}) for r in records]
    path = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDENS"):
        path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
    assert path.exists(), f"no golden for {name}: review, then run with UPDATE_GOLDENS=1"
    assert got == json.loads(path.read_text())
    assert [r.remote_data for r in records] == raw


def test_statuses_addresses_and_foreign_currency():
    orders = {
        o.number: o for o in map(purchase_order_from_qbo, rows("po_sandbox_us_query_purchaseorder"))
    }
    assert orders["1001"].status is PurchaseOrderStatus.AUTHORISED
    assert orders["1001"].status_raw == "Open"
    assert orders["1003"].status is PurchaseOrderStatus.BILLED  # closed by a bill
    assert orders["1004"].status is PurchaseOrderStatus.BILLED  # closed by hand
    assert orders["1001"].delivery_address == "123 Sierra Way\nSan Pablo\nCA\n87999"
    assert orders["1001"].memo == "Please deliver before 8am"
    assert orders["1001"].contact_remote_id == "Vendor:2"
    cad = orders["1005"]
    assert (cad.currency, cad.exchange_rate, cad.total_amount) == (
        "CAD",
        Decimal("0.7412"),
        Decimal("1800.00"),
    )
    line = cad.line_items[0]
    assert line.account_remote_id == "80" and line.item_remote_id is None
    item_line = orders["1001"].line_items[0]
    assert (item_line.item_remote_id, item_line.quantity, item_line.unit_price) == (
        "12",
        Decimal("40"),
        Decimal("3.25"),
    )
    uk = purchase_order_from_qbo(rows("po_sandbox_uk_query_purchaseorder")[0])
    assert (uk.sub_total, uk.total_tax_amount, uk.total_amount) == (
        Decimal("192.50"),
        Decimal("38.50"),
        Decimal("231.00"),
    )


def test_spec_entry_reads_through_the_query_endpoint_and_cdc():
    spec = RESOURCES["purchase_order"]
    assert spec.query is not None and spec.query.entity == "PurchaseOrder"
    assert spec.operations == {"list", "get", "create", "update"}
    assert spec.deletions is not None
    assert WRITERS["purchase_order"][0] == "purchaseorder"


def test_create_body_has_item_and_account_lines():
    body = purchase_order_to_qbo(
        PurchaseOrderInput(
            contact_remote_id="Vendor:5",
            number="PO-9",
            issue_date=date(2026, 11, 2),
            delivery_date=date(2026, 11, 16),
            delivery_address="1 Dock Road\nOakland",
            memo="Ring the bell",
            status="AUTHORISED",
            line_items=[
                {"item_remote_id": "13", "quantity": "6", "unit_price": "4.125"},
                {"account_remote_id": "80", "description": "Freight", "unit_price": "20"},
            ],
        )
    )
    assert body == {
        "VendorRef": {"value": "5"},
        "DocNumber": "PO-9",
        "TxnDate": "2026-11-02",
        "DueDate": "2026-11-16",
        "Memo": "Ring the bell",
        "ShipAddr": {"Line1": "1 Dock Road", "Line2": "Oakland"},
        "POStatus": "Open",
        "Line": [
            {
                "Amount": Decimal("24.75"),
                "DetailType": "ItemBasedExpenseLineDetail",
                "ItemBasedExpenseLineDetail": {
                    "ItemRef": {"value": "13"},
                    "Qty": Decimal("6"),
                    "UnitPrice": Decimal("4.125"),
                },
            },
            {
                "Description": "Freight",
                "Amount": Decimal("20.00"),
                "DetailType": "AccountBasedExpenseLineDetail",
                "AccountBasedExpenseLineDetail": {"AccountRef": {"value": "80"}},
            },
        ],
    }


def test_update_is_sparse_with_the_sync_token():
    body = purchase_order_to_qbo(PurchaseOrderInput(status="BILLED"), remote_id="4", sync_token="2")
    assert body == {"Id": "4", "SyncToken": "2", "sparse": True, "POStatus": "Closed"}
    with pytest.raises(ValueError):
        purchase_order_to_qbo(PurchaseOrderInput(status="BILLED"), remote_id="4")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"status": "DRAFT"}, "status"),
        ({"status": "DELETED"}, "status"),
        ({"reference": "R1"}, "reference"),
        ({"delivery_instructions": "Side door"}, "delivery_instructions"),
        (
            {"line_items": [{"description": "no account", "unit_price": "1"}]},
            "line_items[0].account",
        ),
        ({"line_items": [{"item_remote_id": "1"}]}, "line_items[0].unit_price"),
        (
            {"line_items": [{"account_remote_id": "80", "unit_price": "1", "discount": "1"}]},
            "line_items[0].discount",
        ),
        (
            {"line_items": [{"account_code": "400", "unit_price": "1"}]},
            "line_items[0].account_code",
        ),
    ],
)
def test_what_quickbooks_cannot_hold_is_refused(data, field):
    with pytest.raises(ValidationFailed) as caught:
        purchase_order_to_qbo(PurchaseOrderInput.model_validate(data))
    assert caught.value.details[0]["field"] == field


def test_read_record_round_trips_to_an_equivalent_body():
    raw = rows("po_sandbox_us_query_purchaseorder")[0]
    record = purchase_order_from_qbo(raw)
    body = purchase_order_to_qbo(record)
    assert body["VendorRef"] == {"value": raw["VendorRef"]["value"]}
    assert body["POStatus"] == raw["POStatus"]
    assert [line["Amount"] for line in body["Line"]] == [
        Decimal(str(line["Amount"])).quantize(Decimal("0.01")) for line in raw["Line"]
    ]

"""Xero credit notes (issue 15): recorded sandbox payloads in, golden unified records out; the
write bodies; allocation errors; the spec and the sandbox's answers against Xero's OpenAPI."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from connectors.jsonutil import loads
from connectors.xero import spec
from connectors.xero.mappers_credit import (
    allocation_to_xero,
    credit_note_from_xero,
    credit_note_to_xero,
    credit_note_validation_details,
)
from tests.sandbox.schemas import validate
from unified_models import (
    CATALOGUE,
    CreditNoteAllocationInput,
    CreditNoteInput,
    CreditNoteStatus,
    InvoiceType,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "xero"
GOLDEN = FIXTURES / "golden"
CASES = ("sandbox_get_credit_notes", "sandbox_get_credit_note_allocated")


def load(name: str) -> Any:
    return loads((FIXTURES / f"{name}.json").read_bytes())


def _dump(record: Any) -> dict[str, Any]:
    return record.model_dump(mode="json", exclude={"remote_data"})


@pytest.mark.parametrize("name", CASES)
def test_fixture_maps_to_golden(name: str) -> None:
    rows = load(name)["CreditNotes"]
    records = [credit_note_from_xero(row) for row in rows]
    got = [_dump(r) for r in records]
    golden_path = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDENS"):
        golden_path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
    assert golden_path.exists(), f"no golden for {name}: review, then run with UPDATE_GOLDENS=1"
    assert got == json.loads(golden_path.read_text())
    for record, row in zip(records, rows, strict=True):
        assert record.remote_data == row


@pytest.mark.parametrize("name", CASES)
def test_recorded_sandbox_answers_follow_xeros_spec(name: str) -> None:
    validate(json.loads((FIXTURES / f"{name}.json").read_text()), "CreditNotes")


def _by_status(raw: str):
    rows = load("sandbox_get_credit_notes")["CreditNotes"]
    return credit_note_from_xero(next(r for r in rows if r["Status"] == raw))


def test_statuses_and_credit_amounts():
    partly = _by_status("AUTHORISED")
    assert partly.status is CreditNoteStatus.PARTIALLY_APPLIED and partly.status_raw == "AUTHORISED"
    assert partly.remaining_credit + partly.applied_amount == partly.total_amount
    (allocation,) = partly.applied_to
    assert allocation.applied_amount == partly.applied_amount == Decimal("119.70")
    assert allocation.invoice_remote_id and allocation.applied_date is not None
    refunded = _by_status("PAID")
    assert refunded.status is CreditNoteStatus.APPLIED and refunded.remaining_credit == 0
    (refund,) = refunded.refunds
    assert refund.amount == refunded.total_amount and refund.payment_remote_id
    assert _by_status("VOIDED").status is CreditNoteStatus.VOID
    draft = _by_status("DRAFT")
    assert draft.type is InvoiceType.ACCOUNTS_PAYABLE and draft.status is CreditNoteStatus.DRAFT


def test_deleted_credit_notes_are_flagged_not_given_a_status():
    row = dict(load("sandbox_get_credit_notes")["CreditNotes"][1], Status="DELETED")
    record = credit_note_from_xero(row)
    assert record.remote_was_deleted and record.status is None and record.status_raw == "DELETED"


def test_record_round_trips_through_the_xero_body():
    for row in load("sandbox_get_credit_notes")["CreditNotes"]:
        record = credit_note_from_xero(row)
        again = credit_note_from_xero(
            {**credit_note_to_xero(record), "UpdatedDateUTC": row["UpdatedDateUTC"]}
        )
        assert _dump(again) == _dump(record)


def test_input_sends_only_what_was_set():
    data = CreditNoteInput.model_validate(
        {
            "type": "ACCOUNTS_PAYABLE",
            "contact_remote_id": "c-1",
            "issue_date": "2026-11-02",
            "status": "OPEN",
            "line_items": [{"description": "Refund", "unit_price": "12.50", "account_code": "400"}],
        }
    )
    assert credit_note_to_xero(data) == {
        "Type": "ACCPAYCREDIT",
        "Contact": {"ContactID": "c-1"},
        "Date": "2026-11-02",
        "Status": "AUTHORISED",
        "LineItems": [
            {"Description": "Refund", "UnitAmount": Decimal("12.50"), "AccountCode": "400"}
        ],
    }
    patch = CreditNoteInput.model_validate({"reference": "RMA-7"})
    assert credit_note_to_xero(patch, remote_id="cn-1") == {
        "CreditNoteID": "cn-1",
        "Reference": "RMA-7",
    }


def test_status_that_follows_allocations_cannot_be_written():
    with pytest.raises(ValueError, match="allocations"):
        CreditNoteInput.model_validate({"status": "APPLIED"})


def test_allocation_body():
    data = CreditNoteAllocationInput.model_validate(
        {"invoice_remote_id": "inv-1", "amount": "25.00", "date": "2026-11-03"}
    )
    assert allocation_to_xero(data) == {
        "Allocations": [
            {"Invoice": {"InvoiceID": "inv-1"}, "Amount": Decimal("25.00"), "Date": "2026-11-03"}
        ]
    }


@pytest.mark.parametrize("amount", ["0", "-5"])
def test_allocation_amount_must_be_positive(amount):
    with pytest.raises(ValueError, match="greater than zero"):
        CreditNoteAllocationInput.model_validate({"invoice_remote_id": "i", "amount": amount})


def test_recorded_allocation_refusal_names_the_amount():
    body = load("sandbox_put_allocation_400")
    assert body["Type"] == "ValidationException"
    assert credit_note_validation_details(body) == [
        {"field": "amount", "message": "The amount allocated exceeds the amount outstanding"}
    ]


def test_spec_entry_and_webhooks():
    resource = spec.RESOURCES["credit_note"]
    assert resource.path == "CreditNotes" and resource.primary_key == "CreditNoteID"
    assert resource.cursor is spec.CURSOR and resource.paginator is spec.PAGINATOR
    assert resource.operations <= CATALOGUE["credit_note"].operations
    assert spec.WEBHOOK_CATEGORIES["CREDITNOTE"] == "credit_note"
    assert resource.scope is spec.INVOICE_SCOPE


def test_catalogue_places_credit_notes_between_invoices_and_payments():
    names = CATALOGUE.names()
    assert names.index("invoice") < names.index("credit_note") < names.index("payment")
    (action,) = CATALOGUE["credit_note"].actions
    assert action.name == "allocations"


def test_recorded_allocation_answer_follows_xeros_spec():
    body = json.loads((FIXTURES / "sandbox_put_allocation.json").read_text())
    assert {"Id", "Status", "ProviderName", "DateTimeUTC"} <= set(body)
    validate(body, "Allocations")
    (allocation,) = body["Allocations"]
    assert allocation["CreditNote"]["CreditNoteID"] and allocation["Invoice"]["InvoiceID"]


def test_recorded_allocation_refusal_follows_xeros_spec():
    """Xero's Element schema declares none of the echoed allocation's fields (as for every
    echoed document), so the check is not strict about undeclared properties."""
    body = json.loads((FIXTURES / "sandbox_put_allocation_400.json").read_text())
    validate(body, "Error", strict=False)
    (element,) = body["Elements"]
    assert element["Amount"] == "100000.00" and element["ValidationErrors"]

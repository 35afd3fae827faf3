"""The credit note model: inputs, and what an allocation is refused for before the provider."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from unified_models import CATALOGUE, CreditNoteAllocationInput, CreditNoteInput
from unified_models.credit_note import allocation_problems

NOTE = {
    "type": "ACCOUNTS_RECEIVABLE",
    "currency": "GBP",
    "status": "PARTIALLY_APPLIED",
    "remaining_credit": "70.00",
}
INVOICE = {"type": "ACCOUNTS_RECEIVABLE", "currency": "GBP", "status": "OPEN", "balance": "50.00"}


def allocation(amount: str) -> CreditNoteAllocationInput:
    return CreditNoteAllocationInput.model_validate({"invoice_remote_id": "i", "amount": amount})


def fields(note=NOTE, invoice=INVOICE, amount="10.00") -> list[str]:
    return [p["field"] for p in allocation_problems(note, allocation(amount), {"invoice": invoice})]


def test_an_allocation_within_both_amounts_passes():
    assert fields(amount="50.00") == []


def test_more_than_the_remaining_credit_or_the_balance():
    assert fields(invoice={**INVOICE, "balance": "500.00"}, amount="70.01") == ["amount"]
    assert fields(amount="50.01") == ["amount"]
    assert fields(amount="80.00") == ["amount", "amount"]


@pytest.mark.parametrize(
    ("note", "invoice", "expected"),
    [
        ({**NOTE, "status": "DRAFT"}, INVOICE, ["status"]),
        ({**NOTE, "status": "APPLIED"}, INVOICE, ["status"]),
        (NOTE, {**INVOICE, "status": "PAID"}, ["invoice"]),
        (NOTE, {**INVOICE, "type": "ACCOUNTS_PAYABLE"}, ["invoice"]),
        (NOTE, {**INVOICE, "currency": "USD"}, ["invoice"]),
        (
            {**NOTE, "contact_remote_id": "c-1"},
            {**INVOICE, "contact_remote_id": "c-2"},
            ["invoice"],
        ),
        ({**NOTE, "contact_remote_id": "c-1"}, {**INVOICE, "contact_remote_id": "c-1"}, []),
    ],
)
def test_documents_that_cannot_take_part(note, invoice, expected):
    assert fields(note, invoice) == expected


def test_unknown_stored_values_are_left_to_the_provider():
    assert allocation_problems({}, allocation("1e6"), {}) == []


@pytest.mark.parametrize("body", [{"amount": "1"}, {"invoice": "x", "amount": "0"}])
def test_allocation_inputs_need_an_invoice_and_a_positive_amount(body):
    with pytest.raises(ValidationError):
        CreditNoteAllocationInput.model_validate(body)


def test_amounts_are_bounded_like_every_input_amount():
    with pytest.raises(ValidationError):
        CreditNoteAllocationInput.model_validate({"invoice": "x", "amount": "1e400"})
    assert allocation("12.3456").amount == Decimal("12.3456")


OPS = ("gt", "gte", "lt", "lte")


def test_input_and_catalogue_entry():
    assert CreditNoteInput.CREATE_REQUIRED == ("type", "contact_remote_id")
    entry = CATALOGUE["credit_note"]
    assert entry.plural == "credit-notes" and entry.events == "credit_note"
    paths = {r.path for r in entry.references}
    assert {"contact", "applied_to.invoice", "refunds.payment", "line_items.account"} <= paths
    assert {f.name for f in entry.filters} == {
        "type",
        "status",
        "contact_id",
        "currency",
        "issue_date_after",
        "issue_date_before",
        "q",
        *(f"{field}_{op}" for field in ("total_amount", "remaining_credit") for op in OPS),
    }
    assert entry.order_fields["remaining_credit"] == "balance"

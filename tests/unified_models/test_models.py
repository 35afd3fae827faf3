from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from unified_models import (
    INPUT_MODELS,
    MODELS,
    Contact,
    ContactInput,
    Invoice,
    InvoiceInput,
    InvoiceLineItem,
    Payment,
    PaymentInput,
    UnifiedInput,
    UnifiedRecord,
)


def test_registries():
    order = list(MODELS)  # sync order: documents after what they refer to
    assert order.index("contact") < order.index("invoice") < order.index("credit_note")
    assert order.index("credit_note") < order.index("payment")
    assert order.index("payment") < order.index("general_ledger_transaction")
    assert order.index("account") < order.index("bank_transaction")
    assert order.index("contact") < order.index("expense")
    assert {"contact": Contact, "invoice": Invoice, "payment": Payment}.items() <= MODELS.items()
    assert {
        "contact": ContactInput,
        "invoice": InvoiceInput,
        "payment": PaymentInput,
    }.items() <= INPUT_MODELS.items()
    assert all(issubclass(m, UnifiedRecord) for m in MODELS.values())
    assert all(issubclass(m, UnifiedInput) for m in INPUT_MODELS.values())


def test_design_fields_exist():
    inv = set(Invoice.model_fields)
    assert {
        "remote_id",
        "remote_updated_at",
        "remote_was_deleted",
        "remote_data",
        "type",
        "number",
        "contact",
        "issue_date",
        "due_date",
        "paid_on_date",
        "memo",
        "reference",
        "currency",
        "exchange_rate",
        "tax_treatment",
        "sub_total",
        "total_tax_amount",
        "total_discount",
        "total_amount",
        "amount_paid",
        "balance",
        "status",
        "status_raw",
        "line_items",
        "payments",
    } <= inv
    assert {
        "remote_id",
        "description",
        "quantity",
        "unit_price",
        "discount",
        "tax_amount",
        "total_amount",
        "account",
        "item",
        "tax_rate",
        "tracking_categories",
    } <= set(InvoiceLineItem.model_fields)
    assert {
        "name",
        "is_customer",
        "is_supplier",
        "email_address",
        "tax_number",
        "status",
        "currency",
        "addresses",
        "phone_numbers",
    } <= set(Contact.model_fields)
    assert {
        "type",
        "transaction_date",
        "contact",
        "account",
        "currency",
        "exchange_rate",
        "total_amount",
        "reference",
        "status",
        "applied_to",
    } <= set(Payment.model_fields)


def test_money_is_a_string_in_json_and_decimal_in_python():
    inv = Invoice(
        remote_id="1",
        type="ACCOUNTS_RECEIVABLE",
        total_amount="10.50",
        line_items=[{"unit_price": 3, "quantity": "1.25"}],
    )
    assert inv.total_amount == Decimal("10.50")
    js = inv.model_dump(mode="json")
    assert js["total_amount"] == "10.50"
    assert js["line_items"][0]["unit_price"] == "3"
    assert inv.model_dump()["total_amount"] == Decimal("10.50")


def test_floats_go_through_their_repr_not_binary():
    assert Invoice(
        remote_id="1", type="ACCOUNTS_PAYABLE", total_amount=0.1
    ).total_amount == Decimal("0.1")


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-inf", "abc", True, [1]])
def test_bad_money_is_rejected(bad):
    with pytest.raises(ValidationError):
        Invoice(remote_id="1", type="ACCOUNTS_PAYABLE", total_amount=bad)


def test_datetimes_must_be_aware():
    with pytest.raises(ValidationError):
        Invoice(remote_id="1", type="ACCOUNTS_PAYABLE", remote_updated_at=datetime(2024, 1, 1))
    ok = Invoice(remote_id="1", type="ACCOUNTS_PAYABLE", remote_updated_at="2024-01-01T00:00:00Z")
    assert ok.remote_updated_at.tzinfo is not None


def test_unknown_fields_are_rejected():
    with pytest.raises(ValidationError):
        InvoiceInput(colour="red")


def test_patch_semantics():
    patch = InvoiceInput.model_validate({"reference": "PO-1", "due_date": None})
    assert patch.changes() == {"reference": "PO-1", "due_date": None}
    assert patch.model_dump(exclude_unset=True) == {"reference": "PO-1", "due_date": None}
    assert patch.missing_for_create() == ["type", "contact_remote_id"]
    assert ContactInput(name="Acme").missing_for_create() == []
    assert "line_items" in InvoiceInput.writable_fields()
    # Which list a QuickBooks contact is created in; Xero refuses them (it derives them).
    assert "is_customer" in ContactInput.writable_fields()
    assert "status_raw" not in ContactInput.writable_fields()


def test_json_input_keeps_decimal_digits():
    data = InvoiceInput.model_validate_json(
        '{"type": "ACCOUNTS_RECEIVABLE", "line_items": [{"unit_price": "19.9999", "quantity": 2}]}'
    )
    assert data.line_items[0].unit_price == Decimal("19.9999")


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_money_json_round_trip(value):
    inv = Invoice(remote_id="1", type="ACCOUNTS_RECEIVABLE", total_amount=value)
    back = Invoice.model_validate_json(inv.model_dump_json())
    assert back.total_amount == value and type(back.total_amount) is Decimal

"""Xero payloads (recorded fixtures) in, golden unified records out; and back."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from connectors.jsonutil import dumps, loads
from connectors.xero import mappers
from connectors.xero.dates import format_ms_date
from unified_models import (
    Address,
    AddressType,
    ContactInput,
    ContactStatus,
    InvoiceInput,
    InvoiceStatus,
    InvoiceType,
    PaymentInput,
    PaymentStatus,
    PaymentType,
    PhoneNumber,
    PhoneNumberType,
    RelatedObjectType,
    TaxTreatment,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "xero"
GOLDEN = FIXTURES / "golden"

READERS = {
    "Invoices": mappers.invoice_from_xero,
    "Contacts": mappers.contact_from_xero,
    "Payments": mappers.payment_from_xero,
}


def load(name: str) -> Any:
    return loads((FIXTURES / f"{name}.json").read_bytes())


def golden_cases() -> list[str]:
    return sorted(
        p.stem
        for p in FIXTURES.glob("*.json")
        if any(k in loads(p.read_bytes()) for k in READERS) and not p.stem.endswith("_request")
    )


def _dump(record: Any) -> dict[str, Any]:
    return record.model_dump(mode="json", exclude={"remote_data"})


@pytest.mark.parametrize("name", golden_cases())
def test_fixture_maps_to_golden(name: str) -> None:
    body = load(name)
    (key,) = [k for k in READERS if k in body]
    records = [READERS[key](row) for row in body[key]]
    got = [_dump(r) for r in records]
    golden_path = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDENS"):
        golden_path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
    assert golden_path.exists(), f"no golden for {name}: review, then run with UPDATE_GOLDENS=1"
    assert got == json.loads(golden_path.read_text())
    for record, row in zip(records, body[key], strict=True):
        assert record.remote_data == row


def test_invoice_fields() -> None:
    raw = load("openapi_get_invoice")["Invoices"][0]
    inv = mappers.invoice_from_xero(raw)
    assert inv.type is InvoiceType.ACCOUNTS_RECEIVABLE
    assert inv.remote_id == "a03ffcd2-5d91-4c7e-b483-318584e9e439"
    assert inv.number == "INV-0006"
    assert inv.contact_remote_id == "430fa14a-f945-44d3-9f97-5df5e28441b8"
    assert inv.issue_date == date(2019, 3, 7)
    assert inv.due_date == date(2019, 3, 13)
    assert inv.status is InvoiceStatus.PAID and inv.status_raw == "PAID"
    assert inv.tax_treatment is TaxTreatment.EXCLUSIVE
    assert inv.total_amount == Decimal("148062.76")
    assert inv.currency == "NZD"
    assert inv.remote_updated_at is not None and inv.remote_updated_at.tzinfo is not None
    line = inv.line_items[0]
    assert line.item_code == "123" and line.account_code == "200"
    assert line.unit_price == Decimal("148062.76") and line.quantity == Decimal("1.0")
    assert line.tax_rate_remote_id == "NONE"
    assert inv.payment_remote_ids == ["38928000-e9a0-420c-8884-f624bab2a351"]
    js = inv.model_dump(mode="json")
    assert js["total_amount"] == "148062.76" and js["issue_date"] == "2019-03-07"


@pytest.mark.parametrize(
    ("raw_status", "amount_paid", "expected", "deleted"),
    [
        ("DRAFT", "0", InvoiceStatus.DRAFT, False),
        ("SUBMITTED", "0", InvoiceStatus.SUBMITTED, False),
        ("AUTHORISED", "0", InvoiceStatus.OPEN, False),
        ("AUTHORISED", "0.01", InvoiceStatus.PARTIALLY_PAID, False),
        ("PAID", "10", InvoiceStatus.PAID, False),
        ("VOIDED", "0", InvoiceStatus.VOID, False),
        ("DELETED", "0", None, True),
    ],
)
def test_invoice_status_map(raw_status, amount_paid, expected, deleted) -> None:
    raw = {
        "InvoiceID": "i",
        "Type": "ACCPAY",
        "Status": raw_status,
        "AmountPaid": Decimal(amount_paid),
    }
    inv = mappers.invoice_from_xero(raw)
    assert inv.type is InvoiceType.ACCOUNTS_PAYABLE
    assert inv.status == expected
    assert inv.status_raw == raw_status
    assert inv.remote_was_deleted is deleted


def test_contact_addresses_and_phones() -> None:
    raw = load("openapi_get_contact")["Contacts"][0]
    c = mappers.contact_from_xero(raw)
    assert c.name == "Acme Parts Co." and c.status is ContactStatus.ACTIVE
    assert c.is_customer and c.is_supplier and c.currency == "USD"
    by_type = {a.type: a for a in c.addresses}
    assert by_type[AddressType.BILLING].street_1 == "1234 Fake Street"  # POBOX
    assert by_type[AddressType.BILLING].attention_to == "Blake"
    assert by_type[AddressType.SHIPPING].street_1 == "123 Fake Street"  # STREET
    assert by_type[AddressType.SHIPPING].country is None  # "" → null
    assert {p.type for p in c.phone_numbers} == set(PhoneNumberType)
    direct = next(p for p in c.phone_numbers if p.type is PhoneNumberType.DIRECT)
    assert (direct.number, direct.area_code, direct.country_code) == ("489-44493", "345", "4")


def test_empty_xero_address_and_phone_slots_are_dropped() -> None:
    raw = load("openapi_get_invoice")["Invoices"][0]["Contact"]
    c = mappers.contact_from_xero(raw)
    assert [a.type for a in c.addresses] == [AddressType.BILLING]
    assert PhoneNumberType.DIRECT not in {p.type for p in c.phone_numbers}


def test_payments() -> None:
    rows = load("openapi_get_payments")["Payments"]
    first, credit = (mappers.payment_from_xero(r) for r in rows[:2])
    assert first.type is PaymentType.ACCOUNTS_RECEIVABLE and first.status is PaymentStatus.POSTED
    assert first.total_amount == Decimal("46.0")
    assert first.account_remote_id == "5690f1e8-1d02-4893-90c2-ee1a69eff942"
    assert first.account_code == "970"
    assert first.contact_remote_id == "a3675fc4-f8dd-4f03-ba5b-f1870566bcd7"
    assert first.currency == "NZD"
    (applied,) = first.applied_to
    assert applied.related_object_type is RelatedObjectType.INVOICE
    assert applied.related_object_remote_id == "046d8a6d-1ae1-4b4d-9340-5601bdf41b87"
    assert applied.applied_amount == Decimal("46.0")
    assert credit.applied_to[0].related_object_type is RelatedObjectType.CREDIT_NOTE


def test_deleted_payment_is_void() -> None:
    raw = load("openapi_delete_payment")["Payments"][0]
    p = mappers.payment_from_xero(raw)
    assert raw["Status"] == "DELETED"
    assert p.status is PaymentStatus.VOID and not p.remote_was_deleted


def test_money_is_never_float() -> None:
    for name in golden_cases():
        body = load(name)
        (key,) = [k for k in READERS if k in body]
        for row in body[key]:
            _assert_no_float(READERS[key](row).model_dump())


def _assert_no_float(value: Any) -> None:
    assert not isinstance(value, float), value
    if isinstance(value, dict):
        for v in value.values():
            _assert_no_float(v)
    elif isinstance(value, list):
        for v in value:
            _assert_no_float(v)


# -- writes ------------------------------------------------------------------------------------
def test_invoice_input_to_xero_sends_only_set_fields() -> None:
    data = InvoiceInput(
        type=InvoiceType.ACCOUNTS_RECEIVABLE,
        contact_remote_id="c-1",
        issue_date=date(2024, 1, 31),
        tax_treatment=TaxTreatment.INCLUSIVE,
        status=InvoiceStatus.OPEN,
        line_items=[
            {
                "description": "Widget",
                "quantity": "3",
                "unit_price": "9.9999",
                "account_code": "200",
            }
        ],
    )
    body = mappers.invoice_to_xero(data)
    assert body == {
        "Type": "ACCREC",
        "Contact": {"ContactID": "c-1"},
        "Date": "2024-01-31",
        "LineAmountTypes": "Inclusive",
        "Status": "AUTHORISED",
        "LineItems": [
            {
                "Description": "Widget",
                "Quantity": Decimal("3"),
                "UnitAmount": Decimal("9.9999"),
                "AccountCode": "200",
            }
        ],
    }
    assert dumps(body).count(b"9.9999") == 1
    patch = InvoiceInput(reference="PO-7")
    assert mappers.invoice_to_xero(patch, remote_id="i-1") == {
        "InvoiceID": "i-1",
        "Reference": "PO-7",
    }


def test_contact_input_to_xero() -> None:
    data = ContactInput(
        name="Acme",
        email_address="a@example.com",
        addresses=[Address(type=AddressType.BILLING, street_1="1 Main", street_2="Unit 2\nBldg 3")],
        phone_numbers=[PhoneNumber(type=PhoneNumberType.MOBILE, number="555", area_code="02")],
    )
    assert mappers.contact_to_xero(data) == {
        "Name": "Acme",
        "EmailAddress": "a@example.com",
        "Addresses": [
            {
                "AddressType": "POBOX",
                "AddressLine1": "1 Main",
                "AddressLine2": "Unit 2",
                "AddressLine3": "Bldg 3",
            }
        ],
        "Phones": [{"PhoneType": "MOBILE", "PhoneNumber": "555", "PhoneAreaCode": "02"}],
    }


def test_payment_input_to_xero() -> None:
    data = PaymentInput(
        transaction_date=date(2024, 2, 1),
        account_code="090",
        reference="thanks",
        applied_to=[{"related_object_remote_id": "inv-1", "applied_amount": "12.50"}],
    )
    assert mappers.payment_to_xero(data) == {
        "Invoice": {"InvoiceID": "inv-1"},
        "Amount": Decimal("12.50"),
        "Account": {"Code": "090"},
        "Date": "2024-02-01",
        "Reference": "thanks",
    }


def test_openapi_create_request_examples_read_back() -> None:
    """The request examples are valid Xero bodies: our reader understands them."""
    for row in load("openapi_create_invoices_request")["Invoices"]:
        row.setdefault("InvoiceID", "new")
        inv = mappers.invoice_from_xero(row)
        assert inv.line_items and all(isinstance(li.quantity, Decimal) for li in inv.line_items)


# -- validation errors -------------------------------------------------------------------------
def test_validation_details_from_recorded_400() -> None:
    body = load("openapi_create_contacts_400")
    assert mappers.validation_details(body, "contact") == [
        {
            "field": "name",
            "message": "The contact name Buzz Lightyear is already assigned to another contact. "
            "The contact name must be unique across all active contacts.",
        }
    ]


def test_validation_details_line_items() -> None:
    body = {
        "ErrorNumber": 10,
        "Type": "ValidationException",
        "Message": "A validation exception occurred",
        "Elements": [
            {
                "ValidationErrors": [
                    {"Message": "Email address must be valid."},
                    {"Message": "Invoice # must be unique."},
                    {"Message": "Due Date must be after Date"},
                ],
                "LineItems": [
                    {"ValidationErrors": []},
                    {
                        "ValidationErrors": [
                            {"Message": "Account code '999' is not valid for this document."},
                            {"Message": "Quantity must be a positive number"},
                            {"Message": "Something odd"},
                        ]
                    },
                ],
            }
        ],
    }
    fields = [d["field"] for d in mappers.validation_details(body, "invoice")]
    assert fields == [
        "",  # the record as a whole: the error envelope's field is always a string
        "number",
        "due_date",
        "line_items[1].account_code",
        "line_items[1].quantity",
        "line_items[1]",
    ]


def test_dates_are_aware_and_exact() -> None:
    raw = {"ContactID": "c", "UpdatedDateUTC": "/Date(1551459777193+0000)/"}
    c = mappers.contact_from_xero(raw)
    assert c.remote_updated_at == datetime(2019, 3, 1, 17, 2, 57, 193000, tzinfo=UTC)
    assert format_ms_date(c.remote_updated_at) == "/Date(1551459777193+0000)/"


def test_sandbox_recorded_400_maps_to_unified_paths() -> None:
    body = load("sandbox_put_invoice_400")
    assert mappers.validation_details(body, "invoice") == [
        {"field": "due_date", "message": "Due Date is mandatory for approved invoices"},
        {
            "field": "line_items[0].account_code",
            "message": "Account code 'NOPE' is not a valid code for this document.",
        },
    ]


def test_sandbox_recorded_pages_map_consistently() -> None:
    for name, key in (
        ("sandbox_get_invoices", "Invoices"),
        ("sandbox_get_contacts", "Contacts"),
        ("sandbox_get_payments", "Payments"),
    ):
        body = load(name)
        assert body["pagination"]["itemCount"] == len(body[key])
        for row in body[key]:
            record = READERS[key](row)
            assert record.remote_updated_at is not None and record.remote_updated_at.tzinfo
            if key == "Invoices":
                assert record.balance == Decimal(str(row["AmountDue"]))
                if row["Status"] == "AUTHORISED" and row["AmountPaid"] > 0:
                    assert record.status is InvoiceStatus.PARTIALLY_PAID


def test_xero_refuses_the_contact_roles_it_derives() -> None:
    """``is_customer``/``is_supplier`` choose a QuickBooks list; Xero sets them itself from the
    contact's transactions, so a write naming them is refused (never silently dropped)."""
    from connectors.errors import ValidationFailed
    from connectors.xero.connector import XeroConnector

    connector = XeroConnector.__new__(XeroConnector)

    class _Provider:
        @staticmethod
        def input_model(model: str):
            return ContactInput

    connector.provider = _Provider()  # type: ignore[assignment]
    with pytest.raises(ValidationFailed) as caught:
        connector._check_input("contact", ContactInput(name="Acme", is_supplier=False))
    assert caught.value.details == [
        {"field": "is_supplier", "message": "Xero sets it from the contact's transactions."}
    ]
    assert connector._check_input("contact", ContactInput(name="Acme")).name == "Acme"

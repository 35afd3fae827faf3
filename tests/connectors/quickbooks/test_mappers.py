"""QuickBooks payloads (recorded fixtures) in, golden unified records out."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from connectors.jsonutil import loads
from connectors.quickbooks import mappers, mappers_credit, spec
from unified_models import (
    AddressType,
    ContactStatus,
    InvoiceStatus,
    InvoiceType,
    PaymentStatus,
    PaymentType,
    PhoneNumberType,
    RelatedObjectType,
    TaxTreatment,
)

FIXTURES = Path(__file__).parents[2] / "fixtures" / "quickbooks"
GOLDEN = FIXTURES / "golden"

READERS = {
    "Invoice": mappers.invoice_from_qbo,
    "Bill": mappers.bill_from_qbo,
    "Customer": mappers.customer_from_qbo,
    "Vendor": mappers.vendor_from_qbo,
    "Payment": mappers.payment_from_qbo,
    "BillPayment": mappers.bill_payment_from_qbo,
    "CreditMemo": mappers_credit.credit_memo_from_qbo,
    "VendorCredit": mappers_credit.vendor_credit_from_qbo,
    "RefundReceipt": mappers_credit.refund_receipt_from_qbo,
}


def load(name: str) -> Any:
    return loads((FIXTURES / f"{name}.json").read_bytes())


def rows_of(body: Any) -> tuple[str, list[dict[str, Any]]]:
    """A query response (``QueryResponse.{Entity}[]``) or a read by id (``{Entity: {...}}``)."""
    holder = body.get("QueryResponse", body)
    (entity,) = [k for k in READERS if k in holder]
    rows = holder[entity]
    return entity, rows if isinstance(rows, list) else [rows]


def one(name: str) -> dict[str, Any]:
    return rows_of(load(name))[1][0]


def golden_cases() -> list[str]:
    return sorted(
        p.stem for p in FIXTURES.glob("*.json") if p.stem.startswith(("sandbox_", "intuit_"))
    )


def _dump(record: Any) -> dict[str, Any]:
    return record.model_dump(mode="json", exclude={"remote_data"})


@pytest.mark.parametrize("name", golden_cases())
def test_fixture_maps_to_golden(name: str) -> None:
    entity, rows = rows_of(load(name))
    records = [READERS[entity](row) for row in rows]
    got = [_dump(r) for r in records]
    golden_path = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDENS"):
        golden_path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
    assert golden_path.exists(), f"no golden for {name}: review, then run with UPDATE_GOLDENS=1"
    assert got == json.loads(golden_path.read_text())
    for record, row in zip(records, rows, strict=True):
        assert record.remote_data == row


def test_every_entity_has_a_recorded_fixture() -> None:
    covered = {rows_of(load(name))[0] for name in golden_cases()}
    assert covered == set(READERS)


def test_remote_ids_carry_the_part_prefix_the_spec_declares() -> None:
    """The spec routes get() by prefix; the mappers must produce exactly those prefixes."""
    by_entity = {
        part.query.entity: part for resource in spec.RESOURCES.values() for part in resource.parts
    }
    for name in golden_cases():
        entity, rows = rows_of(load(name))
        part = by_entity[entity]
        for row in rows:
            record = part.to_unified(row)
            assert record.remote_id == f"{part.id_prefix}{row['Id']}"
            assert spec.RESOURCES[part.model].source_for(record.remote_id) == (part, row["Id"])


def test_remote_ids_are_unique_across_the_entities_of_a_model() -> None:
    """The sandbox numbers ids per entity (Invoice 1 and Bill 1 both exist)."""
    for model, resource in spec.RESOURCES.items():
        seen: list[str] = []
        for part in resource.parts:
            stem = f"sandbox_query_{part.query.entity.lower()}"
            # the documents', the reference data's and the bank activity's recordings
            name = next(
                n
                for n in (
                    stem,
                    f"reference_{stem}",
                    f"bank_{stem.replace('sandbox_', 'sandbox_us_')}",
                )
                if (FIXTURES / f"{n}.json").exists()
            )
            body = load(name)
            rows = body.get("QueryResponse", body)[part.query.entity]
            seen += [part.to_unified(r).remote_id for r in rows]
        assert len(seen) == len(set(seen)), model
    assert {"1", "Bill:1"} <= {
        mappers.invoice_from_qbo(one("sandbox_query_invoice")).remote_id,
        mappers.bill_from_qbo(one("sandbox_query_bill")).remote_id,
    }


def _by_number(name: str, reader, number: str):
    _, rows = rows_of(load(name))
    return reader(next(r for r in rows if r.get("DocNumber") == number))


def test_invoice_fields_and_derived_status() -> None:
    inv = _by_number("sandbox_query_invoice", mappers.invoice_from_qbo, "1003")
    assert inv.type is InvoiceType.ACCOUNTS_RECEIVABLE
    assert (inv.remote_id, inv.number, inv.contact_remote_id) == ("3", "1003", "3")
    assert inv.issue_date == date(2025, 1, 11) and inv.due_date == date(2025, 2, 10)
    assert inv.total_amount == Decimal("473.94") and inv.balance == Decimal("273.94")
    assert inv.amount_paid == Decimal("200.00")
    assert inv.status is InvoiceStatus.PARTIALLY_PAID and inv.status_raw is None
    assert inv.sub_total == Decimal("455.5") and inv.total_tax_amount == Decimal("18.44")
    assert inv.currency == "USD" and inv.payment_remote_ids == ["2"]
    first = inv.line_items[0]
    assert (first.remote_id, first.item_remote_id, first.tax_rate_remote_id) == ("1", "4", "TAX")
    assert first.quantity == 2 and first.unit_price == Decimal("115.25")
    assert first.total_amount == Decimal("230.5") and first.account_remote_id == "1"
    assert inv.remote_updated_at == datetime(2025, 2, 13, 12, 13, tzinfo=UTC)

    statuses = {
        number: _by_number("sandbox_query_invoice", mappers.invoice_from_qbo, number).status
        for number in ("1001", "1002", "1003", "1004")
    }
    assert statuses == {
        "1001": InvoiceStatus.OPEN,
        "1002": InvoiceStatus.PAID,
        "1003": InvoiceStatus.PARTIALLY_PAID,
        "1004": InvoiceStatus.VOID,
    }


def test_discount_group_and_description_lines() -> None:
    discounted = _by_number("sandbox_query_invoice", mappers.invoice_from_qbo, "1005")
    assert discounted.total_discount == Decimal("37.0") and discounted.sub_total == Decimal("370.0")
    assert len(discounted.line_items) == 2  # the subtotal and discount lines are not items
    grouped = _by_number("sandbox_query_invoice", mappers.invoice_from_qbo, "1006")
    assert [li.description for li in grouped.line_items] == ["Landscape plan", "Pond pump"]
    described = _by_number("sandbox_query_invoice", mappers.invoice_from_qbo, "1007")
    assert described.line_items[-1].description == "Work done on Saturday, March 1"
    assert described.line_items[-1].total_amount is None


def test_foreign_currency_invoice() -> None:
    inv = _by_number("sandbox_query_invoice", mappers.invoice_from_qbo, "1008")
    assert inv.currency == "CAD" and inv.exchange_rate == Decimal("0.7412")


def test_voided_invoice_from_intuits_example_shape() -> None:
    inv = mappers.invoice_from_qbo(one("intuit_read_invoice_voided"))
    assert inv.status is InvoiceStatus.VOID and inv.total_amount == 0 and inv.amount_paid == 0
    assert inv.memo == "Thank you for your business!"
    assert inv.remote_updated_at == datetime(2025, 3, 29, 21, 15, 4, tzinfo=UTC)


def test_bill_is_an_accounts_payable_invoice() -> None:
    bill = mappers.bill_from_qbo(one("intuit_read_bill_foreign"))
    assert bill.type is InvoiceType.ACCOUNTS_PAYABLE
    assert (bill.remote_id, bill.contact_remote_id) == ("Bill:288", "Vendor:61")
    assert bill.status is InvoiceStatus.PARTIALLY_PAID and bill.amount_paid == Decimal("1000.0")
    assert bill.currency == "EUR" and bill.exchange_rate == Decimal("1.0834")
    assert bill.tax_treatment is TaxTreatment.EXCLUSIVE
    assert bill.memo == "Lighting for the Oakley lobby" and bill.number == "AL-2025-044"
    assert bill.payment_remote_ids == ["BillPayment:311"]
    expense, item = bill.line_items
    assert expense.account_remote_id == "64" and expense.item_remote_id is None
    # Each QuickBooks class is a tracking category whose one option is itself.
    assert [
        (t.category_remote_id, t.name, t.option, t.option_remote_id)
        for t in expense.tracking_categories
    ] == [("5000000000000042", "Hospitality", "Hospitality", "5000000000000042")]
    assert (item.item_remote_id, item.quantity, item.unit_price) == ("17", 5, Decimal("90.1"))
    assert bill.sub_total == Decimal("1250.5")


def test_customers_and_vendors_are_contacts() -> None:
    _, customers = rows_of(load("sandbox_query_customer"))
    amy = mappers.customer_from_qbo(customers[0])
    assert (amy.remote_id, amy.name, amy.first_name, amy.last_name) == (
        "1",
        "Amy's Bird Sanctuary",
        "Amy",
        "Lauterbach",
    )
    assert amy.is_customer and not amy.is_supplier and amy.status is ContactStatus.ACTIVE
    assert amy.email_address == "birds@intuit.example" and amy.currency == "USD"
    (billing,) = amy.addresses
    assert (billing.type, billing.street_1, billing.city, billing.region) == (
        AddressType.BILLING,
        "4581 Finch St.",
        "Bayshore",
        "CA",
    )
    assert [(p.type, p.number) for p in amy.phone_numbers] == [
        (PhoneNumberType.DEFAULT, "(650) 555-3311")
    ]
    inactive = [mappers.customer_from_qbo(c) for c in customers if c["Active"] is False]
    assert [c.status for c in inactive] == [ContactStatus.ARCHIVED]

    _, vendors = rows_of(load("sandbox_query_vendor"))
    insurer = mappers.vendor_from_qbo(vendors[0])
    assert insurer.remote_id == "Vendor:1" and insurer.is_supplier and not insurer.is_customer
    assert insurer.account_number == "7653412"
    lumber = mappers.vendor_from_qbo(vendors[1])
    assert lumber.tax_number == "XXXXXX1111"


def test_payments_and_bill_payments() -> None:
    pay = mappers.payment_from_qbo(one("intuit_read_payment_with_credit"))
    assert pay.type is PaymentType.ACCOUNTS_RECEIVABLE and pay.status is PaymentStatus.POSTED
    assert (pay.remote_id, pay.contact_remote_id, pay.account_remote_id) == ("163", "20", "4")
    assert pay.reference == "1712" and pay.total_amount == 65
    assert [
        (a.related_object_type, a.related_object_remote_id, a.applied_amount)
        for a in pay.applied_to
    ] == [(RelatedObjectType.INVOICE, "67", 75), (RelatedObjectType.CREDIT_NOTE, "73", 10)]

    _, payments = rows_of(load("sandbox_query_payment"))
    mapped = [mappers.payment_from_qbo(p) for p in payments]
    assert [p.status for p in mapped].count(PaymentStatus.VOID) == 1
    unapplied = next(p for p in mapped if p.reference == "CASH")
    assert unapplied.applied_to == []
    split = next(p for p in mapped if p.reference == "5530")
    assert [a.related_object_remote_id for a in split.applied_to] == ["7", "9"]

    _, bill_payments = rows_of(load("sandbox_query_billpayment"))
    check, _, card = [mappers.bill_payment_from_qbo(p) for p in bill_payments]
    assert check.type is PaymentType.ACCOUNTS_PAYABLE and check.remote_id == "BillPayment:1"
    assert check.contact_remote_id == "Vendor:2" and check.account_remote_id == "35"
    assert check.applied_to[0].related_object_remote_id == "Bill:2"
    assert check.reference == "6001"
    assert card.account_remote_id == "41"


def test_status_rules() -> None:
    base = {"TotalAmt": Decimal("100.00")}
    assert mappers.document_status({**base, "Balance": Decimal("100.00")}) is InvoiceStatus.OPEN
    assert mappers.document_status({**base, "Balance": Decimal("0.01")}) is (
        InvoiceStatus.PARTIALLY_PAID
    )
    assert mappers.document_status({**base, "Balance": 0}) is InvoiceStatus.PAID
    assert mappers.document_status({"TotalAmt": 0, "Balance": 0}) is InvoiceStatus.PAID
    voided = {"TotalAmt": 0, "Balance": 0, "PrivateNote": "Voided - was 1067"}
    assert mappers.document_status(voided) is InvoiceStatus.VOID
    # a note that merely starts with the word does not void a document with money on it
    assert mappers.document_status({**base, "Balance": 100, "PrivateNote": "Voided?"}) is (
        InvoiceStatus.OPEN
    )


def test_query_times() -> None:
    when = datetime(2025, 2, 13, 12, 13, 59, 999_999, tzinfo=UTC)
    assert mappers.format_query_time(when) == "2025-02-13T12:13:59+00:00"
    assert mappers.parse_datetime("2025-02-13T04:13:00-08:00") == datetime(
        2025, 2, 13, 12, 13, tzinfo=UTC
    )
    assert mappers.parse_date("2025-02-13-08:00") == date(2025, 2, 13)


def test_amounts_follow_the_one_money_rule():
    """QuickBooks writes ``435.0`` and ``0``; unified amounts carry the currency's minor units
    (as Xero's do), unit prices and quantities keep their own precision."""
    raw = {
        "Id": "9",
        "CurrencyRef": {"value": "USD"},
        "TotalAmt": Decimal("435.0"),
        "Balance": 0,
        "TxnTaxDetail": {"TotalTax": 0},
        "Line": [
            {
                "Id": "1",
                "Amount": Decimal("435.0"),
                "DetailType": "SalesItemLineDetail",
                "SalesItemLineDetail": {"Qty": Decimal("3"), "UnitPrice": Decimal("145")},
            }
        ],
    }
    record = mappers.invoice_from_qbo(raw).model_dump(mode="json")
    assert (record["total_amount"], record["balance"], record["amount_paid"]) == (
        "435.00",
        "0.00",
        "435.00",
    )
    assert (record["sub_total"], record["total_tax_amount"]) == ("435.00", "0.00")
    (line,) = record["line_items"]
    assert (line["total_amount"], line["unit_price"], line["quantity"]) == ("435.00", "145", "3")
    yen = mappers.payment_from_qbo(
        {
            "Id": "3",
            "CurrencyRef": {"value": "JPY"},
            "TotalAmt": Decimal("5000.0"),
            "Line": [{"Amount": 5000, "LinkedTxn": [{"TxnId": "9", "TxnType": "Invoice"}]}],
        }
    ).model_dump(mode="json")
    assert yen["total_amount"] == "5000.0" and yen["applied_to"][0]["applied_amount"] == "5000"


def test_departments_tag_every_line_and_classes_their_own():
    (invoice,) = [
        mappers.invoice_from_qbo(r)
        for r in rows_of(load("sandbox_query_invoice"))[1]
        if r["DocNumber"] == "1003"
    ]
    for line in invoice.line_items:
        assert [t.model_dump() for t in line.tracking_categories] == [
            {
                "category": None,
                "category_remote_id": "5000000000000021",
                "name": "Landscaping:Irrigation",
                "option": "Landscaping:Irrigation",
                "option_remote_id": "5000000000000021",
            },
            {
                "category": None,
                "category_remote_id": "Department:3",
                "name": "Half Moon Bay:Harbor Office",
                "option": "Half Moon Bay:Harbor Office",
                "option_remote_id": "3",
            },
        ]

"""Credit notes' ``applied_to`` from the payments that apply them, and the payment an allocation
writes (pure functions of ``mappers_credit``), against recorded sandbox and Intuit payloads."""

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
from connectors.quickbooks.mappers_credit import (
    allocation_to_qbo,
    applications_from_payments,
    credit_memo_from_qbo,
    vendor_credit_from_qbo,
)

FIXTURES = Path(__file__).parents[2] / "fixtures" / "quickbooks"


def query_rows(name: str, entity: str) -> list[dict[str, Any]]:
    body = loads((FIXTURES / f"{name}.json").read_bytes())
    return body["QueryResponse"].get(entity, [])


def joined() -> list[dict[str, Any]]:
    """The recorded credits with their applications, as the connector joins them."""
    payments = [("Payment", p) for p in query_rows("credit_sandbox_query_payment", "Payment")]
    payments += [
        ("BillPayment", p) for p in query_rows("credit_sandbox_query_billpayment", "BillPayment")
    ]
    found = applications_from_payments(payments)
    notes = [
        credit_memo_from_qbo(r) for r in query_rows("credit_sandbox_query_creditmemo", "CreditMemo")
    ]
    notes += [
        vendor_credit_from_qbo(r)
        for r in query_rows("credit_sandbox_query_vendorcredit", "VendorCredit")
    ]
    out = []
    for note in notes:
        applied = found.get(note.remote_id or "", [])
        note = note.model_validate({**note.model_dump(), "applied_to": applied})
        out.append(note.model_dump(mode="json", exclude={"remote_data"}))
    return out


def test_recorded_applications_map_to_golden() -> None:
    got = joined()
    golden = FIXTURES / "golden" / "credit_sandbox_applied.json"
    if os.environ.get("UPDATE_GOLDENS"):
        golden.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
    assert got == json.loads(golden.read_text())
    by_id = {n["remote_id"]: n for n in got}
    # Every credit's applications add up to the credit it has used.
    for note in got:
        used = sum((Decimal(a["applied_amount"]) for a in note["applied_to"]), Decimal(0))
        assert used == Decimal(note["applied_amount"]), note["remote_id"]
    # The seeded half-applied memo, the memo and vendor credit the recorder applied.
    assert [(a["invoice_remote_id"], a["applied_amount"]) for a in by_id["2"]["applied_to"]] == [
        ("1", "43.20")
    ]
    (memo,) = by_id["1"]["applied_to"]
    assert memo == {
        "remote_id": "7",
        "invoice": None,
        "invoice_remote_id": "10",
        "applied_amount": "30.00",
        "applied_date": "2025-03-01",
    }
    assert by_id["1"]["status"] == "PARTIALLY_APPLIED"
    (supplier,) = by_id["VendorCredit:1"]["applied_to"]
    assert supplier["invoice_remote_id"] == "Bill:1" and supplier["remote_id"].startswith(
        "BillPayment:"
    )
    assert by_id["VendorCredit:1"]["status"] == "APPLIED"
    assert by_id["3"]["applied_to"] == []


def test_intuits_payment_with_cash_and_credit() -> None:
    """Intuit's own example: 75 on invoice 67, paid 65 in money and 10 from credit memo 73."""
    raw = loads((FIXTURES / "intuit_read_payment_with_credit.json").read_bytes())["Payment"]
    found = applications_from_payments([("Payment", raw)])
    assert found == {
        "73": [
            {
                "remote_id": "163",
                "invoice_remote_id": "67",
                "applied_amount": Decimal("10.00"),
                "applied_date": date(2025, 4, 14),
            }
        ]
    }


def _line(value: str, *links: tuple[str, str]) -> dict[str, Any]:
    return {
        "Amount": Decimal(value),
        "LinkedTxn": [{"TxnId": i, "TxnType": t} for t, i in links],
    }


def test_credits_spread_over_invoices_in_line_order() -> None:
    raw = {
        "Id": "9",
        "TxnDate": "2025-05-01",
        "TotalAmt": Decimal("5"),
        "CurrencyRef": {"value": "USD"},
        "Line": [
            _line("30", ("Invoice", "1")),
            _line("25", ("Invoice", "2")),
            _line("40", ("CreditMemo", "7")),
            _line("10", ("CreditMemo", "8")),
            _line("0", ("CreditMemo", "9")),  # voided / empty lines link nothing
        ],
    }
    found = applications_from_payments([("Payment", raw)])
    assert {
        k: [(a["invoice_remote_id"], str(a["applied_amount"])) for a in v] for k, v in found.items()
    } == {
        "7": [("1", "30.00"), ("2", "10.00")],
        "8": [("2", "10.00")],
    }


def test_a_line_linking_both_pairs_them_and_bill_payments_use_prefixes() -> None:
    raw = {
        "Id": "4",
        "TxnDate": "2025-05-02",
        "TotalAmt": Decimal("0"),
        "Line": [_line("12.5", ("Bill", "3"), ("VendorCredit", "2"))],
    }
    (only,) = applications_from_payments([("BillPayment", raw)])["VendorCredit:2"]
    assert only["invoice_remote_id"] == "Bill:3" and only["remote_id"] == "BillPayment:4"
    assert only["applied_amount"] == Decimal("12.50")
    assert applications_from_payments([("Deposit", raw)]) == {}


def test_allocation_bodies() -> None:
    body = allocation_to_qbo(
        receivable=True,
        credit_id="2",
        invoice_id="10",
        contact_id="1",
        value=Decimal("5"),
        currency="USD",
        txn_date=date(2026, 11, 6),
    )
    assert body == {
        "CustomerRef": {"value": "1"},
        "TotalAmt": Decimal("0.00"),
        "Line": [
            {"Amount": Decimal("5.00"), "LinkedTxn": [{"TxnId": "10", "TxnType": "Invoice"}]},
            {"Amount": Decimal("5.00"), "LinkedTxn": [{"TxnId": "2", "TxnType": "CreditMemo"}]},
        ],
        "CurrencyRef": {"value": "USD"},
        "TxnDate": "2026-11-06",
    }
    bill = allocation_to_qbo(
        receivable=False,
        credit_id="1",
        invoice_id="4",
        contact_id="1",
        value=Decimal("1.5"),
        currency=None,
        txn_date=None,
        bank_account_id="35",
    )
    assert bill["VendorRef"] == {"value": "1"} and bill["PayType"] == "Check"
    assert bill["CheckPayment"] == {"BankAccountRef": {"value": "35"}}
    assert [line["LinkedTxn"][0]["TxnType"] for line in bill["Line"]] == ["Bill", "VendorCredit"]
    assert "TxnDate" not in bill and "CurrencyRef" not in bill
    with pytest.raises(ValidationFailed):
        allocation_to_qbo(
            receivable=False,
            credit_id="1",
            invoice_id="4",
            contact_id="1",
            value=Decimal("1"),
            currency=None,
            txn_date=None,
        )

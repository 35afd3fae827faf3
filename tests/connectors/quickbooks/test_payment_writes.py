"""Payments written to QuickBooks: the Payment / BillPayment bodies (goldens), and the connector
against the sandbox: the side and contact from the documents paid, refusals before any write,
delete with the current SyncToken."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from connectors.errors import ValidationFailed
from connectors.quickbooks.mappers_payment import payment_to_qbo
from tests.connectors.quickbooks.test_sandbox import link
from unified_models import PaymentInput, PaymentStatus, PaymentType

D = Decimal


def applied(*pairs, **fields) -> PaymentInput:
    return PaymentInput.model_validate(
        {
            "transaction_date": "2026-11-10",
            "applied_to": [
                {"related_object_remote_id": rid, "applied_amount": amount} for rid, amount in pairs
            ],
            **fields,
        }
    )


def test_a_payment_body():
    data = applied(("10", "100"), ("12", "20.5"), total_amount="150", reference="CHK-9")
    body = payment_to_qbo(
        data,
        receivable=True,
        contact_id="1",
        lines=[("10", D("100")), ("12", D("20.5"))],
        currency="USD",
        account_id="35",
    )
    assert body == {
        "CustomerRef": {"value": "1"},
        "TotalAmt": D("150.00"),
        "Line": [
            {"Amount": D("100.00"), "LinkedTxn": [{"TxnId": "10", "TxnType": "Invoice"}]},
            {"Amount": D("20.50"), "LinkedTxn": [{"TxnId": "12", "TxnType": "Invoice"}]},
        ],
        "CurrencyRef": {"value": "USD"},
        "TxnDate": "2026-11-10",
        "PaymentRefNum": "CHK-9",
        "DepositToAccountRef": {"value": "35"},
    }
    # No account: QuickBooks deposits to Undeposited Funds; the total is the lines'.
    plain = payment_to_qbo(
        applied(("10", "100")),
        receivable=True,
        contact_id="1",
        lines=[("10", D("100"))],
        currency=None,
        account_id=None,
    )
    assert "DepositToAccountRef" not in plain and plain["TotalAmt"] == D("100.00")
    assert "CurrencyRef" not in plain


def test_bill_payment_bodies_by_check_and_by_card():
    data = applied(("Bill:1", "41.23"), reference="CHK-100", exchange_rate="0.7412")
    check = payment_to_qbo(
        data,
        receivable=False,
        contact_id="1",
        lines=[("1", D("41.23"))],
        currency="CAD",
        account_id="91",
    )
    assert check == {
        "VendorRef": {"value": "1"},
        "TotalAmt": D("41.23"),
        "Line": [{"Amount": D("41.23"), "LinkedTxn": [{"TxnId": "1", "TxnType": "Bill"}]}],
        "CurrencyRef": {"value": "CAD"},
        "ExchangeRate": D("0.7412"),
        "TxnDate": "2026-11-10",
        "DocNumber": "CHK-100",
        "PayType": "Check",
        "CheckPayment": {"BankAccountRef": {"value": "91"}},
    }
    card = payment_to_qbo(
        data,
        receivable=False,
        contact_id="1",
        lines=[("1", D("41.23"))],
        currency="CAD",
        account_id="41",
        card=True,
    )
    assert card["PayType"] == "CreditCard" and "CheckPayment" not in card
    assert card["CreditCardPayment"] == {"CCAccountRef": {"value": "41"}}


# -- against the sandbox -------------------------------------------------------------------------


@pytest.fixture
def conn(quickbooks_sandbox):
    return link(quickbooks_sandbox).connector()


def test_a_payment_of_an_invoice_and_a_bill_payment_of_a_bill(conn, quickbooks_sandbox):
    ctl = quickbooks_sandbox.control
    payment = conn.create(
        "payment", applied(("10", "100.00"), total_amount="120.00", reference="R-1")
    )
    assert (
        payment.type is PaymentType.ACCOUNTS_RECEIVABLE and payment.status is PaymentStatus.POSTED
    )
    assert (payment.contact_remote_id, payment.total_amount) == ("1", D("120.00"))
    assert payment.reference == "R-1" and payment.transaction_date == date(2026, 11, 10)
    assert payment.account_remote_id == "4"  # Undeposited Funds
    assert [(a.related_object_remote_id, a.applied_amount) for a in payment.applied_to] == [
        ("10", D("100.00"))
    ]
    assert payment.remote_data["UnappliedAmt"] == 20.0
    assert conn.get("invoice", "10").balance == D("320.00")

    bill_payment = conn.create("payment", applied(("Bill:1", "41.23")))
    assert bill_payment.remote_id.startswith("BillPayment:")
    assert bill_payment.type is PaymentType.ACCOUNTS_PAYABLE
    assert bill_payment.contact_remote_id == "Vendor:1"
    raw = bill_payment.remote_data
    assert raw["PayType"] == "Check" and bill_payment.account_remote_id  # a bank account
    assert conn.get("invoice", "Bill:1").balance == D("200.00")

    card = next(a for a in ctl.records("us", "Account") if a["AccountType"] == "Credit Card")
    by_card = conn.create("payment", applied(("Bill:1", "50"), account_remote_id=card["Id"]))
    assert by_card.remote_data["PayType"] == "CreditCard"
    assert by_card.account_remote_id == card["Id"]

    # Delete: the documents get their balance back; the gateway flags the record.
    assert conn.delete("payment", payment.remote_id) is None
    assert conn.delete("payment", bill_payment.remote_id) is None
    assert conn.get("invoice", "10").balance == D("420.00")
    assert conn.get("invoice", "Bill:1").balance == D("191.23")


def _cad_checking(ctl) -> str:
    return next(a["Id"] for a in ctl.records("us", "Account") if a["Name"] == "CAD Checking")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (applied(("10", "420.01")), "applied_to[0].applied_amount", "More than the invoice's"),
        (applied(("10", "0"), ("1", "5")), "applied_to[0].applied_amount", "The amount must be"),
        (applied(("999", "1")), "applied_to[0].related_object_id", "QuickBooks has no such"),
        (applied(("10", "1"), ("Bill:1", "1")), "applied_to[1].related_object_id", "not both"),
        (applied(("10", "1"), ("3", "1")), "applied_to[1].related_object_id", "different contacts"),
        (applied(("10", "10"), total_amount="5"), "total_amount", "Less than what"),
        (applied(("Bill:1", "10"), total_amount="15"), "total_amount", "pays exactly"),
        (applied(("10", "10"), exchange_rate="1.3"), "exchange_rate", "home currency"),
        (applied(("10", "10"), account_code="1010"), "account_code", "by id"),
        (applied(("10", "10"), account_remote_id="1"), "account", "deposited to a bank"),
        (applied(("4", "10")), "applied_to[0].related_object_id", "nothing left to pay"),
        (
            PaymentInput.model_validate(
                {
                    "transaction_date": "2026-11-10",
                    "applied_to": [
                        {"related_object_type": "CREDIT_NOTE", "related_object_remote_id": "1"}
                    ],
                }
            ),
            "applied_to[0].related_object_type",
            "A QuickBooks payment pays invoices and bills",
        ),
    ],
)
def test_refused_before_any_write(conn, quickbooks_sandbox, data, field, message):
    ctl = quickbooks_sandbox.control
    ctl.reset_counters()
    with pytest.raises(ValidationFailed) as info:
        conn.create("payment", data)
    assert any(d["field"] == field and message in d["message"] for d in info.value.details), (
        info.value.details
    )
    requests = ctl.counters()["requests"]
    assert "payment" not in requests and "billpayment" not in requests, requests


def test_an_account_in_another_currency_is_refused(conn, quickbooks_sandbox):
    ctl = quickbooks_sandbox.control
    account = _cad_checking(ctl)
    with pytest.raises(ValidationFailed) as info:
        conn.create("payment", applied(("10", "10"), account_remote_id=account))
    assert info.value.details == [
        {"field": "account", "message": "The account is in CAD, the invoice in USD."}
    ]
    # A CAD invoice may go to the CAD account (and pays at the invoice's rate).
    paid = conn.create("payment", applied(("8", "10"), account_remote_id=account))
    assert paid.currency == "CAD" and paid.exchange_rate == D("0.7412")


def test_quickbooks_own_refusal_names_the_unified_field(conn, quickbooks_sandbox):
    """The invoice changes at QuickBooks between the connector's read and its write (simulated:
    the read answers the invoice as it was): QuickBooks' own fault comes back as a validation
    error on the unified field."""
    record = conn.get("invoice", "10")
    quickbooks_sandbox.control.edit("us", "Invoice", "10", Balance=5.0)
    conn.get = lambda model, rid: record if model == "invoice" else type(conn).get(conn, model, rid)
    with pytest.raises(ValidationFailed) as info:
        conn.create("payment", applied(("10", "100")))
    assert [d["field"] for d in info.value.details] == ["applied_to"]
    assert "exceeds its open balance (5.00)" in info.value.details[0]["message"]


def test_a_retried_create_with_the_same_key_pays_once(conn, quickbooks_sandbox):
    """The idempotency key goes to QuickBooks as ``requestid``: a retry gets the same payment
    and the invoice is paid once."""
    ctl = quickbooks_sandbox.control
    before = len(ctl.records("us", "Payment"))
    first = conn.create("payment", applied(("10", "25")), idempotency_key="qbo-pay-1")
    again = conn.create("payment", applied(("10", "25")), idempotency_key="qbo-pay-1")
    assert again.remote_id == first.remote_id
    assert len(ctl.records("us", "Payment")) == before + 1
    assert conn.get("invoice", "10").balance == D("395.00")

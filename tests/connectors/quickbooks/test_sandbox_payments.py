"""The QuickBooks sandbox's payments with money, as QuickBooks Online: a Payment / BillPayment
pays invoices / bills (their Balance drops, the rest of a Payment is unapplied), refusals change
nothing, sparse updates move only the difference, delete and void give the documents back what
the payment took; the ledger, change data capture and webhooks follow."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.connectors.quickbooks.test_sandbox_webhooks import hooked, receiver  # noqa: F401
from tests.sandbox.test_quickbooks_ledger import _report

from .test_sandbox_credits import doc
from .test_sandbox_reference import fault_of, post, rows

D = Decimal


@pytest.fixture
def api(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("us")
    return quickbooks_sandbox.api(tokens["access_token"], realm)


def paid(
    invoice: str, amount: float, total: float | None = None, customer: str = "1", **extra: Any
) -> dict[str, Any]:
    return {
        "CustomerRef": {"value": customer},
        "TotalAmt": amount if total is None else total,
        "Line": [{"Amount": amount, "LinkedTxn": [{"TxnId": invoice, "TxnType": "Invoice"}]}],
        **extra,
    }


def created(api, entity: str, body: dict[str, Any]) -> dict[str, Any]:
    response = post(api, entity.lower(), body)
    assert response.status_code == 200, response.text
    return response.json()[entity]


def void(api, entity: str, payment: dict[str, Any]):
    return post(
        api,
        entity.lower(),
        {"Id": payment["Id"], "SyncToken": payment["SyncToken"], "sparse": True},
        operation="update",
        include="void",
    )


def delete(api, entity: str, payment: dict[str, Any]):
    return post(
        api,
        entity.lower(),
        {"Id": payment["Id"], "SyncToken": payment["SyncToken"]},
        operation="delete",
    )


def test_a_payment_pays_an_invoice_and_keeps_the_rest_unapplied(api):
    invoice = doc(api, "Invoice", "10")
    assert invoice["Balance"] == 420.0
    body = paid("10", 100.0, 150.0, PaymentRefNum="CHK-9", DepositToAccountRef={"value": "35"})
    payment = created(api, "Payment", body)
    assert (payment["TotalAmt"], payment["UnappliedAmt"]) == (150.0, 50.0)
    assert payment["PaymentRefNum"] == "CHK-9" and payment["CurrencyRef"]["value"] == "USD"
    assert payment["DepositToAccountRef"]["value"] == "35" and payment["TxnDate"]
    after = doc(api, "Invoice", "10")
    assert after["Balance"] == 320.0
    assert {"TxnId": payment["Id"], "TxnType": "Payment"} in after["LinkedTxn"]
    assert int(after["SyncToken"]) == int(invoice["SyncToken"]) + 1
    # The ledger: the bank debited, A/R credited by the whole total.
    assert _report(api)[("Payment", payment["Id"])] == {"35": D("150.00"), "84": D("-150.00")}
    # No line at all: all unapplied, to Undeposited Funds.
    alone = created(api, "Payment", {"CustomerRef": {"value": "1"}, "TotalAmt": 25})
    assert alone["UnappliedAmt"] == 25.0 and alone["DepositToAccountRef"]["value"] == "4"


def test_a_foreign_payment_takes_its_invoices_currency_and_rate(api):
    invoice = doc(api, "Invoice", "8")  # CAD, customer 8, rate 0.7412
    payment = created(api, "Payment", paid("8", 100.0, customer="8"))
    assert payment["CurrencyRef"]["value"] == "CAD" and payment["ExchangeRate"] == 0.7412
    assert doc(api, "Invoice", "8")["Balance"] == invoice["Balance"] - 100
    lines = _report(api)[("Payment", payment["Id"])]
    assert lines == {"4": D("74.12"), "84": D("-74.12")}  # home currency


def test_bill_payments_by_check_and_by_card(api):
    check = created(
        api,
        "BillPayment",
        {
            "VendorRef": {"value": "1"},
            "TotalAmt": 41.23,
            "PayType": "Check",
            "CheckPayment": {"BankAccountRef": {"value": "35"}},
            "DocNumber": "CHK-100",
            "Line": [{"Amount": 41.23, "LinkedTxn": [{"TxnId": "1", "TxnType": "Bill"}]}],
        },
    )
    assert doc(api, "Bill", "1")["Balance"] == 200.0
    report = _report(api)
    assert report[("Bill Payment (Check)", check["Id"])] == {"35": D("-41.23"), "33": D("41.23")}
    card = created(
        api,
        "BillPayment",
        {
            "VendorRef": {"value": "1"},
            "TotalAmt": 50,
            "PayType": "CreditCard",
            "CreditCardPayment": {"CCAccountRef": {"value": "41"}},
            "Line": [{"Amount": 50, "LinkedTxn": [{"TxnId": "1", "TxnType": "Bill"}]}],
        },
    )
    assert doc(api, "Bill", "1")["Balance"] == 150.0
    report = _report(api)
    assert report[("Bill Payment (Credit Card)", card["Id"])] == {
        "41": D("-50.00"),
        "33": D("50.00"),
    }


BILL_PAID = {
    "VendorRef": {"value": "1"},
    "PayType": "Check",
    "CheckPayment": {"BankAccountRef": {"value": "35"}},
    "Line": [{"Amount": 40.0, "LinkedTxn": [{"TxnId": "1", "TxnType": "Bill"}]}],
}


@pytest.mark.parametrize(
    ("entity", "body", "code", "element", "detail"),
    [
        ("payment", {**paid("10", 10.0), "TotalAmt": None}, "2020", "TotalAmt", "TotalAmt"),
        ("payment", paid("10", 420.01), "6000", "Line", "exceeds its open balance (420.00)"),
        ("payment", paid("10", 50.0, 40.0), "6000", "TotalAmt", "is less than what the lines"),
        ("payment", paid("2", 10.0), "6000", "Line", "belongs to another Customer"),
        ("payment", paid("999", 10.0), "2500", "LinkedTxn", "Invoice element id 999"),
        (
            "payment",
            paid("8", 10.0, customer="8", CurrencyRef={"value": "USD"}),
            "6000",
            "Line",
            "in another currency",
        ),
        (
            "payment",
            paid("10", 10.0, DepositToAccountRef={"value": "9999"}),
            "2500",
            "DepositToAccountRef",
            "Accounts element id 9999",
        ),
        ("billpayment", {**BILL_PAID, "TotalAmt": 45.0}, "6000", "TotalAmt", "is not what"),
        ("billpayment", {**BILL_PAID, "TotalAmt": 40.0, "Line": []}, "2020", "Line", "Line"),
        (
            "billpayment",
            {**BILL_PAID, "TotalAmt": 40.0, "CheckPayment": {"BankAccountRef": {"value": "41"}}},
            "2500",
            "BankAccountRef",
            "Accounts element id 41",
        ),
    ],
)
def test_refusals_change_nothing(api, entity, body, code, element, detail):
    body = {k: v for k, v in body.items() if v is not None}
    entities = ("Invoice", "Bill", "Payment", "BillPayment")
    before = {e: api.query(f"select * from {e}")["QueryResponse"] for e in entities}
    error = fault_of(post(api, entity, body))
    assert (error["code"], error["element"]) == (code, element), error
    assert detail in error["Detail"], error
    assert {e: api.query(f"select * from {e}")["QueryResponse"] for e in entities} == before


def test_a_sparse_update_changes_fields_and_moves_only_the_difference(api):
    payment = created(api, "Payment", paid("10", 100.0, 150.0))
    invoice = doc(api, "Invoice", "10")
    renamed = created(
        api,
        "Payment",
        {
            "Id": payment["Id"],
            "SyncToken": payment["SyncToken"],
            "sparse": True,
            "PaymentRefNum": "NEW-1",
            "PrivateNote": "by phone",
            "TxnDate": "2026-11-20",
        },
    )
    assert renamed["SyncToken"] == "1" and renamed["PaymentRefNum"] == "NEW-1"
    assert renamed["TxnDate"] == "2026-11-20" and renamed["Line"] == payment["Line"]
    assert doc(api, "Invoice", "10")["SyncToken"] == invoice["SyncToken"]  # untouched
    # A line change: the invoice moves by the difference; the rest is unapplied.
    smaller = created(
        api,
        "Payment",
        {
            "Id": payment["Id"],
            "SyncToken": renamed["SyncToken"],
            "sparse": True,
            "Line": [{"Amount": 60.0, "LinkedTxn": [{"TxnId": "10", "TxnType": "Invoice"}]}],
        },
    )
    assert smaller["UnappliedAmt"] == 90.0 and doc(api, "Invoice", "10")["Balance"] == 360.0
    # What the payment holds counts as open for its own update: all 420 may be taken.
    whole = created(
        api,
        "Payment",
        {
            "Id": payment["Id"],
            "SyncToken": smaller["SyncToken"],
            "sparse": True,
            "TotalAmt": 420,
            "Line": [{"Amount": 420, "LinkedTxn": [{"TxnId": "10", "TxnType": "Invoice"}]}],
        },
    )
    assert whole["UnappliedAmt"] == 0 and doc(api, "Invoice", "10")["Balance"] == 0
    stale = {"Id": payment["Id"], "SyncToken": "0", "sparse": True, "PrivateNote": "x"}
    assert fault_of(post(api, "payment", stale))["code"] == "5010"


def test_delete_gives_back_balance_and_credit(api):
    invoice, memo = doc(api, "Invoice", "10"), doc(api, "CreditMemo", "1")
    payment = created(
        api,
        "Payment",
        {
            "CustomerRef": {"value": "1"},
            "TotalAmt": 70,
            "Line": [
                {"Amount": 100, "LinkedTxn": [{"TxnId": "10", "TxnType": "Invoice"}]},
                {"Amount": 30, "LinkedTxn": [{"TxnId": "1", "TxnType": "CreditMemo"}]},
            ],
        },
    )
    assert doc(api, "Invoice", "10")["Balance"] == 320.0
    assert doc(api, "CreditMemo", "1")["RemainingCredit"] == 20.0
    stale = post(api, "payment", {"Id": payment["Id"], "SyncToken": "7"}, operation="delete")
    assert fault_of(stale)["code"] == "5010"
    response = delete(api, "Payment", payment)
    assert response.status_code == 200, response.text
    assert response.json()["Payment"] == {"status": "Deleted", "domain": "QBO", "Id": payment["Id"]}
    after = doc(api, "Invoice", "10")
    assert after["Balance"] == invoice["Balance"] and after["LinkedTxn"] == invoice["LinkedTxn"]
    assert doc(api, "CreditMemo", "1")["RemainingCredit"] == memo["RemainingCredit"]
    assert fault_of(api.get(f"payment/{payment['Id']}"))["code"] == "610"
    assert payment["Id"] not in {p["Id"] for p in rows(api, "select * from Payment")}
    assert ("Payment", payment["Id"]) not in _report(api)
    # Change data capture: the payment's tombstone and the reopened invoice.
    since = payment["MetaData"]["CreateTime"]
    capture = api.get("cdc", params={"entities": "Payment,Invoice", "changedSince": since})
    payments, invoices = capture.json()["CDCResponse"][0]["QueryResponse"]
    assert {"Id": payment["Id"], "status": "Deleted"}.items() <= next(
        p for p in payments["Payment"] if p["Id"] == payment["Id"]
    ).items()
    assert "10" in {i["Id"] for i in invoices["Invoice"]}


def test_void_zeroes_the_payment_and_reopens_the_bill(api):
    bill = doc(api, "Bill", "1")
    payment = created(api, "BillPayment", {**BILL_PAID, "TotalAmt": 40.0})
    assert doc(api, "Bill", "1")["Balance"] == pytest.approx(bill["Balance"] - 40)
    assert fault_of(post(api, "billpayment", payment, operation="void"))["code"] == "500"
    response = void(api, "BillPayment", payment)
    assert response.status_code == 200, response.text
    voided = response.json()["BillPayment"]
    assert voided["TotalAmt"] == 0 and voided["PrivateNote"].startswith("Voided")
    assert voided["SyncToken"] == "1"
    assert all(not line.get("LinkedTxn") for line in voided["Line"])
    after = doc(api, "Bill", "1")
    assert after["Balance"] == bill["Balance"] and after["LinkedTxn"] == bill["LinkedTxn"]
    assert doc(api, "BillPayment", payment["Id"])["TotalAmt"] == 0  # still there
    assert ("Bill Payment (Check)", payment["Id"]) not in _report(api)  # posts nothing


def test_a_deposited_payment_is_neither_deleted_nor_voided(api, quickbooks_sandbox):
    payment = created(api, "Payment", paid("10", 10.0))
    quickbooks_sandbox.control.create(
        "us",
        "Deposit",
        TxnDate="2026-11-20",
        DepositToAccountRef={"value": "35"},
        TotalAmt=10.0,
        Line=[{"Amount": 10.0, "LinkedTxn": [{"TxnId": payment["Id"], "TxnType": "Payment"}]}],
    )
    for response in (delete(api, "Payment", payment), void(api, "Payment", payment)):
        assert "bank deposit" in fault_of(response)["Detail"]
    assert doc(api, "Invoice", "10")["Balance"] == 410.0


def test_webhooks_tell_create_update_void_and_delete(quickbooks_sandbox, hooked, receiver):  # noqa: F811
    api, _ = hooked
    quickbooks_sandbox.control.webhook_config(batch_window=2.0)
    first = created(api, "Payment", paid("10", 10.0))
    second = created(api, "Payment", paid("10", 20.0))
    changed = created(
        api,
        "Payment",
        {"Id": first["Id"], "SyncToken": "0", "sparse": True, "PrivateNote": "note"},
    )
    assert void(api, "Payment", changed).status_code == 200
    assert delete(api, "Payment", second).status_code == 200
    assert quickbooks_sandbox.control.flush_webhooks()
    payments = [(i, op) for _, name, i, op in receiver.entities() if name == "Payment"]
    assert payments == [
        (first["Id"], "Create"),
        (second["Id"], "Create"),
        (first["Id"], "Update"),
        (first["Id"], "Void"),
        (second["Id"], "Delete"),
    ]
    invoices = [op for _, name, i, op in receiver.entities() if name == "Invoice" and i == "10"]
    assert invoices == ["Update"] * 4  # paid twice, reopened twice

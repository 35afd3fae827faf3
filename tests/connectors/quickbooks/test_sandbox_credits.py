"""The QuickBooks sandbox applies credit as QuickBooks does (a Payment linking the invoice and the
credit memo, a BillPayment linking the bill and the vendor credit), refuses what QuickBooks
refuses with a ValidationFault and nothing changed, and deletes credits (no void)."""

from __future__ import annotations

from typing import Any

import pytest

from .test_sandbox_reference import fault_of, post, rows


@pytest.fixture
def api(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("us")
    return quickbooks_sandbox.api(tokens["access_token"], realm)


def doc(api, entity: str, entity_id: str) -> dict[str, Any]:
    response = api.get(f"{entity.lower()}/{entity_id}")
    assert response.status_code == 200, response.text
    return response.json()[entity]


def apply_memo(memo: str, invoice: str, amount: float, customer: str = "1") -> dict[str, Any]:
    return {
        "CustomerRef": {"value": customer},
        "TotalAmt": 0,
        "Line": [
            {"Amount": amount, "LinkedTxn": [{"TxnId": invoice, "TxnType": "Invoice"}]},
            {"Amount": amount, "LinkedTxn": [{"TxnId": memo, "TxnType": "CreditMemo"}]},
        ],
    }


def test_a_zero_payment_applies_a_credit_memo_to_an_invoice(api):
    memo, invoice = doc(api, "CreditMemo", "1"), doc(api, "Invoice", "10")
    assert memo["RemainingCredit"] == 50.0 and invoice["Balance"] == 420.0
    response = post(api, "payment", apply_memo("1", "10", 30.0), requestid="apply-1")
    assert response.status_code == 200, response.text
    payment = response.json()["Payment"]
    assert payment["TotalAmt"] == 0 and payment["UnappliedAmt"] == 0
    assert payment["DepositToAccountRef"]["value"] == "4"
    memo_after, invoice_after = doc(api, "CreditMemo", "1"), doc(api, "Invoice", "10")
    assert memo_after["RemainingCredit"] == 20.0 and memo_after["Balance"] == 20.0
    assert invoice_after["Balance"] == 390.0
    assert {"TxnId": payment["Id"], "TxnType": "Payment"} in invoice_after["LinkedTxn"]
    for before, after in ((memo, memo_after), (invoice, invoice_after)):
        assert int(after["SyncToken"]) == int(before["SyncToken"]) + 1
        assert after["MetaData"]["LastUpdatedTime"] >= before["MetaData"]["LastUpdatedTime"]
    # The same requestid again: the same answer, nothing applied twice.
    again = post(api, "payment", apply_memo("1", "10", 30.0), requestid="apply-1")
    assert again.json()["Payment"]["Id"] == payment["Id"]
    assert doc(api, "CreditMemo", "1")["RemainingCredit"] == 20.0
    # Queryable by customer, as the connector reads applications.
    found = rows(api, "select * from Payment where CustomerRef = '1'")
    assert payment["Id"] in {p["Id"] for p in found}


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (apply_memo("1", "10", 50.01), "exceeds its remaining credit (50.00)"),
        (apply_memo("2", "1", 43.21), "exceeds its remaining credit (43.20)"),
        (apply_memo("3", "8", 1.0, customer="8"), None),  # CAD memo, CAD invoice: fine
        (apply_memo("1", "2", 1.0), "belongs to another Customer"),
        (apply_memo("1", "7", 1.0, customer="1"), "belongs to another Customer"),
        (
            {
                "CustomerRef": {"value": "1"},
                "TotalAmt": 0,
                "Line": [
                    {"Amount": 10.0, "LinkedTxn": [{"TxnId": "10", "TxnType": "Invoice"}]},
                    {"Amount": 20.0, "LinkedTxn": [{"TxnId": "1", "TxnType": "CreditMemo"}]},
                ],
            },
            "exceed the amount of the invoices paid",
        ),
    ],
)
def test_refusals_change_nothing(api, body, detail):
    before = {e: api.query(f"select * from {e}") for e in ("CreditMemo", "Invoice", "Payment")}
    response = post(api, "payment", body)
    if detail is None:
        assert response.status_code == 200, response.text
        return
    error = fault_of(response)
    assert error["code"] == "6000" and detail in error["Detail"], error
    after = {e: api.query(f"select * from {e}") for e in before}
    for entity in before:
        assert after[entity]["QueryResponse"] == before[entity]["QueryResponse"]


def test_more_than_the_invoice_balance_is_refused(api):
    post(api, "payment", apply_memo("1", "10", 50.0)).raise_for_status()
    invoice = doc(api, "Invoice", "10")
    error = fault_of(post(api, "payment", apply_memo("2", "10", invoice["Balance"] + 1)))
    assert "exceeds its" in error["Detail"]
    body = apply_memo("2", "10", 10.0)
    body["Line"][0]["Amount"] = invoice["Balance"] + 10  # the invoice line alone is too much
    error = fault_of(post(api, "payment", body))
    assert "exceeds its open balance" in error["Detail"] and error["element"] == "Line"


def test_a_bill_payment_applies_a_vendor_credit_to_a_bill(api):
    body = {
        "VendorRef": {"value": "1"},
        "TotalAmt": 0,
        "Line": [
            {"Amount": 40.0, "LinkedTxn": [{"TxnId": "1", "TxnType": "Bill"}]},
            {"Amount": 40.0, "LinkedTxn": [{"TxnId": "1", "TxnType": "VendorCredit"}]},
        ],
    }
    error = fault_of(post(api, "billpayment", body))
    assert error["code"] == "2020" and error["element"] == "PayType"
    body["PayType"] = "Check"
    assert fault_of(post(api, "billpayment", body))["code"] == "2020"  # no bank account
    body["CheckPayment"] = {"BankAccountRef": {"value": "35"}}
    response = post(api, "billpayment", body)
    assert response.status_code == 200, response.text
    assert response.json()["BillPayment"]["TotalAmt"] == 0
    assert doc(api, "VendorCredit", "1")["Balance"] == 25.0
    assert doc(api, "Bill", "1")["Balance"] == pytest.approx(201.23)
    body["Line"][1]["Amount"] = body["Line"][0]["Amount"] = 25.01
    assert "remaining credit (25.00)" in fault_of(post(api, "billpayment", body))["Detail"]


def test_credits_are_deleted_not_voided(api):
    memo = doc(api, "CreditMemo", "1")
    voided = api.http.post(
        f"{api.base}/creditmemo",
        json={"Id": "1", "SyncToken": memo["SyncToken"]},
        params={"operation": "void"},
        timeout=30,
    )
    assert fault_of(voided)["code"] == "500"  # Intuit offers no void of a credit memo
    stale = post(api, "creditmemo", {"Id": "1", "SyncToken": "99"}, operation="delete")
    assert fault_of(stale)["code"] == "5010"
    applied = doc(api, "CreditMemo", "2")
    refused = post(
        api, "creditmemo", {"Id": "2", "SyncToken": applied["SyncToken"]}, operation="delete"
    )
    assert fault_of(refused)["code"] == "6000"
    deleted = post(
        api, "creditmemo", {"Id": "1", "SyncToken": memo["SyncToken"]}, operation="delete"
    )
    assert deleted.status_code == 200, deleted.text
    assert deleted.json()["CreditMemo"] == {"status": "Deleted", "domain": "QBO", "Id": "1"}
    assert "1" not in {m["Id"] for m in rows(api, "select * from CreditMemo")}
    vendor_credit = doc(api, "VendorCredit", "1")
    response = post(
        api,
        "vendorcredit",
        {"Id": "1", "SyncToken": vendor_credit["SyncToken"]},
        operation="delete",
    )
    assert response.status_code == 200, response.text
    assert "1" not in {c["Id"] for c in rows(api, "select * from VendorCredit")}
    # Refund receipts keep Intuit's other operations unemulated; bills have no void.
    assert fault_of(post(api, "bill", {"Id": "1"}, operation="void"))["code"] == "500"

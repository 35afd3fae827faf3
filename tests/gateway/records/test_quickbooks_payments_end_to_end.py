"""Payments through the unified API, the QuickBooks connector and the QuickBooks sandbox: pay an
AR invoice (a Payment) and an AP bill (a BillPayment), delete, and back through a sync (the
documents' balances follow at QuickBooks and come back with the next sync); bad input refused
with 422 and nothing sent to QuickBooks' payment endpoints."""

from __future__ import annotations

import pytest

from gateway.events.models import Event
from tests.gateway.records.test_quickbooks_credit_notes_end_to_end import (
    by_remote_id,
    qbo,  # noqa: F401
    results,
    sync,
    types,
)

pytestmark = pytest.mark.django_db(transaction=True)


def pay(client, document, amount, **fields):
    return client.post(
        "/v1/payments",
        {
            "transaction_date": "2026-11-10",
            "applied_to": [{"related_object_id": document["id"], "applied_amount": amount}],
            **fields,
        },
        format="json",
    )


def test_pay_an_invoice_delete_and_sync_back(qbo):  # noqa: F811
    client, sandbox, account = qbo
    invoice = by_remote_id(client, "/v1/invoices", "10")  # Amy's, 420.00 open
    assert (invoice["balance"], invoice["status"]) == ("420.00", "OPEN")
    Event.objects.all().delete()
    response = pay(client, invoice, "100.00", total_amount="120.00", reference="R-1")
    assert response.status_code == 201, response.content
    payment = response.json()
    assert payment["type"] == "ACCOUNTS_RECEIVABLE" and payment["status"] == "POSTED"
    assert payment["contact"] == invoice["contact"] and payment["reference"] == "R-1"
    assert payment["total_amount"] == "120.00" and payment["transaction_date"] == "2026-11-10"
    assert [(a["related_object_id"], a["applied_amount"]) for a in payment["applied_to"]] == [
        (invoice["id"], "100.00")
    ]
    stored = next(
        p for p in sandbox.control.records("us", "Payment") if p["Id"] == payment["remote_id"]
    )
    assert stored["UnappliedAmt"] == 20.0 and stored["CustomerRef"]["value"] == "1"
    assert types(account) == ["payment.created"]
    # The invoice changed at QuickBooks; the next sync brings it back, the payment unchanged.
    sync(account)
    paid = client.get(f"/v1/invoices/{invoice['id']}").json()
    assert (paid["balance"], paid["status"]) == ("320.00", "PARTIALLY_PAID")
    assert payment["id"] in paid["payments"]
    assert client.get(f"/v1/payments/{payment['id']}").json()["applied_to"] == payment["applied_to"]
    assert {"invoice.updated", "payment.created"} <= set(types(account))
    assert "payment.updated" not in types(account)

    Event.objects.all().delete()
    deleted = client.delete(f"/v1/payments/{payment['id']}")
    assert deleted.status_code == 200, deleted.content
    assert deleted.json()["remote_was_deleted"] is True
    assert payment["remote_id"] not in {p["Id"] for p in sandbox.control.records("us", "Payment")}
    assert types(account) == ["payment.deleted"]
    # The invoice is open again at QuickBooks: the next sync reads it so; the deletion stays.
    sync(account)
    reopened = client.get(f"/v1/invoices/{invoice['id']}").json()
    assert (reopened["balance"], reopened["status"]) == ("420.00", "OPEN")
    listed = results(client, "/v1/payments", include_deleted="true")
    assert next(p for p in listed if p["id"] == payment["id"])["remote_was_deleted"] is True
    assert payment["id"] not in {p["id"] for p in results(client, "/v1/payments")}


def test_pay_a_bill_from_a_bank_account_and_by_card(qbo):  # noqa: F811
    client, sandbox, account = qbo
    bill = by_remote_id(client, "/v1/invoices", "Bill:1")  # 241.23 open
    accounts = results(client, "/v1/accounts")
    card = next(a for a in accounts if a["type"] == "CREDIT_CARD")
    response = pay(client, bill, "41.23", reference="CHK-100")
    assert response.status_code == 201, response.content
    by_check = response.json()
    assert by_check["type"] == "ACCOUNTS_PAYABLE" and by_check["contact"] == bill["contact"]
    assert by_check["remote_id"].startswith("BillPayment:") and by_check["account"]
    assert by_check["reference"] == "CHK-100"
    response = pay(client, bill, "50.00", account=card["id"])
    assert response.status_code == 201, response.content
    by_card = response.json()
    assert by_card["account"] == card["id"]
    own_id = by_card["remote_id"].removeprefix("BillPayment:")
    stored = next(p for p in sandbox.control.records("us", "BillPayment") if p["Id"] == own_id)
    assert stored["PayType"] == "CreditCard"
    sync(account)
    assert client.get(f"/v1/invoices/{bill['id']}").json()["balance"] == "150.00"
    assert client.delete(f"/v1/payments/{by_card['id']}").status_code == 200
    sync(account)
    assert client.get(f"/v1/invoices/{bill['id']}").json()["balance"] == "200.00"


def _writes(sandbox) -> dict:
    requests = sandbox.control.counters()["requests"]
    return {k: requests.get(k, 0) for k in ("payment", "billpayment")}


@pytest.mark.parametrize(
    ("invoice_id", "amount", "extra", "field", "message"),
    [
        ("10", "420.01", {}, "applied_to[0].applied_amount", "More than the invoice's balance"),
        ("Bill:1", "10.00", {"total_amount": "12.00"}, "total_amount", "pays exactly"),
        ("10", "10.00", {"exchange_rate": "1.25"}, "exchange_rate", "home currency"),
        ("10", "10.00", {"account_code": "1010"}, "account_code", "by id"),
        ("4", "10.00", {}, "applied_to[0].related_object_id", "nothing left to pay"),
    ],
)
def test_bad_payments_are_422_and_nothing_written(
    qbo,  # noqa: F811
    invoice_id,
    amount,
    extra,
    field,
    message,
):
    client, sandbox, _ = qbo
    document = by_remote_id(client, "/v1/invoices", invoice_id)
    before = {e: sandbox.control.records("us", e) for e in ("Payment", "BillPayment", "Invoice")}
    writes = _writes(sandbox)
    response = pay(client, document, amount, **extra)
    assert response.status_code == 422, response.content
    details = response.json()["error"]["details"]
    assert any(d["field"] == field and message in d["message"] for d in details), details
    assert _writes(sandbox) == writes
    assert {e: sandbox.control.records("us", e) for e in before} == before


def test_other_refusals_name_their_field(qbo):  # noqa: F811
    client, sandbox, _ = qbo
    invoice = by_remote_id(client, "/v1/invoices", "10")
    bill = by_remote_id(client, "/v1/invoices", "Bill:1")
    note = by_remote_id(client, "/v1/credit-notes", "1")
    expense = next(a for a in results(client, "/v1/accounts") if a["type"] == "EXPENSE")
    writes = _writes(sandbox)
    cases = [
        (
            {
                "applied_to": [
                    {"related_object_id": invoice["id"], "applied_amount": "1"},
                    {"related_object_id": bill["id"], "applied_amount": "1"},
                ]
            },
            "applied_to[1].related_object_id",
            422,
        ),
        (
            {
                "applied_to": [
                    {
                        "related_object_type": "CREDIT_NOTE",
                        "related_object_id": note["id"],
                        "applied_amount": "1",
                    }
                ]
            },
            "applied_to[0].related_object_type",
            422,
        ),
        (
            {
                "account": expense["id"],
                "applied_to": [{"related_object_id": invoice["id"], "applied_amount": "1"}],
            },
            "account",
            422,
        ),
        # The gateway's own checks (every provider): 400.
        ({"applied_to": []}, "applied_to", 400),
        (
            {
                "transaction_date": None,
                "applied_to": [{"related_object_id": invoice["id"], "applied_amount": "1"}],
            },
            "transaction_date",
            400,
        ),
    ]
    for body, field, status in cases:
        response = client.post(
            "/v1/payments", {"transaction_date": "2026-11-10", **body}, format="json"
        )
        assert response.status_code == status, response.content
        assert field in [d["field"] for d in response.json()["error"]["details"]], response.content
    assert _writes(sandbox) == writes


def test_providers_list_what_quickbooks_offers_on_payments(qbo):  # noqa: F811
    client, _, _ = qbo
    providers = {p["key"]: p for p in client.get("/v1/providers").json()["results"]}
    assert providers["quickbooks"]["models"]["payment"] == ["list", "get", "create", "delete"]

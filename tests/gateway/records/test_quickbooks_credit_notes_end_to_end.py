"""Credit notes through the unified API, the QuickBooks connector and the QuickBooks sandbox:
sync of CreditMemo, VendorCredit and RefundReceipt; create and update both sides; what
QuickBooks cannot do answers 405/422 with nothing written."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gateway.events.models import Event
from gateway.sync import services
from gateway.sync.models import RunStatus, RunTrigger, SyncMode

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def qbo(quickbooks_account, quickbooks_settings, authed_client):
    run = services.request_sync(quickbooks_account, SyncMode.FULL, RunTrigger.API)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(quickbooks_account.id),
    )
    return authed_client, quickbooks_settings, quickbooks_account


def results(client, path, **params):
    response = client.get(path, {"page_size": 100, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_synced_credits_of_all_three_entities(qbo):
    client, sandbox, _ = qbo
    listed = {c["remote_id"]: c for c in results(client, "/v1/credit-notes")}
    memos = sandbox.control.records("us", "CreditMemo")
    assert {m["Id"] for m in memos} <= set(listed)
    assert "VendorCredit:1" in listed and "RefundReceipt:1" in listed
    partly = next(
        c
        for c in listed.values()
        if c["status"] == "PARTIALLY_APPLIED" and c["type"] == "ACCOUNTS_RECEIVABLE"
    )
    assert Decimal(partly["applied_amount"]) + Decimal(partly["remaining_credit"]) == Decimal(
        partly["total_amount"]
    )
    assert partly["contact"] and partly["line_items"][0]["item"]
    foreign = next(c for c in listed.values() if c["currency"] == "CAD")
    assert foreign["exchange_rate"] is not None
    supplier = listed["VendorCredit:1"]
    assert supplier["type"] == "ACCOUNTS_PAYABLE" and supplier["line_items"][0]["account"]
    refund = listed["RefundReceipt:1"]
    assert refund["status"] == "APPLIED" and refund["remaining_credit"] == "0.00"
    assert refund["refunds"][0]["amount"] == refund["total_amount"]
    ap = results(client, "/v1/credit-notes", type="ACCOUNTS_PAYABLE")
    # Open, partly applied to a bill, and in CAD (seed: credits.py, seed_cases.py).
    assert sorted(c["remote_id"] for c in ap) == [
        "VendorCredit:1",
        "VendorCredit:2",
        "VendorCredit:3",
    ]
    assert [c["status"] for c in sorted(ap, key=lambda c: c["remote_id"])] == [
        "OPEN",
        "PARTIALLY_APPLIED",
        "OPEN",
    ]
    # The payments applying credit point at it by gateway id: the partly used credit memo,
    # the one applied in full (CM-1004) and the vendor credit applied to a bill.
    applied = [a for p in results(client, "/v1/payments") for a in p["applied_to"]]
    on_credit = [a for a in applied if a["related_object_type"] == "CREDIT_NOTE"]
    assert partly["remote_id"] == "2" and listed["4"]["status"] == "APPLIED"
    assert sorted(a["related_object_id"] for a in on_credit) == sorted(
        [partly["id"], listed["4"]["id"], listed["VendorCredit:2"]["id"]]
    )


def test_create_and_update_both_sides(qbo):
    client, sandbox, _ = qbo
    customer = next(c for c in results(client, "/v1/contacts") if c["remote_id"] == "1")
    item = next(i for i in results(client, "/v1/items") if i["remote_id"] == "1")
    before = len(sandbox.control.records("us", "CreditMemo"))
    Event.objects.all().delete()
    created = client.post(
        "/v1/credit-notes",
        {
            "type": "ACCOUNTS_RECEIVABLE",
            "contact": customer["id"],
            "issue_date": "2026-11-05",
            "memo": "Goodwill",
            "line_items": [
                {
                    "description": "Design refund",
                    "quantity": "2",
                    "unit_price": "37.50",
                    "item": item["id"],
                    "tax_rate_remote_id": "NON",
                }
            ],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    note = created.json()
    assert note["total_amount"] == "75.00" and note["remaining_credit"] == "75.00"
    assert note["status"] == "OPEN" and note["contact"] == customer["id"]
    memos = sandbox.control.records("us", "CreditMemo")
    assert len(memos) == before + 1
    stored = next(m for m in memos if m["Id"] == note["remote_id"])
    assert stored["CustomerMemo"] == {"value": "Goodwill"} and stored["TotalAmt"] == 75.0
    assert [e for e in Event.objects.values_list("type", flat=True)] == ["credit_note.created"]

    patched = client.patch(
        f"/v1/credit-notes/{note['id']}", {"memo": "Goodwill, agreed"}, format="json"
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["memo"] == "Goodwill, agreed"
    stored = next(
        m for m in sandbox.control.records("us", "CreditMemo") if m["Id"] == note["remote_id"]
    )
    assert stored["SyncToken"] == "1" and stored["TotalAmt"] == 75.0

    vendor = next(c for c in results(client, "/v1/contacts") if c["remote_id"] == "Vendor:1")
    expense = next(a for a in results(client, "/v1/accounts") if a["type"] == "EXPENSE")
    supplier = client.post(
        "/v1/credit-notes",
        {
            "type": "ACCOUNTS_PAYABLE",
            "contact": vendor["id"],
            "line_items": [
                {"description": "Rebate", "unit_price": "20.00", "account": expense["id"]}
            ],
        },
        format="json",
    )
    assert supplier.status_code == 201, supplier.content
    supplier = supplier.json()
    assert supplier["remote_id"].startswith("VendorCredit:")
    assert supplier["type"] == "ACCOUNTS_PAYABLE" and supplier["total_amount"] == "20.00"


def test_what_quickbooks_cannot_do_is_refused_and_nothing_written(qbo):
    client, sandbox, _ = qbo
    listed = results(client, "/v1/credit-notes")
    memo = next(c for c in listed if c["status"] == "PARTIALLY_APPLIED")
    before = sandbox.control.records("us", "CreditMemo")
    # No allocation action on QuickBooks (credit is applied by a payment): 405.
    invoice = results(client, "/v1/invoices")[0]
    response = client.post(
        f"/v1/credit-notes/{memo['id']}/allocations",
        {"invoice": invoice["id"], "amount": "1.00"},
        format="json",
    )
    assert response.status_code == 405, response.content
    # No void/delete of credit notes here: 405.
    assert client.delete(f"/v1/credit-notes/{memo['id']}").status_code == 405
    # A status QuickBooks cannot hold: 422 before anything is sent.
    response = client.patch(f"/v1/credit-notes/{memo['id']}", {"status": "DRAFT"}, format="json")
    assert response.status_code == 422, response.content
    # A refund receipt is read only here: 501.
    refund = next(c for c in listed if c["remote_id"].startswith("RefundReceipt:"))
    response = client.patch(f"/v1/credit-notes/{refund['id']}", {"memo": "x"}, format="json")
    assert response.status_code == 501, response.content
    # Unknown contact: 422 naming it.
    response = client.post(
        "/v1/credit-notes",
        {"type": "ACCOUNTS_RECEIVABLE", "contact": "00000000-0000-5000-8000-000000000000"},
        format="json",
    )
    assert response.status_code == 422
    assert [d["field"] for d in response.json()["error"]["details"]] == ["contact"]
    assert sandbox.control.records("us", "CreditMemo") == before

"""Credit notes through the unified API, the QuickBooks connector and the QuickBooks sandbox:
sync of CreditMemo, VendorCredit and RefundReceipt with ``applied_to`` read from the payments
that apply them; create and update both sides; allocate to an invoice or bill (a zero Payment /
BillPayment at QuickBooks; the invoice's balance and events follow) and back through a sync;
bad allocations refused with 422 and nothing written; delete (QuickBooks has no void); what
QuickBooks cannot do answers 405/422/501 with nothing written."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from gateway.events.models import Event
from gateway.records.models import Record
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


def sync(account, mode=SyncMode.INCREMENTAL):
    run = services.request_sync(account, mode, RunTrigger.API)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    return run


def types(account):
    return sorted(Event.objects.filter(linked_account=account).values_list("type", flat=True))


def by_remote_id(client, path, remote_id):
    return next(r for r in results(client, path) if r["remote_id"] == remote_id)


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


def test_synced_credit_notes_carry_their_applications(qbo):
    """The seeded half-applied credit memo: its applied_to comes from the zero Payment that
    applies it, with the invoice resolved to its gateway id."""
    client, sandbox, _ = qbo
    partly = next(
        c for c in results(client, "/v1/credit-notes") if c["status"] == "PARTIALLY_APPLIED"
    )
    (applied,) = partly["applied_to"]
    assert applied["applied_amount"] == partly["applied_amount"]
    invoice = client.get(f"/v1/invoices/{applied['invoice']}").json()
    assert invoice["remote_id"] == applied["invoice_remote_id"]
    payment = next(
        p for p in sandbox.control.records("us", "Payment") if p["Id"] == applied["remote_id"]
    )
    assert payment["TotalAmt"] == 0 and applied["applied_date"] == payment["TxnDate"]
    open_ones = results(client, "/v1/credit-notes", status="OPEN")
    assert open_ones and all(c["applied_to"] == [] for c in open_ones)


def test_allocate_a_credit_memo_through_the_api_and_back_through_a_sync(qbo):
    client, sandbox, account = qbo
    note = by_remote_id(client, "/v1/credit-notes", "1")  # CM-1001, 50.00 open
    invoice = by_remote_id(client, "/v1/invoices", "10")  # the same customer's, 420.00 open
    assert note["status"] == "OPEN" and note["contact"] == invoice["contact"]
    payments_before = len(sandbox.control.records("us", "Payment"))
    Event.objects.all().delete()
    response = client.post(
        f"/v1/credit-notes/{note['id']}/allocations",
        {"invoice": invoice["id"], "amount": "30.00", "date": "2026-11-06"},
        format="json",
    )
    assert response.status_code == 200, response.content
    allocated = response.json()
    assert allocated["status"] == "PARTIALLY_APPLIED"
    assert (allocated["applied_amount"], allocated["remaining_credit"]) == ("30.00", "20.00")
    (applied,) = allocated["applied_to"]
    assert applied["invoice"] == invoice["id"] and applied["invoice_remote_id"] == "10"
    assert (applied["applied_amount"], applied["applied_date"]) == ("30.00", "2026-11-06")
    # At QuickBooks: a zero Payment linking both; the balances moved.
    payments = sandbox.control.records("us", "Payment")
    assert len(payments) == payments_before + 1
    payment = next(p for p in payments if p["Id"] == applied["remote_id"])
    assert payment["TotalAmt"] == 0 and payment["CustomerRef"]["value"] == "1"
    assert sorted(t["TxnType"] for line in payment["Line"] for t in line["LinkedTxn"]) == [
        "CreditMemo",
        "Invoice",
    ]
    memo = next(m for m in sandbox.control.records("us", "CreditMemo") if m["Id"] == "1")
    assert memo["RemainingCredit"] == 20.0
    # The gateway stored the invoice again (its event follows) and the new payment.
    stored_invoice = client.get(f"/v1/invoices/{invoice['id']}").json()
    assert Decimal(stored_invoice["balance"]) == Decimal(invoice["balance"]) - 30
    assert stored_invoice["status"] == "PARTIALLY_PAID"
    assert types(account) == ["credit_note.updated", "invoice.updated", "payment.created"]
    stored_payment = by_remote_id(client, "/v1/payments", payment["Id"])
    assert {
        (a["related_object_type"], a["related_object_id"]) for a in stored_payment["applied_to"]
    } == {("INVOICE", invoice["id"]), ("CREDIT_NOTE", note["id"])}

    # Back through a sync: the same state, and nothing new to say.
    Event.objects.all().delete()
    sync(account)
    again = client.get(f"/v1/credit-notes/{note['id']}").json()
    assert again["applied_to"] == allocated["applied_to"]
    assert again["remaining_credit"] == "20.00"
    assert "credit_note.updated" not in types(account)
    sync(account, SyncMode.FULL)
    assert (
        client.get(f"/v1/credit-notes/{note['id']}").json()["applied_to"] == allocated["applied_to"]
    )


def test_allocate_a_vendor_credit_to_a_bill(qbo):
    client, sandbox, account = qbo
    credit = by_remote_id(client, "/v1/credit-notes", "VendorCredit:1")  # 65.00
    bill = by_remote_id(client, "/v1/invoices", "Bill:1")  # same vendor, 241.23 open
    Event.objects.all().delete()
    response = client.post(
        f"/v1/credit-notes/{credit['id']}/allocations",
        {"invoice": bill["id"], "amount": "65.00"},
        format="json",
    )
    assert response.status_code == 200, response.content
    allocated = response.json()
    assert allocated["status"] == "APPLIED" and allocated["remaining_credit"] == "0.00"
    (applied,) = allocated["applied_to"]
    assert applied["invoice"] == bill["id"] and applied["remote_id"].startswith("BillPayment:")
    own_id = applied["remote_id"].removeprefix("BillPayment:")
    paid = next(p for p in sandbox.control.records("us", "BillPayment") if p["Id"] == own_id)
    assert paid["TotalAmt"] == 0 and paid["PayType"] == "Check"
    assert paid["CheckPayment"]["BankAccountRef"]["value"]
    assert client.get(f"/v1/invoices/{bill['id']}").json()["balance"] == "176.23"
    assert types(account) == ["credit_note.updated", "invoice.updated", "payment.created"]


def _no_payment_written(sandbox, before):
    assert sandbox.control.records("us", "Payment") == before["Payment"]
    assert sandbox.control.records("us", "BillPayment") == before["BillPayment"]
    assert sandbox.control.records("us", "CreditMemo") == before["CreditMemo"]


@pytest.mark.parametrize(
    ("note_id", "invoice_id", "amount", "field", "message"),
    [
        ("1", "10", "50.01", "amount", "More than the remaining credit (50.00)."),
        ("2", "1", "43.21", "amount", "More than the remaining credit (43.20)."),
        ("1", "12", "1.00", "invoice", "The invoice is of another contact."),
        ("3", "1", "1.00", "invoice", "The invoice is in another currency."),
        ("1", "Bill:1", "1.00", "invoice", "The invoice is of the other side (AR/AP)."),
        ("1", "2", "1.00", "invoice", "Only an approved invoice with a balance"),
    ],
)
def test_bad_allocations_are_422_and_nothing_written(
    qbo, note_id, invoice_id, amount, field, message
):
    client, sandbox, _ = qbo
    note = by_remote_id(client, "/v1/credit-notes", note_id)
    invoice = by_remote_id(client, "/v1/invoices", invoice_id)
    before = {e: sandbox.control.records("us", e) for e in ("Payment", "BillPayment", "CreditMemo")}
    response = client.post(
        f"/v1/credit-notes/{note['id']}/allocations",
        {"invoice": invoice["id"], "amount": amount},
        format="json",
    )
    assert response.status_code == 422, response.content
    details = response.json()["error"]["details"]
    assert any(d["field"] == field and d["message"].startswith(message) for d in details), details
    _no_payment_written(sandbox, before)


def test_more_than_the_invoice_balance_is_422_and_nothing_written(qbo):
    client, sandbox, account = qbo
    small = sandbox.control.create(
        "us",
        "Invoice",
        DocNumber="SMALL-1",
        TxnDate="2026-11-01",
        CustomerRef={"value": "1", "name": "Amy's Bird Sanctuary"},
        CurrencyRef={"value": "USD"},
        TotalAmt=10.0,
        Balance=10.0,
        Line=[{"Amount": 10.0, "DetailType": "DescriptionOnly", "DescriptionOnly": {}}],
    )
    sync(account)
    invoice = by_remote_id(client, "/v1/invoices", small["Id"])
    note = by_remote_id(client, "/v1/credit-notes", "1")
    before = {e: sandbox.control.records("us", e) for e in ("Payment", "BillPayment", "CreditMemo")}
    response = client.post(
        f"/v1/credit-notes/{note['id']}/allocations",
        {"invoice": invoice["id"], "amount": "10.01"},
        format="json",
    )
    assert response.status_code == 422, response.content
    assert response.json()["error"]["details"] == [
        {"field": "amount", "message": "More than the invoice's balance (10.00)."}
    ]
    _no_payment_written(sandbox, before)
    # The whole balance is fine: the invoice is paid by credit alone.
    response = client.post(
        f"/v1/credit-notes/{note['id']}/allocations",
        {"invoice": invoice["id"], "amount": "10.00"},
        format="json",
    )
    assert response.status_code == 200, response.content
    paid = client.get(f"/v1/invoices/{invoice['id']}").json()
    assert paid["status"] == "PAID" and paid["balance"] == "0.00"


def test_quickbooks_own_refusal_is_a_422(qbo):
    """A stale stored credit note lets a too-large amount through the gateway's checks:
    QuickBooks' ValidationFault comes back 422 on the amount, nothing applied."""
    client, sandbox, _ = qbo
    note = by_remote_id(client, "/v1/credit-notes", "1")
    invoice = by_remote_id(client, "/v1/invoices", "10")
    record = Record.objects.get(id=note["id"])
    record.document = json.dumps({**json.loads(record.document), "remaining_credit": "1000.00"})
    record.save()
    before = {e: sandbox.control.records("us", e) for e in ("Payment", "BillPayment", "CreditMemo")}
    response = client.post(
        f"/v1/credit-notes/{note['id']}/allocations",
        {"invoice": invoice["id"], "amount": "60.00"},
        format="json",
    )
    assert response.status_code == 422, response.content
    details = response.json()["error"]["details"]
    assert [d["field"] for d in details] == ["amount"]
    assert "exceeds its remaining credit (50.00)" in details[0]["message"]
    _no_payment_written(sandbox, before)


def test_delete_is_quickbooks_void_of_a_credit_note(qbo):
    """QuickBooks offers no void of a credit memo or vendor credit: DELETE deletes it (when no
    credit is applied) and the gateway keeps it flagged remote_was_deleted."""
    client, sandbox, account = qbo
    fresh = by_remote_id(client, "/v1/credit-notes", "1")
    Event.objects.all().delete()
    response = client.delete(f"/v1/credit-notes/{fresh['id']}")
    assert response.status_code == 200, response.content
    assert response.json()["remote_was_deleted"] is True
    assert "1" not in {m["Id"] for m in sandbox.control.records("us", "CreditMemo")}
    assert types(account) == ["credit_note.deleted"]
    supplier = by_remote_id(client, "/v1/credit-notes", "VendorCredit:1")
    assert client.delete(f"/v1/credit-notes/{supplier['id']}").status_code == 200
    assert "1" not in {c["Id"] for c in sandbox.control.records("us", "VendorCredit")}
    # A sync after it keeps the deletion (change data capture reports it).
    sync(account)
    listed = results(client, "/v1/credit-notes", include_deleted="true")
    assert next(c for c in listed if c["id"] == fresh["id"])["remote_was_deleted"] is True

    before = sandbox.control.records("us", "CreditMemo")
    applied = next(
        c for c in results(client, "/v1/credit-notes") if c["status"] == "PARTIALLY_APPLIED"
    )
    refused = client.delete(f"/v1/credit-notes/{applied['id']}")
    assert refused.status_code == 422, refused.content
    assert [d["field"] for d in refused.json()["error"]["details"]] == ["status"]
    refund = next(
        c for c in results(client, "/v1/credit-notes") if c["remote_id"].startswith("Refund")
    )
    assert client.delete(f"/v1/credit-notes/{refund['id']}").status_code == 501
    assert sandbox.control.records("us", "CreditMemo") == before


def test_what_quickbooks_cannot_do_is_refused_and_nothing_written(qbo):
    client, sandbox, _ = qbo
    listed = results(client, "/v1/credit-notes")
    memo = next(c for c in listed if c["status"] == "PARTIALLY_APPLIED")
    before = sandbox.control.records("us", "CreditMemo")
    # A status QuickBooks cannot hold: 422 before anything is sent.
    response = client.patch(f"/v1/credit-notes/{memo['id']}", {"status": "DRAFT"}, format="json")
    assert response.status_code == 422, response.content
    # A refund receipt is read only here: 501, and has no credit to allocate: 422.
    refund = next(c for c in listed if c["remote_id"].startswith("RefundReceipt:"))
    response = client.patch(f"/v1/credit-notes/{refund['id']}", {"memo": "x"}, format="json")
    assert response.status_code == 501, response.content
    invoice = by_remote_id(client, "/v1/invoices", "1")
    response = client.post(
        f"/v1/credit-notes/{refund['id']}/allocations",
        {"invoice": invoice["id"], "amount": "1.00"},
        format="json",
    )
    assert response.status_code == 422, response.content
    # Unknown contact: 422 naming it.
    response = client.post(
        "/v1/credit-notes",
        {"type": "ACCOUNTS_RECEIVABLE", "contact": "00000000-0000-5000-8000-000000000000"},
        format="json",
    )
    assert response.status_code == 422
    assert [d["field"] for d in response.json()["error"]["details"]] == ["contact"]
    # Updating the applied memo keeps its applications (read back with the write).
    patched = client.patch(f"/v1/credit-notes/{memo['id']}", {"memo": "kept"}, format="json")
    assert patched.status_code == 200, patched.content
    assert patched.json()["applied_to"] == memo["applied_to"] != []
    assert len(sandbox.control.records("us", "CreditMemo")) == len(before)


def test_providers_list_what_quickbooks_offers_on_credit_notes(qbo):
    client, _, _ = qbo
    providers = {p["key"]: p for p in client.get("/v1/providers").json()["results"]}
    quickbooks = providers["quickbooks"]
    assert quickbooks["models"]["credit_note"] == ["list", "get", "create", "update", "delete"]
    assert quickbooks["actions"]["credit_note"] == ["allocations"]


def test_a_retried_allocation_with_the_same_key_is_applied_once(qbo):
    """The caller's Idempotency-Key goes to QuickBooks as the payment's requestid, which
    QuickBooks answers once: a retry applies no more credit."""
    client, sandbox, _ = qbo
    note = by_remote_id(client, "/v1/credit-notes", "1")
    invoice = by_remote_id(client, "/v1/invoices", "10")
    before = len(sandbox.control.records("us", "Payment"))
    path = f"/v1/credit-notes/{note['id']}/allocations"
    body = {"invoice": invoice["id"], "amount": "5.00"}
    first = client.post(path, body, format="json", HTTP_IDEMPOTENCY_KEY="qbo-alloc-1")
    assert first.status_code == 200, first.content
    again = client.post(path, body, format="json", HTTP_IDEMPOTENCY_KEY="qbo-alloc-1")
    assert again.status_code == 200, again.content
    assert len(sandbox.control.records("us", "Payment")) == before + 1
    assert again.json()["remaining_credit"] == "45.00"

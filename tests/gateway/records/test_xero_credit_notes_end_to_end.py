"""Credit notes through the unified API, a real Xero connector and the Xero sandbox: sync,
create, update a draft, approve, allocate (the invoice's balance and event follow), refuse bad
allocations, void; payments on credit notes resolve; CREDITNOTE webhooks are routed."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from gateway.accounts.connections import connector_for
from gateway.accounts.models import Grant
from gateway.events.models import Event
from gateway.records.models import Record
from gateway.records.store import upsert_records

pytestmark = pytest.mark.django_db(transaction=True)


def pull(account, model: str) -> int:
    count = 0
    for page in connector_for(account).list(model):
        upsert_records(account, model, page.records)
        count += len(page.records)
    return count


@pytest.fixture
def xero_client(authed_client, xero_account):
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(xero_account.id),
    )
    authed_client.account = xero_account
    for model in ("contact", "invoice", "credit_note", "payment"):
        pull(xero_account, model)
    return authed_client


def results(client, path, **params):
    body = client.get(path, {"page_size": 100, **params})
    assert body.status_code == 200, body.content
    return body.json()["results"]


def types(account):
    return list(
        Event.objects.filter(linked_account=account)
        .order_by("sequence")
        .values_list("type", flat=True)
    )


def test_synced_credit_notes_are_served_with_allocations_and_refunds(xero_client, xero_sandbox):
    api = xero_sandbox.api(Grant.objects.get().access_token, "uk")
    raw = api.get("CreditNotes", params={"page": 1, "pageSize": 1000}).json()["CreditNotes"]
    listed = results(xero_client, "/v1/credit-notes")
    # A DELETED credit note is a deleted record (remote_was_deleted): not listed.
    live = [c for c in raw if c["Status"] != "DELETED"]
    assert len(listed) == len(live) == len(raw) - 1 >= 5
    partly = next(
        c for c in listed if c["status"] == "PARTIALLY_APPLIED" and c["currency"] == "GBP"
    )
    (allocation,) = partly["applied_to"]
    foreign = next(c for c in listed if c["currency"] not in (None, "GBP"))
    assert foreign["status"] == "PARTIALLY_APPLIED" and foreign["exchange_rate"] != "1.000000"
    (fx_allocation,) = foreign["applied_to"]
    fx_invoice = xero_client.get(f"/v1/invoices/{fx_allocation['invoice']}").json()
    assert fx_invoice["currency"] == foreign["currency"]
    invoice = xero_client.get(f"/v1/invoices/{allocation['invoice']}").json()
    assert invoice["remote_id"] == allocation["invoice_remote_id"]
    assert partly["contact"] and Decimal(partly["remaining_credit"]) > 0
    refunded = next(c for c in listed if c["status"] == "APPLIED")
    (refund,) = refunded["refunds"]
    payment = xero_client.get(f"/v1/payments/{refund['payment']}").json()
    assert payment["remote_id"] == refund["payment_remote_id"]
    # The payment points back at the credit note, by a gateway id that resolves.
    (applied,) = payment["applied_to"]
    assert applied["related_object_type"] == "CREDIT_NOTE"
    assert applied["related_object_id"] == refunded["id"]
    expanded = xero_client.get(f"/v1/credit-notes/{partly['id']}", {"expand": "applied_to.invoice"})
    assert expanded.status_code == 200, expanded.content
    assert expanded.json()["applied_to"][0]["invoice"]["id"] == invoice["id"]
    ap = results(xero_client, "/v1/credit-notes", type="ACCOUNTS_PAYABLE")
    assert ap and all(c["type"] == "ACCOUNTS_PAYABLE" for c in ap)
    assert all(
        c["status"] == "VOID" for c in results(xero_client, "/v1/credit-notes", status="VOID")
    )


def _open_invoice(client, contact_id: str) -> dict:
    body = {
        "type": "ACCOUNTS_RECEIVABLE",
        "contact": contact_id,
        "issue_date": "2026-11-01",
        "due_date": "2026-11-30",
        "status": "OPEN",
        "line_items": [
            {
                "description": "Consulting",
                "quantity": "1",
                "unit_price": "200.00",
                "account_code": "200",
                "tax_rate_remote_id": "OUTPUT2",
            }
        ],
    }
    created = client.post("/v1/invoices", body, format="json")
    assert created.status_code == 201, created.content
    return created.json()


def test_credit_note_lifecycle_through_the_sandbox(xero_client, xero_sandbox):
    account = xero_client.account
    api = xero_sandbox.api(Grant.objects.get().access_token, "uk")
    contact = xero_client.post("/v1/contacts", {"name": "Credit Test Ltd"}, format="json").json()
    invoice = _open_invoice(xero_client, contact["id"])
    assert Decimal(invoice["balance"]) == Decimal("240.00")

    body = {
        "type": "ACCOUNTS_RECEIVABLE",
        "contact": contact["id"],
        "issue_date": "2026-11-05",
        "line_items": [
            {
                "description": "Returned",
                "quantity": "1",
                "unit_price": "50.00",
                "account_code": "200",
                "tax_rate_remote_id": "OUTPUT2",
            }
        ],
    }
    created = xero_client.post("/v1/credit-notes", body, format="json")
    assert created.status_code == 201, created.content
    note = created.json()
    assert note["status"] == "DRAFT" and note["contact"] == contact["id"]
    assert Decimal(note["total_amount"]) == Decimal("60.00")
    remote = api.get(f"CreditNotes/{note['remote_id']}").json()["CreditNotes"][0]
    assert remote["Type"] == "ACCRECCREDIT" and remote["Status"] == "DRAFT"

    patched = xero_client.patch(
        f"/v1/credit-notes/{note['id']}", {"reference": "RMA-1", "status": "OPEN"}, format="json"
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["status"] == "OPEN" and patched.json()["reference"] == "RMA-1"
    remote = api.get(f"CreditNotes/{note['remote_id']}").json()["CreditNotes"][0]
    assert remote["Status"] == "AUTHORISED" and remote["Reference"] == "RMA-1"

    # Xero lets an approved credit note's reference change while no credit is applied.
    edited = xero_client.patch(
        f"/v1/credit-notes/{note['id']}", {"reference": "RMA-2"}, format="json"
    )
    assert edited.status_code == 200 and edited.json()["reference"] == "RMA-2", edited.content

    Event.objects.all().delete()
    allocated = xero_client.post(
        f"/v1/credit-notes/{note['id']}/allocations",
        {"invoice": invoice["id"], "amount": "40.00", "date": "2026-11-06"},
        format="json",
    )
    assert allocated.status_code == 200, allocated.content
    allocated = allocated.json()
    assert allocated["status"] == "PARTIALLY_APPLIED"
    assert Decimal(allocated["remaining_credit"]) == Decimal("20.00")
    (applied,) = allocated["applied_to"]
    assert applied["invoice"] == invoice["id"] and applied["applied_date"] == "2026-11-06"
    stored_invoice = xero_client.get(f"/v1/invoices/{invoice['id']}").json()
    assert Decimal(stored_invoice["balance"]) == Decimal("200.00")
    assert Decimal(stored_invoice["amount_credited"]) == Decimal("40.00")
    remote_invoice = api.get(f"Invoices/{invoice['remote_id']}").json()["Invoices"][0]
    assert Decimal(str(remote_invoice["AmountDue"])) == Decimal("200.00")
    assert sorted(types(account)) == ["credit_note.updated", "invoice.updated"]

    # A sync reads back the same state.
    pull(account, "credit_note")
    again = xero_client.get(f"/v1/credit-notes/{note['id']}").json()
    assert again["applied_to"] == allocated["applied_to"]

    # Voiding a credit note with credit applied is refused; a fresh one voids.
    refused = xero_client.delete(f"/v1/credit-notes/{note['id']}")
    assert refused.status_code == 422, refused.content
    other = xero_client.post("/v1/credit-notes", {**body, "status": "OPEN"}, format="json").json()
    voided = xero_client.delete(f"/v1/credit-notes/{other['id']}")
    assert voided.status_code == 200, voided.content
    assert voided.json()["status"] == "VOID"
    draft = xero_client.post("/v1/credit-notes", body, format="json").json()
    deleted = xero_client.delete(f"/v1/credit-notes/{draft['id']}")
    assert deleted.status_code == 200 and deleted.json()["remote_was_deleted"] is True


def _partly(client) -> dict:
    """The seeded partly allocated credit note in the organisation's currency."""
    listed = results(client, "/v1/credit-notes", status="PARTIALLY_APPLIED")
    return next(c for c in listed if c["currency"] == "GBP")


def _allocations(api, remote_id):
    return api.get(f"CreditNotes/{remote_id}").json()["CreditNotes"][0].get("Allocations", [])


def test_allocation_beyond_the_remaining_credit_is_refused_before_xero(xero_client, xero_sandbox):
    api = xero_sandbox.api(Grant.objects.get().access_token, "uk")
    partly = _partly(xero_client)
    invoice = _open_invoice(xero_client, partly["contact"])
    before = _allocations(api, partly["remote_id"])
    too_much = Decimal(partly["remaining_credit"]) + Decimal("0.01")
    response = xero_client.post(
        f"/v1/credit-notes/{partly['id']}/allocations",
        {"invoice": invoice["id"], "amount": str(too_much)},
        format="json",
    )
    assert response.status_code == 422, response.content
    assert [d["field"] for d in response.json()["error"]["details"]] == ["amount"]
    assert _allocations(api, partly["remote_id"]) == before


def test_xeros_own_refusal_is_a_422(xero_client, xero_sandbox):
    """When the stored credit note is stale the gateway cannot know: Xero's 400 comes back 422."""
    api = xero_sandbox.api(Grant.objects.get().access_token, "uk")
    partly = _partly(xero_client)
    invoice = _open_invoice(xero_client, partly["contact"])
    record = Record.objects.get(id=partly["id"])
    document = json.loads(record.document)
    record.document = json.dumps({**document, "remaining_credit": "100000.00"})
    record.save()
    response = xero_client.post(
        f"/v1/credit-notes/{partly['id']}/allocations",
        {"invoice": invoice["id"], "amount": str(Decimal(partly["remaining_credit"]) + 1)},
        format="json",
    )
    assert response.status_code == 422, response.content
    details = response.json()["error"]["details"]
    assert {
        "field": "amount",
        "message": "The amount allocated exceeds the amount outstanding",
    } in details
    assert len(_allocations(api, partly["remote_id"])) == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"invoice": "00000000-0000-5000-8000-000000000000", "amount": "1.00"}, "invoice"),
        ({"invoice": "not-a-uuid", "amount": "1.00"}, "invoice"),
    ],
)
def test_unknown_invoice_is_422_and_nothing_written(xero_client, xero_sandbox, body, field):
    api = xero_sandbox.api(Grant.objects.get().access_token, "uk")
    partly = _partly(xero_client)
    before = _allocations(api, partly["remote_id"])
    response = xero_client.post(f"/v1/credit-notes/{partly['id']}/allocations", body, format="json")
    assert response.status_code == 422, response.content
    assert [d["field"] for d in response.json()["error"]["details"]] == [field]
    assert _allocations(api, partly["remote_id"]) == before


def test_bad_allocation_bodies_are_4xx(xero_client):
    partly = _partly(xero_client)
    path = f"/v1/credit-notes/{partly['id']}/allocations"
    assert xero_client.post(path, {"amount": "1"}, format="json").status_code == 400
    assert (
        xero_client.post(path, {"invoice": partly["id"], "amount": "-1"}, format="json").status_code
        == 400
    )
    missing = xero_client.post(
        "/v1/credit-notes/00000000-0000-5000-8000-000000000000/allocations",
        {"invoice": partly["id"], "amount": "1"},
        format="json",
    )
    assert missing.status_code == 404


def test_creditnote_webhook_events_refresh_the_stored_credit_note(xero_client, xero_sandbox):
    """Xero's CREDITNOTE events were dropped; now they fetch and store the credit note."""
    import json as _json

    from connectors.xero.webhooks import sign

    account = xero_client.account
    partly = _partly(xero_client)
    xero_sandbox.control.edit("uk", "CreditNotes", partly["remote_id"], Reference="From a hook")
    Event.objects.all().delete()
    body = _json.dumps(
        {
            "events": [
                {
                    "resourceUrl": f"https://api.xero.com/api.xro/2.0/CreditNotes/{partly['remote_id']}",
                    "resourceId": partly["remote_id"],
                    "eventDateUtc": "2026-11-20T10:00:00.000",
                    "eventType": "UPDATE",
                    "eventCategory": "CREDITNOTE",
                    "tenantId": account.tenant_id,
                    "tenantType": "ORGANISATION",
                }
            ],
            "firstEventSequence": 1,
            "lastEventSequence": 1,
            "entropy": "CREDITNOTETEST",
        }
    ).encode()
    response = xero_client.post(
        "/webhooks/xero/",
        data=body,
        content_type="application/json",
        HTTP_X_XERO_SIGNATURE=sign(body, xero_sandbox.webhook_key),
    )
    assert response.status_code == 200, response.content
    stored = xero_client.get(f"/v1/credit-notes/{partly['id']}").json()
    assert stored["reference"] == "From a hook"
    assert list(Event.objects.values_list("type", flat=True)) == ["credit_note.updated"]


def test_a_retried_allocation_with_the_same_key_is_applied_once(xero_client, xero_sandbox):
    api = xero_sandbox.api(Grant.objects.get().access_token, "uk")
    partly = _partly(xero_client)
    invoice = _open_invoice(xero_client, partly["contact"])
    path = f"/v1/credit-notes/{partly['id']}/allocations"
    body = {"invoice": invoice["id"], "amount": "5.00"}
    first = xero_client.post(path, body, format="json", HTTP_IDEMPOTENCY_KEY="alloc-1")
    assert first.status_code == 200, first.content
    again = xero_client.post(path, body, format="json", HTTP_IDEMPOTENCY_KEY="alloc-1")
    assert again.status_code == 200, again.content
    assert len(_allocations(api, partly["remote_id"])) == 2  # the seeded one and this one

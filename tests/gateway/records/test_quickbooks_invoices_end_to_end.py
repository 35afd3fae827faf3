"""Invoices through the unified API, the QuickBooks connector and the QuickBooks sandbox: create
an AR invoice (a QuickBooks Invoice) and an AP one (a Bill), update them, delete them (the
invoice voided and kept, the bill deleted), then a sync reads them back; what QuickBooks cannot
hold refused with 422 before any call; QuickBooks' own refusals answered 422 on the field."""

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


def sync(account):
    run = services.request_sync(account, SyncMode.INCREMENTAL, RunTrigger.API)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error


def results(client, path, **params):
    response = client.get(path, {"page_size": 100, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def by_remote_id(client, path, remote_id, **params):
    return next(r for r in results(client, path, **params) if r["remote_id"] == remote_id)


def stored(sandbox, entity, entity_id):
    return next((d for d in sandbox.control.records("us", entity) if d["Id"] == entity_id), None)


def test_an_invoice_is_created_updated_and_voided(qbo):
    client, sandbox, account = qbo
    customer = by_remote_id(client, "/v1/contacts", "1")
    item = by_remote_id(client, "/v1/items", "1")
    Event.objects.all().delete()
    created = client.post(
        "/v1/invoices",
        {
            "type": "ACCOUNTS_RECEIVABLE",
            "contact": customer["id"],
            "number": "WEB-1001",
            "issue_date": "2026-11-05",
            "due_date": "2026-12-05",
            "memo": "Spring garden design",
            "line_items": [
                {
                    "description": "Design",
                    "quantity": "2",
                    "unit_price": "75.00",
                    "item": item["id"],
                    "tax_rate_remote_id": "TAX",
                }
            ],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    invoice = created.json()
    assert invoice["type"] == "ACCOUNTS_RECEIVABLE" and invoice["status"] == "OPEN"
    assert invoice["total_amount"] == "162.00" and invoice["total_tax_amount"] == "12.00"
    assert invoice["balance"] == "162.00" and invoice["contact"] == customer["id"]
    assert invoice["line_items"][0]["item"] == item["id"]
    raw = stored(sandbox, "Invoice", invoice["remote_id"])
    assert raw["DocNumber"] == "WEB-1001" and raw["CustomerMemo"] == {
        "value": "Spring garden design"
    }
    assert list(Event.objects.values_list("type", flat=True)) == ["invoice.created"]

    patched = client.patch(
        f"/v1/invoices/{invoice['id']}",
        {
            "memo": "Spring and summer",
            "line_items": [{"quantity": "3", "unit_price": "75.00", "item": item["id"]}],
        },
        format="json",
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["memo"] == "Spring and summer"
    assert patched.json()["total_amount"] == "225.00"
    raw = stored(sandbox, "Invoice", invoice["remote_id"])
    assert raw["SyncToken"] == "1" and raw["DocNumber"] == "WEB-1001"  # sparse: number kept

    deleted = client.delete(f"/v1/invoices/{invoice['id']}")
    assert deleted.status_code == 200, deleted.content
    voided = deleted.json()
    assert voided["status"] == "VOID" and voided["total_amount"] == "0.00"
    assert voided["remote_was_deleted"] is False  # QuickBooks keeps a voided invoice
    raw = stored(sandbox, "Invoice", invoice["remote_id"])
    assert raw["PrivateNote"].startswith("Voided") and raw["Balance"] == 0
    # Already void: the same answer, nothing written.
    again = client.delete(f"/v1/invoices/{invoice['id']}")
    assert again.status_code == 200 and again.json()["status"] == "VOID"
    assert stored(sandbox, "Invoice", invoice["remote_id"])["SyncToken"] == raw["SyncToken"]

    sync(account)
    read = client.get(f"/v1/invoices/{invoice['id']}").json()
    assert read["status"] == "VOID" and read["number"] == "WEB-1001"


def test_a_bill_is_created_updated_and_deleted(qbo):
    client, sandbox, account = qbo
    vendor = by_remote_id(client, "/v1/contacts", "Vendor:2")
    expense = by_remote_id(client, "/v1/accounts", "11")
    created = client.post(
        "/v1/invoices",
        {
            "type": "ACCOUNTS_PAYABLE",
            "contact": vendor["id"],
            "number": "NL-2001",
            "issue_date": "2026-11-06",
            "memo": "Lumber delivery",
            "line_items": [
                {"description": "Delivery", "unit_price": "35.50", "account": expense["id"]}
            ],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    bill = created.json()
    assert bill["remote_id"].startswith("Bill:") and bill["type"] == "ACCOUNTS_PAYABLE"
    assert bill["total_amount"] == "35.50" and bill["contact"] == vendor["id"]
    assert bill["line_items"][0]["account"] == expense["id"]
    own_id = bill["remote_id"].removeprefix("Bill:")
    assert stored(sandbox, "Bill", own_id)["PrivateNote"] == "Lumber delivery"

    patched = client.patch(f"/v1/invoices/{bill['id']}", {"due_date": "2026-12-31"}, format="json")
    assert patched.status_code == 200, patched.content
    assert patched.json()["due_date"] == "2026-12-31" and patched.json()["total_amount"] == "35.50"

    Event.objects.all().delete()
    deleted = client.delete(f"/v1/invoices/{bill['id']}")
    assert deleted.status_code == 200, deleted.content
    assert deleted.json()["remote_was_deleted"] is True
    assert stored(sandbox, "Bill", own_id) is None
    assert list(Event.objects.values_list("type", flat=True)) == ["invoice.deleted"]
    # A sync after it keeps the deletion (change data capture reports it).
    sync(account)
    listed = results(client, "/v1/invoices", include_deleted="true", type="ACCOUNTS_PAYABLE")
    assert next(r for r in listed if r["id"] == bill["id"])["remote_was_deleted"] is True


def test_a_document_with_payments_cannot_be_deleted(qbo):
    client, sandbox, _ = qbo
    paid = next(
        i
        for i in results(client, "/v1/invoices", status="PARTIALLY_PAID")
        if i["type"] == "ACCOUNTS_RECEIVABLE"
    )
    bill = next(
        b
        for b in results(client, "/v1/invoices", type="ACCOUNTS_PAYABLE")
        if Decimal(b["amount_paid"] or 0) > 0
    )
    before = {e: sandbox.control.records("us", e) for e in ("Invoice", "Bill")}
    for document in (paid, bill):
        response = client.delete(f"/v1/invoices/{document['id']}")
        assert response.status_code == 422, response.content
        assert [d["field"] for d in response.json()["error"]["details"]] == ["status"]
    assert {e: sandbox.control.records("us", e) for e in before} == before


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"status": "DRAFT"}, ["status"]),
        ({"reference": "PO-77"}, ["reference"]),
        ({"line_items": []}, ["line_items"]),
        (
            {"line_items": [{"unit_price": "10", "discount": "1", "item_remote_id": "1"}]},
            ["line_items[0].discount"],
        ),
        ({"line_items": [{"unit_price": "10", "account_remote_id": "11"}]}, ["line_items[0].item"]),
        ({"type": "ACCOUNTS_PAYABLE"}, ["contact"]),
    ],
)
def test_what_quickbooks_cannot_hold_is_refused_before_any_call(qbo, body, fields):
    client, sandbox, _ = qbo
    customer = by_remote_id(client, "/v1/contacts", "1")
    payload = {
        "type": "ACCOUNTS_RECEIVABLE",
        "contact": customer["id"],
        "line_items": [{"unit_price": "10", "item_remote_id": "1"}],
        **body,
    }
    before = sandbox.control.counters()["requests"]
    response = client.post("/v1/invoices", payload, format="json")
    assert response.status_code == 422, response.content
    assert [d["field"] for d in response.json()["error"]["details"]] == fields
    after = sandbox.control.counters()["requests"]
    assert (after.get("invoice"), after.get("bill")) == (before.get("invoice"), before.get("bill"))


def test_updates_quickbooks_cannot_make_are_refused_before_any_call(qbo):
    client, sandbox, _ = qbo
    invoice = by_remote_id(client, "/v1/invoices", "1")
    before = sandbox.control.counters()["requests"]
    for body, field in (
        ({"type": "ACCOUNTS_PAYABLE"}, "type"),
        ({"status": "DRAFT"}, "status"),
        (
            {"line_items": [{"unit_price": "1", "item_remote_id": "1", "tax_amount": "1"}]},
            "line_items[0].tax_amount",
        ),
    ):
        response = client.patch(f"/v1/invoices/{invoice['id']}", body, format="json")
        assert response.status_code == 422, response.content
        assert [d["field"] for d in response.json()["error"]["details"]] == [field]
    after = sandbox.control.counters()["requests"]
    assert (after.get("invoice"), after.get("query")) == (
        before.get("invoice"),
        before.get("query"),
    )


def test_quickbooks_refusals_name_the_field(qbo):
    """A duplicate number (Intuit's 6140) and a currency other than the customer's (6000)."""
    client, sandbox, _ = qbo
    taken = stored(sandbox, "Invoice", "1")["DocNumber"]
    before = sandbox.control.records("us", "Invoice")
    customer = by_remote_id(client, "/v1/contacts", "1")
    foreign = by_remote_id(client, "/v1/contacts", "8")
    line = [{"unit_price": "10", "item_remote_id": "1"}]
    for payload, field in (
        ({"contact": customer["id"], "number": taken}, "number"),
        ({"contact": foreign["id"], "currency": "USD"}, "currency"),
    ):
        response = client.post(
            "/v1/invoices",
            {"type": "ACCOUNTS_RECEIVABLE", "line_items": line, **payload},
            format="json",
        )
        assert response.status_code == 422, response.content
        assert [d["field"] for d in response.json()["error"]["details"]] == [field]
    assert sandbox.control.records("us", "Invoice") == before
    # In the customer's own currency, QuickBooks sets the rate.
    response = client.post(
        "/v1/invoices",
        {"type": "ACCOUNTS_RECEIVABLE", "contact": foreign["id"], "line_items": line},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["currency"] == "CAD" and response.json()["exchange_rate"] == "0.7412"

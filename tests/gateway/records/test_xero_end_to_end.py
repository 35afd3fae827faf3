"""The unified API over a real Xero connector and the Xero sandbox: reads, writes, errors."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gateway.accounts.connections import connector_for
from gateway.accounts.models import Grant
from gateway.records.store import upsert_records

pytestmark = pytest.mark.django_db(transaction=True)


def pull(account, model: str) -> int:
    """Store everything the connector lists (what a sync does, without the bookkeeping)."""
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
    return authed_client


def all_results(client, path, **params):
    out, cursor = [], None
    while True:
        body = client.get(path, {**params, **({"cursor": cursor} if cursor else {})}).json()
        out += body["results"]
        cursor = body["next"]
        if not cursor:
            return out


def test_synced_sandbox_data_is_served_in_the_unified_shape(xero_client, xero_sandbox):
    account = xero_client.account
    contacts, invoices = pull(account, "contact"), pull(account, "invoice")
    api = xero_sandbox.api(Grant.objects.get().access_token, "uk")
    raw = api.get("Invoices", params={"page": 1, "pageSize": 1000}).json()["Invoices"]
    listed = all_results(xero_client, "/v1/invoices", include_deleted="true", page_size=7)
    assert contacts > 0 and invoices == len(listed) >= len(raw)
    by_remote = {r["remote_id"]: r for r in listed}
    sample = raw[0]
    mine = by_remote[sample["InvoiceID"]]
    assert Decimal(mine["total_amount"]) == Decimal(str(sample["Total"]))
    assert mine["number"] == sample.get("InvoiceNumber")
    assert mine["contact_remote_id"] == sample["Contact"]["ContactID"]
    bills = all_results(xero_client, "/v1/invoices", type="ACCOUNTS_PAYABLE")
    assert bills and all(b["type"] == "ACCOUNTS_PAYABLE" for b in bills)


def test_writes_round_trip_through_the_sandbox(xero_client, xero_sandbox):
    account = xero_client.account
    api = xero_sandbox.api(Grant.objects.get().access_token, "uk")

    contact = xero_client.post(
        "/v1/contacts",
        {"name": "Ledgerlink Test Customer", "email_address": "ap@customer.test"},
        format="json",
    )
    assert contact.status_code == 201, contact.content
    contact = contact.json()
    remote = api.get(f"Contacts/{contact['remote_id']}").json()["Contacts"][0]
    assert remote["Name"] == "Ledgerlink Test Customer"

    body = {
        "type": "ACCOUNTS_RECEIVABLE",
        "contact": contact["id"],
        "issue_date": "2026-11-01",
        "due_date": "2026-11-30",
        "currency": "GBP",
        "tax_treatment": "EXCLUSIVE",
        "status": "OPEN",
        "line_items": [
            {
                "description": "Consulting",
                "quantity": "2",
                "unit_price": "150.00",
                "account_code": "200",
                "tax_rate_remote_id": "OUTPUT2",
            },
        ],
    }
    created = xero_client.post("/v1/invoices", body, format="json", HTTP_IDEMPOTENCY_KEY="inv-1")
    assert created.status_code == 201, created.content
    invoice = created.json()
    remote = api.get(f"Invoices/{invoice['remote_id']}").json()["Invoices"][0]
    assert Decimal(invoice["sub_total"]) == Decimal("300.00") == Decimal(str(remote["SubTotal"]))
    assert Decimal(invoice["total_amount"]) == Decimal(str(remote["Total"]))
    assert invoice["status"] == "OPEN" and invoice["contact"] == contact["id"]

    replay = xero_client.post("/v1/invoices", body, format="json", HTTP_IDEMPOTENCY_KEY="inv-1")
    assert replay.json()["id"] == invoice["id"]
    numbers = [
        i["InvoiceID"]
        for i in api.get(
            "Invoices", params={"where": f'Contact.ContactID==Guid("{contact["remote_id"]}")'}
        ).json()["Invoices"]
    ]
    assert numbers == [invoice["remote_id"]]

    patched = xero_client.patch(
        f"/v1/invoices/{invoice['id']}", {"reference": "PO-42"}, format="json"
    )
    assert patched.status_code == 200, patched.content
    assert api.get(f"Invoices/{invoice['remote_id']}").json()["Invoices"][0]["Reference"] == "PO-42"

    payment = xero_client.post(
        "/v1/payments",
        {
            "transaction_date": "2026-11-05",
            "account_code": "090",
            "total_amount": "100.00",
            "applied_to": [{"related_object_id": invoice["id"], "applied_amount": "100.00"}],
        },
        format="json",
    )
    assert payment.status_code == 201, payment.content
    remote = api.get(f"Invoices/{invoice['remote_id']}").json()["Invoices"][0]
    assert Decimal(str(remote["AmountPaid"])) == Decimal("100.00")

    voided = xero_client.delete(f"/v1/payments/{payment.json()['id']}")
    assert voided.status_code == 200, voided.content
    voided = xero_client.delete(f"/v1/invoices/{invoice['id']}")
    assert voided.status_code == 200, voided.content
    assert voided.json()["status"] == "VOID"
    assert pull(account, "invoice") > 0


def test_provider_validation_errors_map_to_unified_fields(xero_client):
    pull(xero_client.account, "contact")
    contact_id = xero_client.get("/v1/contacts").json()["results"][0]["id"]
    body = {
        "type": "ACCOUNTS_RECEIVABLE",
        "contact": contact_id,
        "status": "OPEN",
        "line_items": [
            {"description": "", "quantity": "1", "unit_price": "10", "account_code": "NOPE"}
        ],
    }
    response = xero_client.post("/v1/invoices", body, format="json")
    assert response.status_code == 422, response.content
    err = response.json()["error"]
    assert err["type"] == "validation_error" and err["details"]


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ({"quantity": "1e400", "unit_price": "10"}, "line_items[0].quantity"),
        ({"quantity": "1", "unit_price": "1E+400"}, "line_items[0].unit_price"),
        ({"quantity": "1", "unit_price": "-10"}, "line_items"),
    ],
)
def test_values_xero_cannot_take_are_422_and_never_sent(xero_client, xero_sandbox, line, field):
    """Once these reached Xero, failed there, were retried three times and came back as a 503
    clients retry; now the gateway refuses them first, naming the field."""
    pull(xero_client.account, "contact")
    contact_id = xero_client.get("/v1/contacts").json()["results"][0]["id"]
    api = xero_sandbox.api(Grant.objects.get().access_token, "uk")
    before = len(api.get("Invoices", params={"page": 1, "pageSize": 1000}).json()["Invoices"])
    body = {
        "type": "ACCOUNTS_RECEIVABLE",
        "contact": contact_id,
        "line_items": [{"description": "x", "account_code": "200", **line}],
    }
    response = xero_client.post("/v1/invoices", body, format="json")
    assert response.status_code == 422, response.content
    assert [d["field"] for d in response.json()["error"]["details"]] == [field]
    after = len(api.get("Invoices", params={"page": 1, "pageSize": 1000}).json()["Invoices"])
    assert after == before


def test_expired_access_token_is_refreshed_and_the_new_pair_stored(xero_client, xero_sandbox):
    grant = Grant.objects.get()
    old_refresh = grant.refresh_token
    xero_sandbox.control.expire_token(access_token=grant.access_token)
    response = xero_client.post(
        "/v1/passthrough", {"method": "GET", "path": "/Organisation"}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == 200
    grant.refresh_from_db()
    assert grant.refresh_token != old_refresh and grant.refreshed_at is not None


def test_revoked_grant_answers_relink_required(xero_client, xero_sandbox):
    xero_sandbox.control.revoke_grant(client_id=xero_sandbox.client_id)
    xero_sandbox.control.expire_token()
    response = xero_client.post(
        "/v1/passthrough", {"method": "GET", "path": "/Organisation"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["error"]["type"] == "relink_required"
    account = xero_client.account
    account.refresh_from_db()
    assert account.status == "relink_required"


def test_deleting_a_contact_archives_it_at_xero(xero_client, xero_sandbox):
    """`/v1/providers` lists `delete` for Xero contacts, so the endpoint exists and archives."""
    api = xero_sandbox.api(Grant.objects.get().access_token, "uk")
    contact = xero_client.post("/v1/contacts", {"name": "Archive Me Ltd"}, format="json").json()
    deleted = xero_client.delete(f"/v1/contacts/{contact['id']}")
    assert deleted.status_code == 200, deleted.content
    assert deleted.json()["status"] == "ARCHIVED"
    remote = api.get(f"Contacts/{contact['remote_id']}").json()["Contacts"][0]
    assert remote["ContactStatus"] == "ARCHIVED"
    assert xero_client.get(f"/v1/contacts/{contact['id']}").json()["status"] == "ARCHIVED"

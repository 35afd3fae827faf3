"""Contacts through the unified API, the QuickBooks connector and the QuickBooks sandbox:
create a customer or (``is_supplier``) a vendor, update sparsely, delete = archive (QuickBooks
never deletes a name), then a sync reads the same back; bad input (both roles, a role change,
a field QuickBooks cannot hold) refused with 422 before any call to QuickBooks."""

from __future__ import annotations

import pytest

from gateway.events.models import Event
from gateway.sync import services
from gateway.sync.models import RunStatus, RunTrigger, SyncMode

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def qbo(quickbooks_account, quickbooks_settings, authed_client):
    sync(quickbooks_account, SyncMode.FULL)
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


def results(client, path, **params):
    response = client.get(path, {"page_size": 100, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def by_remote_id(client, remote_id):
    return next(c for c in results(client, "/v1/contacts") if c["remote_id"] == remote_id)


def stored(sandbox, entity, own_id):
    return next(r for r in sandbox.control.records("us", entity) if r["Id"] == own_id)


def api_calls(sandbox) -> dict:
    """The accounting API calls the sandbox received (not OAuth)."""
    requests = sandbox.control.counters()["requests"]
    return {k: n for k, n in requests.items() if k not in ("oauth2", "connect")}


def test_create_update_archive_a_customer_and_read_it_back_through_a_sync(qbo):
    client, sandbox, account = qbo
    Event.objects.all().delete()
    created = client.post(
        "/v1/contacts",
        {
            "name": "Harbor Gardens",
            "first_name": "Hal",
            "last_name": "Berg",
            "email_address": "hal@harbor.example",
            "is_customer": True,
            "addresses": [
                {"type": "BILLING", "street_1": "1 Quay Street", "city": "Half Moon Bay"},
                {"type": "SHIPPING", "street_1": "Dock B", "postal_code": "94019"},
            ],
            "phone_numbers": [{"type": "MOBILE", "number": "555-0199"}],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    contact = created.json()
    assert (contact["is_customer"], contact["is_supplier"]) == (True, False)
    assert contact["remote_id"].isdigit() and contact["status"] == "ACTIVE"
    assert contact["currency"] == "USD" and contact["phone_numbers"][0]["number"] == "555-0199"
    customer = stored(sandbox, "Customer", contact["remote_id"])
    assert customer["DisplayName"] == "Harbor Gardens" and customer["Balance"] == 0
    assert customer["ShipAddr"] == {"Line1": "Dock B", "PostalCode": "94019"}
    assert types(account) == ["contact.created"]

    patched = client.patch(
        f"/v1/contacts/{contact['id']}", {"email_address": "books@harbor.example"}, format="json"
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["email_address"] == "books@harbor.example"
    assert patched.json()["addresses"] == contact["addresses"]  # sparse: kept
    customer = stored(sandbox, "Customer", contact["remote_id"])
    assert customer["SyncToken"] == "1" and customer["GivenName"] == "Hal"

    deleted = client.delete(f"/v1/contacts/{contact['id']}")
    assert deleted.status_code == 200, deleted.content
    archived = deleted.json()
    assert archived["status"] == "ARCHIVED" and archived["remote_was_deleted"] is False
    assert archived["email_address"] == "books@harbor.example"
    assert stored(sandbox, "Customer", contact["remote_id"])["Active"] is False
    assert client.get(f"/v1/contacts/{contact['id']}").json()["status"] == "ARCHIVED"

    # A sync reads back what the writes stored: nothing new to say.
    Event.objects.all().delete()
    sync(account)
    again = client.get(f"/v1/contacts/{contact['id']}").json()
    assert again == archived
    assert "contact.updated" not in types(account)
    sync(account, SyncMode.FULL)
    assert client.get(f"/v1/contacts/{contact['id']}").json()["status"] == "ARCHIVED"


def test_a_supplier_is_a_vendor(qbo):
    client, sandbox, account = qbo
    created = client.post(
        "/v1/contacts",
        {"name": "Stone Yard", "is_supplier": True, "account_number": "SY-1", "tax_number": "12-3"},
        format="json",
    )
    assert created.status_code == 201, created.content
    vendor = created.json()
    assert vendor["remote_id"].startswith("Vendor:")
    assert (vendor["is_customer"], vendor["is_supplier"]) == (False, True)
    row = stored(sandbox, "Vendor", vendor["remote_id"].removeprefix("Vendor:"))
    assert row["AcctNum"] == "SY-1" and row["TaxIdentifier"] == "12-3"
    patched = client.patch(
        f"/v1/contacts/{vendor['id']}", {"name": "Stone Yard Ltd"}, format="json"
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["name"] == "Stone Yard Ltd" and patched.json()["account_number"] == "SY-1"
    sync(account)
    assert by_remote_id(client, vendor["remote_id"])["name"] == "Stone Yard Ltd"


@pytest.mark.parametrize(
    ("method", "body", "fields"),
    [
        (
            "post",
            {"name": "Both", "is_customer": True, "is_supplier": True},
            ["is_customer", "is_supplier"],
        ),
        ("post", {"name": "Neither", "is_customer": False}, ["is_customer"]),
        ("post", {"name": "No Number", "account_number": "A-1"}, ["account_number"]),
        ("patch", {"is_supplier": True}, ["is_supplier"]),
        ("patch", {"is_customer": False}, ["is_customer"]),
        (
            "patch",
            {"addresses": [{"type": "BILLING", "city": "A"}, {"type": "BILLING", "city": "B"}]},
            ["addresses[1].type"],
        ),
    ],
)
def test_bad_input_is_422_before_any_call_to_quickbooks(qbo, method, body, fields):
    client, sandbox, _ = qbo
    amy = by_remote_id(client, "1")  # a customer
    sandbox.control.reset_counters()
    if method == "post":
        response = client.post("/v1/contacts", body, format="json")
    else:
        response = client.patch(f"/v1/contacts/{amy['id']}", body, format="json")
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["type"] == "validation_error"
    assert [d["field"] for d in error["details"]] == fields
    assert api_calls(sandbox) == {}


def test_quickbooks_own_refusals_are_422_on_unified_fields(qbo):
    client, sandbox, _ = qbo
    before = sandbox.control.records("us", "Vendor")
    duplicate = client.post(
        "/v1/contacts", {"name": "AMY'S BIRD SANCTUARY", "is_supplier": True}, format="json"
    )
    assert duplicate.status_code == 422, duplicate.content
    (detail,) = duplicate.json()["error"]["details"]
    assert detail["field"] == "name" and "already using this name" in detail["message"]
    amy = by_remote_id(client, "1")
    currency = client.patch(f"/v1/contacts/{amy['id']}", {"currency": "EUR"}, format="json")
    assert currency.status_code == 422, currency.content
    assert [d["field"] for d in currency.json()["error"]["details"]] == ["currency"]
    assert sandbox.control.records("us", "Vendor") == before


def test_providers_list_contact_writes_for_quickbooks(qbo):
    client, _, _ = qbo
    providers = {p["key"]: p for p in client.get("/v1/providers").json()["results"]}
    assert providers["quickbooks"]["models"]["contact"] == [
        "list",
        "get",
        "create",
        "update",
        "delete",
    ]

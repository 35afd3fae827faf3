"""Customer B's key with customer A's linked account or record ids: 404, nothing revealed."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from gateway.records.models import Record
from tests.factories import make_customer
from tests.gateway.builders import make_linked_account, seed_store

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(fake_provider):
    alice, _ = make_customer("Alice Co")
    bob, bob_key = make_customer("Bob Co")
    alice_account = make_linked_account(alice, tenant_id="alice-tenant")
    seed_store(alice_account)
    bob_account = make_linked_account(bob, tenant_id="bob-tenant")
    seed_store(bob_account, contacts=1, invoices=1, payments=1)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {bob_key}")
    ids = {
        model: str(Record.objects.filter(linked_account=alice_account, model=model).first().id)
        for model in ("contact", "invoice", "payment")
    }
    return client, alice_account, bob_account, ids


def secrets_of(account) -> list[str]:
    return [str(account.id), account.tenant_id, account.tenant_name, "Contact c0", "INV-i0"]


def assert_hidden(response, alice_account):
    assert response.status_code == 404, (response.status_code, response.content)
    assert response.json()["error"]["type"] == "not_found"
    body = response.content.decode()
    for secret in secrets_of(alice_account)[1:]:
        assert secret not in body


PLURAL = {"contact": "contacts", "invoice": "invoices", "payment": "payments"}


def test_every_endpoint_hides_other_customers_accounts(world):
    client, alice_account, _, ids = world
    header = {"HTTP_X_LINKED_ACCOUNT": str(alice_account.id)}
    calls = [
        ("get", f"/v1/linked-accounts/{alice_account.id}", None, {}),
        ("delete", f"/v1/linked-accounts/{alice_account.id}", None, {}),
        ("post", "/v1/passthrough", {"method": "GET", "path": "/Organisation"}, header),
    ]
    for model, plural in PLURAL.items():
        calls += [
            ("get", f"/v1/{plural}", None, header),
            ("post", f"/v1/{plural}", {"remote_id": "x"}, header),
            ("get", f"/v1/{plural}/{ids[model]}", None, header),
        ]
        if model != "payment":
            calls.append(("patch", f"/v1/{plural}/{ids[model]}", {"memo": "x"}, header))
        if model != "contact":
            calls.append(("delete", f"/v1/{plural}/{ids[model]}", None, header))
    for method, path, body, headers in calls:
        response = getattr(client, method)(path, body, format="json", **headers)
        assert_hidden(response, alice_account)
    assert Record.objects.filter(linked_account=alice_account).count() == 10


def test_own_account_with_other_customers_record_ids_is_404(world):
    client, alice_account, bob_account, ids = world
    header = {"HTTP_X_LINKED_ACCOUNT": str(bob_account.id)}
    for model, plural in PLURAL.items():
        assert_hidden(client.get(f"/v1/{plural}/{ids[model]}", **header), alice_account)
        if model != "payment":
            response = client.patch(
                f"/v1/{plural}/{ids[model]}", {"memo": "x"}, format="json", **header
            )
            assert_hidden(response, alice_account)


def test_lists_only_show_own_accounts(world):
    client, _, bob_account, _ = world
    listed = [a["id"] for a in client.get("/v1/linked-accounts").json()["results"]]
    assert listed == [str(bob_account.id)]


def test_writes_cannot_reference_other_customers_records(world):
    client, _, bob_account, ids = world
    response = client.post(
        "/v1/invoices",
        {"type": "ACCOUNTS_RECEIVABLE", "contact": ids["contact"]},
        format="json",
        HTTP_X_LINKED_ACCOUNT=str(bob_account.id),
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"] == [
        {"field": "contact", "message": "No such contact."}
    ]

"""`/v1/linked-accounts`: listing, retrieving, deleting (revoking at the provider)."""

from __future__ import annotations

import pytest

from gateway.accounts.models import Grant, LinkedAccount
from gateway.records.models import Record
from tests.gateway.builders import make_linked_account

pytestmark = pytest.mark.django_db

SECRETS = ("at-SECRET", "rt-SECRET")


def test_list_and_retrieve_show_no_secret(authed_client, account):
    body = authed_client.get("/v1/linked-accounts").json()
    assert [a["id"] for a in body["results"]] == [str(account.id)]
    one = authed_client.get(f"/v1/linked-accounts/{account.id}")
    assert one.json()["status"] == "active" and one.json()["provider"] == "fake"
    for response in (authed_client.get("/v1/linked-accounts"), one):
        for secret in SECRETS:
            assert secret not in response.content.decode()


def test_list_filters_and_bad_input(authed_client, account):
    other = make_linked_account(authed_client.customer, end_user_id="someone-else")
    other.status = "relink_required"
    other.save()

    def get(**p):
        return [a["id"] for a in authed_client.get("/v1/linked-accounts", p).json()["results"]]

    assert get(end_user_id="someone-else") == [str(other.id)]
    assert get(status="active") == [str(account.id)]
    for params in ({"status": "weird"}, {"bogus": "1"}, {"cursor": "zzz"}):
        response = authed_client.get("/v1/linked-accounts", params)
        assert response.status_code == 400, params
        assert response.json()["error"]["type"] == "validation_error"


def test_delete_revokes_and_removes_everything(authed_client, account, monkeypatch):
    from tests.gateway.fakes import FakeProvider

    revoked = []
    monkeypatch.setattr(FakeProvider, "revoke", lambda self, creds: revoked.append(creds))
    assert Record.objects.filter(linked_account=account).exists()
    response = authed_client.delete(f"/v1/linked-accounts/{account.id}")
    assert response.status_code == 204
    assert len(revoked) == 1 and revoked[0].refresh_token == "rt-SECRET-refresh-token-value-0001"
    assert not LinkedAccount.objects.exists() and not Grant.objects.exists()
    assert not Record.objects.exists()
    assert authed_client.get(f"/v1/linked-accounts/{account.id}").status_code == 404


def test_delete_one_of_two_tenants_disconnects_only_it(authed_client, account, monkeypatch):
    from tests.gateway.fakes import FakeProvider

    sibling = LinkedAccount.objects.create(
        customer=account.customer,
        grant=account.grant,
        provider="fake",
        tenant_id="tenant-sibling",
        connection_id="conn-2",
        end_user_id=account.end_user_id,
    )
    calls = []
    monkeypatch.setattr(FakeProvider, "disconnect", lambda self, c, cid: calls.append(cid))
    monkeypatch.setattr(FakeProvider, "revoke", lambda self, c: calls.append("revoke"))
    assert authed_client.delete(f"/v1/linked-accounts/{sibling.id}").status_code == 204
    assert calls == ["conn-2"]
    assert Grant.objects.filter(pk=account.grant_id).exists()


def test_delete_against_the_sandbox_revokes_the_grant(authed_client, xero_account, xero_sandbox):
    response = authed_client.delete(f"/v1/linked-accounts/{xero_account.id}")
    assert response.status_code == 204
    grants = xero_sandbox.control.grants()
    assert all(g.get("revoked") for g in grants), grants

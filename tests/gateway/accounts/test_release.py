"""What deleting a linked account ends at the provider when other accounts share its tenant."""

from __future__ import annotations

import pytest

from connectors.base import Tenant
from gateway.accounts.models import LinkedAccount
from gateway.accounts.services import delete_linked_account
from tests.factories import make_customer
from tests.gateway.builders import make_linked_account
from tests.gateway.fakes import FakeProvider

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(fake_provider, monkeypatch):
    made: list = []
    monkeypatch.setattr(FakeProvider, "disconnect", lambda self, c, cid: made.append(cid))
    monkeypatch.setattr(FakeProvider, "revoke", lambda self, c: made.append("revoke"))
    return made


def linked(customer_name: str, tenant: str, connection_id: str) -> LinkedAccount:
    customer, _ = make_customer(customer_name)
    account = make_linked_account(customer, tenant_id=tenant)
    LinkedAccount.objects.filter(pk=account.pk).update(connection_id=connection_id)
    account.refresh_from_db()
    return account


def test_a_connection_another_customer_depends_on_is_left_alone(calls):
    linked("Alpha", "org-1", "conn-shared")
    theirs = linked("Beta", "org-1", "conn-shared")
    delete_linked_account(theirs)
    assert calls == []  # neither disconnected nor revoked: only forgotten


def test_another_users_connection_to_the_same_tenant_does_not_hold_anything_back(calls):
    linked("Alpha", "org-1", "conn-of-alpha-user")
    theirs = linked("Beta", "org-1", "conn-of-beta-user")
    delete_linked_account(theirs)
    assert calls == ["conn-of-beta-user", "revoke"]


def test_an_account_without_connection_ids_depends_on_the_tenant(calls):
    linked("Alpha", "org-1", "")
    theirs = linked("Beta", "org-1", "conn-b")
    delete_linked_account(theirs)
    assert calls == []


def test_no_revoke_when_the_grant_reaches_a_tenant_someone_else_uses(calls, monkeypatch):
    linked("Alpha", "org-2", "conn-2")
    theirs = linked("Beta", "org-1", "conn-1")
    reach = [Tenant(id="org-2", name=None, type=None, connection_id="conn-2", auth_event_id=None)]
    monkeypatch.setattr(FakeProvider, "revocation_reach", lambda self, c: reach)
    delete_linked_account(theirs)
    assert calls == ["conn-1"]  # its own connection ends; the grant, reaching org-2, is kept

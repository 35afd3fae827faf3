"""Credentials: encrypted at rest, rotatable, refreshed once under a lock, never leaked."""

from __future__ import annotations

import threading
from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from gateway.accounts.connections import connector_for
from gateway.accounts.models import Grant
from gateway.core import crypto
from tests.gateway.builders import ACCESS_TOKEN, REFRESH_TOKEN, make_linked_account


def raw_grant_columns(grant_id) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT access_token, refresh_token FROM accounts_grant WHERE id = %s",
            [Grant._meta.pk.get_db_prep_value(grant_id, connection)],
        )
        return cursor.fetchone()


def dump_database() -> str:
    """Every value of every table, as text."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            parts.append(repr(cursor.fetchall()))
    return "\n".join(parts)


@pytest.mark.django_db
def test_tokens_are_encrypted_at_rest_and_decrypt_in_python(customer_with_key):
    account = make_linked_account(customer_with_key[0])
    access, refresh = raw_grant_columns(account.grant_id)
    assert ACCESS_TOKEN not in access and REFRESH_TOKEN not in refresh
    assert crypto.decrypt(access) == ACCESS_TOKEN
    assert Grant.objects.get().refresh_token == REFRESH_TOKEN


@pytest.mark.django_db
def test_two_encryptions_of_one_value_differ(customer_with_key):
    assert crypto.encrypt("same") != crypto.encrypt("same")


@pytest.mark.django_db
def test_rotation_re_encrypts_under_the_new_key(customer_with_key, settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.LEDGERLINK_ENCRYPTION_KEYS = [old]
    account = make_linked_account(customer_with_key[0])
    settings.LEDGERLINK_ENCRYPTION_KEYS = [new, old]
    out = StringIO()
    call_command("rotate_encryption_keys", stdout=out)
    assert "accounts.Grant: 1 row(s)" in out.getvalue()
    settings.LEDGERLINK_ENCRYPTION_KEYS = [new]  # the old key is gone: values still decrypt
    access, _ = raw_grant_columns(account.grant_id)
    assert Fernet(new.encode()).decrypt(access.encode()).decode() == ACCESS_TOKEN
    assert Grant.objects.get().access_token == ACCESS_TOKEN


@pytest.mark.django_db(transaction=True)
def test_database_dump_after_linking_holds_no_secret_in_clear(customer_with_key, xero_account):
    grant = Grant.objects.get()
    secrets_ = [grant.access_token, grant.refresh_token, xero_account.grant.token_extra]
    from django.conf import settings

    secrets_.append(settings.LEDGERLINK_PROVIDER_SETTINGS["xero"]["client_secret"])
    dump = dump_database()
    for secret in filter(None, secrets_):
        assert secret not in dump
    assert customer_with_key[1] not in dump  # the API key is only stored hashed


@pytest.mark.django_db(transaction=True)
def test_concurrent_refresh_makes_one_call_and_keeps_the_connection(xero_account, xero_sandbox):
    """20 threads find the access token expired at once: one refresh, everyone proceeds."""
    xero_sandbox.control.expire_token()
    Grant.objects.update(access_expires_at="2000-01-01T00:00:00Z")
    xero_sandbox.control.reset_counters()
    barrier = threading.Barrier(20)
    outcomes: list[object] = []

    def call() -> None:
        try:
            barrier.wait()
            connector = connector_for(type(xero_account).objects.get(pk=xero_account.pk))
            outcomes.append(connector.passthrough("GET", "/Organisation").status)
        except Exception as exc:  # collected and asserted below
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=call) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcomes == [200] * 20
    counters = xero_sandbox.control.counters()
    assert counters["refresh_calls"] == 1, counters
    xero_account.refresh_from_db()
    assert xero_account.status == "active"


@pytest.mark.django_db
def test_short_lived_stored_tokens_are_not_refreshed_on_every_request(customer_with_key):
    """60-second tokens: each request builds its connector from the stored grant, and the
    grant must say how long its token lives, or a 120 s leeway refreshes on every request."""
    from datetime import timedelta

    from connectors.oauth import credentials_from_token
    from connectors.tokens import TokenManager
    from gateway.accounts.credential_store import GrantCredentialStore

    account = make_linked_account(customer_with_key[0], expires_in=timedelta(seconds=60))
    refreshes = []

    def refresher(credentials):
        refreshes.append(credentials)
        return credentials_from_token(
            {"access_token": f"a{len(refreshes)}", "refresh_token": "r", "expires_in": 60}
        )

    for _ in range(10):  # ten requests in quick succession
        TokenManager(GrantCredentialStore(account.grant_id), refresher).current()
    assert len(refreshes) == 0
    Grant.objects.filter(pk=account.grant_id).update(  # 5 s of the 60 left
        refreshed_at=timezone.now() - timedelta(seconds=55),
        access_expires_at=timezone.now() + timedelta(seconds=5),
    )
    for _ in range(10):
        TokenManager(GrantCredentialStore(account.grant_id), refresher).current()
    assert len(refreshes) == 1


@pytest.mark.django_db
def test_admin_pages_show_no_token(admin_client, customer_with_key):
    account = make_linked_account(customer_with_key[0])
    for url in (
        f"/admin/accounts/grant/{account.grant_id}/change/",
        f"/admin/accounts/linkedaccount/{account.id}/change/",
        "/admin/accounts/grant/",
        "/admin/accounts/linkedaccount/",
    ):
        page = admin_client.get(url)
        assert page.status_code == 200, url
        html = page.content.decode()
        assert ACCESS_TOKEN not in html and REFRESH_TOKEN not in html
        assert raw_grant_columns(account.grant_id)[0] not in html

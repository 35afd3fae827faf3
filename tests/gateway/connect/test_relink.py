"""Relink: a new consent repairs the same linked accounts (same ids, data kept)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from gateway.accounts.credential_store import GrantCredentialStore
from gateway.accounts.models import Grant, LinkedAccount, LinkedAccountStatus
from gateway.records.models import Record

from .conftest import query_of, redirect_target

pytestmark = pytest.mark.django_db


def store_record(account: LinkedAccount) -> Record:
    import uuid

    now = timezone.now()
    return Record.objects.create(
        id=uuid.uuid4(),
        linked_account=account,
        model="contact",
        remote_id="c-1",
        document="{}",
        content_hash="0" * 32,
        created_at=now,
        modified_at=now,
    )


def link_two(driver) -> tuple[LinkedAccount, LinkedAccount]:
    driver.link(["uk", "us"], pick=["uk", "us"])
    uk = LinkedAccount.objects.get(tenant_id=driver.sandbox.tenant_id("uk"))
    us = LinkedAccount.objects.get(tenant_id=driver.sandbox.tenant_id("us"))
    return uk, us


def revoke_at_provider(driver, account: LinkedAccount) -> None:
    """The end user disconnects the app in Xero; our next call finds out."""
    revoked = driver.sandbox.control.revoke_grant(refresh_token=account.grant.refresh_token)
    assert revoked
    GrantCredentialStore(account.grant_id).mark_relink_required("invalid_grant")


def relink(driver, account, tenants):
    token = driver.relink_token(account.pk)
    page = driver.open(token)
    assert page.status_code == 200
    assert "Reconnect" in page.content.decode()
    auth = driver.start(token)
    response = driver.follow(driver.callback(code=driver.consent(auth, tenants), state=auth.state))
    return token, response


def test_relink_keeps_ids_and_data(driver, django_capture_on_commit_callbacks, linked_signals):
    uk, us = link_two(driver)
    record = store_record(uk)
    grant = Grant.objects.get()
    old_access = grant.access_token
    revoke_at_provider(driver, uk)
    assert set(LinkedAccount.objects.values_list("status", flat=True)) == {"relink_required"}

    linked_signals.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _, response = relink(driver, uk, ["uk", "us"])
    assert response.status_code == 200, response.content
    assert "Reconnected" in response.content.decode()

    assert LinkedAccount.objects.count() == 2 and Grant.objects.count() == 1
    uk.refresh_from_db()
    us.refresh_from_db()
    assert uk.status == us.status == LinkedAccountStatus.ACTIVE
    assert uk.status_reason == ""
    assert uk.grant_id == us.grant_id == grant.pk
    grant.refresh_from_db()
    assert grant.access_token != old_access
    assert Record.objects.get().pk == record.pk and record.linked_account_id == uk.pk
    ids = query_of(redirect_target(response))["linked_account_ids"].split(",")
    assert sorted(ids) == sorted([str(uk.pk), str(us.pk)])
    assert linked_signals[-1]["relinked"] is True
    assert {a.pk for a in linked_signals[-1]["accounts"]} == {uk.pk, us.pk}

    # the new tokens work at the provider
    tenants = {c["tenantId"] for c in driver.sandbox.connections(grant.access_token)}
    assert uk.tenant_id in tenants and us.tenant_id in tenants


def test_tenant_no_longer_reached_stays_relink_required(driver):
    uk, us = link_two(driver)
    revoke_at_provider(driver, uk)
    _, response = relink(driver, uk, ["uk"])
    assert response.status_code == 200
    uk.refresh_from_db()
    us.refresh_from_db()
    assert uk.status == LinkedAccountStatus.ACTIVE
    assert us.status == LinkedAccountStatus.RELINK_REQUIRED
    assert query_of(redirect_target(response))["linked_account_ids"] == str(uk.pk)


def test_relink_without_the_account_tenant_changes_nothing(driver):
    uk, _us = link_two(driver)
    revoke_at_provider(driver, uk)
    grant = Grant.objects.get()
    old_access = grant.access_token
    _, response = relink(driver, uk, ["au"])
    assert response.status_code == 400
    assert response.context["code"] == "relink_mismatch"
    assert query_of(redirect_target(response))["error"] == "relink_mismatch"
    uk.refresh_from_db()
    assert uk.status == LinkedAccountStatus.RELINK_REQUIRED
    grant.refresh_from_db()
    assert grant.access_token == old_access
    assert LinkedAccount.objects.count() == 2
    # the unused consent (AU only) was given back
    assert driver.sandbox.control.grants()[-1]["revoked"]


def test_relink_denied_leaves_the_account_as_it_was(driver):
    uk, _ = link_two(driver)
    revoke_at_provider(driver, uk)
    token = driver.relink_token(uk.pk)
    auth = driver.start(token)
    response = driver.follow(driver.callback(error="access_denied", state=auth.state))
    assert response.context["code"] == "access_denied"
    uk.refresh_from_db()
    assert uk.status == LinkedAccountStatus.RELINK_REQUIRED


def test_relink_token_of_customer_b_cannot_touch_customer_a(driver, customer_b):
    uk, _ = link_two(driver)
    _, key_b = customer_b
    driver.api.credentials(HTTP_AUTHORIZATION=f"Bearer {key_b}")
    response = driver.api.post(
        f"/v1/linked-accounts/{uk.pk}/relink-token",
        {"redirect_url": "https://app.example.com/integrations/done"},
        format="json",
    )
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "not_found"

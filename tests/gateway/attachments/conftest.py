"""Linked accounts on both sandboxes whose consent covers attachments, and helpers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from gateway.accounts.connections import connector_for
from gateway.records.store import upsert_records
from tests.plugins.sandbox import DEFAULT_SCOPE

ATTACHMENT_SCOPE = f"{DEFAULT_SCOPE} accounting.attachments"


def pull(account, model: str) -> int:
    """Store everything the connector lists (what a sync does, without the bookkeeping)."""
    count = 0
    for page in connector_for(account).list(model):
        upsert_records(account, model, page.records)
        count += len(page.records)
    return count


def client_for(authed_client, account):
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    authed_client.account = account
    return authed_client


@pytest.fixture
def xero_files_account(customer_with_key, xero_settings):
    """A linked account on the Xero sandbox's UK organisation, its consent with
    accounting.attachments; contacts and invoices stored."""
    from tests.gateway.builders import make_linked_account

    tokens = xero_settings.connect(tenants=["uk"], scope=ATTACHMENT_SCOPE)
    account = make_linked_account(
        customer_with_key[0],
        provider="xero",
        tenant_id=xero_settings.tenant_id("uk"),
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        expires_in=timedelta(seconds=int(tokens["expires_in"])),
        scope=tokens["scope"],
    )
    pull(account, "contact")
    pull(account, "invoice")
    return account


@pytest.fixture
def xero_files(authed_client, xero_files_account):
    return client_for(authed_client, xero_files_account)


@pytest.fixture
def qbo_files(authed_client, quickbooks_account):
    pull(quickbooks_account, "contact")
    pull(quickbooks_account, "invoice")
    return client_for(authed_client, quickbooks_account)

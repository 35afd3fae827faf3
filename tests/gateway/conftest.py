from __future__ import annotations

import pytest


@pytest.fixture
def fake_provider(settings):
    """Enable the in-memory test provider beside the configured ones."""
    from tests.gateway.fakes import FakeBackend

    settings.LEDGERLINK_PROVIDERS = {
        **settings.LEDGERLINK_PROVIDERS,
        "fake": "tests.gateway.fakes.FakeProvider",
    }
    FakeBackend.reset()
    yield FakeBackend
    FakeBackend.reset()


@pytest.fixture
def account(customer_with_key, fake_provider):
    """A linked account of the authenticated customer on the fake provider, with stored data."""
    from tests.gateway.builders import make_linked_account, seed_store

    customer, _ = customer_with_key
    linked = make_linked_account(customer)
    seed_store(linked)
    return linked


@pytest.fixture
def account_client(authed_client, account):
    """The customer's API client, already naming the linked account."""
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    authed_client.account = account
    return authed_client


@pytest.fixture
def xero_settings(settings, xero_sandbox):
    """Point the gateway's Xero connector at the running sandbox (the demo app's credentials)."""
    settings.LEDGERLINK_PROVIDER_SETTINGS = {
        **settings.LEDGERLINK_PROVIDER_SETTINGS,
        "xero": {
            "client_id": xero_sandbox.client_id,
            "client_secret": xero_sandbox.client_secret,
            "webhook_key": xero_sandbox.webhook_key,
            "authorize_url": xero_sandbox.authorize_url,
            "token_url": xero_sandbox.token_url,
            "revoke_url": xero_sandbox.revocation_url,
            "connections_url": xero_sandbox.connections_url,
            "api_url": xero_sandbox.api_url,
        },
    }
    return xero_sandbox


@pytest.fixture
def xero_account(customer_with_key, xero_settings):
    """A linked account on the sandbox's UK organisation, with real tokens from its consent."""
    from datetime import timedelta

    from tests.gateway.builders import make_linked_account

    tokens = xero_settings.connect(tenants=["uk"])
    return make_linked_account(
        customer_with_key[0],
        provider="xero",
        tenant_id=xero_settings.tenant_id("uk"),
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        expires_in=timedelta(seconds=int(tokens["expires_in"])),
        scope=tokens["scope"],
    )


@pytest.fixture
def quickbooks_settings(settings, quickbooks_sandbox):
    """Point the gateway's QuickBooks connector at the running QuickBooks sandbox."""
    settings.LEDGERLINK_PROVIDER_SETTINGS = {
        **settings.LEDGERLINK_PROVIDER_SETTINGS,
        "quickbooks": quickbooks_sandbox.provider_settings(),
    }
    settings.LEDGERLINK_PROVIDERS = {
        **settings.LEDGERLINK_PROVIDERS,
        "quickbooks": "connectors.quickbooks.QuickBooksProvider",
    }
    return quickbooks_sandbox


@pytest.fixture
def quickbooks_account(customer_with_key, quickbooks_settings):
    """A linked account on the QuickBooks sandbox's US company, with real tokens from its
    consent (the realmId it came back with is the tenant)."""
    import json
    from datetime import timedelta

    from tests.gateway.builders import make_linked_account

    tokens, realm = quickbooks_settings.connect("us")
    account = make_linked_account(
        customer_with_key[0],
        provider="quickbooks",
        tenant_id=realm,
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        expires_in=timedelta(seconds=int(tokens["expires_in"])),
    )
    account.grant.token_extra = json.dumps({"realm_id": realm})
    account.grant.save(update_fields=["token_extra"])
    return account

"""Client credentials (Xero custom connections) against the Xero sandbox: obtain, renew on
expiry under the store's lock, refusals, and nothing to revoke."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from connectors.credentials import CLIENT_CREDENTIALS, Credentials, InMemoryCredentialStore
from connectors.errors import ClientCredentialsRejected, NotSupported, RelinkRequired
from connectors.limiter import InProcessLimiter
from connectors.quickbooks import QuickBooksProvider
from connectors.xero import XeroProvider
from tests.plugins.sandbox import DEMO_CUSTOM_CLIENT_ID, DEMO_CUSTOM_CLIENT_SECRET


@pytest.fixture
def provider(xero_sandbox) -> XeroProvider:
    settings = {
        # the gateway's own (standard) app: a custom connection brings its own id and secret
        "client_id": xero_sandbox.client_id,
        "client_secret": xero_sandbox.client_secret,
        "authorize_url": xero_sandbox.authorize_url,
        "token_url": xero_sandbox.token_url,
        "revoke_url": xero_sandbox.revocation_url,
        "connections_url": xero_sandbox.connections_url,
        "api_url": xero_sandbox.api_url,
        "http": {"backoff_initial": 0.01, "backoff_max": 0.05, "read_timeout": 10},
    }
    return XeroProvider(settings, limiter=InProcessLimiter())


def obtain(provider: XeroProvider) -> Credentials:
    return provider.client_credentials(DEMO_CUSTOM_CLIENT_ID, DEMO_CUSTOM_CLIENT_SECRET)


def test_obtain_a_token_and_find_the_one_organisation(provider, xero_sandbox):
    credentials = obtain(provider)
    assert credentials.grant_kind == CLIENT_CREDENTIALS and credentials.is_client_credentials
    assert credentials.refresh_token is None
    assert credentials.client_id == DEMO_CUSTOM_CLIENT_ID
    assert credentials.client_secret == DEMO_CUSTOM_CLIENT_SECRET
    assert credentials.expires_at - datetime.now(UTC) > timedelta(minutes=29)
    assert "accounting.invoices" in credentials.scope
    assert DEMO_CUSTOM_CLIENT_SECRET not in repr(credentials)
    (tenant,) = provider.consent_tenants(credentials)
    assert tenant.id == xero_sandbox.tenants["uk"] and tenant.name == "Demo Company (UK)"


def test_an_expired_token_is_obtained_again_under_the_store_lock(provider, xero_sandbox):
    first = obtain(provider)
    store = InMemoryCredentialStore(first)
    connector = provider.connect(store, xero_sandbox.tenants["uk"])
    assert next(iter(connector.list("contact"))).records
    assert store.saves == 0

    xero_sandbox.control.advance_clock(1801)  # the sandbox rejects the token now
    store.save(first.replace(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    connector = provider.connect(store, xero_sandbox.tenants["uk"])
    page = next(iter(connector.list("invoice")))
    assert page.records
    renewed = store.load()
    assert renewed.access_token != first.access_token
    assert renewed.is_client_credentials and renewed.refresh_token is None
    assert renewed.client_secret == DEMO_CUSTOM_CLIENT_SECRET
    counters = xero_sandbox.control.counters()
    assert counters["token_grants"]["client_credentials"] == 2


def test_bad_credentials_are_refused_with_the_oauth_error(provider, xero_sandbox, caplog):
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ClientCredentialsRejected) as bad:
        provider.client_credentials(DEMO_CUSTOM_CLIENT_ID, "wrong-secret-value")
    assert bad.value.error == "invalid_client" and bad.value.code == "relink_required"
    with pytest.raises(ClientCredentialsRejected) as standard:
        provider.client_credentials(xero_sandbox.client_id, xero_sandbox.client_secret)
    assert standard.value.error == "unauthorized_client"
    assert "wrong-secret-value" not in caplog.text
    assert xero_sandbox.client_secret not in caplog.text


def test_renewal_refused_marks_the_account_for_relinking(provider, xero_sandbox):
    app = xero_sandbox.control.register_custom_connection("uk")
    credentials = provider.client_credentials(app["client_id"], app["client_secret"])
    store = InMemoryCredentialStore(
        credentials.replace(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )
    xero_sandbox.control.revoke_grant(client_id=app["client_id"])  # the admin removed it
    connector = provider.connect(store, xero_sandbox.tenants["uk"])
    with pytest.raises(RelinkRequired):
        next(iter(connector.list("contact")))
    assert store.relink_required and "unauthorized_client" in store.relink_reason


def test_nothing_is_revoked_or_disconnected_at_the_provider(provider, xero_sandbox):
    credentials = obtain(provider)
    (tenant,) = provider.list_tenants(credentials)
    provider.revoke(credentials)
    provider.disconnect(credentials, tenant.connection_id)
    assert xero_sandbox.connections(credentials.access_token)
    counters = xero_sandbox.control.counters()["endpoints"]
    assert "POST /connect/revocation" not in counters
    assert "DELETE /connections/{id}" not in counters


def test_client_credentials_need_the_id_and_secret():
    with pytest.raises(ValueError, match="client id and secret"):
        Credentials(access_token="a", grant_kind=CLIENT_CREDENTIALS)
    with pytest.raises(ValueError, match="grant kind"):
        Credentials(access_token="a", grant_kind="password")


def test_declared_as_data_per_provider():
    assert XeroProvider.client_credentials_spec is not None
    assert XeroProvider.describe()["client_credentials"] is True
    assert QuickBooksProvider.client_credentials_spec is None
    assert QuickBooksProvider.describe()["client_credentials"] is False
    with pytest.raises(NotSupported):
        QuickBooksProvider({"client_id": "x"}).client_credentials("id", "secret")


def test_the_setup_steps_name_every_scope_the_connection_needs():
    """An end user who selects only what the steps name gets every model: the steps name the
    family of each scope the connector reads and writes with (accounting.payments too)."""
    from connectors.xero.spec import CUSTOM_CONNECTIONS

    steps = " ".join(CUSTOM_CONNECTIONS.steps)
    for scope in CUSTOM_CONNECTIONS.scopes:
        family = scope.split(".")[1]  # accounting.payments -> payments
        assert family in steps, (scope, steps)

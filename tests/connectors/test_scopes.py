"""Which OAuth scopes a provider asks for (derived from its models and the configured scope
family) and which models a grant's scopes permit; Xero's AuthorizationUnsuccessful answer."""

from __future__ import annotations

import pytest

from connectors.errors import PermissionDenied
from connectors.quickbooks import QuickBooksProvider
from connectors.specs import ScopeNeed
from connectors.xero import XeroProvider

from .conftest import TENANT, fresh_credentials, xero_settings
from .fakes import Reply

IDENTITY = ("openid", "profile", "email", "offline_access")


def test_xero_asks_for_the_granular_scopes_of_its_models_by_default():
    scopes = XeroProvider({"client_id": "x"}).oauth.scopes
    assert scopes[:4] == IDENTITY
    assert {"accounting.contacts", "accounting.invoices", "accounting.payments"} <= set(scopes)
    assert not {"accounting.transactions", "accounting.reports.read"} & set(scopes)
    assert len(scopes) == len(set(scopes))


def test_xero_broad_family_for_apps_created_before_march_2026():
    scopes = XeroProvider({"scope_family": "broad"}).oauth.scopes
    assert "accounting.transactions" in scopes and "accounting.contacts" in scopes
    assert not {"accounting.invoices", "accounting.payments"} & set(scopes)
    assert scopes.count("accounting.transactions") == 1


def test_scopes_setting_overrides_the_derived_list():
    assert XeroProvider({"scopes": "openid accounting.invoices.read"}).oauth.scopes == (
        "openid",
        "accounting.invoices.read",
    )


def test_unknown_scope_family_is_refused_at_start():
    with pytest.raises(ValueError, match="scope_family"):
        XeroProvider({"scope_family": "medium"})


def test_scopes_for_some_models_only():
    provider = XeroProvider({})
    assert "accounting.payments" not in provider.scopes_for(["contact", "invoice"])
    assert "accounting.payments" in provider.scopes_for(["payment"])


@pytest.mark.parametrize(
    ("granted", "model", "operation", "allowed"),
    [
        ({"accounting.invoices"}, "invoice", "create", True),
        ({"accounting.invoices.read"}, "invoice", "list", True),
        ({"accounting.invoices.read"}, "invoice", "create", False),
        ({"accounting.transactions"}, "payment", "create", True),  # broad, old app
        ({"accounting.transactions.read"}, "invoice", "get", True),
        ({"accounting.invoices", "accounting.contacts"}, "payment", "list", False),
        ({"accounting.contacts.read"}, "contact", "list", True),
        ({"accounting.contacts.read"}, "contact", "create", False),
        ({"openid"}, "contact", "list", False),
        (set(), "payment", "create", True),  # scopes not reported: assume the consent covers it
    ],
)
def test_xero_permits(granted, model, operation, allowed):
    assert XeroProvider({}).permits(granted, model, operation) is allowed


def test_quickbooks_accounting_scope_covers_every_model():
    provider = QuickBooksProvider({})
    assert provider.oauth.scopes == ("com.intuit.quickbooks.accounting",)
    for model in provider.resources:
        assert provider.permits({"com.intuit.quickbooks.accounting"}, model, "create")


def test_scope_need_read_and_write_forms():
    need = ScopeNeed({"granular": "accounting.payments", "broad": "accounting.transactions"})
    assert need.request("granular", write=False) == "accounting.payments.read"
    assert need.request("broad", write=True) == "accounting.transactions"
    assert need.allows({"accounting.transactions.read"}, write=False)
    assert not need.allows({"accounting.transactions.read"}, write=True)


def test_authorization_unsuccessful_is_permission_denied_without_a_refresh(
    fake, token_endpoint, store, limiter
):
    body = {
        "Type": None,
        "Title": "Unauthorized",
        "Status": 401,
        "Detail": "AuthorizationUnsuccessful",
        "Instance": "f1d3",
        "Extensions": {},
    }
    fake.route("GET", "/api.xro/2.0/Payments", lambda request: Reply(401, body))
    provider = XeroProvider(xero_settings(fake.base_url), limiter=limiter)
    with pytest.raises(PermissionDenied) as caught:
        list(provider.connect(store, TENANT).list("payment"))
    assert caught.value.status == 401 and caught.value.http_status == 403
    assert token_endpoint.refresh_calls == 0  # a refresh cannot add a scope


def test_a_refresh_answer_without_scope_keeps_the_granted_scopes(provider, token_endpoint):
    token_endpoint.fail_next.append(
        Reply(200, {"access_token": "a9", "refresh_token": "r9", "expires_in": 1800})
    )
    granted = fresh_credentials().replace(scope=("accounting.invoices", "offline_access"))
    assert provider.refresh(granted).scope == ("accounting.invoices", "offline_access")

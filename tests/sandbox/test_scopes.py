"""Xero's scopes in the sandbox: an app's creation date decides which scope family its consent
may ask for (granular only from 2 March 2026), and every accounting endpoint checks that the
token carries the scope Xero's published mapping requires (401 AuthorizationUnsuccessful)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
import requests

from connectors.oauth import new_code_verifier, new_state
from connectors.xero import XeroProvider
from sandbox.xero import scopes as S
from tests.plugins.sandbox import DEMO_REDIRECT_URI

BROAD = "openid profile email offline_access accounting.transactions accounting.contacts"
GRANULAR = (
    "openid profile email offline_access accounting.invoices accounting.payments "
    "accounting.contacts accounting.settings"
)
OLD_APP = "legacy-app"
API = "/api.xro/2.0"


def _register_old_app(sb) -> None:
    sb.control.register_app(
        OLD_APP,
        client_secret="legacy-secret-not-for-production",
        redirect_uris=[DEMO_REDIRECT_URI],
        created="2025-06-30",
    )


def _authorize(sb, scope: str, client_id: str | None = None) -> requests.Response:
    params = {
        "response_type": "code",
        "client_id": client_id or sb.client_id,
        "redirect_uri": sb.redirect_uri,
        "scope": scope,
        "state": "st-1",
    }
    return requests.get(sb.authorize_url, params=params, allow_redirects=False, timeout=10)


def _redirect_query(response: requests.Response) -> dict:
    assert response.status_code == 302, response.text
    return {k: v[0] for k, v in parse_qs(urlparse(response.headers["Location"]).query).items()}


def _assert_authorization_unsuccessful(response: requests.Response) -> None:
    assert response.status_code == 401, response.text
    body = response.json()
    assert body["Title"] == "Unauthorized" and body["Status"] == 401
    assert body["Detail"] == "AuthorizationUnsuccessful"
    assert body["Type"] is None and body["Instance"] and body["Extensions"] == {}


# -- registered apps carry a creation date ------------------------------------------------------


def test_demo_app_is_a_new_app_and_apps_record_their_creation_date(xero_sandbox):
    demo = next(a for a in xero_sandbox.control.apps() if a["client_id"] == "ledgerlink-demo")
    assert demo["created"] >= S.GRANULAR_ONLY_FROM.isoformat()
    _register_old_app(xero_sandbox)
    old = next(a for a in xero_sandbox.control.apps() if a["client_id"] == OLD_APP)
    assert old["created"] == "2025-06-30"
    fresh = xero_sandbox.control.register_app("no-date", redirect_uris=[DEMO_REDIRECT_URI])
    assert fresh["created"] == S.GRANULAR_ONLY_FROM.isoformat()  # undated: a new app
    bad = requests.post(
        f"{xero_sandbox.base_url}/_sandbox/apps",
        json={"client_id": "bad-date", "created": "yesterday"},
        timeout=10,
    )
    assert bad.status_code == 400


# -- consent: the app's creation date decides the scope family ----------------------------------


def test_new_app_consent_for_broad_scopes_is_refused_with_invalid_scope(xero_sandbox):
    for scope in (BROAD, "openid accounting.reports.read", "accounting.transactions.read"):
        query = _redirect_query(_authorize(xero_sandbox, scope))
        assert query == {"error": "invalid_scope", "state": "st-1"}
    refused = requests.post(
        f"{xero_sandbox.base_url}/_sandbox/authorize",
        json={"client_id": xero_sandbox.client_id, "scope": BROAD, "tenants": ["uk"]},
        timeout=10,
    )
    assert refused.status_code == 400 and "invalid_scope" in refused.text


def test_new_app_consent_for_granular_scopes_is_shown(xero_sandbox):
    page = _authorize(xero_sandbox, f"{GRANULAR} accounting.reports.profitandloss.read")
    assert page.status_code == 200 and "accounting.invoices" in page.text


def test_old_app_may_ask_for_either_family(xero_sandbox):
    _register_old_app(xero_sandbox)
    assert _authorize(xero_sandbox, BROAD, OLD_APP).status_code == 200
    assert _authorize(xero_sandbox, GRANULAR, OLD_APP).status_code == 200
    unknown = _redirect_query(_authorize(xero_sandbox, "openid accounting.everything", OLD_APP))
    assert unknown["error"] == "invalid_scope"


# -- every accounting endpoint checks the token's scopes ----------------------------------------


def test_openid_only_token_cannot_read_invoices(xero_sandbox):
    tokens = xero_sandbox.connect(tenants=["uk"], scope="openid offline_access")
    api = xero_sandbox.api(tokens["access_token"], "uk")
    _assert_authorization_unsuccessful(api.get("Invoices"))
    _assert_authorization_unsuccessful(api.get("Contacts"))
    assert xero_sandbox.connections(tokens["access_token"])  # identity needs no accounting scope


def test_contacts_read_token_reads_but_cannot_create_contacts(xero_sandbox):
    tokens = xero_sandbox.connect(tenants=["uk"], scope="offline_access accounting.contacts.read")
    api = xero_sandbox.api(tokens["access_token"], "uk")
    assert api.get("Contacts", params={"page": 1}).status_code == 200
    _assert_authorization_unsuccessful(api.put("Contacts", json={"Name": "Not allowed Ltd"}))
    before = xero_sandbox.control.counters()
    assert "Not allowed Ltd" not in str(api.get("Contacts").json())
    assert before["statuses"]["401"] >= 1


def test_granular_scopes_open_exactly_their_endpoints(xero_sandbox):
    tokens = xero_sandbox.connect(
        tenants=["uk"], scope="offline_access accounting.invoices.read accounting.payments"
    )
    api = xero_sandbox.api(tokens["access_token"], "uk")
    for path in ("Invoices", "CreditNotes", "Items", "Payments"):
        assert api.get(path).status_code == 200, path
    invoice_id = api.get("Invoices").json()["Invoices"][0]["InvoiceID"]
    assert api.get(f"Invoices/{invoice_id}").status_code == 200
    _assert_authorization_unsuccessful(api.put("Invoices", json={"Type": "ACCREC"}))
    for path in ("Contacts", "Accounts", "TaxRates", "Organisation"):
        _assert_authorization_unsuccessful(api.get(path))


def test_old_app_broad_transactions_scope_covers_invoices_and_payments(xero_sandbox):
    _register_old_app(xero_sandbox)
    code = xero_sandbox.authorize(
        client_id=OLD_APP, scope="offline_access accounting.transactions.read", tenants=["uk"]
    )
    tokens = xero_sandbox.exchange(
        code, client_id=OLD_APP, client_secret="legacy-secret-not-for-production"
    )
    api = xero_sandbox.api(tokens["access_token"], "uk")
    assert api.get("Invoices").status_code == 200 and api.get("Payments").status_code == 200
    _assert_authorization_unsuccessful(api.get("Contacts"))
    _assert_authorization_unsuccessful(api.put("Invoices", json={"Type": "ACCREC"}))


@pytest.mark.parametrize(
    ("method", "path", "granted", "allowed"),
    [
        ("GET", "/api.xro/2.0/Invoices", {"accounting.invoices.read"}, True),
        ("GET", "/api.xro/2.0/Invoices", {"accounting.transactions"}, True),
        ("PUT", "/api.xro/2.0/Invoices", {"accounting.invoices.read"}, False),
        ("POST", "/api.xro/2.0/CreditNotes/x/Allocations", {"accounting.invoices"}, True),
        ("GET", "/api.xro/2.0/Items", {"accounting.settings.read"}, True),
        ("GET", "/api.xro/2.0/Items", {"accounting.invoices.read"}, True),
        ("GET", "/api.xro/2.0/Payments", {"accounting.invoices"}, False),
        ("GET", "/api.xro/2.0/Overpayments", {"accounting.payments.read"}, True),
        ("GET", "/api.xro/2.0/BankTransfers", {"accounting.banktransactions.read"}, True),
        ("GET", "/api.xro/2.0/ManualJournals", {"accounting.manualjournals.read"}, True),
        ("GET", "/api.xro/2.0/Journals", {"accounting.journals.read"}, True),
        ("GET", f"{API}/Reports/AgedPayablesByContact", {"accounting.reports.aged.read"}, True),
        ("GET", "/api.xro/2.0/Reports/ProfitAndLoss", {"accounting.reports.aged.read"}, False),
        ("GET", "/api.xro/2.0/Reports/ProfitAndLoss", {"accounting.reports.read"}, True),
        ("GET", "/api.xro/2.0/Organisation", set(), False),
    ],
)
def test_endpoint_scope_table(method, path, granted, allowed):
    assert S.permits(granted, method, path) is allowed


# -- the connector's scope request against apps of both ages ------------------------------------


def _provider(sb, client_id: str, secret: str, **extra) -> XeroProvider:
    return XeroProvider(
        {
            "client_id": client_id,
            "client_secret": secret,
            "authorize_url": sb.authorize_url,
            "token_url": sb.token_url,
            "revoke_url": sb.revocation_url,
            "connections_url": sb.connections_url,
            "api_url": sb.api_url,
            **extra,
        }
    )


def _consent_answer(provider: XeroProvider) -> requests.Response:
    url = provider.authorization_url(DEMO_REDIRECT_URI, new_state(), new_code_verifier())
    return requests.get(url, allow_redirects=False, timeout=10)


def test_connector_default_scopes_are_accepted_by_a_new_app(xero_sandbox):
    provider = _provider(xero_sandbox, xero_sandbox.client_id, xero_sandbox.client_secret)
    assert "accounting.transactions" not in provider.oauth.scopes
    assert _consent_answer(provider).status_code == 200
    broad = _provider(
        xero_sandbox, xero_sandbox.client_id, xero_sandbox.client_secret, scope_family="broad"
    )
    assert _redirect_query(_consent_answer(broad))["error"] == "invalid_scope"


def test_connector_broad_family_is_accepted_by_an_old_app(xero_sandbox):
    _register_old_app(xero_sandbox)
    secret = "legacy-secret-not-for-production"
    broad = _provider(xero_sandbox, OLD_APP, secret, scope_family="broad")
    assert "accounting.transactions" in broad.oauth.scopes
    assert _consent_answer(broad).status_code == 200
    assert _consent_answer(_provider(xero_sandbox, OLD_APP, secret)).status_code == 200

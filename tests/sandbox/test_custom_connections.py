"""Custom connections: one organisation, tokens by client_credentials, no tenant header."""

from __future__ import annotations

import base64
import json

import requests

from tests.plugins.sandbox import DEMO_CUSTOM_CLIENT_ID, DEMO_CUSTOM_CLIENT_SECRET

SCOPES = ["accounting.invoices", "accounting.contacts"]


def _claims(token: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))


def test_registered_custom_connection_gets_tokens_by_client_credentials(xero_sandbox):
    app = xero_sandbox.control.register_custom_connection("au", scopes=SCOPES)
    assert app["connection_type"] == "custom" and app["tenant_id"] == xero_sandbox.tenants["au"]
    assert len(app["client_id"]) == 32 and app["client_secret"]

    response = xero_sandbox.client_credentials(app["client_id"], app["client_secret"])
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"access_token", "expires_in", "token_type", "scope"}
    assert body["expires_in"] == 1800 and body["token_type"] == "Bearer"
    assert body["scope"] == " ".join(SCOPES)
    assert "refresh_token" not in body and "id_token" not in body
    assert _claims(body["access_token"])["client_id"] == app["client_id"]

    (connection,) = xero_sandbox.connections(body["access_token"])
    assert connection["tenantId"] == xero_sandbox.tenants["au"]
    assert connection["tenantName"] == "Demo Company (AU)"
    assert connection["tenantType"] == "ORGANISATION"


def test_accounting_calls_need_no_tenant_header(xero_sandbox):
    token = xero_sandbox.client_credentials(
        DEMO_CUSTOM_CLIENT_ID, DEMO_CUSTOM_CLIENT_SECRET
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    bare = requests.get(f"{xero_sandbox.api_url}/Organisation", headers=headers, timeout=10)
    assert bare.status_code == 200, bare.text
    assert bare.json()["Organisations"][0]["Name"] == "Demo Company (UK)"
    # passing the one tenant id is accepted; another organisation is not reachable
    own = xero_sandbox.api(token, "uk").get("Invoices", params={"page": 1})
    assert own.status_code == 200 and own.json()["Invoices"]
    other = xero_sandbox.api(token, "us").get("Invoices", params={"page": 1})
    assert other.status_code == 403


def test_a_new_token_is_obtained_the_same_way_after_expiry(xero_sandbox):
    first = xero_sandbox.client_credentials(DEMO_CUSTOM_CLIENT_ID, DEMO_CUSTOM_CLIENT_SECRET)
    token = first.json()["access_token"]
    xero_sandbox.control.advance_clock(1801)
    expired = xero_sandbox.api(token, "uk").get("Organisation")
    assert expired.status_code == 401 and "TokenExpired" in expired.text
    again = xero_sandbox.client_credentials(DEMO_CUSTOM_CLIENT_ID, DEMO_CUSTOM_CLIENT_SECRET)
    fresh = again.json()["access_token"]
    assert fresh != token and xero_sandbox.api(fresh, "uk").get("Organisation").status_code == 200
    # still one connection (one grant), however many tokens were issued
    assert len(xero_sandbox.connections(fresh)) == 1


def test_client_credentials_in_the_body_are_accepted(xero_sandbox):
    response = requests.post(
        xero_sandbox.token_url,
        data={
            "grant_type": "client_credentials",
            "client_id": DEMO_CUSTOM_CLIENT_ID,
            "client_secret": DEMO_CUSTOM_CLIENT_SECRET,
        },
        timeout=10,
    )
    assert response.status_code == 200, response.text


def test_bad_secret_or_missing_secret_is_invalid_client(xero_sandbox):
    bad = xero_sandbox.client_credentials(DEMO_CUSTOM_CLIENT_ID, "not-the-secret")
    assert (bad.status_code, bad.json()["error"]) == (400, "invalid_client")
    unknown = xero_sandbox.client_credentials("NO-SUCH-CLIENT", "x")
    assert unknown.json()["error"] == "invalid_client"
    no_secret = requests.post(
        xero_sandbox.token_url,
        data={"grant_type": "client_credentials", "client_id": DEMO_CUSTOM_CLIENT_ID},
        timeout=10,
    )
    assert no_secret.json()["error"] == "invalid_client"


def test_a_standard_app_is_unauthorized_client(xero_sandbox):
    response = xero_sandbox.client_credentials(xero_sandbox.client_id, xero_sandbox.client_secret)
    assert (response.status_code, response.json()["error"]) == (400, "unauthorized_client")


def test_scopes_must_be_a_subset_of_the_authorised_ones(xero_sandbox):
    app = xero_sandbox.control.register_custom_connection("uk", scopes=SCOPES)
    narrower = xero_sandbox.client_credentials(
        app["client_id"], app["client_secret"], scope="accounting.contacts"
    )
    assert narrower.status_code == 200 and narrower.json()["scope"] == "accounting.contacts"
    wider = xero_sandbox.client_credentials(
        app["client_id"], app["client_secret"], scope="accounting.contacts accounting.settings"
    )
    assert (wider.status_code, wider.json()["error"]) == (400, "invalid_scope")


def test_custom_connections_cannot_use_the_consent_flow_scopes(xero_sandbox):
    response = requests.post(
        f"{xero_sandbox.base_url}/_sandbox/custom-connections",
        json={"tenant": "uk", "scopes": ["offline_access", "accounting.contacts"]},
        timeout=10,
    )
    assert response.status_code == 400 and "offline_access" in response.json()["error"]
    no_tenant = requests.post(
        f"{xero_sandbox.base_url}/_sandbox/custom-connections", json={}, timeout=10
    )
    assert no_tenant.status_code == 400 and "tenant_id" in no_tenant.json()["error"]


def test_a_removed_custom_connection_gets_no_more_tokens(xero_sandbox):
    app = xero_sandbox.control.register_custom_connection("uk")
    token = xero_sandbox.client_credentials(app["client_id"], app["client_secret"])
    assert token.status_code == 200
    assert xero_sandbox.control.revoke_grant(client_id=app["client_id"])
    refused = xero_sandbox.client_credentials(app["client_id"], app["client_secret"])
    assert refused.json()["error"] == "unauthorized_client"
    gone = xero_sandbox.api(token.json()["access_token"], "uk").get("Organisation")
    assert gone.status_code == 401

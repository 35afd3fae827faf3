"""OAuth 2.0 as Xero runs it: consent page, codes, PKCE, refresh rotation, revocation,
connections, and the 401/403 answers of the API."""

from __future__ import annotations

import base64
import json
import re
from urllib.parse import parse_qs, urlparse

import requests

from tests.plugins.sandbox import DEFAULT_SCOPE, pkce_pair


def _authorize_params(sandbox, **extra):
    return {
        "response_type": "code",
        "client_id": sandbox.client_id,
        "redirect_uri": sandbox.redirect_uri,
        "scope": DEFAULT_SCOPE,
        "state": "st-123",
        **extra,
    }


def _query(response) -> dict:
    assert response.status_code == 302, response.text
    return {k: v[0] for k, v in parse_qs(urlparse(response.headers["Location"]).query).items()}


def test_consent_page_lists_scopes_and_labelled_organisations(xero_sandbox):
    page = requests.get(
        xero_sandbox.authorize_url, params=_authorize_params(xero_sandbox), timeout=10
    )
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    html = page.text
    assert "Ledgerlink Demo" in html and "accounting.invoices" in html
    assert 'value="demo.user@ledgerlink.test"' in html
    for key, name in xero_sandbox.tenant_names.items():
        assert f'<input type="checkbox" id="tenant-{key}" name="tenant"' in html
        assert f'<label for="tenant-{key}">{name}</label>' in html
    assert "<script" not in html and "http://" not in html.split("<body>")[1].replace(
        xero_sandbox.redirect_uri, ""
    )


def test_allow_two_organisations_through_the_form(xero_sandbox):
    form = {
        **_authorize_params(xero_sandbox),
        "decision": "allow",
        "tenant": [xero_sandbox.tenants["uk"], xero_sandbox.tenants["au"]],
    }
    response = requests.post(
        xero_sandbox.authorize_url, data=form, allow_redirects=False, timeout=10
    )
    query = _query(response)
    assert response.headers["Location"].startswith(xero_sandbox.redirect_uri)
    assert query["state"] == "st-123" and query["code"]
    tokens = xero_sandbox.exchange(query["code"])
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 1800
    assert tokens["scope"] == DEFAULT_SCOPE and tokens["refresh_token"] and tokens["id_token"]
    claims = json.loads(base64.urlsafe_b64decode(tokens["access_token"].split(".")[1] + "=="))
    assert claims["client_id"] == xero_sandbox.client_id and claims["authentication_event_id"]
    names = {c["tenantName"] for c in xero_sandbox.connections(tokens["access_token"])}
    assert names == {"Demo Company (UK)", "Demo Company (AU)"}
    assert all(
        c["authEventId"] == claims["authentication_event_id"]
        for c in xero_sandbox.connections(tokens["access_token"])
    )


def test_deny_and_empty_selection(xero_sandbox):
    denied = requests.post(
        xero_sandbox.authorize_url,
        data={**_authorize_params(xero_sandbox), "decision": "deny"},
        allow_redirects=False,
        timeout=10,
    )
    assert _query(denied) == {"error": "access_denied", "state": "st-123"}
    none = requests.post(
        xero_sandbox.authorize_url,
        data={**_authorize_params(xero_sandbox), "decision": "allow"},
        timeout=10,
    )
    assert none.status_code == 400 and "Select at least one organisation" in none.text


def test_bad_client_or_redirect_never_redirects(xero_sandbox):
    for params in (
        _authorize_params(xero_sandbox, client_id="unknown"),
        _authorize_params(xero_sandbox, redirect_uri="https://evil.example/callback"),
    ):
        response = requests.get(
            xero_sandbox.authorize_url, params=params, allow_redirects=False, timeout=10
        )
        assert response.status_code == 400 and "Location" not in response.headers
        assert "Sorry, something went wrong" in response.text
    bad_scope = requests.get(
        xero_sandbox.authorize_url,
        params=_authorize_params(xero_sandbox, scope="nope"),
        allow_redirects=False,
        timeout=10,
    )
    assert _query(bad_scope)["error"] == "invalid_scope"
    bad_type = requests.get(
        xero_sandbox.authorize_url,
        params=_authorize_params(xero_sandbox, response_type="token"),
        allow_redirects=False,
        timeout=10,
    )
    assert _query(bad_type)["error"] == "unsupported_response_type"


def test_code_is_single_use_and_short_lived(xero_sandbox):
    code = xero_sandbox.authorize()
    assert xero_sandbox.exchange(code)["access_token"]
    reused = xero_sandbox.token_request(
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": xero_sandbox.redirect_uri,
        }
    )
    assert reused.status_code == 400 and reused.json() == {"error": "invalid_grant"}
    late = xero_sandbox.authorize()
    xero_sandbox.control.advance_clock(301)
    expired = xero_sandbox.token_request(
        {
            "grant_type": "authorization_code",
            "code": late,
            "redirect_uri": xero_sandbox.redirect_uri,
        }
    )
    assert expired.json() == {"error": "invalid_grant"}


def test_pkce(xero_sandbox):
    verifier, challenge = pkce_pair()
    code = xero_sandbox.authorize(code_challenge=challenge)
    # a public client: no secret, the verifier proves possession
    tokens = xero_sandbox.exchange(code, code_verifier=verifier, client_secret="")
    assert tokens["access_token"]
    for wrong in (None, "x" * 50):
        code = xero_sandbox.authorize(code_challenge=challenge)
        data = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": xero_sandbox.redirect_uri,
        }
        if wrong:
            data["code_verifier"] = wrong
        failed = xero_sandbox.token_request(data)
        assert failed.status_code == 400 and failed.json()["error"] == "invalid_grant"
    plain = xero_sandbox.authorize()
    no_secret = xero_sandbox.token_request(
        {
            "grant_type": "authorization_code",
            "code": plain,
            "redirect_uri": xero_sandbox.redirect_uri,
        },
        client_secret="",
    )
    assert no_secret.json()["error"] == "invalid_client"


def test_client_authentication(xero_sandbox):
    code = xero_sandbox.authorize()
    bad = xero_sandbox.token_request(
        {"grant_type": "authorization_code", "code": code}, client_secret="wrong"
    )
    assert bad.status_code == 400 and bad.json() == {"error": "invalid_client"}
    body_auth = requests.post(
        xero_sandbox.token_url,
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": xero_sandbox.redirect_uri,
            "client_id": xero_sandbox.client_id,
            "client_secret": xero_sandbox.client_secret,
        },
        timeout=10,
    )
    assert body_auth.status_code == 200
    unsupported = xero_sandbox.token_request({"grant_type": "password"})
    assert unsupported.json() == {"error": "unsupported_grant_type"}


def test_refresh_rotation_with_grace(xero_sandbox):
    control = xero_sandbox.control
    first = xero_sandbox.connect(tenants=["uk"])
    rotated = xero_sandbox.refresh(first["refresh_token"])
    assert rotated.status_code == 200
    second = rotated.json()
    assert (
        second["refresh_token"] != first["refresh_token"]
        and second["access_token"] != first["access_token"]
    )
    assert "id_token" not in second
    control.advance_clock(29 * 60)
    replay = xero_sandbox.refresh(first["refresh_token"])
    assert replay.json() == second  # same pair inside the 30-minute grace
    control.advance_clock(2 * 60)
    assert xero_sandbox.refresh(first["refresh_token"]).json() == {"error": "invalid_grant"}
    third = xero_sandbox.refresh(second["refresh_token"])
    assert third.status_code == 200
    assert xero_sandbox.refresh("not-a-token").json() == {"error": "invalid_grant"}
    assert control.counters()["refresh_calls"] == 5


def test_access_token_expiry(xero_sandbox):
    tokens = xero_sandbox.connect(tenants=["uk"])
    api = xero_sandbox.api(tokens["access_token"], "uk")
    assert api.get("Organisation").status_code == 200
    xero_sandbox.control.advance_clock(1801)
    expired = api.get("Organisation")
    assert expired.status_code == 401
    assert expired.json()["Detail"].startswith("TokenExpired: token expired at")
    refreshed = xero_sandbox.refresh(tokens["refresh_token"]).json()
    assert xero_sandbox.api(refreshed["access_token"], "uk").get("Organisation").status_code == 200
    assert xero_sandbox.control.expire_token(access_token=refreshed["access_token"]) == 1
    assert xero_sandbox.api(refreshed["access_token"], "uk").get("Organisation").status_code == 401


def test_unauthenticated_and_forbidden(xero_sandbox):
    tokens = xero_sandbox.connect(tenants=["uk"])
    anonymous = requests.get(
        f"{xero_sandbox.api_url}/Invoices",
        headers={"xero-tenant-id": xero_sandbox.tenants["uk"]},
        timeout=10,
    )
    assert anonymous.status_code == 401
    assert (
        anonymous.json()["Title"] == "Unauthorized"
        and anonymous.json()["Detail"] == "AuthenticationUnsuccessful"
    )
    garbage = xero_sandbox.api("garbage", "uk").get("Invoices")
    assert garbage.status_code == 401
    not_granted = xero_sandbox.api(tokens["access_token"], "us").get("Invoices")
    assert not_granted.status_code == 403 and not_granted.json()["Title"] == "Forbidden"
    api = xero_sandbox.api(tokens["access_token"], "uk")
    no_tenant = api.http.get(
        f"{xero_sandbox.api_url}/Invoices", headers={"xero-tenant-id": ""}, timeout=10
    )
    assert no_tenant.status_code == 403


def test_revocation_and_disconnect(xero_sandbox):
    tokens = xero_sandbox.connect()
    connections = xero_sandbox.connections(tokens["access_token"])
    us = next(c for c in connections if c["tenantName"] == "Demo Company (US)")
    gone = requests.delete(
        f"{xero_sandbox.connections_url}/{us['id']}",
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
        timeout=10,
    )
    assert gone.status_code == 204
    assert len(xero_sandbox.connections(tokens["access_token"])) == 2
    assert xero_sandbox.api(tokens["access_token"], "us").get("Invoices").status_code == 403
    revoked = requests.post(
        xero_sandbox.revocation_url,
        data={"token": tokens["refresh_token"]},
        auth=(xero_sandbox.client_id, xero_sandbox.client_secret),
        timeout=10,
    )
    assert revoked.status_code == 200
    assert xero_sandbox.api(tokens["access_token"], "uk").get("Invoices").status_code == 401
    assert xero_sandbox.refresh(tokens["refresh_token"]).json() == {"error": "invalid_grant"}


def test_control_plane_revoke_forces_relink(xero_sandbox):
    tokens = xero_sandbox.connect(tenants=["uk"])
    grant_id = xero_sandbox.control.grants()[-1]["id"]
    assert xero_sandbox.control.revoke_grant(grant_id=grant_id) == [grant_id]
    assert xero_sandbox.refresh(tokens["refresh_token"]).json() == {"error": "invalid_grant"}
    again = xero_sandbox.connect(tenants=["uk"])
    assert xero_sandbox.api(again["access_token"], "uk").get("Organisation").status_code == 200


def test_refresh_token_needs_offline_access(xero_sandbox):
    tokens = xero_sandbox.connect(scope="openid accounting.invoices")
    assert "refresh_token" not in tokens
    assert re.fullmatch(r"[\w-]+\.[\w-]+\.[\w-]+", tokens["access_token"])

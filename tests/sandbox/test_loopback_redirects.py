"""Loopback redirect URIs on any port (RFC 8252 §7.3), in both sandboxes: the demo app,
registered for port 8000, links a gateway on port 8100; other hosts, paths and schemes are
refused, and the token exchange wants the very URI the code was issued for."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
import requests

from sandbox.redirects import redirect_uri_allowed
from tests.plugins.sandbox import DEFAULT_SCOPE

REGISTERED = [
    "http://127.0.0.1:8000/connect/callback",
    "http://localhost:8000/connect/callback",
    "http://[::1]/cb",
    "https://app.example.com/connect/callback",
]


@pytest.mark.parametrize(
    "uri",
    [
        "http://127.0.0.1:8000/connect/callback",
        "http://127.0.0.1:8100/connect/callback",
        "http://127.0.0.1/connect/callback",
        "http://localhost:51234/connect/callback",
        "http://LOCALHOST:8100/connect/callback",
        "http://[::1]:8100/cb",
        "https://app.example.com/connect/callback",
    ],
)
def test_registered_and_loopback_on_any_port_are_allowed(uri):
    assert redirect_uri_allowed(uri, REGISTERED)


@pytest.mark.parametrize(
    "uri",
    [
        None,
        "",
        "http://127.0.0.1:8100/connect/callback/",  # another path
        "http://127.0.0.1:8100/other",
        "http://127.0.0.1:8100/connect/callback?next=/x",  # another query
        "https://127.0.0.1:8100/connect/callback",  # another scheme
        "http://[::1]:8100/connect/callback",  # [::1] is registered for /cb only
        "http://127.0.0.2:8000/connect/callback",  # not loopback as registered
        "http://user@127.0.0.1:8100/connect/callback",
        "http://127.0.0.1:notaport/connect/callback",
        "https://app.example.com:8443/connect/callback",  # not loopback: exact only
        "https://evil.example/connect/callback",
    ],
)
def test_other_hosts_paths_schemes_and_ports_off_loopback_are_refused(uri):
    assert not redirect_uri_allowed(uri, REGISTERED)


OTHER_PORT = "http://127.0.0.1:8100/connect/callback"


def _consent_query(response: requests.Response) -> dict[str, str]:
    assert response.status_code == 302, response.text
    return dict(parse_qsl(urlsplit(response.headers["Location"]).query))


def test_quickbooks_links_a_gateway_on_another_port(quickbooks_sandbox):
    params = {
        "client_id": quickbooks_sandbox.client_id,
        "response_type": "code",
        "scope": "com.intuit.quickbooks.accounting",
        "redirect_uri": OTHER_PORT,
        "state": "s1",
    }
    page = requests.get(quickbooks_sandbox.authorize_url, params=params, timeout=30)
    assert page.status_code == 200 and "Select a company" in page.text
    answer = requests.post(
        quickbooks_sandbox.authorize_url,
        data={**params, "action": "connect", "realm": quickbooks_sandbox.realm("us")},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.headers["Location"].startswith(f"{OTHER_PORT}?")
    code = _consent_query(answer)["code"]
    tokens = quickbooks_sandbox.exchange(code, redirect_uri=OTHER_PORT)
    assert tokens["access_token"]

    # The control plane's consent helper admits it too; the exchange wants the same URI.
    consent = quickbooks_sandbox.authorize(
        "us", redirect_uri="http://localhost:9000/connect/callback"
    )
    assert consent["redirect_url"].startswith("http://localhost:9000/connect/callback?")
    mismatch = quickbooks_sandbox.token_request(
        {"grant_type": "authorization_code", "code": consent["code"], "redirect_uri": OTHER_PORT}
    )
    assert mismatch.status_code == 400 and mismatch.json()["error"] == "invalid_grant"


@pytest.mark.parametrize(
    "uri",
    [
        "http://127.0.0.1:8100/elsewhere",
        "http://ledgerlink.example:8000/connect/callback",
        "https://127.0.0.1:8100/connect/callback",
    ],
)
def test_quickbooks_refuses_other_hosts_paths_and_schemes(quickbooks_sandbox, uri):
    params = {
        "client_id": quickbooks_sandbox.client_id,
        "response_type": "code",
        "scope": "com.intuit.quickbooks.accounting",
        "redirect_uri": uri,
        "state": "s1",
    }
    page = requests.get(
        quickbooks_sandbox.authorize_url, params=params, allow_redirects=False, timeout=30
    )
    assert page.status_code == 400 and "Location" not in page.headers
    assert "redirect_uri" in page.text
    refused = requests.post(
        f"{quickbooks_sandbox.base_url}/_sandbox/authorize",
        json={"client_id": quickbooks_sandbox.client_id, "redirect_uri": uri, "realm": "us"},
        timeout=30,
    )
    assert refused.status_code == 400


def test_xero_links_a_gateway_on_another_port(xero_sandbox):
    params = {
        "response_type": "code",
        "client_id": xero_sandbox.client_id,
        "redirect_uri": OTHER_PORT,
        "scope": DEFAULT_SCOPE,
        "state": "s1",
    }
    page = requests.get(xero_sandbox.authorize_url, params=params, timeout=30)
    assert page.status_code == 200
    answer = requests.post(
        xero_sandbox.authorize_url,
        data={**params, "decision": "allow", "tenant": [xero_sandbox.tenants["uk"]]},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.headers["Location"].startswith(f"{OTHER_PORT}?")
    tokens = xero_sandbox.exchange(_consent_query(answer)["code"], redirect_uri=OTHER_PORT)
    assert tokens["access_token"]

    code = xero_sandbox.authorize(redirect_uri="http://localhost:9000/connect/callback")
    mismatch = xero_sandbox.token_request(
        {"grant_type": "authorization_code", "code": code, "redirect_uri": OTHER_PORT}
    )
    assert mismatch.status_code == 400 and mismatch.json()["error"] == "invalid_grant"


@pytest.mark.parametrize(
    "uri",
    ["http://127.0.0.1:8100/elsewhere", "http://ledgerlink.example:8000/connect/callback"],
)
def test_xero_refuses_other_hosts_and_paths(xero_sandbox, uri):
    params = {
        "response_type": "code",
        "client_id": xero_sandbox.client_id,
        "redirect_uri": uri,
        "scope": DEFAULT_SCOPE,
        "state": "s1",
    }
    page = requests.get(
        xero_sandbox.authorize_url, params=params, allow_redirects=False, timeout=30
    )
    assert page.status_code == 400 and "Location" not in page.headers
    with pytest.raises(AssertionError, match="400"):
        xero_sandbox.authorize(redirect_uri=uri)

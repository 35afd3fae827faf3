"""Intuit's official Python clients, unmodified, pointed at the QuickBooks sandbox.

``intuit-oauth``'s ``AuthClient`` reads every OAuth endpoint from the discovery document the
sandbox serves (its ``environment`` argument may be a discovery URL); ``python-quickbooks``'
``QuickBooks`` takes its API root from its ``api_url_v3`` attribute (``sandbox_api_url_v3`` when
the environment is ``"sandbox"``), which is set on the instance. ``requests-oauthlib`` (under
``python-quickbooks``) refuses plain HTTP unless ``OAUTHLIB_INSECURE_TRANSPORT`` is set, as
oauthlib documents for local testing.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from intuitlib.client import AuthClient
from intuitlib.enums import Scopes
from quickbooks import QuickBooks

MINOR_VERSION = 75


def discovery_url(base_url: str) -> str:
    return f"{base_url}/.well-known/openid_sandbox_configuration"


def auth_client(sandbox, redirect_uri: str | None = None) -> AuthClient:
    return AuthClient(
        sandbox.client_id,
        sandbox.client_secret,
        redirect_uri or sandbox.redirect_uri,
        discovery_url(sandbox.base_url),
    )


def consent(authorize_url: str, realm: str | None, action: str = "connect") -> dict[str, str]:
    """The user on Intuit's (sandbox) consent page: pick a company, Connect (or Cancel). The
    query of the redirect Intuit answers with (``code``, ``state``, ``realmId`` or ``error``)."""
    page = requests.get(authorize_url, timeout=30)
    assert page.status_code == 200 and "Select a company" in page.text, page.text
    form = dict(parse_qsl(urlsplit(authorize_url).query))
    form["action"] = action
    if realm:
        form["realm"] = realm
    answer = requests.post(
        authorize_url.split("?")[0], data=form, allow_redirects=False, timeout=30
    )
    assert answer.status_code == 302, answer.text
    location = answer.headers["Location"]
    assert location.startswith(form["redirect_uri"] + "?"), location
    return dict(parse_qsl(urlsplit(location).query))


@dataclass
class Linked:
    auth: AuthClient
    realm: str
    qb: QuickBooks


def link(sandbox, company: str = "us") -> Linked:
    """The OAuth dance through intuit-oauth, then a python-quickbooks client on the API."""
    auth = auth_client(sandbox)
    url = auth.get_authorization_url([Scopes.ACCOUNTING])
    answer = consent(url, sandbox.realm(company))
    assert answer["state"] == auth.state_token
    auth.get_bearer_token(answer["code"], realm_id=answer["realmId"])
    return Linked(auth, answer["realmId"], client(sandbox, auth, answer["realmId"]))


def client(sandbox, auth: AuthClient, realm: str) -> QuickBooks:
    qb = QuickBooks(
        auth_client=auth,
        refresh_token=auth.refresh_token,
        company_id=realm,
        minorversion=MINOR_VERSION,
    )
    # A discovery URL as the environment is not "sandbox": the client uses api_url_v3.
    qb.api_url_v3 = f"{sandbox.base_url}/v3"
    return qb


@pytest.fixture
def insecure_transport(monkeypatch):
    """oauthlib's documented switch for OAuth over plain HTTP (the sandbox on localhost)."""
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")

"""Fixtures for the connect flow: the gateway's Xero provider pointed at the sandbox, and a
driver that walks the hosted pages with Django's test client and consents non-interactively."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import make_customer

REDIRECT_URL = "https://app.example.com/integrations/done"


def sandbox_provider_settings(sandbox) -> dict:
    return {
        "client_id": sandbox.client_id,
        "client_secret": sandbox.client_secret,
        "authorize_url": sandbox.authorize_url,
        "token_url": sandbox.token_url,
        "revoke_url": sandbox.revocation_url,
        "connections_url": sandbox.connections_url,
        "api_url": sandbox.api_url,
        "http": {"backoff_initial": 0.01, "backoff_max": 0.05, "read_timeout": 10},
    }


@pytest.fixture
def xero_via_sandbox(settings, xero_sandbox):
    """The gateway's providers: Xero, at the sandbox (its demo app knows our callback)."""
    settings.LEDGERLINK_PROVIDERS = {"xero": "connectors.xero.XeroProvider"}
    settings.LEDGERLINK_PROVIDER_SETTINGS = {"xero": sandbox_provider_settings(xero_sandbox)}
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8000"
    return xero_sandbox


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


@dataclass
class Authorization:
    """Where the gateway sent the browser: the provider's authorize URL, parsed."""

    url: str
    state: str
    code_challenge: str
    redirect_uri: str
    response: object


class ConnectDriver:
    """An API client for the customer and a browser (test client) for the end user."""

    def __init__(self, api: APIClient, browser: Client, sandbox, customer):
        self.api, self.browser, self.sandbox, self.customer = api, browser, sandbox, customer

    def link_token(self, **body) -> dict:
        body = {"end_user_id": "end-user-1", "redirect_url": REDIRECT_URL, **body}
        response = self.api.post("/v1/link-tokens", body, format="json")
        assert response.status_code == 201, response.content
        return response.json()

    def relink_token(self, account_id, redirect_url: str = REDIRECT_URL) -> dict:
        response = self.api.post(
            f"/v1/linked-accounts/{account_id}/relink-token",
            {"redirect_url": redirect_url},
            format="json",
        )
        assert response.status_code == 201, response.content
        return response.json()

    @staticmethod
    def path(url: str) -> str:
        return urlsplit(url).path

    def open(self, token: dict):
        return self.browser.get(self.path(token["url"]))

    def start(self, token: dict, provider: str = "xero") -> Authorization:
        assert self.open(token).status_code == 200
        response = self.browser.post(f"{self.path(token['url'])}/start", {"provider": provider})
        assert response.status_code == 302, response.content
        location = response["Location"]
        params = query_of(location)
        return Authorization(
            url=location,
            state=params["state"],
            code_challenge=params["code_challenge"],
            redirect_uri=params["redirect_uri"],
            response=response,
        )

    def consent(self, auth: Authorization, tenants: list[str]) -> str:
        """The end user ticks `tenants` ("uk", "us", "au") at the sandbox's consent page."""
        return self.sandbox.authorize(
            redirect_uri=auth.redirect_uri,
            tenants=tenants,
            state=auth.state,
            code_challenge=auth.code_challenge,
        )

    def callback(self, **params):
        return self.browser.get("/connect/callback", params)

    def follow(self, response):
        """Follow our own redirects (never the customer's)."""
        while response.status_code == 302 and response["Location"].startswith("/connect/"):
            response = self.browser.get(response["Location"])
        return response

    def link(self, tenants: list[str], pick: list[str] | None = None, **token_body):
        """A whole link: token, consent to `tenants`, tick `pick` in the picker if shown."""
        token = self.link_token(**token_body)
        auth = self.start(token)
        response = self.follow(self.callback(code=self.consent(auth, tenants), state=auth.state))
        if pick is not None:
            assert "connect/organisations.html" in [t.name for t in response.templates]
            ids = [self.sandbox.tenant_id(t) for t in pick]
            response = self.follow(
                self.browser.post(response.request["PATH_INFO"], {"tenant": ids})
            )
        return token, response


@pytest.fixture
def customer_b(db):
    return make_customer("Beta Books", [REDIRECT_URL])


@pytest.fixture
def driver(xero_via_sandbox, customer_with_key) -> ConnectDriver:
    customer, key = customer_with_key
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return ConnectDriver(api, Client(), xero_via_sandbox, customer)


@pytest.fixture
def linked_signals():
    """Every `accounts_linked` sent during the test (its kwargs)."""
    from gateway.accounts.signals import accounts_linked

    received: list[dict] = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    accounts_linked.connect(receiver)
    yield received
    accounts_linked.disconnect(receiver)


def redirect_target(response) -> str:
    """The customer URL a success or error page sends the end user to (its button)."""
    return response.context["return_url"]

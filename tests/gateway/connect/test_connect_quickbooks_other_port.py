"""A gateway on another port than 8000 (``make demo PORT=8100``) links QuickBooks with the
sandbox's demo app as seeded (its redirect URIs name port 8000): the sandbox admits a loopback
redirect URI on any port (RFC 8252 §7.3), nothing registered by hand."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import requests
from django.test import Client
from rest_framework.test import APIClient

from gateway.accounts.models import LinkedAccount, LinkedAccountStatus

from .conftest import REDIRECT_URL, query_of

pytestmark = pytest.mark.django_db

PUBLIC = "http://127.0.0.1:8100"


def test_a_gateway_on_port_8100_links_a_company(settings, quickbooks_sandbox, customer_with_key):
    settings.LEDGERLINK_PROVIDERS = {"quickbooks": "connectors.quickbooks.QuickBooksProvider"}
    settings.LEDGERLINK_PROVIDER_SETTINGS = {"quickbooks": quickbooks_sandbox.provider_settings()}
    settings.PUBLIC_BASE_URL = PUBLIC
    assert all(
        ":8000/" in uri for app in quickbooks_sandbox.control.apps() for uri in app["redirect_uris"]
    )
    _customer, key = customer_with_key
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    body = {"end_user_id": "end-user-1", "redirect_url": REDIRECT_URL}
    token = api.post("/v1/link-tokens", body, format="json").json()

    browser = Client()
    path = urlsplit(token["url"]).path
    started = browser.post(f"{path}/start", {"provider": "quickbooks"})
    assert started.status_code == 302, started.content
    authorize_url = started["Location"]
    assert query_of(authorize_url)["redirect_uri"] == f"{PUBLIC}/connect/callback"

    page = requests.get(authorize_url, timeout=30)
    assert page.status_code == 200 and "Select a company" in page.text
    form = {**query_of(authorize_url), "action": "connect", "realm": quickbooks_sandbox.realm("us")}
    consent = requests.post(
        authorize_url.split("?")[0], data=form, allow_redirects=False, timeout=30
    )
    assert consent.status_code == 302, consent.text
    callback = consent.headers["Location"]
    assert callback.startswith(f"{PUBLIC}/connect/callback?")

    response = browser.get("/connect/callback", query_of(callback))
    while response.status_code == 302 and response["Location"].startswith("/connect/"):
        response = browser.get(response["Location"])
    assert response.status_code == 200
    account = LinkedAccount.objects.get()
    assert account.provider == "quickbooks" and account.status == LinkedAccountStatus.ACTIVE
    assert account.tenant_id == quickbooks_sandbox.realm("us")

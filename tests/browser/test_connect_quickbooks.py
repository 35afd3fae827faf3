"""Linking a QuickBooks Online company through the hosted flow in a real browser: our pages,
the QuickBooks sandbox's sign-in and company picker, back with the realmId."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from rest_framework.test import APIClient

from gateway.accounts.models import LinkedAccount
from tests.factories import make_customer

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def gateway(live_server, settings, quickbooks_sandbox, transactional_db):
    """The live gateway offering Xero and QuickBooks, QuickBooks at its sandbox (whose demo
    app knows the live server's callback), and a customer returning to the demo page."""
    base = live_server.url
    settings.PUBLIC_BASE_URL = base
    settings.LEDGERLINK_PROVIDERS = {
        "xero": "connectors.xero.XeroProvider",
        "quickbooks": "connectors.quickbooks.QuickBooksProvider",
    }
    settings.LEDGERLINK_PROVIDER_SETTINGS = {
        **settings.LEDGERLINK_PROVIDER_SETTINGS,  # Xero configured: offered beside QuickBooks
        "quickbooks": quickbooks_sandbox.provider_settings(),
    }
    settings.CONNECT_REDIRECT_SECONDS = 3
    app = quickbooks_sandbox.control.apps()[0]
    quickbooks_sandbox.control.update_app(
        app["client_id"], redirect_uris=[*app["redirect_uris"], f"{base}/connect/callback"]
    )
    redirect_url = f"{base}/connect/demo-return"
    _customer, key = make_customer("Acme Analytics", [redirect_url])
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")

    class Gateway:
        sandbox = quickbooks_sandbox

        @staticmethod
        def link_token(**body):
            body = {"end_user_id": "end-user-1", "redirect_url": redirect_url, **body}
            response = api.post("/v1/link-tokens", body, format="json")
            assert response.status_code == 201, response.content
            return response.json()

        @staticmethod
        def api_get(path, **headers):
            return api.get(path, **headers)

    return Gateway


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_link_a_quickbooks_company(page, shoot, gateway):
    token = gateway.link_token(end_user_name="Craig")
    page.goto(token["url"])
    shoot(page, "choose-provider")
    page.get_by_role("button", name=re.compile("QuickBooks")).click()

    page.wait_for_url(re.compile(r".*/connect/oauth2\?.*"))
    assert page.get_by_role("heading", name=re.compile("Connect .* to QuickBooks")).is_visible()
    page.get_by_role("button", name="Connect").click()  # nothing chosen yet
    assert page.get_by_role("alert").inner_text() == "Choose a company to connect."
    page.get_by_label("Craig's Design and Landscaping Services").check()
    shoot(page, "sandbox-company-picker")
    page.get_by_role("button", name="Connect").click()

    # one company per consent: linked directly, no organisation picker
    page.wait_for_url(re.compile(r".*/connect/s/.*/result"))
    assert page.get_by_role("heading", name="Connected").is_visible()
    shoot(page, "success")
    page.wait_for_url(re.compile(r".*/connect/demo-return\?.*"), timeout=10_000)
    received = query(page.url)
    account = LinkedAccount.objects.get()
    assert received["linked_account_ids"] == str(account.pk)
    assert account.provider == "quickbooks"
    assert account.tenant_id == gateway.sandbox.realm("us")

    listed = gateway.api_get("/v1/linked-accounts").json()["results"]
    assert [(a["provider"], a["tenant_name"], a["status"]) for a in listed] == [
        ("quickbooks", "Craig's Design and Landscaping Services", "active")
    ]


def test_cancel_at_the_company_picker(page, shoot, gateway):
    token = gateway.link_token()
    page.goto(token["url"])
    page.get_by_role("button", name=re.compile("QuickBooks")).click()
    page.wait_for_url(re.compile(r".*/connect/oauth2\?.*"))
    page.get_by_role("button", name="Cancel").click()
    page.wait_for_url(re.compile(r".*/connect/s/.*/result"))
    assert page.get_by_role("heading", name="Access was not granted").is_visible()
    shoot(page, "cancelled")
    assert not LinkedAccount.objects.exists()

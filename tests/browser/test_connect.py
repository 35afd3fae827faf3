"""The hosted connect flow in a real browser: our pages, the sandbox's consent page, back."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from rest_framework.test import APIClient

from gateway.accounts.models import Grant, LinkedAccount
from tests.factories import make_customer
from tests.gateway.connect.conftest import sandbox_provider_settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def gateway(live_server, settings, xero_sandbox, transactional_db):
    """The live gateway with its Xero provider at the sandbox, the callback registered for the
    live server's port, and a customer whose redirect URL is the demo return page."""
    base = live_server.url
    settings.PUBLIC_BASE_URL = base
    settings.LEDGERLINK_PROVIDERS = {"xero": "connectors.xero.XeroProvider"}
    settings.LEDGERLINK_PROVIDER_SETTINGS = {"xero": sandbox_provider_settings(xero_sandbox)}
    settings.CONNECT_REDIRECT_SECONDS = 3
    xero_sandbox.control.update_app(
        xero_sandbox.client_id,
        redirect_uris=[
            *xero_sandbox.control.apps()[0]["redirect_uris"],
            f"{base}/connect/callback",
        ],
    )
    redirect_url = f"{base}/connect/demo-return"
    customer, key = make_customer("Acme Analytics", [redirect_url])
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")

    class Gateway:
        url = base
        sandbox = xero_sandbox

        @staticmethod
        def link_token(**body):
            body = {"end_user_id": "end-user-1", "redirect_url": redirect_url, **body}
            response = api.post("/v1/link-tokens", body, format="json")
            assert response.status_code == 201, response.content
            return response.json()

        @staticmethod
        def relink_token(account_id):
            response = api.post(
                f"/v1/linked-accounts/{account_id}/relink-token",
                {"redirect_url": redirect_url},
                format="json",
            )
            assert response.status_code == 201, response.content
            return response.json()

        @staticmethod
        def api_get(path, **headers):
            return api.get(path, **headers)

        @staticmethod
        def api_post(path, body, **headers):
            return api.post(path, body, format="json", **headers)

    Gateway.customer = customer
    Gateway.redirect_url = redirect_url
    return Gateway


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def consent_at_sandbox(page, shoot, tenants: list[str], allow: bool = True) -> None:
    page.wait_for_url(re.compile(r".*/identity/connect/authorize.*"))
    for name in tenants:
        page.get_by_label(name).check()
    shoot(page, "sandbox-consent")
    page.get_by_role("button", name="Allow access" if allow else "Cancel").click()


def test_link_two_of_three_organisations(page, shoot, gateway):
    token = gateway.link_token(end_user_name="Northwind Traders")
    page.goto(token["url"])
    assert page.title().startswith("Connect your accounting system")
    assert page.get_by_text("Acme Analytics").first.is_visible()
    shoot(page, "choose-provider")
    page.get_by_role("button", name=re.compile("Xero")).click()

    consent_at_sandbox(page, shoot, ["Demo Company (UK)", "Demo Company (US)"])

    # back on our picker: the two organisations consented to, none ticked
    page.wait_for_url(re.compile(r".*/connect/s/.*/organisations"))
    boxes = page.get_by_role("checkbox")
    assert boxes.count() == 2
    assert not any(boxes.nth(i).is_checked() for i in range(2))
    shoot(page, "picker")
    page.get_by_role("button", name="Connect selected").click()
    assert page.get_by_role("alert").inner_text() == "Select at least one organisation to connect."
    shoot(page, "picker-nothing-ticked")
    assert not LinkedAccount.objects.exists()

    page.get_by_label("Demo Company (UK)").check()
    page.get_by_label("Demo Company (US)").check()
    page.mouse.move(0, 0)
    page.wait_for_timeout(250)  # let the highlight transition finish before the screenshot
    shoot(page, "picker-ticked")
    page.set_viewport_size({"width": 390, "height": 844})
    shoot(page, "picker-phone")
    page.set_viewport_size({"width": 1280, "height": 860})
    page.get_by_role("button", name="Connect selected").click()

    page.wait_for_url(re.compile(r".*/connect/s/.*/result"))
    assert page.get_by_role("heading", name="Connected").is_visible()
    shoot(page, "success")
    # the meta refresh takes the end user back to the customer's redirect URL
    page.wait_for_url(re.compile(r".*/connect/demo-return\?.*"), timeout=10_000)
    shoot(page, "customer-redirect")
    received = query(page.url)
    ids = received["linked_account_ids"].split(",")
    assert len(ids) == 2 and received["end_user_id"] == "end-user-1"

    listed = gateway.api_get("/v1/linked-accounts").json()["results"]
    assert sorted(a["id"] for a in listed) == sorted(ids)
    assert sorted(a["tenant_name"] for a in listed) == ["Demo Company (UK)", "Demo Company (US)"]
    assert {a["status"] for a in listed} == {"active"}


def test_deny_at_the_consent_page(page, shoot, gateway):
    token = gateway.link_token()
    page.goto(token["url"])
    page.get_by_role("button", name=re.compile("Xero")).click()
    consent_at_sandbox(page, shoot, [], allow=False)

    page.wait_for_url(re.compile(r".*/connect/s/.*/result"))
    assert page.get_by_role("heading", name="Access was not granted").is_visible()
    assert "access_denied" in page.content()
    shoot(page, "error")
    page.get_by_role("link", name="Return to Acme Analytics").click()
    page.wait_for_url(re.compile(r".*/connect/demo-return\?.*"))
    shoot(page, "customer-redirect")
    assert query(page.url) == {"error": "access_denied", "end_user_id": "end-user-1"}
    assert not LinkedAccount.objects.exists() and not Grant.objects.exists()
    assert gateway.api_get("/v1/linked-accounts").json()["results"] == []


def test_relink_after_the_grant_is_revoked(page, shoot, gateway):
    token = gateway.link_token()
    page.goto(token["url"])
    page.get_by_role("button", name=re.compile("Xero")).click()
    consent_at_sandbox(page, shoot, ["Demo Company (UK)"])
    # one organisation: linked directly, no picker
    page.wait_for_url(re.compile(r".*/connect/s/.*/result"))
    shoot(page, "linked")
    account = LinkedAccount.objects.get()
    header = {"HTTP_X_LINKED_ACCOUNT": str(account.pk)}
    call = {"method": "GET", "path": "/Organisation"}
    assert gateway.api_post("/v1/passthrough", call, **header).status_code == 200

    # the end user disconnects the app in Xero; the next call finds out
    assert gateway.sandbox.control.revoke_grant(client_id=gateway.sandbox.client_id)
    gateway.sandbox.control.expire_token(client_id=gateway.sandbox.client_id)
    failed = gateway.api_post("/v1/passthrough", call, **header)
    assert failed.status_code == 409, failed.content
    assert failed.json()["error"]["type"] == "relink_required"
    detail = gateway.api_get(f"/v1/linked-accounts/{account.pk}").json()
    assert detail["status"] == "relink_required"

    relink = gateway.relink_token(account.pk)
    page.goto(relink["url"])
    assert page.get_by_role("heading", name="Reconnect Demo Company (UK)").is_visible()
    shoot(page, "reconnect")
    page.get_by_role("button", name=re.compile("Reconnect with Xero")).click()
    consent_at_sandbox(page, shoot, ["Demo Company (UK)"])
    page.wait_for_url(re.compile(r".*/connect/s/.*/result"))
    assert page.get_by_role("heading", name="Reconnected").is_visible()
    shoot(page, "reconnected")
    page.wait_for_url(re.compile(r".*/connect/demo-return\?.*"), timeout=10_000)
    assert query(page.url)["linked_account_ids"] == str(account.pk)

    listed = gateway.api_get("/v1/linked-accounts").json()["results"]
    assert [(a["id"], a["status"]) for a in listed] == [(str(account.pk), "active")]
    assert gateway.api_post("/v1/passthrough", call, **header).status_code == 200
    assert Grant.objects.count() == 1 and Grant.objects.get().pk == account.grant_id

"""The hosted connect flow with QuickBooks Online (its sandbox): the company chosen at Intuit's
page comes back as ``realmId`` on the callback and becomes the linked account's tenant. The
gateway is the same one that links Xero: nothing in it names QuickBooks."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import requests
from django.test import Client
from rest_framework.test import APIClient

from gateway.accounts.models import Grant, LinkedAccount, LinkedAccountStatus
from gateway.connect.models import LinkSession, LinkSessionStatus

from .conftest import REDIRECT_URL, query_of

pytestmark = pytest.mark.django_db

CALLBACK = "http://127.0.0.1:8000/connect/callback"


@pytest.fixture
def qbo(settings, quickbooks_sandbox, customer_with_key):
    """Both providers enabled, QuickBooks at its sandbox; an API client and a browser."""
    settings.LEDGERLINK_PROVIDERS = {
        "xero": "connectors.xero.XeroProvider",
        "quickbooks": "connectors.quickbooks.QuickBooksProvider",
    }
    settings.LEDGERLINK_PROVIDER_SETTINGS = {
        **settings.LEDGERLINK_PROVIDER_SETTINGS,  # Xero configured: offered beside QuickBooks
        "quickbooks": quickbooks_sandbox.provider_settings(),
    }
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8000"
    _customer, key = customer_with_key
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")

    class Flow:
        sandbox = quickbooks_sandbox
        browser = Client()

        @staticmethod
        def link_token(**body) -> dict:
            body = {"end_user_id": "end-user-1", "redirect_url": REDIRECT_URL, **body}
            response = api.post("/v1/link-tokens", body, format="json")
            assert response.status_code == 201, response.content
            return response.json()

        @classmethod
        def start(cls, token: dict) -> str:
            """Open the link, choose QuickBooks: the authorize URL we were sent to."""
            path = urlsplit(token["url"]).path
            page = cls.browser.get(path)
            assert page.status_code == 200 and b"QuickBooks Online" in page.content
            response = cls.browser.post(f"{path}/start", {"provider": "quickbooks"})
            assert response.status_code == 302, response.content
            return response["Location"]

        @staticmethod
        def consent(authorize_url: str, company: str | None, action: str = "connect") -> str:
            """The end user at Intuit's (sandbox) page: pick a company, Connect or Cancel.
            Returns the callback URL Intuit redirects to."""
            page = requests.get(authorize_url, timeout=30)
            assert page.status_code == 200 and "Select a company" in page.text
            form = dict(query_of(authorize_url))
            form["action"] = action
            if company:
                form["realm"] = quickbooks_sandbox.realm(company)
            response = requests.post(
                authorize_url.split("?")[0], data=form, allow_redirects=False, timeout=30
            )
            assert response.status_code == 302, response.text
            return response.headers["Location"]

        @classmethod
        def callback(cls, url: str):
            assert url.startswith(CALLBACK)
            response = cls.browser.get("/connect/callback", query_of(url))
            while response.status_code == 302 and response["Location"].startswith("/connect/"):
                response = cls.browser.get(response["Location"])
            return response

    return Flow


def test_linking_a_company_makes_its_realm_the_tenant(qbo):
    token = qbo.link_token(end_user_name="Craig")
    assert token["providers"] == ["xero", "quickbooks"]
    authorize_url = qbo.start(token)
    params = query_of(authorize_url)
    assert authorize_url.startswith(qbo.sandbox.authorize_url)
    assert params["scope"] == "com.intuit.quickbooks.accounting"
    assert params["redirect_uri"] == CALLBACK and params["code_challenge_method"] == "S256"

    callback = qbo.consent(authorize_url, "us")
    assert query_of(callback)["realmId"] == qbo.sandbox.realm("us")
    response = qbo.callback(callback)
    assert response.status_code == 200
    assert "connect/success.html" in [t.name for t in response.templates]

    account = LinkedAccount.objects.get()
    assert account.provider == "quickbooks"
    assert account.tenant_id == qbo.sandbox.realm("us")
    assert account.tenant_name == "Craig's Design and Landscaping Services"
    assert account.tenant_type == "COMPANY" and account.connection_id == ""
    assert account.status == LinkedAccountStatus.ACTIVE
    grant = Grant.objects.get()
    assert grant.provider == "quickbooks" and grant.refresh_token and grant.access_token
    assert LinkSession.objects.get().status == LinkSessionStatus.COMPLETED
    # nothing was given back: the grant is in use
    assert [g["revoked"] for g in qbo.sandbox.control.grants()] == [0]


def test_the_linked_account_reads_through_the_unified_api(qbo, authed_client):
    qbo.callback(qbo.consent(qbo.start(qbo.link_token()), "uk"))
    account = LinkedAccount.objects.get()
    header = {"HTTP_X_LINKED_ACCOUNT": str(account.pk)}
    call = {"method": "GET", "path": f"/companyinfo/{account.tenant_id}"}
    response = authed_client.post("/v1/passthrough", call, format="json", **header)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == 200


def test_cancel_at_intuit_links_nothing(qbo):
    response = qbo.callback(qbo.consent(qbo.start(qbo.link_token()), None, action="cancel"))
    assert response.context["code"] == "access_denied"
    assert not LinkedAccount.objects.exists() and not Grant.objects.exists()


def test_a_callback_without_a_realm_fails_and_gives_the_consent_back(qbo):
    callback = qbo.consent(qbo.start(qbo.link_token()), "us")
    params = {k: v for k, v in query_of(callback).items() if k != "realmId"}
    response = qbo.callback(CALLBACK + "?" + "&".join(f"{k}={v}" for k, v in params.items()))
    assert response.context["code"] == "no_organisations"
    assert not LinkedAccount.objects.exists()
    assert [g["revoked"] for g in qbo.sandbox.control.grants()] == [1]  # revoked at Intuit


def test_relink_after_the_user_disconnects_in_quickbooks(qbo, authed_client):
    qbo.callback(qbo.consent(qbo.start(qbo.link_token()), "us"))
    account = LinkedAccount.objects.get()
    header = {"HTTP_X_LINKED_ACCOUNT": str(account.pk)}
    call = {"method": "GET", "path": f"/companyinfo/{account.tenant_id}"}
    qbo.sandbox.control.revoke_grant(client_id=qbo.sandbox.client_id)
    qbo.sandbox.control.expire_token()
    failed = authed_client.post("/v1/passthrough", call, format="json", **header)
    assert failed.status_code == 409 and failed.json()["error"]["type"] == "relink_required"

    relink = authed_client.post(
        f"/v1/linked-accounts/{account.pk}/relink-token",
        {"redirect_url": REDIRECT_URL},
        format="json",
    ).json()
    assert relink["providers"] == ["quickbooks"]
    # choosing another company does not relink this one
    response = qbo.callback(qbo.consent(qbo.start(relink), "uk"))
    assert response.context["code"] == "relink_mismatch"
    relink = authed_client.post(
        f"/v1/linked-accounts/{account.pk}/relink-token",
        {"redirect_url": REDIRECT_URL},
        format="json",
    ).json()
    response = qbo.callback(qbo.consent(qbo.start(relink), "us"))
    assert "connect/success.html" in [t.name for t in response.templates]
    account.refresh_from_db()
    assert account.status == LinkedAccountStatus.ACTIVE
    ok = authed_client.post("/v1/passthrough", call, format="json", **header)
    assert ok.status_code == 200 and Grant.objects.count() == 1

"""CSRF on the hosted forms, which send no Referer (`Referrer-Policy: no-referrer`)."""

from __future__ import annotations

import pytest
from django.test import Client

from gateway.connect.models import LinkSession, LinkSessionStatus

from .conftest import REDIRECT_URL

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(authed_client) -> dict:
    response = authed_client.post(
        "/v1/link-tokens", {"end_user_id": "u", "redirect_url": REDIRECT_URL}, format="json"
    )
    return response.json()


def open_page(browser: Client, token: dict) -> tuple[str, str]:
    path = "/connect/" + token["link_token"]
    page = browser.get(path)
    return f"{path}/start", page.context["csrf_token"]


def test_same_origin_post_without_referer_is_accepted(token, settings):
    settings.LEDGERLINK_PROVIDER_SETTINGS = {"xero": {"client_id": "x", "client_secret": "y"}}
    browser = Client(enforce_csrf_checks=True)
    start, csrf = open_page(browser, token)
    # what Chromium sends for a form post from a no-referrer page of our own origin
    response = browser.post(
        start,
        {"provider": "xero", "csrfmiddlewaretoken": csrf},
        HTTP_ORIGIN="null",
        HTTP_SEC_FETCH_SITE="same-origin",
        secure=True,
    )
    assert response.status_code == 302
    assert LinkSession.objects.get().status == LinkSessionStatus.AUTHORIZING


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "null", "HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "https://evil.example.com"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},  # https without Origin or Referer
    ],
)
def test_cross_site_posts_are_refused(token, headers):
    browser = Client(enforce_csrf_checks=True)
    start, csrf = open_page(browser, token)
    response = browser.post(
        start, {"provider": "xero", "csrfmiddlewaretoken": csrf}, secure=True, **headers
    )
    assert response.status_code == 403
    assert "connect/error.html" in [t.name for t in response.templates]
    assert response["Content-Security-Policy"].startswith("default-src 'self'")
    assert LinkSession.objects.get().status == LinkSessionStatus.CREATED


def test_post_without_the_csrf_token_is_refused(token):
    browser = Client(enforce_csrf_checks=True)
    start, _ = open_page(browser, token)
    response = browser.post(
        start, {"action": "cancel"}, HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 403
    assert "This page has expired" in response.content.decode()
    assert LinkSession.objects.get().status == LinkSessionStatus.CREATED


def test_other_csrf_failures_keep_djangos_page():
    from django.test import RequestFactory

    from gateway.connect.views import csrf_failure

    response = csrf_failure(RequestFactory().post("/admin/login/"), reason="x")
    assert response.status_code == 403
    assert "CSRF" in response.content.decode()

"""Pasted client credentials (custom connections): the secret is never logged, echoed back or
kept in clear, and malformed input never reaches the provider."""

from __future__ import annotations

import logging

import pytest
from django.db import connection
from django.test import RequestFactory

from gateway.accounts.models import Grant, LinkedAccount
from gateway.connect import services, views
from gateway.connect.models import LinkSession
from tests.gateway.connect.conftest import driver, xero_via_sandbox  # noqa: F401
from tests.plugins.sandbox import DEMO_CUSTOM_CLIENT_ID, DEMO_CUSTOM_CLIENT_SECRET

pytestmark = pytest.mark.django_db


def form_path(token: dict) -> str:
    return f"/connect/{token['url'].rsplit('/', 1)[1]}/custom/xero"


def token_requests(sandbox) -> int:
    return sandbox.control.counters()["endpoints"].get("POST /connect/token", 0)


def test_the_secret_is_never_logged_echoed_or_stored_in_clear(driver, caplog):  # noqa: F811
    caplog.set_level(logging.DEBUG)
    token = driver.link_token()
    wrong = "wrong-" + DEMO_CUSTOM_CLIENT_SECRET
    refused = driver.browser.post(
        form_path(token), {"client_id": DEMO_CUSTOM_CLIENT_ID, "client_secret": wrong}
    )
    assert refused.status_code == 400 and wrong not in refused.content.decode()
    done = driver.follow(
        driver.browser.post(
            form_path(token),
            {"client_id": DEMO_CUSTOM_CLIENT_ID, "client_secret": DEMO_CUSTOM_CLIENT_SECRET},
        )
    )
    assert done.status_code == 200 and DEMO_CUSTOM_CLIENT_SECRET not in done.content.decode()
    for secret in (wrong, DEMO_CUSTOM_CLIENT_SECRET):
        assert secret not in caplog.text
    stored = ""
    with connection.cursor() as cursor:
        for model in (Grant, LinkSession, LinkedAccount):
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")
            stored += " ".join(str(v) for row in cursor.fetchall() for v in row)
    assert DEMO_CUSTOM_CLIENT_SECRET not in stored and DEMO_CUSTOM_CLIENT_ID not in stored
    assert LinkedAccount.objects.get().grant.client_secret == DEMO_CUSTOM_CLIENT_SECRET


@pytest.mark.parametrize(
    "fields",
    [
        {"client_id": "x" * 5_000, "client_secret": "s"},
        {"client_id": DEMO_CUSTOM_CLIENT_ID, "client_secret": "s" * 5_000},
        {"client_id": "id\x00", "client_secret": "secret"},
        {"client_id": "   ", "client_secret": "   "},
        {"client_id": ["a", "b"]},
    ],
)
def test_malformed_input_never_reaches_the_provider(driver, fields):  # noqa: F811
    token = driver.link_token()
    before = token_requests(driver.sandbox)
    response = driver.browser.post(form_path(token), fields)
    assert response.status_code == 400
    assert token_requests(driver.sandbox) == before
    assert not Grant.objects.exists()


def test_error_reports_hide_the_secret(driver, monkeypatch):  # noqa: F811
    """Django's error reports (500 mails, debug pages) mask the posted secret."""
    token = driver.link_token()

    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "link_client_credentials", crash)
    request = RequestFactory().post(
        form_path(token), {"client_id": "id", "client_secret": "top-secret"}
    )
    request.session = driver.browser.session
    request._dont_enforce_csrf_checks = True
    with pytest.raises(RuntimeError):
        views.client_credentials(request, token["url"].rsplit("/", 1)[1], "xero")
    assert request.sensitive_post_parameters == ("client_secret",)

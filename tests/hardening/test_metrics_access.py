"""/metrics tells how many accounts, deliveries and calls a deployment has: only the holder of
METRICS_TOKEN reads it. No token configured: the URL does not exist."""

from __future__ import annotations

import pytest

from gateway.monitoring import access

TOKEN = "hardening-metrics-token-0123456789abcdef"


def assert_refused(response, status: int, error_type: str) -> None:
    assert response.status_code == status
    body = response.json()
    assert body["error"]["type"] == error_type
    assert b"ledgerlink_" not in response.content and b"# TYPE" not in response.content


@pytest.mark.parametrize("authorization", [None, f"Bearer {TOKEN}", "Bearer x"])
def test_without_a_configured_token_metrics_is_not_found(client, db, settings, authorization):
    settings.METRICS_TOKEN = ""
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    assert_refused(client.get("/metrics", **headers), 404, "not_found")


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        TOKEN,  # no scheme
        f"Basic {TOKEN}",
        f"Bearer {TOKEN[:-1]}",  # one character short
        f"Bearer {TOKEN}x",  # one character long
        f"Bearer {TOKEN.upper()}",
        "Bearer " + "a" * 40,
    ],
)
def test_anything_but_the_token_is_refused(client, db, settings, authorization):
    settings.METRICS_TOKEN = TOKEN
    headers = {} if authorization is None else {"HTTP_AUTHORIZATION": authorization}
    response = client.get("/metrics", **headers)
    assert_refused(response, 401, "authentication_error")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_customer_api_key_is_not_the_metrics_token(client, settings, customer_with_key):
    settings.METRICS_TOKEN = TOKEN
    _, key = customer_with_key
    assert_refused(
        client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {key}"), 401, "authentication_error"
    )


def test_a_dashboard_session_is_not_the_metrics_token(client, settings, customer_with_key):
    from django.contrib.auth import get_user_model

    settings.METRICS_TOKEN = TOKEN
    admin = get_user_model().objects.create_superuser("root@example.com", "root@example.com", "pw")
    client.force_login(admin)
    assert_refused(client.get("/metrics"), 401, "authentication_error")


def test_writes_are_refused_before_and_after_the_token(client, db, settings):
    settings.METRICS_TOKEN = TOKEN
    # Without the token: 401 (not a CSRF page that would confirm the URL some other way).
    assert_refused(client.post("/metrics"), 401, "authentication_error")
    assert_refused(
        client.post("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}"), 405, "method_not_allowed"
    )


def test_the_token_is_compared_in_constant_time(client, db, settings, monkeypatch):
    settings.METRICS_TOKEN = TOKEN
    compared = []
    real = access.hmac.compare_digest

    def spy(a, b):
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(access.hmac, "compare_digest", spy)
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200
    # Digests of equal length each time: neither the content nor the length of the token shows.
    assert len(compared) == 2 and all(len(a) == len(b) == 32 for a, b in compared)


def test_metrics_is_not_in_the_public_api_description(client, db, settings):
    settings.METRICS_TOKEN = TOKEN
    assert "/metrics" not in client.get("/openapi.json").json()["paths"]

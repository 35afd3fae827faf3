"""Redis unreachable (REDIS_URL at a port where nothing listens): the API answers 503 with
Retry-After where a request needs the broker or the shared rate limiter, and keeps serving the
reads that need neither (API key throttling falls back to counting in the process)."""

from __future__ import annotations

import pytest

from gateway.sync.models import SyncRun
from tests.faults.services import free_port


@pytest.fixture
def redis_down(settings):
    from gateway.celery import app

    url = f"redis://127.0.0.1:{free_port()}/0"
    saved = {k: app.conf[k] for k in ("task_always_eager", "broker_url", "broker_transport")}
    app.conf.update(
        task_always_eager=False, broker_url=url, broker_transport="gateway.broker:Transport"
    )
    app._pool = None
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = url
    settings.REDIS_URL = url
    settings.CACHES = {
        "default": {"BACKEND": "gateway.core.cache.RedisCacheWithLocalFallback", "LOCATION": url}
    }
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_key": "3/min"},
    }
    try:
        yield url
    finally:
        app.conf.update(saved)
        app._pool = None


def assert_unavailable(response):
    assert response.status_code == 503, response.content
    assert response.json()["error"]["type"] == "service_unavailable"
    assert int(response["Retry-After"]) > 0


def test_reads_are_served_and_still_throttled(redis_down, account_client, monkeypatch):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", api_settings.DEFAULT_THROTTLE_RATES)
    assert account_client.get("/v1/invoices").status_code == 200
    assert account_client.get(f"/v1/linked-accounts/{account_client.account.id}").status_code == 200
    assert account_client.get("/v1/contacts").status_code == 200
    throttled = account_client.get("/v1/contacts")
    assert throttled.status_code == 429 and throttled["Retry-After"]


def test_a_sync_request_needs_the_broker(redis_down, account_client):
    response = account_client.post(
        f"/v1/linked-accounts/{account_client.account.id}/sync", {}, format="json"
    )
    assert_unavailable(response)
    assert not SyncRun.objects.exists()  # nothing left queued behind the client's back


def test_a_write_needs_the_shared_limiter(redis_down, authed_client, xero_account):
    response = authed_client.post(
        "/v1/contacts",
        {"name": "Redis Down Ltd"},
        format="json",
        HTTP_X_LINKED_ACCOUNT=str(xero_account.id),
    )
    assert_unavailable(response)

"""Redis unreachable (REDIS_URL at a port where nothing listens): the API answers 503 with
Retry-After where a request needs the broker or the shared rate limiter, and keeps serving the
reads that need neither (API key throttling falls back to counting in the process)."""

from __future__ import annotations

import json

import pytest
from rest_framework.throttling import SimpleRateThrottle

from gateway.sync.models import SyncRun
from tests.faults.services import refused_port


@pytest.fixture
def redis_down(settings):
    with refused_port() as port:
        yield from _redis_at(settings, f"redis://127.0.0.1:{port}/0")


def _redis_at(settings, url):
    from gateway.celery import app

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
    # DRF binds THROTTLE_RATES when rest_framework.throttling is first imported: this module
    # imports it at collection time, so the class keeps the suite's own rates once restored.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"api_key": "3/min"})
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


def test_committed_work_survives_a_lost_enqueue(
    redis_down, client, settings, customer_with_key, django_capture_on_commit_callbacks
):
    """A provider webhook and an event's deliveries are rows first: when the broker cannot
    take the task, the request still succeeds and the beat's sweeps pick the rows up."""
    from gateway.events.endpoints import create_endpoint
    from gateway.events.models import WebhookDelivery
    from gateway.events.services import emit
    from gateway.sync.models import InboundEvent
    from tests.gateway.builders import make_linked_account
    from tests.hardening.test_webhook_poison import KEY, good_event, post

    settings.LEDGERLINK_PROVIDER_SETTINGS = {
        **settings.LEDGERLINK_PROVIDER_SETTINGS,
        "xero": {**settings.LEDGERLINK_PROVIDER_SETTINGS.get("xero", {}), "webhook_key": KEY},
    }
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, json.dumps({"events": [good_event()]}).encode())
    assert response.status_code == 200
    assert InboundEvent.objects.get().status == "pending"

    customer, _ = customer_with_key
    create_endpoint(customer, {"url": "http://127.0.0.1:9/hook"})
    account = make_linked_account(customer)
    with django_capture_on_commit_callbacks(execute=True):
        event = emit(account, "account.linked", {"linked_account_id": str(account.id)})
    assert WebhookDelivery.objects.get(event=event).status == "pending"


def test_the_cache_counts_in_the_process_while_redis_is_away_then_returns_to_it(monkeypatch):
    import redis as redis_client

    from gateway.core import cache as fallback
    from tests.faults.services import PrivateRedis

    server = PrivateRedis().start()
    try:
        cache = fallback.RedisCacheWithLocalFallback(server.url, {})
        cache.set("hits", 1)
        assert cache.get("hits") == 1
        server.stop()
        assert cache.get("hits") is None  # Redis is away: this process's own count
        assert cache.add("hits", 5) and cache.incr("hits") == 6
        server.start()
        assert cache.get("hits") == 6  # Redis is left alone for RETRY_SECONDS
        monkeypatch.setattr(fallback, "RETRY_SECONDS", 0.0)
        cache._down_until = 0.0
        cache.set("hits", 7)
        raw = redis_client.Redis.from_url(server.url)
        assert raw.keys("*hits")  # back in Redis
        assert cache.get("hits") == 7
    finally:
        server.stop()

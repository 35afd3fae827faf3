from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_checks_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["broker"]["ok"] is True


def test_healthz_is_503_when_the_broker_is_down(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    from gateway.celery import app

    app.conf.broker_url = settings.CELERY_BROKER_URL
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = None
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["ok"] is False


def test_providers_lists_registered_connectors(authed_client):
    response = authed_client.get("/v1/providers")
    assert response.status_code == 200
    results = response.json()["results"]
    keys = [p["key"] for p in results]
    assert "xero" in keys
    xero = results[keys.index("xero")]
    assert xero["auth_type"] == "oauth2"
    assert "list" in xero["models"]["invoice"]


def test_providers_lists_only_configured_providers(authed_client, settings):
    """An enabled provider without its app credentials cannot link anyone: it is not listed."""
    settings.LEDGERLINK_PROVIDER_SETTINGS = {
        "xero": {"client_id": "app", "client_secret": "secret"},
        "quickbooks": {"client_id": "app"},  # no secret
    }
    keys = [p["key"] for p in authed_client.get("/v1/providers").json()["results"]]
    assert keys == ["xero"]
    settings.LEDGERLINK_PROVIDER_SETTINGS = {}
    assert authed_client.get("/v1/providers").json()["results"] == []

"""Endpoints that keep failing: refused deliveries fail at once, and an endpoint that has failed
every delivery for WEBHOOK_ENDPOINT_DISABLE_AFTER_HOURS is disabled, which an event announces
(24,691 deliveries to a dead endpoint were pending in one run, each retried for a day)."""

from __future__ import annotations

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from gateway.events.delivery import deliver_due
from gateway.events.endpoints import create_endpoint
from gateway.events.models import Event, WebhookDelivery, WebhookEndpoint
from gateway.events.services import emit
from tests.faults.services import free_port
from tests.gateway.builders import make_linked_account


@pytest.fixture
def receiver():
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            hits.append(self.headers["Ledgerlink-Event-Type"])
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/hook", hits
    server.shutdown()
    server.server_close()


@pytest.fixture
def world(customer_with_key, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    settings.CELERY_TASK_ALWAYS_EAGER = False  # deliver by hand
    settings.WEBHOOK_ENDPOINT_DISABLE_AFTER_HOURS = 6
    customer, _ = customer_with_key
    dead_url = f"http://127.0.0.1:{free_port()}/hook"  # nothing listens: connection refused
    dead, _ = create_endpoint(customer, {"url": dead_url})
    return customer, make_linked_account(customer), dead


def fail_since(endpoint, hours: float) -> None:
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        failing_since=timezone.now() - timedelta(hours=hours)
    )


def test_a_failing_endpoint_is_retried_then_disabled_with_an_event(world, receiver):
    customer, account, dead = world
    url, hits = receiver
    create_endpoint(customer, {"url": url, "event_types": ["webhook_endpoint.*"]})
    first = emit(account, "account.linked", {"linked_account_id": str(account.id)})
    deliver_due(max_seconds=5)
    dead.refresh_from_db()
    assert dead.enabled and dead.failing_since is not None  # failing, retried for now
    assert WebhookDelivery.objects.get(event=first, endpoint=dead).status == "pending"

    fail_since(dead, 7)  # ... and it has failed everything for longer than the setting
    emit(account, "sync.completed", {"linked_account_id": str(account.id)})
    deliver_due(max_seconds=5)

    dead.refresh_from_db()
    assert not dead.enabled
    assert "every delivery failed since" in dead.disabled_reason
    assert set(WebhookDelivery.objects.filter(endpoint=dead).values_list("status", flat=True)) == {
        "failed"
    }
    notice = Event.objects.get(type="webhook_endpoint.disabled")
    assert notice.linked_account_id == account.id
    assert not WebhookDelivery.objects.filter(event=notice, endpoint=dead).exists()
    deliver_due(max_seconds=5)
    assert hits == ["webhook_endpoint.disabled"]  # the other endpoint is told


def test_a_success_ends_the_failing_streak(world, receiver):
    _, account, dead = world
    url, hits = receiver
    dead_url = dead.url
    fail_since(dead, 5)  # an hour short of the limit
    WebhookEndpoint.objects.filter(pk=dead.pk).update(url=url)  # the receiver is back up
    emit(account, "account.linked", {"linked_account_id": str(account.id)})
    deliver_due(max_seconds=5)
    dead.refresh_from_db()
    assert hits == ["account.linked"]
    assert dead.enabled and dead.failing_since is None
    WebhookEndpoint.objects.filter(pk=dead.pk).update(url=dead_url)  # down again: a new streak
    emit(account, "sync.completed", {"linked_account_id": str(account.id)})
    deliver_due(max_seconds=5)
    dead.refresh_from_db()
    assert dead.enabled and dead.failing_since > timezone.now() - timedelta(minutes=1)


def test_enabling_it_again_starts_over(world, authed_client):
    _, account, dead = world
    fail_since(dead, 7)
    emit(account, "account.linked", {"linked_account_id": str(account.id)})
    deliver_due(max_seconds=5)
    body = authed_client.get(f"/v1/webhook-endpoints/{dead.id}").json()
    assert body["enabled"] is False and body["disabled_reason"]
    response = authed_client.patch(
        f"/v1/webhook-endpoints/{dead.id}", {"enabled": True}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["enabled"] is True
    assert (response.json()["failing_since"], response.json()["disabled_reason"]) == (None, "")

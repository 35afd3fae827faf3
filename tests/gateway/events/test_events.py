"""Events, webhook endpoints and signed deliveries (eager Celery, SQLite, a local receiver)."""

from __future__ import annotations

import json
import socket
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from gateway.events import delivery as delivery_service
from gateway.events import services as event_services
from gateway.events.models import DeliveryStatus, Event, WebhookDelivery, WebhookEndpoint
from gateway.records import store
from tests.gateway.events.receiver import Receiver
from tests.gateway.sync.helpers import make_linked_account
from unified_models import Contact

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def account(fake_provider, authed_client):
    return make_linked_account(authed_client.customer)


@pytest.fixture
def receiver():
    with Receiver() as r:
        yield r


def register(client, url, **extra):
    response = client.post("/v1/webhook-endpoints", {"url": url, **extra}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def change_contacts(account, *names):
    return store.upsert_records(
        account, "contact", [Contact(remote_id=n, name=n.title()) for n in names]
    )


def test_signed_delivery_of_record_events(authed_client, account, receiver):
    endpoint = register(authed_client, receiver.url, event_types=["contact.*"])
    assert endpoint["secret"].startswith("whsec_")
    change_contacts(account, "alice")
    event_services.emit(account, "sync.completed", {"run_id": "x"})  # filtered out
    got = receiver.wait_for(1)
    assert len(got) == 1
    hit = got[0]
    body = json.loads(hit.body)
    assert body["type"] == "contact.created" and body["sequence"] == 1
    assert body["data"]["name"] == "Alice" and body["linked_account_id"] == str(account.id)
    assert hit.headers["ledgerlink-event-id"] == body["id"]
    assert hit.headers["ledgerlink-event-type"] == "contact.created"
    assert delivery_service.verify_signature(
        endpoint["secret"],
        hit.headers["ledgerlink-event-id"],
        hit.headers["ledgerlink-timestamp"],
        hit.body,
        hit.headers["ledgerlink-signature"],
    )
    assert not delivery_service.verify_signature(
        "whsec_wrong",
        hit.headers["ledgerlink-event-id"],
        hit.headers["ledgerlink-timestamp"],
        hit.body,
        hit.headers["ledgerlink-signature"],
    )
    log = authed_client.get("/v1/webhook-deliveries").json()["results"]
    assert [(d["status"], d["attempts"], d["response_status"]) for d in log] == [
        ("succeeded", 1, 200)
    ]


def test_failed_deliveries_back_off_then_give_up(authed_client, account, receiver):
    register(authed_client, receiver.url)
    receiver.script = [500]
    change_contacts(account, "bob")
    row = WebhookDelivery.objects.get()
    assert (row.status, row.attempts, row.response_status) == ("pending", 1, 500)
    delay = (row.next_attempt_at - row.last_attempt_at).total_seconds()
    assert 25 <= delay <= 35
    assert delivery_service.deliver_due() == 0  # not due yet

    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    delivery_service.deliver_due()
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("succeeded", 2)
    first, second = receiver.wait_for(2)
    assert first.headers["ledgerlink-event-id"] == second.headers["ledgerlink-event-id"]

    # After about a day of failures a delivery is marked failed.
    receiver.status = 503
    change_contacts(account, "carol")
    late = WebhookDelivery.objects.get(status="pending")
    WebhookDelivery.objects.filter(pk=late.pk).update(
        created_at=timezone.now() - timedelta(hours=24), next_attempt_at=timezone.now()
    )
    delivery_service.deliver_due()
    late.refresh_from_db()
    assert late.status == DeliveryStatus.FAILED and late.next_attempt_at is None


def test_retry_schedule_spans_about_a_day():
    delays = [delivery_service.retry_delay(n) for n in range(1, 15)]
    assert delays[0] < 35 and max(delays) <= 4 * 3600 * 1.1
    assert 20 * 3600 < sum(delays) < 30 * 3600


def test_replay_sends_the_same_event_again(authed_client, account, receiver):
    register(authed_client, receiver.url)
    change_contacts(account, "dora")
    receiver.wait_for(1)
    original = authed_client.get("/v1/webhook-deliveries").json()["results"][0]
    response = authed_client.post(f"/v1/webhook-deliveries/{original['id']}/replay")
    assert response.status_code == 202
    replay = response.json()
    assert replay["replay_of"] == original["id"] and replay["event_id"] == original["event_id"]
    assert replay["status"] == "succeeded"
    first, second = receiver.wait_for(2)
    assert first.body == second.body
    assert first.headers["ledgerlink-delivery-id"] != second.headers["ledgerlink-delivery-id"]
    assert authed_client.get(f"/v1/webhook-deliveries/{replay['id']}").status_code == 200


def test_endpoint_crud_and_secret_shown_once(authed_client, account, receiver):
    created = register(authed_client, receiver.url, description="ops", event_types=["invoice.*"])
    url = f"/v1/webhook-endpoints/{created['id']}"
    shown = authed_client.get(url).json()
    assert "secret" not in shown and shown["event_types"] == ["invoice.*"]
    assert WebhookEndpoint.objects.get().secret == created["secret"]
    raw = WebhookEndpoint.objects.extra(select={"raw": "secret"}).values_list("raw", flat=True)
    assert created["secret"] not in list(raw)  # stored encrypted
    changed = authed_client.patch(url, {"enabled": False}, format="json").json()
    assert changed["enabled"] is False and "secret" not in changed
    rotated = authed_client.patch(url, {"rotate_secret": True}, format="json").json()
    assert rotated["secret"] != created["secret"]
    assert len(authed_client.get("/v1/webhook-endpoints").json()) == 1
    assert authed_client.delete(url).status_code == 204
    assert authed_client.get(url).status_code == 404


@pytest.mark.parametrize(
    "body, field",
    [
        ({"url": "ftp://example.com/x"}, "url"),
        ({"url": "not a url"}, "url"),
        ({"url": "http://127.0.0.1:9/x", "event_types": ["invoice.exploded"]}, "event_types"),
        ({"url": "http://127.0.0.1:9/x", "colour": "red"}, "colour"),
        ({}, "url"),
    ],
)
def test_bad_endpoints_are_refused(authed_client, body, field):
    response = authed_client.post("/v1/webhook-endpoints", body, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "validation_error"
    assert error["details"][0]["field"] == field


def test_private_addresses_are_refused_unless_allowed(authed_client, settings, monkeypatch):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = False
    for url in (
        "http://127.0.0.1/hook",
        "http://10.1.2.3/hook",
        "http://169.254.169.254/latest",
        "http://[::1]/hook",
        "http://192.168.0.5/hook",
    ):
        response = authed_client.post("/v1/webhook-endpoints", {"url": url}, format="json")
        assert response.status_code == 400, url
        assert response.json()["error"]["details"][0]["field"] == "url"

    def resolve(host, *args, **kwargs):
        ip = {"internal.example": "10.0.0.7", "hooks.example": "93.184.216.34"}[host]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, 443))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    internal = {"url": "https://internal.example/hook"}
    assert authed_client.post("/v1/webhook-endpoints", internal, format="json").status_code == 400
    public = {"url": "https://hooks.example/hook"}
    assert authed_client.post("/v1/webhook-endpoints", public, format="json").status_code == 201


def test_customers_only_see_their_own(authed_client, account, other_customer, receiver):
    customer, _ = other_customer
    theirs = make_linked_account(customer, tenant_id="tenant-z")
    endpoint = WebhookEndpoint.objects.create(customer=customer, url=receiver.url, secret="s")
    change_contacts(theirs, "zed")
    their_delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert authed_client.get(f"/v1/webhook-endpoints/{endpoint.id}").status_code == 404
    assert authed_client.patch(f"/v1/webhook-endpoints/{endpoint.id}", {}).status_code == 404
    assert authed_client.get(f"/v1/webhook-deliveries/{their_delivery.id}").status_code == 404
    replay = authed_client.post(f"/v1/webhook-deliveries/{their_delivery.id}/replay")
    assert replay.status_code == 404
    assert authed_client.get("/v1/webhook-deliveries").json()["results"] == []
    events = authed_client.get("/v1/events", HTTP_X_LINKED_ACCOUNT=str(theirs.id))
    assert events.status_code == 404


def test_events_are_served_for_apps_that_pull(authed_client, account):
    change_contacts(account, "a", "b", "c")
    change_contacts(account, "a")  # unchanged: no event
    store.mark_deleted(account, "contact", "b")
    headers = {"HTTP_X_LINKED_ACCOUNT": str(account.id)}
    page = authed_client.get("/v1/events?page_size=2", **headers).json()
    assert [e["sequence"] for e in page["results"]] == [1, 2]
    assert page["has_more"] is True and page["next_after"] == 2
    rest = authed_client.get(f"/v1/events?after={page['next_after']}", **headers).json()
    assert [(e["sequence"], e["type"]) for e in rest["results"]] == [
        (3, "contact.created"),
        (4, "contact.deleted"),
    ]
    assert rest["has_more"] is False and rest["next_after"] == 4
    assert rest["results"][1]["data"]["remote_was_deleted"] is True
    ids = {e["id"] for e in page["results"] + rest["results"]}
    assert ids == {str(i) for i in Event.objects.values_list("id", flat=True)}
    empty = authed_client.get("/v1/events?after=4", **headers).json()
    assert empty == {"results": [], "next_after": 4, "has_more": False}


@pytest.mark.parametrize("query", ["after=-1", "after=x", "page_size=0", "page_size=5000", "y=1"])
def test_bad_event_queries(authed_client, account, query):
    response = authed_client.get(f"/v1/events?{query}", HTTP_X_LINKED_ACCOUNT=str(account.id))
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "validation_error"


def test_events_need_the_linked_account_header(authed_client, account):
    assert authed_client.get("/v1/events").status_code == 400
    missing = authed_client.get("/v1/events", HTTP_X_LINKED_ACCOUNT=str(uuid.uuid4()))
    assert missing.status_code == 404


def test_delivery_log_filters(authed_client, account, receiver):
    endpoint = register(authed_client, receiver.url)
    change_contacts(account, "a", "b", "c")
    receiver.wait_for(3)
    log = authed_client.get("/v1/webhook-deliveries?page_size=2").json()
    assert len(log["results"]) == 2 and log["next"]
    more = authed_client.get(f"/v1/webhook-deliveries?page_size=2&cursor={log['next']}").json()
    assert len(more["results"]) == 1 and more["next"] is None
    by_endpoint = authed_client.get(f"/v1/webhook-deliveries?endpoint_id={endpoint['id']}")
    assert len(by_endpoint.json()["results"]) == 3
    assert authed_client.get("/v1/webhook-deliveries?status=failed").json()["results"] == []
    for bad in ("status=nope", "endpoint_id=12", "cursor=%%%"):
        assert authed_client.get(f"/v1/webhook-deliveries?{bad}").status_code == 400

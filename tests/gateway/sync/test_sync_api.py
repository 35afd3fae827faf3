"""`POST /v1/linked-accounts/{id}/sync`, `GET .../sync-status`, provider webhooks in, and the
token upkeep task (eager Celery, SQLite, the in-memory provider)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from gateway.accounts.models import Grant, LinkedAccount
from gateway.events.models import Event
from gateway.records.models import Record
from gateway.sync import grants, services
from gateway.sync.models import InboundEvent, SyncRun
from tests.gateway.sync.fakes import relink_error, sign
from tests.gateway.sync.helpers import WEBHOOK_KEY, make_linked_account

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def account(fake_provider, authed_client):
    account = make_linked_account(authed_client.customer)
    r = fake_provider.remote(account.tenant_id)
    for i in range(4):
        r.put("contact", f"c{i}")
        r.put("invoice", f"i{i}", contact=f"c{i}")
    return account


def test_force_a_sync_and_read_its_status(authed_client, account):
    url = f"/v1/linked-accounts/{account.id}/sync"
    response = authed_client.post(url, {"mode": "full"}, format="json")
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["mode"] == "full" and body["trigger"] == "api"
    status = authed_client.get(f"/v1/linked-accounts/{account.id}/sync-status").json()
    assert status["state"] == "done" and status["last_sync_at"]
    assert status["current_run"]["status"] == "succeeded"
    models = {m["model"]: m for m in status["models"]}
    assert list(models) == ["contact", "invoice", "payment"]
    assert models["invoice"]["state"] == "done"
    assert models["invoice"]["records_seen"] == 4
    assert models["invoice"]["provider_calls_today"] == 2
    assert status["provider_calls_today"] == 5
    assert set(status["limits"]) >= {"day", "minute", "concurrent", "blocked_until"}
    # incremental is the default mode
    again = authed_client.post(url, {}, format="json")
    assert again.status_code == 202 and again.json()["mode"] == "incremental"


def test_sync_requests_are_validated_and_isolated(authed_client, account, other_customer):
    url = f"/v1/linked-accounts/{account.id}/sync"
    bad = authed_client.post(url, {"mode": "everything"}, format="json")
    assert bad.status_code == 400 and bad.json()["error"]["details"][0]["field"] == "mode"
    unknown = authed_client.post(url, {"mode": "full", "force": True}, format="json")
    assert unknown.status_code == 400
    customer, _ = other_customer
    theirs = make_linked_account(customer, tenant_id="tenant-x")
    for path in ("sync", "sync-status"):
        method = authed_client.post if path == "sync" else authed_client.get
        response = method(f"/v1/linked-accounts/{theirs.id}/{path}")
        assert response.status_code == 404
        assert response.json()["error"]["type"] == "not_found"
    assert authed_client.get(f"/v1/linked-accounts/{uuid.uuid4()}/sync-status").status_code == 404
    assert not SyncRun.objects.filter(linked_account=theirs).exists()


def test_sync_frequency_can_be_read_and_changed(authed_client, account):
    url = f"/v1/linked-accounts/{account.id}/sync-settings"
    before = authed_client.get(url)
    assert before.status_code == 200
    assert before.json() == {"frequency_minutes": 60, "last_sync_at": None, "next_sync_at": None}
    authed_client.post(f"/v1/linked-accounts/{account.id}/sync", {"mode": "full"}, format="json")
    synced = authed_client.get(url).json()
    last = datetime.fromisoformat(synced["last_sync_at"])
    period = services.sync_period(account.pk, 60)  # the hour, less the account's spread share
    assert datetime.fromisoformat(synced["next_sync_at"]) - last == period

    changed = authed_client.patch(url, {"frequency_minutes": 15}, format="json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["frequency_minutes"] == 15
    quarter = services.sync_period(account.pk, 15)
    assert datetime.fromisoformat(changed.json()["next_sync_at"]) - last == quarter
    status = authed_client.get(f"/v1/linked-accounts/{account.id}/sync-status").json()
    assert status["frequency_minutes"] == 15

    # the next successful sync schedules the one after it at the new frequency
    authed_client.post(f"/v1/linked-accounts/{account.id}/sync", {}, format="json")
    after = authed_client.get(url).json()
    gap = datetime.fromisoformat(after["next_sync_at"]) - datetime.fromisoformat(
        after["last_sync_at"]
    )
    assert gap == quarter


@pytest.mark.parametrize(
    "body",
    [
        {"frequency_minutes": 4},
        {"frequency_minutes": 10081},
        {"frequency_minutes": "hourly"},
        {"frequency_minutes": None},
        {},
        {"frequency_minutes": 30, "paused": True},
        [{"frequency_minutes": 30}],
    ],
)
def test_bad_sync_settings_are_refused_and_change_nothing(authed_client, account, body):
    url = f"/v1/linked-accounts/{account.id}/sync-settings"
    response = authed_client.patch(url, body, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["error"]["type"] == "validation_error"
    assert authed_client.get(url).json()["frequency_minutes"] == 60


def test_sync_settings_of_another_customer_are_not_found(authed_client, other_customer):
    theirs = make_linked_account(other_customer[0], tenant_id="tenant-x")
    url = f"/v1/linked-accounts/{theirs.id}/sync-settings"
    assert authed_client.get(url).status_code == 404
    response = authed_client.patch(url, {"frequency_minutes": 5}, format="json")
    assert response.status_code == 404 and response.json()["error"]["type"] == "not_found"
    from gateway.sync import services

    assert services.sync_settings(theirs)["frequency_minutes"] == 60


def test_a_relink_required_account_cannot_sync(authed_client, account):
    LinkedAccount.objects.filter(pk=account.pk).update(status="relink_required")
    response = authed_client.post(f"/v1/linked-accounts/{account.id}/sync", {}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["type"] == "relink_required"


def test_a_running_sync_refuses_another(authed_client, account):
    from gateway.sync import services

    services.account_sync(account)
    services.acquire_lease(account.pk, "worker-elsewhere")
    first = authed_client.post(f"/v1/linked-accounts/{account.id}/sync", {}, format="json")
    assert first.status_code == 202
    second = authed_client.post(f"/v1/linked-accounts/{account.id}/sync", {}, format="json")
    assert second.status_code == 409
    assert second.json()["error"]["type"] == "sync_in_progress"


# -- provider webhooks in --------------------------------------------------------------------
def post_webhook(client, events, key=WEBHOOK_KEY, provider="fake"):
    body = json.dumps({"events": events}).encode()
    return client.post(
        f"/webhooks/{provider}/",
        data=body,
        content_type="application/json",
        HTTP_X_FAKE_SIGNATURE=sign(body, key),
    )


def test_webhook_signature_and_intent_to_receive(client, fake_provider):
    ok = post_webhook(client, [])
    assert (ok.status_code, ok.content) == (200, b"")
    bad = post_webhook(client, [], key="wrong-key")
    assert (bad.status_code, bad.content) == (401, b"")
    tampered = client.post(
        "/webhooks/fake/",
        data=b'{"events": []} ',
        content_type="application/json",
        HTTP_X_FAKE_SIGNATURE=sign(b'{"events": []}', WEBHOOK_KEY),
    )
    assert tampered.status_code == 401
    assert post_webhook(client, [], provider="nope").status_code == 404
    assert client.get("/webhooks/fake/").status_code == 405


def test_webhook_events_fetch_the_changed_records(client, fake_provider, account):
    r = fake_provider.remote(account.tenant_id)
    r.put("invoice", "i1", status="PAID")
    r.put("invoice", "i-new")
    event = {"tenant": account.tenant_id, "model": "invoice", "type": "UPDATE"}
    events = [{**event, "id": "i1", "at": "2025-03-01T00:00:00+00:00"}, {**event, "id": "i-new"}]
    assert post_webhook(client, events).status_code == 200
    assert sorted(r.gets) == [("invoice", "i-new"), ("invoice", "i1")]
    stored = Record.objects.filter(linked_account=account, model="invoice")
    assert set(stored.values_list("remote_id", flat=True)) == {"i1", "i-new"}
    assert list(Event.objects.order_by("sequence").values_list("type", flat=True)) == [
        "invoice.created",
        "invoice.created",
    ]
    # Xero resends: the same events are received once.
    assert post_webhook(client, events).status_code == 200
    assert len(r.gets) == 2
    assert InboundEvent.objects.count() == 2
    assert set(InboundEvent.objects.values_list("status", flat=True)) == {"done"}


def test_webhooks_route_by_tenant_to_every_active_account(client, fake_provider, account):
    other = make_linked_account(account.customer, tenant_id=account.tenant_id, end_user_id="u2")
    inactive = make_linked_account(
        account.customer, tenant_id=account.tenant_id, end_user_id="u3", status="relink_required"
    )
    elsewhere = make_linked_account(account.customer, tenant_id="tenant-2", end_user_id="u4")
    event = {"tenant": account.tenant_id, "model": "contact", "id": "c2"}
    assert post_webhook(client, [event]).status_code == 200
    for linked, expected in ((account, 1), (other, 1), (inactive, 0), (elsewhere, 0)):
        assert Record.objects.filter(linked_account=linked).count() == expected


def test_webhook_for_a_removed_record_marks_it_deleted(client, fake_provider, account):
    from gateway.sync import services
    from gateway.sync.models import RunTrigger

    services.request_sync(account, "full", RunTrigger.API)
    fake_provider.remote(account.tenant_id).records["contact"].pop("c3")
    event = {"tenant": account.tenant_id, "model": "contact", "id": "c3", "type": "DELETE"}
    assert post_webhook(client, [event]).status_code == 200
    assert Record.objects.get(linked_account=account, remote_id="c3").remote_was_deleted
    assert Event.objects.order_by("-sequence").first().type == "contact.deleted"


def test_a_burst_of_webhooks_becomes_an_incremental_sync(client, settings, fake_provider, account):
    settings.SYNC_WEBHOOK_TARGETED_MAX = 2
    r = fake_provider.remote(account.tenant_id)
    events = []
    for i in range(5):
        r.put("invoice", f"b{i}")
        events.append({"tenant": account.tenant_id, "model": "invoice", "id": f"b{i}"})
    assert post_webhook(client, events).status_code == 200
    assert r.gets == []
    run = SyncRun.objects.get(linked_account=account)
    assert (run.trigger, run.mode, run.only_models, run.status) == (
        "webhook",
        "incremental",
        ["invoice"],
        "succeeded",
    )
    assert Record.objects.filter(linked_account=account, remote_id__startswith="b").count() == 5


# -- token upkeep ----------------------------------------------------------------------------
def test_stale_grants_are_refreshed_before_they_expire(fake_provider, customer_with_key):
    customer, _ = customer_with_key
    old = make_linked_account(
        customer, tenant_id="t-old", refreshed_at=datetime.now(UTC) - timedelta(days=40)
    )
    fresh = make_linked_account(customer, tenant_id="t-new", end_user_id="u2")
    counts = grants.refresh_due_grants()
    assert counts == {"refreshed": 1, "relink_required": 0, "retry": 0}
    old_grant = Grant.objects.get(pk=old.grant_id)
    assert old_grant.refresh_token == "refresh-1"
    assert old_grant.refreshed_at > datetime.now(UTC) - timedelta(minutes=1)
    assert Grant.objects.get(pk=fresh.grant_id).refresh_token == "refresh-0"
    assert grants.refresh_due_grants()["refreshed"] == 0


def test_a_dead_grant_becomes_relink_required_with_an_event(fake_provider, customer_with_key):
    customer, _ = customer_with_key
    account = make_linked_account(
        customer, tenant_id="t-old", refreshed_at=datetime.now(UTC) - timedelta(days=59)
    )
    fake_provider.remote("__oauth__").refresh_error = relink_error()
    assert grants.refresh_due_grants()["relink_required"] == 1
    account.refresh_from_db()
    assert account.status == "relink_required"
    event = Event.objects.get(linked_account=account)
    assert event.type == "account.relink_required"
    assert "invalid_grant" in json.loads(event.data)["reason"]
    assert LinkedAccount.objects.get(pk=account.pk).status_reason


@pytest.mark.parametrize("body", [b"null", b"[]", b"false", b"0", b'"full"'])
def test_a_sync_body_that_is_not_an_object_is_refused(authed_client, account, body):
    url = f"/v1/linked-accounts/{account.id}/sync"
    response = authed_client.generic("POST", url, body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["error"]["type"] == "validation_error"
    assert not SyncRun.objects.filter(linked_account=account).exists()
    # No body at all still means "an incremental sync".
    assert authed_client.post(url).status_code == 202

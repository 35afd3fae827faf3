"""Syncs and webhooks in a real `celery -A gateway worker` (Redis broker, PostgreSQL), against
the Xero sandbox. Skipped locally without PostgreSQL/Redis; failed under CI."""

from __future__ import annotations

import json
import math

import pytest
import requests

from gateway.events.delivery import verify_signature
from gateway.events.models import Event, WebhookDelivery
from gateway.records.models import Record
from gateway.sync import services
from gateway.sync.models import ModelCheckpoint, RunTrigger, SyncRun
from tests.gateway.events.receiver import Receiver
from tests.gateway.sync.live import wait_until
from tests.plugins.sandbox import DEMO_CLIENT_ID

pytestmark = [pytest.mark.slow]

COLLECTIONS = {"contact": "Contacts", "invoice": "Invoices", "payment": "Payments"}
LIST_PARAMS = {"contact": {"includeArchived": "true"}, "invoice": {"includeArchived": "true"}}


def remote_counts(live, account):
    return {
        model: live.remote_count(account, collection, LIST_PARAMS.get(model))
        for model, collection in COLLECTIONS.items()
    }


def stored_counts(account):
    return {
        model: Record.objects.filter(linked_account=account, model=model).count()
        for model in COLLECTIONS
    }


def event_types(account):
    return list(
        Event.objects.filter(linked_account=account)
        .order_by("sequence")
        .values_list("type", flat=True)
    )


def test_full_then_incremental_sync_with_deletions(live, customer_with_key):
    sandbox = live.sandbox
    sandbox.control.reset(contacts=1200, invoices=2100, payments=300, tenant="uk")
    customer, _ = customer_with_key
    account = live.link(customer, "uk")
    live.worker()
    sandbox.control.reset_counters()

    run = live.wait_for_run(services.request_sync(account, "full", RunTrigger.API).id)
    counters = sandbox.control.counters()["endpoints"]
    expected = remote_counts(live, account)
    assert stored_counts(account) == expected
    # One list call per 1,000 records per model (the sandbox's own counters).
    for model, collection in COLLECTIONS.items():
        pages = max(math.ceil(expected[model] / 1000), 1)
        assert counters[f"GET /api.xro/2.0/{collection}"] == pages
    # Every stored record was read once: the documents counted above and the reference data.
    assert run.records == Record.objects.filter(linked_account=account).count()
    assert run.records > sum(expected.values())
    account.refresh_from_db()
    assert account.last_sync_at is not None
    types = event_types(account)
    assert types.count("invoice.created") == expected["invoice"]
    assert types[-1] == "sync.completed"

    # Changes in Xero: an edit, a void, a deletion, a new contact.
    invoices = Record.objects.filter(linked_account=account, model="invoice", status="OPEN")
    edited, voided = list(invoices.values_list("remote_id", flat=True)[:2])
    drafts = Record.objects.filter(linked_account=account, model="invoice", status="DRAFT")
    deleted = drafts.values_list("remote_id", flat=True).first()
    sandbox.control.edit("uk", "Invoices", edited, Reference="Changed in Xero")
    sandbox.control.void("uk", "Invoices", voided)
    sandbox.control.delete("uk", "Invoices", deleted)
    sandbox.control.create("uk", "Contacts", Name="Brand New Ltd")
    before = Event.objects.filter(linked_account=account).count()
    sandbox.control.reset_counters()

    run = live.wait_for_run(services.request_sync(account, "incremental", RunTrigger.API).id)
    # One call per model (items take their account ids from the chart read just before them,
    # as `account`).
    assert sandbox.control.counters()["calls"] == len(services.sync_models(account))
    new = list(
        Event.objects.filter(linked_account=account)
        .order_by("sequence")
        .values_list("type", flat=True)[before:]
    )
    # Xero writes a journal for each posting change (the void, the edit): the ledger follows.
    assert new[-1] == "sync.completed"
    assert sorted(t for t in new[:-1] if not t.startswith("general_ledger_transaction.")) == [
        "contact.created",
        "invoice.deleted",
        "invoice.updated",
        "invoice.updated",
    ]
    records = Record.objects.filter(linked_account=account, model="invoice")
    assert records.get(remote_id=voided).status == "VOID"
    assert records.get(remote_id=deleted).remote_was_deleted
    assert json.loads(records.get(remote_id=edited).document)["reference"] == "Changed in Xero"
    assert stored_counts(account)["contact"] == expected["contact"] + 1


def test_a_killed_worker_resumes_from_its_checkpoint(live, customer_with_key):
    sandbox = live.sandbox
    sandbox.control.reset(contacts=1500, invoices=6000, payments=500, tenant="uk")
    sandbox.control.faults([{"prefix": "/api.xro/2.0/Invoices", "slow": 1.0, "slow_ms": 700}])
    customer, _ = customer_with_key
    account = live.link(customer, "uk")
    fast = {"SYNC_LEASE_SECONDS": "2", "SYNC_TICK_SECONDS": "1"}
    first = live.worker(env=fast)
    run = services.request_sync(account, "full", RunTrigger.API)

    def mid_invoices():
        checkpoint = ModelCheckpoint.objects.filter(linked_account=account, model="invoice").first()
        return checkpoint and checkpoint.records_seen >= 2000

    wait_until(mid_invoices, 60, "the sync to be part-way through invoices")
    first.kill()
    stopped_at = ModelCheckpoint.objects.get(linked_account=account, model="invoice")
    assert stopped_at.cursor and stopped_at.records_seen < 6000
    sandbox.control.clear_faults()

    live.worker(env=fast, beat=True)  # the tick finds the dead worker's run and resumes it
    live.wait_for_run(run.id, timeout=90)
    expected = remote_counts(live, account)
    assert stored_counts(account) == expected
    types = event_types(account)
    for model in COLLECTIONS:  # every record exactly once, and one event each
        assert types.count(f"{model}.created") == expected[model]
    seqs = list(Event.objects.filter(linked_account=account).values_list("sequence", flat=True))
    assert sorted(seqs) == list(range(1, len(seqs) + 1))


def test_provider_faults_do_not_lose_records(live, customer_with_key):
    sandbox = live.sandbox
    sandbox.control.reset(contacts=1100, invoices=3200, payments=400, tenant="us")
    rule = {
        "prefix": "/api.xro/2.0/",
        "error_500": 0.1,
        "error_503": 0.05,
        "timeout": 0.05,
        "timeout_seconds": 4,
    }
    sandbox.control.faults([rule], seed=7)
    customer, _ = customer_with_key
    account = live.link(customer, "us")
    live.worker()
    live.wait_for_run(services.request_sync(account, "full", RunTrigger.API).id, timeout=120)
    counters = sandbox.control.counters()
    assert sum(counters["faults"].values()) > 0
    sandbox.control.clear_faults()
    assert stored_counts(account) == remote_counts(live, account)


def test_shared_limiter_keeps_the_sandbox_from_throttling(live, customer_with_key):
    sandbox = live.sandbox
    sandbox.control.reset(contacts=2500, invoices=3500, tenant="au")
    live.configure(rate_limits={"tenant_per_minute": 30, "tenant_concurrent": 1})
    from gateway.core.providers import get_registry

    registry = get_registry()
    for suffix in ("min", "day", "leases", "block"):
        registry.limiter.client.delete(f"ledgerlink:rl:xero:t:{sandbox.tenant_id('au')}:{suffix}")
    customer, _ = customer_with_key
    first = live.link(customer, "au", end_user_id="u1")
    second = live.link(customer, "au", end_user_id="u2")  # same organisation, twice
    # What the organisation holds, read before the minute budget is lowered: the syncs may
    # spend all of it, and these direct calls do not go through the gateway's limiter.
    expected = remote_counts(live, first)
    sandbox.control.set_limits(minute=30, concurrent=1)
    live.worker(concurrency=2)
    live.worker(concurrency=1)
    sandbox.control.reset_counters()
    runs = [services.request_sync(a, "full", RunTrigger.API) for a in (first, second)]
    finished = [live.wait_for_run(run.id, timeout=300) for run in runs]
    counters = sandbox.control.counters()
    assert counters["rate_limited_total"] == 0, counters
    assert stored_counts(first) == stored_counts(second) == expected
    status = services.sync_status(first)
    assert status["limits"]["minute"]["limit"] == 30
    span = max(r.finished_at for r in finished) - min(r.started_at for r in finished)
    if span.total_seconds() < 55:
        # every call still in the sliding minute: the limiter counted them all
        assert status["limits"]["minute"]["used"] >= counters["calls"] - 2
    else:
        # the syncs spanned more than the minute (nine models: 30 calls or more): the earliest
        # calls have left the sliding minute, the day's count still holds every one
        assert status["limits"]["minute"]["used"] <= 30, status["limits"]
        assert status["limits"]["day"]["used"] >= counters["calls"] - 2, status["limits"]


def test_xero_webhook_to_signed_delivery(live, customer_with_key, live_server, authed_client):
    sandbox = live.sandbox
    customer, _ = customer_with_key
    account = live.link(customer, "uk")
    live.worker()
    live.wait_for_run(services.request_sync(account, "full", RunTrigger.API).id)

    hook_url = f"{live_server.url}/webhooks/xero/"
    sandbox.control.update_app(DEMO_CLIENT_ID, webhook_url=hook_url)
    assert sandbox.control.intent_to_receive()["passed"]
    bad = requests.post(hook_url, data=b'{"events": []}', headers={"x-xero-signature": "nope"})
    assert (bad.status_code, bad.content) == (401, b"")

    with Receiver() as receiver:
        response = authed_client.post(
            "/v1/webhook-endpoints",
            {"url": receiver.url, "event_types": ["invoice.updated"]},
            format="json",
        )
        secret = response.json()["secret"]
        receiver.script = [500]  # the first attempt fails
        invoice = Record.objects.filter(linked_account=account, model="invoice", status="OPEN")
        remote_id = invoice.values_list("remote_id", flat=True).first()
        sandbox.control.edit("uk", "Invoices", remote_id, Reference="From a webhook")
        assert sandbox.control.flush_webhooks()

        first = receiver.wait_for(1, timeout=30)[0]
        delivery = wait_until(
            lambda: WebhookDelivery.objects.filter(attempts=1, status="pending").first(),
            10,
            "the failed attempt to be logged",
        )
        WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=delivery.created_at)
        from gateway.events import tasks

        tasks.deliver_webhooks.delay()
        second = receiver.wait_for(2, timeout=30)[1]
        body = json.loads(second.body)
        assert body["type"] == "invoice.updated"
        assert body["data"]["remote_id"] == remote_id
        assert body["data"]["reference"] == "From a webhook"
        for hit in (first, second):
            assert hit.body == second.body
            assert verify_signature(
                secret,
                hit.headers["ledgerlink-event-id"],
                hit.headers["ledgerlink-timestamp"],
                hit.body,
                hit.headers["ledgerlink-signature"],
            )
        # The receiver has the body before the worker records its answer: wait for that.
        delivery = wait_until(
            lambda: WebhookDelivery.objects.filter(pk=delivery.pk, status="succeeded").first(),
            what="the second attempt to be recorded",
        )
        assert delivery.attempts == 2

        replay = authed_client.post(f"/v1/webhook-deliveries/{delivery.id}/replay")
        assert replay.status_code == 202
        third = receiver.wait_for(3, timeout=30)[2]
        assert third.headers["ledgerlink-event-id"] == body["id"]
    # The fetch was targeted: no list call after the initial sync.
    assert SyncRun.objects.filter(linked_account=account).count() == 1

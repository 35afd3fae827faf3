"""Provider faults during a sync and during inbound webhook handling, in a real Celery worker
(PostgreSQL + Redis) against the Xero sandbox: 5xx, timeouts, 429 storms, a revoked grant."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction

from gateway.accounts.models import LinkedAccount
from gateway.events.models import Event
from gateway.records.models import Record
from gateway.sync import services
from gateway.sync.models import (
    AccountSync,
    InboundEvent,
    ModelCheckpoint,
    RunTrigger,
    SyncRun,
)
from tests.faults.checks import assert_books_match
from tests.gateway.sync.live import wait_until
from tests.plugins.sandbox import DEMO_CLIENT_ID

pytestmark = [pytest.mark.slow]

API = "/api.xro/2.0/"


def test_sync_rides_out_5xx_timeouts_and_a_429_storm(live, customer_with_key):
    sandbox = live.sandbox
    sandbox.control.reset(contacts=1100, invoices=2600, payments=300, tenant="us")
    storm = {"prefix": f"{API}Invoices", "rate_429": 1.0, "limit": 7}
    noise = {
        "prefix": API,
        "error_500": 0.15,
        "error_503": 0.15,
        "timeout": 0.05,
        "timeout_seconds": 4,
    }
    # The faults are drawn per call in order: a seed that gives the sync's calls several of
    # them (7 with today's calls; 11 gave 1 once items read the chart of accounts beside them).
    sandbox.control.faults([storm, noise], seed=12)
    customer, _ = customer_with_key
    account = live.link(customer, "us")
    live.worker()
    run = services.request_sync(account, "full", RunTrigger.API)

    # Six 429s in a row (the first call and five retries) pause the run; sync-status says so.
    paused = wait_until(
        lambda: (s := services.sync_status(account))["state"] == "paused" and s, 60, "a pause"
    )
    assert paused["paused_until"] is not None
    assert "rate limited" in paused["last_error"]
    invoice = next(m for m in paused["models"] if m["model"] == "invoice")
    assert invoice["state"] == "paused"

    run = live.wait_for_run(run.id, timeout=120)  # resumed by itself, from its checkpoint
    faults = sandbox.control.counters()["faults"]
    assert faults.pop("429") == 7 and sum(faults.values()) >= 2, faults
    sandbox.control.clear_faults()
    assert_books_match(live, account)
    status = services.sync_status(account)
    assert status["state"] == "done" and status["last_error"] == ""
    assert {m["state"] for m in status["models"]} == {"done"}
    types = list(Event.objects.filter(linked_account=account).values_list("type", flat=True))
    assert types.count("sync.completed") == 1 and "sync.failed" not in types


def test_a_grant_revoked_mid_sync_asks_for_relink_then_resumes(live, customer_with_key):
    sandbox = live.sandbox
    sandbox.control.reset(contacts=1000, invoices=4000, payments=200, tenant="uk")
    sandbox.control.faults([{"prefix": f"{API}Invoices", "slow": 1.0, "slow_ms": 400}])
    customer, _ = customer_with_key
    account = live.link(customer, "uk")
    live.worker()
    run = services.request_sync(account, "full", RunTrigger.API)

    def mid_invoices():
        c = ModelCheckpoint.objects.filter(linked_account=account, model="invoice").first()
        return c and c.records_seen >= 1000

    wait_until(mid_invoices, 60, "the sync to be part-way through invoices")
    sandbox.control.revoke_grant(refresh_token=account.grant.refresh_token)
    failed = live.wait_for_run(run.id, timeout=60, statuses=("failed",))
    assert "relink_required" in failed.error

    account.refresh_from_db()
    assert account.status == "relink_required"
    status = services.sync_status(account)
    assert status["state"] == "failed" and "relink_required" in status["last_error"]
    invoice = next(m for m in status["models"] if m["model"] == "invoice")
    assert invoice["state"] == "failed" and invoice["resumable"]
    types = list(Event.objects.filter(linked_account=account).values_list("type", flat=True))
    assert "account.relink_required" in types and types.count("sync.failed") == 1
    kept = Record.objects.filter(linked_account=account, model="invoice").count()
    assert 1000 <= kept < 4000  # what was stored stays

    # The user relinks (what complete_relink stores), and the sync resumes from its checkpoint.
    sandbox.control.clear_faults()
    tokens = sandbox.connect(tenants=["uk"])
    from gateway.accounts.signals import accounts_linked

    with transaction.atomic():
        grant = account.grant
        grant.access_token = tokens["access_token"]
        grant.refresh_token = tokens["refresh_token"]
        grant.access_expires_at = datetime.now(UTC) + timedelta(seconds=tokens["expires_in"])
        grant.refreshed_at = datetime.now(UTC)
        grant.save()
        LinkedAccount.objects.filter(pk=account.pk).update(status="active", status_reason="")
        account.refresh_from_db()
        transaction.on_commit(
            lambda: accounts_linked.send(sender=LinkedAccount, accounts=[account], relinked=True)
        )
    resumed = wait_until(
        lambda: SyncRun.objects.filter(linked_account=account).exclude(pk=run.pk).first(),
        10,
        "the relink's sync",
    )
    live.wait_for_run(resumed.id, timeout=90)
    assert_books_match(live, account)
    assert services.sync_status(account)["state"] == "done"


def test_inbound_webhook_fetches_fail_then_recover(live, customer_with_key, live_server, settings):
    sandbox = live.sandbox
    customer, _ = customer_with_key
    account = live.link(customer, "uk")
    live.worker()
    live.wait_for_run(services.request_sync(account, "full", RunTrigger.API).id)
    sandbox.control.update_app(DEMO_CLIENT_ID, webhook_url=f"{live_server.url}/webhooks/xero/")
    assert sandbox.control.intent_to_receive()["passed"]
    open_ids = list(
        Record.objects.filter(linked_account=account, model="invoice", status="OPEN").values_list(
            "remote_id", flat=True
        )
    )
    before = Event.objects.filter(linked_account=account).count()

    # Targeted fetches (GET Invoices/{id}) fail: every attempt of the first one (503s), then
    # a 429 storm; the list calls of the fallback sync get through.
    rounds = [
        ({"prefix": f"{API}Invoices/", "error_503": 1.0, "limit": 8}, open_ids[:3]),
        ({"prefix": f"{API}Invoices/", "rate_429": 1.0, "limit": 6}, open_ids[3:6]),
        (None, open_ids[6:8]),  # and once the provider is healthy, targeted fetches again
    ]

    def quiet():
        """No sync queued or running and the account's lease free: the next webhook's fetch
        is made as a targeted fetch (a held lease would hand it to a sync instead)."""
        if services.sync_status(account)["state"] not in ("done", "idle"):
            return False
        probe = uuid.uuid4().hex
        if not services.acquire_lease(account.pk, probe):
            return False
        services.release_lease(account.pk, probe)
        return True

    for number, (rule, ids) in enumerate(rounds):
        wait_until(quiet, 60, f"a quiet account before round {number}")
        runs_before = SyncRun.objects.filter(linked_account=account, trigger="webhook").count()
        if rule:
            sandbox.control.faults([rule])
        else:
            sandbox.control.clear_faults()
        sandbox.control.reset_counters()
        for remote_id in ids:
            sandbox.control.edit("uk", "Invoices", remote_id, Reference=f"round {number}")
        assert sandbox.control.flush_webhooks()

        def fetched(ids=ids, number=number):
            docs = Record.objects.filter(linked_account=account, remote_id__in=ids)
            return all(
                json.loads(d)["reference"] == f"round {number}"
                for d in docs.values_list("document", flat=True)
            )

        wait_until(fetched, 60, f"round {number} to be fetched")
        wait_until(
            lambda: services.sync_status(account)["state"] in ("done", "idle"), 30, "idle sync"
        )
        if rule:
            # The failing fetch was really made (and so recovered from), unless a sync that
            # still held the account took the changes over: both end in the same books.
            runs = SyncRun.objects.filter(linked_account=account, trigger="webhook").count()
            assert sandbox.control.counters()["faults"] or runs > runs_before, rule
    assert not InboundEvent.objects.exclude(status__in=["done", "ignored"]).exists()
    new = list(
        Event.objects.filter(linked_account=account, sequence__gt=before).values_list(
            "type", "data"
        )
    )
    updated = [json.loads(data)["remote_id"] for kind, data in new if kind == "invoice.updated"]
    assert sorted(updated) == sorted(open_ids[:8])  # each change announced exactly once
    fallbacks = SyncRun.objects.filter(linked_account=account, trigger="webhook")
    assert fallbacks.count() >= 2 and {r.status for r in fallbacks} == {"succeeded"}
    assert AccountSync.objects.get(pk=account.pk).last_error == ""
    assert_books_match(live, account)

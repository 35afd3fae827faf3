"""Fairness in a real `celery -A gateway worker` with one process: a full sync of a large
organisation yields after each `SYNC_SLICE_SECONDS`, so another account's sync queued after it
started finishes long before it, and the full sync still stores and announces every record
once. Skipped locally without PostgreSQL/Redis; failed under CI."""

from __future__ import annotations

import pytest

from gateway.events.models import Event
from gateway.records.models import Record
from gateway.sync import services
from gateway.sync.models import RunStatus, RunTrigger, SyncRun
from tests.gateway.sync.live import wait_until

pytestmark = [pytest.mark.slow]

API = "/api.xro/2.0/"


def test_one_worker_process_runs_a_small_sync_between_the_slices_of_a_full_one(
    live, customer_with_key
):
    live.sandbox.control.reset(contacts=200, invoices=4000, payments=100, tenant="uk")
    live.sandbox.control.faults([{"prefix": f"{API}Invoices", "slow": 1.0, "slow_ms": 500}])
    customer, _ = customer_with_key
    big = live.link(customer, "uk")
    small = live.link(customer, "au", end_user_id="user-2")
    live.worker(queues=["syncs"], concurrency=1, env={"SYNC_SLICE_SECONDS": "1"})

    backfill = services.request_sync(big, "full", RunTrigger.LINKED)
    wait_until(
        lambda: Record.objects.filter(linked_account=big, model="invoice").exists(),
        60,
        "the full sync to be storing invoices",
    )
    quick = live.wait_for_run(services.request_sync(small, "full", RunTrigger.API).id, 60)
    backfill.refresh_from_db()
    assert backfill.status in (RunStatus.QUEUED, RunStatus.RUNNING), (
        "the full sync was over before the small one ran: the test proves nothing"
    )
    remote = live.remote_count(big, "Invoices", {"includeArchived": "true"})  # 4,000 and more
    assert Record.objects.filter(linked_account=big, model="invoice").count() < remote

    backfill = live.wait_for_run(backfill.id, 180)
    assert quick.finished_at < backfill.finished_at
    assert Record.objects.filter(linked_account=big, model="invoice").count() == remote
    events = Event.objects.filter(linked_account=big)
    assert events.filter(type="invoice.created").count() == remote
    assert events.filter(type="sync.completed").count() == 1
    assert backfill.records == Record.objects.filter(linked_account=big).count()
    assert SyncRun.objects.filter(linked_account=big).count() == 1  # one run, sliced

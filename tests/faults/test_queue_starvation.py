"""Separate queues per kind of work: a burst of slow inbound webhook processing keeps the inbound
worker busy, and the beat's tick still runs at once on its own worker (it used to wait behind
the burst, over two minutes in production)."""

from __future__ import annotations

import time
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from gateway.sync import tasks
from gateway.sync.models import AccountState, AccountSync, InboundEvent, InboundStatus
from tests.gateway.sync.live import wait_until

pytestmark = [pytest.mark.slow]

API = "/api.xro/2.0/"
SLOW_MS = 400
EVENTS = 20  # one inbound task fetching them takes EVENTS * SLOW_MS = 8 s


def pending_events(account, count: int) -> None:
    now = timezone.now()
    InboundEvent.objects.bulk_create(
        InboundEvent(
            provider="xero",
            dedupe_key=uuid.uuid4().hex,
            tenant_id=account.tenant_id,
            model="invoice",
            remote_id=str(uuid.uuid4()),
            event_type="UPDATE",
            occurred_at=now,
            received_at=now,
        )
        for _ in range(count)
    )


def test_a_burst_of_inbound_work_does_not_delay_the_tick(live, customer_with_key, settings):
    live.sandbox.control.reset(contacts=2, invoices=2, payments=0, tenant="uk")
    live.sandbox.control.faults([{"prefix": f"{API}Invoices", "slow": 1.0, "slow_ms": SLOW_MS}])
    customer, _ = customer_with_key
    busy = live.link(customer, "uk")
    AccountSync.objects.create(  # nothing scheduled for it: only the webhook fetches run
        linked_account=busy,
        frequency_minutes=24 * 60,
        state=AccountState.DONE,
        next_sync_at=timezone.now() + timedelta(days=1),
    )
    quiet = live.link(customer, "au", end_user_id="user-2")  # the tick gives it a schedule
    env = {"SYNC_WEBHOOK_TARGETED_MAX": str(EVENTS)}
    live.worker(queues=["inbound"], concurrency=1, env=env)
    live.worker(queues=["ticks"], concurrency=1, env=env)

    pending_events(busy, EVENTS)
    for _ in range(10):  # the burst: one task per webhook delivery
        tasks.process_inbound.delay()
    wait_until(
        lambda: InboundEvent.objects.filter(status=InboundStatus.PROCESSING).exists(),
        30,
        "the inbound worker to be busy",
    )
    started = time.monotonic()
    tasks.tick.delay()
    wait_until(
        lambda: AccountSync.objects.filter(linked_account=quiet).exists(), 10, "the tick to run"
    )
    waited = time.monotonic() - started
    assert InboundEvent.objects.filter(status=InboundStatus.PROCESSING).exists(), (
        "the burst was over before the tick ran: the test proves nothing"
    )
    assert waited < EVENTS * SLOW_MS / 1000 / 2, waited

"""The scheduler tick, set-based: what it queues, in a number of statements that does not grow
with the accounts it queues, the messages it sends, and how accounts' periods are spread."""

from __future__ import annotations

import contextlib
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisConnectionError

from gateway.accounts.models import LinkedAccountStatus
from gateway.sync import services, tasks
from gateway.sync.models import AccountState, AccountSync, RunStatus, SyncMode, SyncRun
from tests.gateway.sync.helpers import make_linked_account

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sent(settings, monkeypatch):
    """A worker setup (not eager) whose run messages are recorded instead of sent."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    published: list[str] = []
    monkeypatch.setattr(
        services, "publish_runs", lambda run_ids: published.extend(map(str, run_ids))
    )
    monkeypatch.setattr(services, "_waiting_runs", lambda: 0)  # the broker's queue is empty
    return published


def accounts(customer, count: int, *, state=AccountState.DONE, overdue_minutes: float = 1):
    now = timezone.now()
    made = []
    for _ in range(count):
        account = make_linked_account(customer, tenant_id=uuid.uuid4().hex)
        AccountSync.objects.create(
            linked_account=account,
            frequency_minutes=60,
            state=state,
            next_sync_at=now - timedelta(minutes=overdue_minutes),
        )
        made.append(account)
    return made


def test_the_tick_queues_every_due_account_in_a_fixed_number_of_statements(customer_with_key, sent):
    customer, _ = customer_with_key
    accounts(customer, 3)
    with CaptureQueriesContext(connection) as few:
        assert services.tick()["scheduled"] == 3
    SyncRun.objects.all().delete()
    AccountSync.objects.update(state=AccountState.DONE, next_sync_at=timezone.now())
    sent.clear()
    accounts(customer, 12)
    now = timezone.now()
    with CaptureQueriesContext(connection) as many:
        assert services.tick(now=now)["scheduled"] == 15
    assert len(many) == len(few)

    runs = {run.linked_account_id: run for run in SyncRun.objects.all()}
    assert len(runs) == 15 and sorted(sent) == sorted(str(run.id) for run in runs.values())
    for sync in AccountSync.objects.all():
        run = runs[sync.pk]
        assert (run.mode, run.trigger, run.status) == ("incremental", "schedule", "queued")
        assert sync.state == AccountState.QUEUED and sync.current_run_id == run.id
        assert sync.next_sync_at == now + services.sync_period(sync.pk, 60)
    assert services.tick(now=now)["scheduled"] == 0  # queued: not due again


def test_only_due_active_idle_done_or_failed_accounts_are_queued(customer_with_key, sent):
    customer, _ = customer_with_key
    (new,) = accounts(customer, 1, state=AccountState.IDLE)
    (failed,) = accounts(customer, 1, state=AccountState.FAILED)
    busy = [accounts(customer, 1, state=s)[0] for s in ("queued", "syncing", "paused")]
    (later,) = accounts(customer, 1, overdue_minutes=-5)
    (relink,) = accounts(customer, 1)
    relink.status = LinkedAccountStatus.RELINK_REQUIRED
    relink.save()
    AccountSync.objects.filter(pk=busy[2].pk).update(resync_requested=True)

    assert services.tick()["scheduled"] == 2
    modes = dict(SyncRun.objects.values_list("linked_account_id", "mode"))
    assert modes == {new.pk: SyncMode.FULL, failed.pk: SyncMode.INCREMENTAL}
    for account in [*busy, later, relink]:
        assert AccountSync.objects.get(pk=account.pk).current_run_id is None
    assert AccountSync.objects.get(pk=busy[2].pk).resync_requested  # its follow-up stays asked


def test_a_tick_queues_at_most_its_batch_the_longest_overdue_first(
    customer_with_key, sent, settings
):
    settings.SYNC_TICK_BATCH = 2
    customer, _ = customer_with_key
    (late,) = accounts(customer, 1, overdue_minutes=30)
    (later,) = accounts(customer, 1, overdue_minutes=20)
    (latest,) = accounts(customer, 1, overdue_minutes=10)
    assert services.tick()["scheduled"] == 2
    assert set(SyncRun.objects.values_list("linked_account_id", flat=True)) == {late.pk, later.pk}
    assert services.tick()["scheduled"] == 1
    assert SyncRun.objects.filter(linked_account=latest).exists()


def test_runs_whose_message_was_not_sent_are_sent_by_a_later_tick(
    customer_with_key, settings, monkeypatch
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(services, "_waiting_runs", lambda: 0)  # the broker's queue is empty
    customer, _ = customer_with_key
    accounts(customer, 2)
    published: list[str] = []

    def broker_down(run_ids):
        raise RedisConnectionError("Connection refused")

    monkeypatch.setattr(services, "publish_runs", broker_down)
    now = timezone.now()
    assert services.tick(now=now)["scheduled"] == 2  # committed: the runs wait in the database
    monkeypatch.setattr(services, "publish_runs", lambda ids: published.extend(map(str, ids)))
    assert services.tick(now=now + timedelta(seconds=30))["recovered"] == 0  # not stale yet
    assert services.tick(now=now + timedelta(seconds=61))["recovered"] == 2
    assert sorted(published) == sorted(
        str(pk) for pk in SyncRun.objects.values_list("pk", flat=True)
    )


def test_paused_runs_whose_pause_is_over_are_queued_again_together(customer_with_key, sent):
    customer, _ = customer_with_key
    now = timezone.now()
    paused = accounts(customer, 3, state=AccountState.PAUSED)
    runs = []
    for i, account in enumerate(paused):
        run = SyncRun.objects.create(
            linked_account=account, mode="full", trigger="api", status=RunStatus.PAUSED
        )
        until = now + timedelta(minutes=5 if i == 2 else -1)
        AccountSync.objects.filter(pk=account.pk).update(current_run=run, paused_until=until)
        runs.append(run)
    assert services.tick(now=now)["resumed"] == 2
    assert sorted(sent) == sorted(str(run.id) for run in runs[:2])
    states = [AccountSync.objects.get(pk=a.pk).state for a in paused]
    assert states == [AccountState.QUEUED, AccountState.QUEUED, AccountState.PAUSED]
    assert [SyncRun.objects.get(pk=r.pk).status for r in runs] == ["queued", "queued", "paused"]


@pytest.fixture
def celery_not_eager(settings):
    """apply_async sends (as on a worker setup), whether Celery reads the setting from Django
    or holds its own value (the live fixtures set it)."""
    changes = tasks.run_sync.app.conf.changes
    held = "task_always_eager" in changes
    saved = changes.get("task_always_eager")
    settings.CELERY_TASK_ALWAYS_EAGER = False
    changes["task_always_eager"] = False
    try:
        yield
    finally:  # as it was: Celery's own value, or none (it reads Django's setting again)
        if held:
            changes["task_always_eager"] = saved
        else:
            changes.pop("task_always_eager", None)


def test_the_messages_are_those_apply_async_sends(celery_not_eager, monkeypatch):
    """publish_runs builds the messages itself: the same headers, properties and route."""
    app = tasks.run_sync.app
    captured: list[tuple] = []

    def capture(producer, name, message, **options):
        captured.append((name, message, options))

    monkeypatch.setattr(app.amqp, "send_task_message", capture)

    class Producer:  # nothing reaches a broker: send_task_message is captured
        class connection:
            _reraise_as_library_errors = staticmethod(contextlib.nullcontext)

        def batch(self, size):
            return self

        def maybe_declare(self, queue):
            declared.append(queue.name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return None

    declared: list[str] = []
    producer = Producer()
    monkeypatch.setattr(app, "producer_or_acquire", lambda *a, **k: producer)
    run_id = uuid.uuid4()
    tasks.run_sync.apply_async(args=[str(run_id)], producer=producer)
    services.publish_runs([run_id])
    (name_a, a, options_a), (name_b, b, options_b) = captured

    def comparable(message):
        ids = {"id", "root_id", "correlation_id"}
        headers = {k: v for k, v in message.headers.items() if k not in ids}
        properties = {k: v for k, v in message.properties.items() if k not in ids}
        return headers, properties, message.body, message.sent_event

    assert name_a == name_b == "gateway.sync.tasks.run_sync"
    assert comparable(a) == comparable(b)
    assert b.headers["id"] != a.headers["id"] and b.headers["root_id"] == b.headers["id"]
    assert options_a["queue"].name == options_b["queue"].name == "syncs"
    assert options_b.pop("declare") == [] and declared == ["syncs"]  # declared once, before
    assert {k: v for k, v in options_a.items() if k != "queue"} == {
        k: v for k, v in options_b.items() if k != "queue"
    }


def test_periods_spread_a_fleet_over_a_tenth_of_its_frequency(settings):
    periods = [services.sync_period(uuid.uuid4(), 60) for _ in range(2000)]
    assert all(timedelta(minutes=54) <= p <= timedelta(minutes=60) for p in periods)
    assert min(periods) < timedelta(minutes=54, seconds=30)
    assert max(periods) > timedelta(minutes=59, seconds=30)
    # in each of ten equal slices of the spread: a fleet drifts apart evenly
    slices = [int((timedelta(minutes=60) - p) / timedelta(seconds=36)) for p in periods]
    assert all(120 < slices.count(i) < 280 for i in range(10))
    account = uuid.uuid4()
    assert services.sync_period(account, 60) == services.sync_period(str(account), 60)
    settings.SYNC_SPREAD = 0
    assert services.sync_period(account, 60) == timedelta(minutes=60)


def test_queued_runs_are_not_sent_again_while_the_queue_still_holds_messages(
    customer_with_key, sent, monkeypatch
):
    customer, _ = customer_with_key
    accounts(customer, 2)
    now = timezone.now()
    assert services.tick(now=now)["scheduled"] == 2
    sent.clear()
    monkeypatch.setattr(services, "_waiting_runs", lambda: 2000)  # a backlog draining
    assert services.tick(now=now + timedelta(minutes=5))["recovered"] == 0
    assert services.tick(now=now + timedelta(minutes=31))["recovered"] == 2  # presumed lost
    sent.clear()
    monkeypatch.setattr(services, "_waiting_runs", lambda: 0)  # drained: what is left was lost
    assert services.tick(now=now + timedelta(minutes=31, seconds=30))["recovered"] == 0
    assert services.tick(now=now + timedelta(minutes=32, seconds=1))["recovered"] == 2
    assert len(sent) == 2

"""Time slices: a long sync run on a worker yields after SYNC_SLICE_SECONDS and queues itself
behind the runs queued meanwhile, so one worker interleaves a large full sync with the other
accounts' syncs; each slice resumes at the cursor the last one stored, and nothing is stored or
announced twice."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from gateway.events.models import Event
from gateway.records.models import Record
from gateway.sync import services
from gateway.sync.models import AccountState, AccountSync, RunStatus, RunTrigger, SyncMode
from tests.gateway.sync.helpers import make_linked_account

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue(settings, monkeypatch):
    """A worker setup (not eager, every run sliced after each provider page) whose broker is a
    list: runs are queued at its end and a test works them off from its start."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.SYNC_SLICE_SECONDS = 1e-9
    queued: list[str] = []
    monkeypatch.setattr(services, "_enqueue", lambda run_id, countdown=None: queued.append(run_id))
    return queued


def linked(customer, fake_provider, tenant: str, contacts: int, invoices: int, payments: int):
    account = make_linked_account(customer, tenant_id=tenant, end_user_id=tenant)
    remote = fake_provider.remote(tenant)
    for i in range(contacts):
        remote.put("contact", f"c{i}")
    for i in range(invoices):
        remote.put("invoice", f"i{i}", contact="c0")
    for i in range(payments):
        remote.put("payment", f"p{i}", contact="c0")
    return account, remote


def events(account, type_=None):
    qs = Event.objects.filter(linked_account=account)
    return list(qs.filter(type=type_) if type_ else qs)


def test_a_sliced_run_resumes_at_its_cursor_and_stores_everything_once(
    queue, fake_provider, customer_with_key
):
    customer, _ = customer_with_key
    account, remote = linked(customer, fake_provider, "big", 5, 7, 4)  # 7 pages of 3
    run = services.request_sync(account, SyncMode.FULL, RunTrigger.API)
    assert queue == [run.id]
    first_reads, outcomes, started = [], [], None
    while queue:
        remote.list_calls.clear()
        outcomes.append(services.execute_run(queue.pop(0)))
        first_reads.append(remote.list_calls[0][:2])
        run.refresh_from_db()
        sync = AccountSync.objects.get(pk=account.pk)
        if outcomes[-1] == "yielded":  # waiting in the queue, lease free, started once
            assert (run.status, sync.state, sync.lease_owner) == ("queued", "queued", "")
            assert queue == [run.id] and sync.current_run_id == run.id
            started = started or run.started_at
            assert run.started_at == started
            with pytest.raises(services.SyncInProgress):
                services.request_sync(account, SyncMode.INCREMENTAL, RunTrigger.API)
    assert outcomes == ["yielded"] * 6 + ["succeeded"]  # no slice after the last page
    # each slice begins with the page after the last one stored
    assert first_reads == [
        ("contact", 1),
        ("contact", 2),
        ("invoice", 1),
        ("invoice", 2),
        ("invoice", 3),
        ("payment", 1),
        ("payment", 2),
    ]
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED and (run.records, run.changes, run.calls) == (
        16,
        16,
        7,
    )
    assert Record.objects.filter(linked_account=account).count() == 16
    types = [e.type for e in events(account)]
    assert (types.count("contact.created"), types.count("invoice.created")) == (5, 7)
    assert types.count("payment.created") == 4 and types.count("sync.completed") == 1
    assert AccountSync.objects.get(pk=account.pk).state == AccountState.DONE


def test_one_worker_runs_another_accounts_sync_between_the_slices_of_a_full_sync(
    queue, fake_provider, customer_with_key, settings, monkeypatch
):
    # a clock that moves a second each time the run looks at it (once per page stored): a
    # slice of 3.5 s stores four pages
    ticks = iter(range(10**6))
    monkeypatch.setattr(services, "time", SimpleNamespace(monotonic=lambda: float(next(ticks))))
    settings.SYNC_SLICE_SECONDS = 3.5
    customer, _ = customer_with_key
    big, _ = linked(customer, fake_provider, "big", 5, 7, 4)  # 7 pages
    small, _ = linked(customer, fake_provider, "small", 1, 1, 0)  # 3 pages
    backfill = services.request_sync(big, SyncMode.FULL, RunTrigger.LINKED)
    quick = services.request_sync(small, SyncMode.INCREMENTAL, RunTrigger.SCHEDULE)
    assert queue == [backfill.id, quick.id]  # the small sync waits behind the full one
    assert services.execute_run(queue.pop(0)) == "yielded"  # its first slice: 4 pages
    assert queue == [quick.id, backfill.id]  # the full sync's next slice waits its turn
    assert services.execute_run(queue.pop(0)) == "succeeded"
    backfill.refresh_from_db()
    assert backfill.status == RunStatus.QUEUED  # the small one is done long before it
    assert services.execute_run(queue.pop(0)) == "succeeded"
    assert queue == []
    assert Record.objects.filter(linked_account=big).count() == 16
    assert Record.objects.filter(linked_account=small).count() == 2
    assert len(events(big, "sync.completed")) == len(events(small, "sync.completed")) == 1


def test_runs_are_not_sliced_in_process_or_when_slices_are_off(
    settings, fake_provider, customer_with_key
):
    settings.SYNC_SLICE_SECONDS = 1e-9  # eager (the embedded setup): the run goes to its end
    customer, _ = customer_with_key
    account, _ = linked(customer, fake_provider, "big", 5, 7, 4)
    run = services.request_sync(account, SyncMode.FULL, RunTrigger.API)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert Record.objects.filter(linked_account=account).count() == 16
    settings.CELERY_TASK_ALWAYS_EAGER, settings.SYNC_SLICE_SECONDS = False, 0
    assert services._slice_deadline() is None

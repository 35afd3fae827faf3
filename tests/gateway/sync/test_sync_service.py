"""The sync engine on the embedded setup: eager Celery, SQLite, an in-memory provider."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from connectors.errors import (
    DailyLimitReached,
    ProviderUnavailable,
    RateLimited,
    TenantNotConnected,
)
from gateway.accounts.models import LinkedAccount
from gateway.accounts.signals import accounts_linked
from gateway.core.errors import RelinkRequired
from gateway.events.models import Event
from gateway.records.models import Record
from gateway.sync import services
from gateway.sync.models import (
    AccountState,
    AccountSync,
    ModelCheckpoint,
    ModelState,
    RunStatus,
    RunTrigger,
    SyncMode,
    SyncRun,
)
from tests.gateway.sync.helpers import make_linked_account

pytestmark = pytest.mark.django_db(transaction=True)


def seed(remote, contacts=5, invoices=7, payments=4):
    for i in range(contacts):
        remote.put("contact", f"c{i}", name=f"Contact {i}")
    for i in range(invoices):
        remote.put("invoice", f"i{i}", contact=f"c{i % max(contacts, 1)}")
    for i in range(payments):
        remote.put("payment", f"p{i}", contact="c0")


@pytest.fixture
def account(fake_provider, customer_with_key):
    customer, _ = customer_with_key
    return make_linked_account(customer)


@pytest.fixture
def remote(fake_provider, account):
    r = fake_provider.remote(account.tenant_id)
    seed(r)
    return r


def stored(account, model=None):
    qs = Record.objects.filter(linked_account=account)
    return qs.filter(model=model) if model else qs


def types(account):
    return list(
        Event.objects.filter(linked_account=account)
        .order_by("sequence")
        .values_list("type", flat=True)
    )


def sync(account, mode=SyncMode.FULL):
    return services.request_sync(account, mode, RunTrigger.API)


def test_full_sync_stores_everything_in_order(account, remote):
    run = sync(account)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert (stored(account, "contact").count(), stored(account, "invoice").count()) == (5, 7)
    assert stored(account, "payment").count() == 4
    # Contacts, then invoices, then payments; 3 records a page.
    models = [m for m, _, _ in remote.list_calls]
    assert models == ["contact"] * 2 + ["invoice"] * 3 + ["payment"] * 2
    assert (run.records, run.changes, run.calls) == (16, 16, 7)
    account.refresh_from_db()
    assert account.last_sync_at is not None
    sync_row = AccountSync.objects.get(pk=account.pk)
    assert sync_row.state == AccountState.DONE and sync_row.lease_owner == ""
    # due again one period after this sync: the hour, less the account's share of the spread
    period = services.sync_period(account.pk, 60)
    assert sync_row.next_sync_at == account.last_sync_at + period
    assert timedelta(minutes=54) <= period <= timedelta(minutes=60)
    events = types(account)
    assert events.count("contact.created") == 5 and events.count("invoice.created") == 7
    assert events[-1] == "sync.completed"
    sequences = list(
        Event.objects.filter(linked_account=account)
        .order_by("sequence")
        .values_list("sequence", flat=True)
    )
    assert sequences == list(range(1, len(sequences) + 1))


def test_incremental_sync_reads_changes_only(account, remote):
    sync(account)
    bookmark = ModelCheckpoint.objects.get(linked_account=account, model="invoice").bookmark
    remote.list_calls.clear()
    remote.put("invoice", "i3", status="PAID")
    remote.put("contact", "c-new", name="New")
    remote.delete("payment", "p1")
    Event.objects.all().delete()
    run = sync(account, SyncMode.INCREMENTAL)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    invoice_call = next(c for c in remote.list_calls if c[0] == "invoice")
    assert invoice_call[2] == bookmark
    assert sorted(types(account)[:-1]) == ["contact.created", "invoice.updated", "payment.deleted"]
    assert stored(account, "payment").get(remote_id="p1").remote_was_deleted
    assert stored(account).count() == 17


def test_records_deleted_outright_are_flagged_by_the_next_incremental_sync(account, remote):
    sync(account)
    remote.remove("invoice", "i2")
    remote.put("payment", "p-brief", contact="c0")  # made and deleted between two syncs:
    remote.remove("payment", "p-brief")  # reported deleted, never stored, changes nothing
    Event.objects.all().delete()
    run = sync(account, SyncMode.INCREMENTAL)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED and run.changes == 1
    record = stored(account, "invoice").get(remote_id="i2")
    assert record.remote_was_deleted
    assert types(account) == ["invoice.deleted", "sync.completed"]
    # a full sync later neither resurrects it nor reports it again
    Event.objects.all().delete()
    sync(account)
    assert stored(account, "invoice").get(remote_id="i2").remote_was_deleted
    assert types(account) == ["sync.completed"]


def test_a_pass_never_bookmarks_past_its_own_start(account, remote, settings):
    """Changes made while a pass pages may land on pages it already read: the next incremental
    pass starts no later than the previous one began (less the clock skew allowed)."""
    settings.SYNC_CLOCK_SKEW_SECONDS = 120
    remote.clock = timezone.now() - timedelta(seconds=30)  # the provider's books change now
    remote.put("invoice", "i-late", contact="c0")
    sync(account)
    checkpoint = ModelCheckpoint.objects.get(linked_account=account, model="invoice")
    assert checkpoint.pass_max > checkpoint.pass_started_at - timedelta(seconds=120)
    assert checkpoint.bookmark == checkpoint.pass_started_at - timedelta(seconds=120)
    # long-settled books: the newest change seen is the bookmark, as before
    contacts = ModelCheckpoint.objects.get(linked_account=account, model="contact")
    assert contacts.bookmark == contacts.pass_max

    remote.list_calls.clear()
    Event.objects.all().delete()
    sync(account, SyncMode.INCREMENTAL)
    invoice_call = next(c for c in remote.list_calls if c[0] == "invoice")
    assert invoice_call[2] == checkpoint.bookmark  # i-late is read again ...
    assert types(account) == ["sync.completed"]  # ... and, unchanged, emits nothing
    # a bookmark never moves back
    after = ModelCheckpoint.objects.get(linked_account=account, model="invoice")
    assert after.bookmark >= checkpoint.bookmark


def test_a_stopped_sync_resumes_after_the_last_stored_page(account, remote):
    pages = []

    def crash(kind, model, page):
        pages.append((model, page))
        if (model, page) == ("invoice", 2) and pages.count(("invoice", 2)) == 1:
            return RuntimeError("worker died")
        return None

    remote.fail = crash
    run = sync(account)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    checkpoint = ModelCheckpoint.objects.get(linked_account=account, model="invoice")
    assert checkpoint.state == ModelState.FAILED and checkpoint.cursor
    assert stored(account, "invoice").count() == 3  # page 1 only; nothing deleted
    assert types(account)[-1] == "sync.failed"

    remote.list_calls.clear()
    run = sync(account, SyncMode.INCREMENTAL)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    invoice_pages = [p for m, p, _ in remote.list_calls if m == "invoice"]
    assert invoice_pages == [2, 3]  # resumed at the page after the last stored one
    assert stored(account, "invoice").count() == 7
    events = types(account)
    assert events.count("invoice.created") == 7  # no record twice, no event twice


def test_a_full_pass_stores_each_page_whole(account, remote, monkeypatch):
    """A full pass has no one waiting for its first events: a page is one transaction."""
    from gateway.records import store

    remote.page_size = 10  # one page a model
    monkeypatch.setattr(services, "STORE_CHUNK", 3)
    upsert = store.upsert_records
    calls: list[tuple[str, int]] = []

    def counted(account_, model, records):
        records = list(records)
        calls.append((model, len(records)))
        return upsert(account_, model, records)

    monkeypatch.setattr(store, "upsert_records", counted)
    run = sync(account)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert calls == [("contact", 5), ("invoice", 7), ("payment", 4)]


def test_parts_of_a_provider_page_are_joined_for_a_full_pass():
    from connectors.base import Page

    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    parts = [
        Page("invoice", ["a", "b"], "p1", calls=1, continued=True),
        Page("invoice", ["c"], "p1", calls=0, max_remote_updated_at=stamp, continued=True),
        Page("invoice", ["d"], "p2", calls=0, deleted_remote_ids=("x",)),
        Page("invoice", ["e"], None, calls=1),
    ]
    pages = list(services._whole_pages(parts))
    assert [(p.records, p.next_cursor, p.calls) for p in pages] == [
        (["a", "b", "c", "d"], "p2", 1),
        (["e"], None, 1),
    ]
    assert pages[0].max_remote_updated_at == stamp and pages[0].deleted_remote_ids == ("x",)


def test_a_large_page_is_committed_in_chunks_and_resumes_without_duplicates(
    account, remote, monkeypatch
):
    """An incremental pass (a webhook's): a page's first chunks (and their events) commit
    before the rest is stored; a run stopped mid-page reads the page again and stores and
    announces each record once."""
    from django.db import OperationalError

    from gateway.records import store

    remote.page_size = 10  # one page a model
    monkeypatch.setattr(services, "STORE_CHUNK", 3)
    upsert = store.upsert_records
    calls: list[tuple[str, int]] = []

    def flaky(account_, model, records):
        records = list(records)
        calls.append((model, len(records)))
        if calls == [("contact", 3), ("contact", 2), ("invoice", 3), ("invoice", 3)]:
            raise OperationalError("server closed the connection unexpectedly")
        return upsert(account_, model, records)

    monkeypatch.setattr(store, "upsert_records", flaky)
    run = sync(account, SyncMode.INCREMENTAL)
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING and "interrupted" in run.error
    # The invoice page's first chunk is stored and announced; the checkpoint stays before it.
    assert stored(account, "invoice").count() == 3
    assert types(account).count("invoice.created") == 3
    checkpoint = ModelCheckpoint.objects.get(linked_account=account, model="invoice")
    assert (checkpoint.state, checkpoint.cursor, checkpoint.changes) == (
        ModelState.SYNCING,
        None,
        3,
    )

    assert services.tick()["recovered"] == 1  # eager: the resumed run completes at once
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert stored(account, "invoice").count() == 7
    events = types(account)
    assert (events.count("contact.created"), events.count("invoice.created")) == (5, 7)
    assert (run.records, run.changes) == (16, 16)  # the re-read chunk counted once
    checkpoint.refresh_from_db()  # the pass began again (its first page was not complete)
    assert (checkpoint.state, checkpoint.records_seen, checkpoint.changes) == ("done", 7, 4)


def test_resuming_a_run_skips_the_models_it_finished(account, remote):
    remote.fail = lambda kind, model, page: (
        DailyLimitReached(resume_at=datetime.now(UTC) + timedelta(hours=3), retry_after=10800)
        if (model, page) == ("invoice", 2)
        else None
    )
    run = sync(account)
    run.refresh_from_db()
    assert run.status == RunStatus.PAUSED
    sync_row = AccountSync.objects.get(pk=account.pk)
    assert sync_row.state == AccountState.PAUSED
    assert sync_row.paused_until > timezone.now() + timedelta(hours=2)
    checkpoints = {c.model: c for c in ModelCheckpoint.objects.filter(linked_account=account)}
    assert checkpoints["contact"].state == ModelState.DONE
    assert checkpoints["invoice"].state == ModelState.PAUSED and checkpoints["invoice"].cursor

    with pytest.raises(services.SyncPaused):
        sync(account)
    assert services.tick()["resumed"] == 0  # the budget is not back yet

    remote.fail = lambda *a: None
    remote.list_calls.clear()
    counts = services.tick(now=sync_row.paused_until + timedelta(seconds=1))
    assert counts["resumed"] == 1
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert remote.list_calls[0][:2] == ("invoice", 2)
    assert "contact" not in {m for m, _, _ in remote.list_calls}
    assert stored(account).count() == 16


def test_a_minute_limit_pauses_instead_of_failing(account, remote):
    remote.fail = lambda kind, model, page: (
        RateLimited(retry_after=30, problem="minute") if model == "payment" else None
    )
    run = sync(account)
    run.refresh_from_db()
    assert run.status == RunStatus.PAUSED
    remote.fail = lambda *a: None
    services.tick(now=timezone.now() + timedelta(seconds=31))
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert stored(account, "payment").count() == 4


def test_a_failed_sync_deletes_nothing(account, remote):
    sync(account)
    remote.fail = lambda kind, model, page: ProviderUnavailable("HTTP 503")
    run = sync(account, SyncMode.FULL)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "provider_unavailable" in run.error
    assert stored(account).count() == 16
    assert not stored(account).filter(remote_was_deleted=True).exists()
    status = services.sync_status(account)
    assert status["state"] == AccountState.FAILED
    assert status["models"][0]["state"] == ModelState.FAILED


def test_a_disconnected_tenant_makes_only_its_account_relink_required(account, remote):
    remote.fail = lambda kind, model, page: TenantNotConnected("HTTP 403")
    run = sync(account)
    run.refresh_from_db()
    account.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert account.status == "relink_required" and "tenant_not_connected" in account.status_reason
    assert Event.objects.filter(linked_account=account, type="account.relink_required").exists()


def test_one_sync_per_account_at_a_time(account, remote):
    services.account_sync(account)
    assert services.acquire_lease(account.pk, "someone-else")
    assert not services.acquire_lease(account.pk, "me")
    run = sync(account)  # queued; its task finds the lease taken
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED
    assert stored(account).count() == 0
    with pytest.raises(services.SyncInProgress):
        sync(account)
    services.release_lease(account.pk, "someone-else")
    assert services.execute_run(run.pk) == "succeeded"
    assert stored(account).count() == 16


def test_tick_schedules_due_syncs_and_recovers_dead_workers(account, remote):
    assert services.tick()["scheduled"] == 1  # never synced: a full sync
    assert stored(account).count() == 16
    assert services.tick()["scheduled"] == 0  # not due again for an hour
    remote.put("invoice", "i-new")
    counts = services.tick(now=timezone.now() + timedelta(minutes=61))
    assert counts["scheduled"] == 1
    assert stored(account, "invoice").count() == 8

    # A worker died mid-run: state syncing, lease expired.
    run = SyncRun.objects.create(
        linked_account=account, mode=SyncMode.INCREMENTAL, trigger=RunTrigger.API
    )
    AccountSync.objects.filter(pk=account.pk).update(
        state=AccountState.SYNCING,
        current_run=run,
        lease_owner="dead-worker",
        lease_expires_at=timezone.now() - timedelta(seconds=1),
    )
    remote.put("contact", "c-late")
    assert services.tick()["recovered"] == 1
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert stored(account, "contact").filter(remote_id="c-late").exists()


def test_linking_an_account_starts_its_full_sync(fake_provider, customer_with_key):
    customer, _ = customer_with_key
    account = make_linked_account(customer, tenant_id="tenant-9")
    seed(fake_provider.remote("tenant-9"), 2, 2, 1)
    accounts_linked.send(sender=LinkedAccount, accounts=[account], relinked=False)
    run = SyncRun.objects.get(linked_account=account)
    assert (run.mode, run.trigger, run.status) == ("full", "linked", "succeeded")
    assert stored(account).count() == 5
    events = types(account)
    assert events[0] == "account.linked" and events[-1] == "sync.completed"


def test_inactive_accounts_are_not_synced(account, remote):
    run = services.request_sync(account, SyncMode.FULL, RunTrigger.API)
    SyncRun.objects.filter(pk=run.pk).update(status=RunStatus.QUEUED)
    AccountSync.objects.filter(pk=account.pk).update(state=AccountState.QUEUED, current_run=run)
    Record.objects.all().delete()
    LinkedAccount.objects.filter(pk=account.pk).update(status="relink_required")
    account.refresh_from_db()
    with pytest.raises(RelinkRequired):
        sync(account)
    assert services.request_sync(account, "full", RunTrigger.SCHEDULE, busy_ok=True) is None
    assert services.execute_run(run.pk) == "failed"  # queued before the grant died
    assert stored(account).count() == 0


def test_a_busy_account_reads_once_more_only_the_models_asked_for(account, remote):
    """Webhooks naming invoices, then contacts, during a run: the one more pass reads those two
    models (in catalogue order); a request for every model widens it to all."""
    run = services.request_sync(account, SyncMode.INCREMENTAL, RunTrigger.API)
    SyncRun.objects.filter(pk=run.pk).update(status=RunStatus.QUEUED)
    AccountSync.objects.filter(pk=account.pk).update(state=AccountState.SYNCING, current_run=run)

    def ask(models):
        assert (
            services.request_sync(
                account, SyncMode.INCREMENTAL, RunTrigger.WEBHOOK, models=models, busy_ok=True
            )
            is None
        )
        sync = AccountSync.objects.get(pk=account.pk)
        assert sync.resync_requested
        return sync.resync_models

    assert ask(["invoice"]) == ["invoice"]
    assert ask(["contact", "invoice"]) == ["contact", "invoice"]
    follow_up = services._follow_up(account)
    assert follow_up.only_models == ["contact", "invoice"] and follow_up.trigger == "webhook"
    sync = AccountSync.objects.get(pk=account.pk)
    assert (sync.resync_requested, sync.resync_models) == (False, [])
    assert ask(["invoice"]) == ["invoice"]
    assert ask(None) == []  # every model
    assert ask(["payment"]) == []  # still every model
    assert services._follow_up(account).only_models == []

"""Syncing a linked account's records from its provider into the unified store.

One sync per linked account at a time: a run holds a lease on the account's `AccountSync` row
(renewed by a heartbeat; a dead worker's lease expires and the scheduler tick resumes its run).
Models are synced in order (contacts, invoices, payments). Each page of records is upserted and
the model's checkpoint (connector cursor, newest remote change seen) saved in one transaction,
so a run stopped at any point resumes after the last stored page without losing or duplicating
a record. A model the consent's scopes do not cover is skipped (`not_permitted`), the others
sync. A spent daily budget or a long provider 429 pauses the run (checkpoint kept) until the
budget returns; any other failure fails it (nothing is deleted, the checkpoint is kept, the next
run resumes from it).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
import uuid
import zlib
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections, transaction
from django.db.models import F, Q
from django.utils import timezone

from connectors import errors as ce
from connectors.base import Page
from connectors.cursor import InvalidCursor
from gateway.accounts.connections import connector_for, missing_scope_reason, provider_for
from gateway.accounts.models import LinkedAccount, LinkedAccountStatus
from gateway.accounts.services import mark_tenant_disconnected
from gateway.core import jsonutil
from gateway.core.errors import Conflict, RelinkRequired, infrastructure_errors
from gateway.core.queueing import enqueue
from gateway.events import services as events
from gateway.records import store
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
from gateway.sync.prefetch import prefetch
from unified_models import MODELS

logger = logging.getLogger(__name__)

#: Provider pages read ahead of the one being stored (overlaps provider latency with our
#: writes), and at most this many records held: a page handed on in parts (`Page.continued`)
#: has the next page read while its own parts are still being stored.
PREFETCH_PAGES = 1
PREFETCH_RECORDS = 1000
#: Records stored (and their events committed) in one transaction by an incremental pass: a
#: large page is stored in chunks so its first events go out while the rest is written. A full
#: pass stores each provider page whole, in one transaction: it has no one waiting for its first
#: events, and a transaction per 100 records cost a third more CPU per record (issue 21).
STORE_CHUNK = 100
#: Pauses shorter than this are resumed by a delayed task; longer ones by the scheduler tick.
_DELAYED_RESUME_MAX = 900.0
#: Model states a resumed run does not redo.
_FINISHED = (ModelState.DONE, ModelState.NOT_PERMITTED)


class SyncInProgress(Conflict):
    type = "sync_in_progress"
    default_message = "A sync of this linked account is already queued or running."


class SyncPaused(Conflict):
    type = "sync_paused"
    default_message = "Syncs of this linked account are paused until the provider's budget returns."


class LeaseLost(Exception):
    """Another worker took the account's lease (ours expired): stop without writing."""


class SliceOver(Exception):
    """The run has had its time slice (`SYNC_SLICE_SECONDS`): it goes to the back of the queue."""


def _infrastructure_errors() -> tuple[type[BaseException], ...]:
    """Our own services failing (the database, or Redis behind the broker and the shared rate
    limiter): a restart or a network blip, not a reason to fail a sync."""
    errors: list[type[BaseException]] = [OperationalError, InterfaceError]
    try:
        import redis.exceptions

        errors += [redis.exceptions.ConnectionError, redis.exceptions.TimeoutError]
    except ImportError:  # pragma: no cover - redis is a dependency
        pass
    return tuple(errors)


#: Errors that interrupt a run instead of failing it: the run stays `syncing` with its checkpoint
#: and its lease released (or expiring, when the database is what failed), and the scheduler tick
#: resumes it once the services are back.
INFRASTRUCTURE_ERRORS = _infrastructure_errors()


# -- bookkeeping rows ------------------------------------------------------------------------
def sync_models(account: LinkedAccount) -> list[str]:
    """The unified models the account's provider can list, in sync order."""
    resources = provider_for(account).resources
    return [m for m in MODELS if m in resources and resources[m].supports("list")]


def account_sync(account: LinkedAccount, *, lock: bool = False) -> AccountSync:
    qs = AccountSync.objects.select_for_update() if lock else AccountSync.objects
    sync = qs.filter(pk=account.pk).first()
    if sync is None:
        AccountSync.objects.bulk_create(
            [
                AccountSync(
                    linked_account=account, frequency_minutes=settings.SYNC_FREQUENCY_MINUTES
                )
            ],
            ignore_conflicts=True,
        )
        sync = qs.get(pk=account.pk)
    return sync


def _checkpoint(account: LinkedAccount, model: str) -> ModelCheckpoint:
    checkpoint, _ = ModelCheckpoint.objects.get_or_create(linked_account=account, model=model)
    return checkpoint


# -- schedule --------------------------------------------------------------------------------
def sync_period(account_id: Any, frequency_minutes: int) -> timedelta:
    """How long after a successful sync the account's next scheduled one is due: its frequency,
    less a fixed share of it (up to `SYNC_SPREAD`, 0.1: six minutes of an hour) taken from a
    hash of the account's id.

    A fleet linked (or recovered after an outage) at once would otherwise stay bunched: every
    account due in the same few ticks each period, the workers idle in between. With periods
    that differ per account the bunch drifts apart (after about 1/`SYNC_SPREAD` periods the
    accounts' phases cover the whole frequency), and stays spread. Never later than the
    frequency, so no account waits longer than it asked for; the same account always gets the
    same period, so its syncs stay regular. `SYNC_SPREAD=0`: exactly the frequency."""
    share = (zlib.crc32(str(account_id).encode()) % 10_000) / 10_000
    frequency = timedelta(minutes=frequency_minutes)
    return frequency - frequency * (settings.SYNC_SPREAD * share)


# -- leases ----------------------------------------------------------------------------------
def _lease_ttl() -> timedelta:
    return timedelta(seconds=settings.SYNC_LEASE_SECONDS)


def acquire_lease(account_id: Any, owner: str) -> bool:
    now = timezone.now()
    free = Q(lease_owner="") | Q(lease_expires_at__lt=now) | Q(lease_expires_at__isnull=True)
    return (
        AccountSync.objects.filter(Q(pk=account_id) & free).update(
            lease_owner=owner, lease_expires_at=now + _lease_ttl()
        )
        == 1
    )


def renew_lease(account_id: Any, owner: str) -> bool:
    return (
        AccountSync.objects.filter(pk=account_id, lease_owner=owner).update(
            lease_expires_at=timezone.now() + _lease_ttl()
        )
        == 1
    )


def release_lease(account_id: Any, owner: str) -> None:
    AccountSync.objects.filter(pk=account_id, lease_owner=owner).update(
        lease_owner="", lease_expires_at=None
    )


class Heartbeat:
    """Renews the lease every third of its lifetime from a thread; notes when it was lost."""

    def __init__(self, account_id: Any, owner: str):
        self.account_id, self.owner = account_id, owner
        self.lost = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sync-heartbeat", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        interval = max(settings.SYNC_LEASE_SECONDS / 3, 0.2)
        try:
            while not self._stop.wait(interval):
                try:
                    if not renew_lease(self.account_id, self.owner):
                        self.lost = True
                        return
                except Exception:
                    logger.warning("sync heartbeat failed", exc_info=True)
        finally:
            connections.close_all()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)


# -- requesting ------------------------------------------------------------------------------
def request_sync(
    account: LinkedAccount,
    mode: str,
    trigger: str,
    *,
    models: Iterable[str] | None = None,
    busy_ok: bool = False,
) -> SyncRun | None:
    """Queue a sync. With `busy_ok`, a running or paused sync is asked to do one more
    incremental pass instead (returns None); otherwise that raises SyncInProgress/SyncPaused."""
    if account.status != LinkedAccountStatus.ACTIVE:
        if busy_ok:
            return None
        raise RelinkRequired(
            f"The linked account is {account.status}; it cannot be synced until it is relinked."
        )
    now = timezone.now()
    with transaction.atomic():
        sync = account_sync(account, lock=True)
        busy = sync.state in (AccountState.QUEUED, AccountState.SYNCING)
        paused = sync.state == AccountState.PAUSED
        if busy or paused:
            if busy_ok:
                wanted = _follow_up_models(sync, models)
                if not sync.resync_requested or wanted != sync.resync_models:
                    sync.resync_requested, sync.resync_models = True, wanted
                    sync.save(update_fields=["resync_requested", "resync_models", "updated_at"])
                return None
            if paused:
                raise SyncPaused(
                    f"Syncs are paused until {jsonutil.isoformat(sync.paused_until)} "
                    "(the provider's call budget is spent); the paused sync resumes then."
                    if sync.paused_until
                    else None
                )
            raise SyncInProgress()
        run = SyncRun.objects.create(
            linked_account=account,
            mode=mode,
            trigger=trigger,
            only_models=[m for m in MODELS if m in set(models)] if models else [],
        )
        sync.state = AccountState.QUEUED
        sync.current_run = run
        sync.resync_requested, sync.resync_models = False, []
        sync.next_sync_at = now + sync_period(sync.pk, sync.frequency_minutes)
        sync.save()
        transaction.on_commit(lambda: _enqueue(run.id))
    return run


def _follow_up_models(sync: AccountSync, models: Iterable[str] | None) -> list[str]:
    """The models the one more pass reads once ``models`` are added (empty: every model): a
    webhook naming invoices during a run re-reads invoices, not the whole books."""
    if not models or (sync.resync_requested and not sync.resync_models):
        return []
    wanted = set(models) | set(sync.resync_models if sync.resync_requested else ())
    return [m for m in MODELS if m in wanted]


def _enqueue(run_id: Any, countdown: float | None = None) -> None:
    from gateway.sync import tasks

    if countdown and not settings.CELERY_TASK_ALWAYS_EAGER:
        enqueue(tasks.run_sync, str(run_id), countdown=countdown)
    else:
        enqueue(tasks.run_sync, str(run_id))


# -- running ---------------------------------------------------------------------------------
def execute_run(run_id: Any) -> str:
    """The task body: run (or resume) a queued sync run. Returns what happened."""
    run = SyncRun.objects.select_related("linked_account").filter(pk=run_id).first()
    if run is None or run.status in (RunStatus.SUCCEEDED, RunStatus.FAILED):
        return "stale"
    account = run.linked_account
    owner = uuid.uuid4().hex
    account_sync(account)
    if not acquire_lease(account.pk, owner):
        if run.status == RunStatus.QUEUED and not settings.CELERY_TASK_ALWAYS_EAGER:
            _enqueue(run.id, countdown=max(settings.SYNC_LEASE_SECONDS / 3, 1.0))
        return "busy"
    deadline = _slice_deadline()
    try:
        outcome = "stale"
        while run is not None:
            if AccountSync.objects.get(pk=account.pk).current_run_id != run.id:
                return outcome
            outcome = _execute(run, account, owner, deadline)
            if outcome == "yielded":
                break
            run = _follow_up(account) if outcome == "succeeded" else None
    finally:
        release_lease(account.pk, owner)
    if outcome == "yielded":  # after the release, so the next slice finds the lease free
        _enqueue(run.id)
    return outcome


def _slice_deadline() -> float | None:
    """When this task's run yields to the runs queued behind it (monotonic clock; None: never).

    A run longer than `SYNC_SLICE_SECONDS` (a full sync of a large organisation) stops after the
    page it is storing, its checkpoint saved, and queues itself again at the back of the queue,
    so the incremental syncs queued meanwhile run before its next slice, even with a single
    worker process. In-process (eager) tasks have nothing to yield to and run to the end."""
    seconds = settings.SYNC_SLICE_SECONDS
    if not seconds or settings.CELERY_TASK_ALWAYS_EAGER:
        return None
    return time.monotonic() + seconds


def _follow_up(account: LinkedAccount) -> SyncRun | None:
    """A webhook asked for changes during the run: one more incremental run, same lease."""
    with transaction.atomic():
        sync = account_sync(account, lock=True)
        if not sync.resync_requested:
            return None
        run = SyncRun.objects.create(
            linked_account=account,
            mode=SyncMode.INCREMENTAL,
            trigger=RunTrigger.WEBHOOK,
            only_models=sync.resync_models,
        )
        sync.resync_requested, sync.resync_models = False, []
        sync.current_run = run
        sync.state = AccountState.QUEUED
        sync.save()
    return run


def _execute(
    run: SyncRun, account: LinkedAccount, owner: str, deadline: float | None = None
) -> str:
    account.refresh_from_db()
    if account.status != LinkedAccountStatus.ACTIVE:
        _fail(run, account, f"linked account is {account.status}", notify=False)
        return "failed"
    _start(run, account)
    heartbeat = Heartbeat(account.pk, owner)
    try:
        _run_passes(run, account, owner, heartbeat, deadline)
    except SliceOver:
        _requeue(run, account)
        return "yielded"
    except ce.DailyLimitReached as exc:
        _pause(run, account, exc.resume_at, str(exc))
        return "paused"
    except ce.RateLimited as exc:
        _pause(run, account, timezone.now() + timedelta(seconds=exc.retry_after), str(exc))
        return "paused"
    except LeaseLost:
        logger.warning("sync run %s lost its lease; another worker resumes it", run.pk)
        return "lost"
    except INFRASTRUCTURE_ERRORS as exc:
        _interrupted(run, account, exc)
        return "interrupted"
    except ce.TenantNotConnected as exc:
        mark_tenant_disconnected(account, _describe(exc))
        _fail(run, account, _describe(exc))
        return "failed"
    except Exception as exc:
        if not isinstance(exc, ce.ConnectorError):
            logger.exception("sync run %s failed", run.pk)
        _fail(run, account, _describe(exc))
        return "failed"
    finally:
        heartbeat.stop()
    _succeed(run, account)
    return "succeeded"


def _interrupted(run: SyncRun, account: LinkedAccount, exc: Exception) -> None:
    reason = f"interrupted ({_describe(exc)}); resuming from the checkpoint"[:1000]
    logger.warning("sync run %s %s", run.pk, reason)
    connections["default"].close_if_unusable_or_obsolete()
    try:  # note it where sync-status shows it (impossible while the database is down)
        SyncRun.objects.filter(pk=run.pk).update(error=reason)
        AccountSync.objects.filter(pk=account.pk).update(last_error=reason)
    except INFRASTRUCTURE_ERRORS:
        connections["default"].close()


def _describe(exc: Exception) -> str:
    code = getattr(exc, "code", type(exc).__name__)
    return f"{code}: {exc}"[:1000]


def _start(run: SyncRun, account: LinkedAccount) -> None:
    now = timezone.now()
    SyncRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started_at=run.started_at or now
    )
    run.status, run.started_at = RunStatus.RUNNING, run.started_at or now
    AccountSync.objects.filter(pk=account.pk).update(
        state=AccountState.SYNCING, paused_until=None, updated_at=now
    )


def _requeue(run: SyncRun, account: LinkedAccount) -> None:
    """A run whose slice is over waits in the queue again (its checkpoints stay `syncing` with
    their cursors; the next slice resumes them). `updated_at` dates the wait, so the tick
    re-queues the run if its message is lost."""
    now = timezone.now()
    with transaction.atomic():
        SyncRun.objects.filter(pk=run.pk).update(status=RunStatus.QUEUED)
        AccountSync.objects.filter(pk=account.pk, current_run=run).update(
            state=AccountState.QUEUED, updated_at=now
        )
    logger.info("sync run %s yields after its slice; queued again", run.pk)


def _run_passes(
    run: SyncRun,
    account: LinkedAccount,
    owner: str,
    heartbeat: Heartbeat,
    deadline: float | None = None,
) -> None:
    connector = connector_for(account)
    models = run.only_models or sync_models(account)
    for model in models:
        checkpoint = _checkpoint(account, model)
        if checkpoint.run_id == run.id and checkpoint.state in _FINISHED:
            continue  # finished before this run was paused or its worker died
        reason = missing_scope_reason(account, model)
        if reason is not None:
            _not_permitted(run, checkpoint, reason)
            continue
        resume = bool(checkpoint.cursor) and (
            checkpoint.pass_mode == SyncMode.FULL or run.mode == SyncMode.INCREMENTAL
        )
        if not resume:
            checkpoint.cursor = None
            checkpoint.pass_mode = run.mode
            checkpoint.pass_since = None if run.mode == SyncMode.FULL else checkpoint.bookmark
            checkpoint.pass_max = None
            checkpoint.pass_started_at = timezone.now()
            checkpoint.records_seen = 0
            checkpoint.changes = 0
        checkpoint.state = ModelState.SYNCING
        checkpoint.run = run
        checkpoint.last_error = ""
        checkpoint.save()
        try:
            pages = connector.list(
                model,
                modified_since=None if resume else checkpoint.pass_since,
                cursor=checkpoint.cursor if resume else None,
            )
        except InvalidCursor:  # from an older connector version: read this pass again
            logger.warning("discarding an unreadable %s cursor of %s", model, account.pk)
            checkpoint.cursor = None
            checkpoint.save(update_fields=["cursor", "updated_at"])
            pages = connector.list(model, modified_since=checkpoint.pass_since)
        try:
            ahead = prefetch(
                pages,
                PREFETCH_PAGES,
                ends_page=lambda page: not page.continued,
                size=lambda page: len(page.records),
                max_size=PREFETCH_RECORDS,
            )
            full = checkpoint.pass_mode == SyncMode.FULL
            for page in _whole_pages(ahead) if full else ahead:
                if heartbeat.lost:
                    raise LeaseLost()
                _store_page(
                    run, account, checkpoint, page, owner, chunk=None if full else STORE_CHUNK
                )
                # Between provider pages only: the cursor now points past a whole page (the
                # page read ahead is read again by the next slice). Not after the last page.
                if (
                    deadline is not None
                    and time.monotonic() >= deadline
                    and not page.continued
                    and not (page.next_cursor is None and model == models[-1])
                ):
                    raise SliceOver()
        except ce.PermissionDenied as exc:  # e.g. tokens granted before a scope change
            _not_permitted(run, checkpoint, _describe(exc))


def _not_permitted(run: SyncRun, checkpoint: ModelCheckpoint, reason: str) -> None:
    """Skip a model the consent does not cover; the others sync (its stored records stay)."""
    checkpoint.state = ModelState.NOT_PERMITTED
    checkpoint.run = run
    checkpoint.last_error = reason[:1000]
    checkpoint.save(update_fields=["state", "run", "last_error", "updated_at"])


def _whole_pages(pages: Iterable[Page]) -> Iterator[Page]:
    """The parts a connector hands a provider page on in (`Page.continued`) joined into that
    page again: one page, records in order, the calls and newest change of all its parts."""
    held: list[Page] = []
    for page in pages:
        if page.continued:
            held.append(page)
            continue
        if held:
            parts, held = [*held, page], []
            stamps = [p.max_remote_updated_at for p in parts if p.max_remote_updated_at]
            page = dataclasses.replace(
                page,
                records=[record for part in parts for record in part.records],
                calls=sum(part.calls for part in parts),
                max_remote_updated_at=max(stamps) if stamps else None,
            )
        yield page
    yield from held  # a read that ended mid-page (never, from a connector): stored as they are


def _store_page(
    run: SyncRun,
    account: LinkedAccount,
    checkpoint: ModelCheckpoint,
    page: Any,
    owner: str,
    *,
    chunk: int | None = STORE_CHUNK,
) -> None:
    """Store a page and move the checkpoint past it. With `chunk`, a large page is stored in
    chunks of that many records, each committed (its events queued for delivery) as soon as it
    is written, so the first changes reach the customer while the rest is still being stored;
    the checkpoint moves with the last chunk. A run stopped between chunks reads the page again,
    and the chunks already stored change nothing (the store skips identical records)."""
    records = list(page.records)
    while chunk and len(records) > chunk:
        part, records = records[:chunk], records[chunk:]
        with transaction.atomic():
            changes = store.upsert_records(account, checkpoint.model, part)
            _count_changes(run, account, checkpoint, changes, owner)
    with transaction.atomic():
        changes = store.upsert_records(account, checkpoint.model, records)
        changes += store.mark_many_deleted(account, checkpoint.model, page.deleted_remote_ids)
        if page.complete_remote_ids is not None:
            changes += store.mark_missing_deleted(
                account, checkpoint.model, page.complete_remote_ids
            )
        if not renew_lease(account.pk, owner):
            raise LeaseLost()  # rolls the page back: the lease holder stores it
        now = timezone.now()
        today = now.date()
        if checkpoint.calls_day != today:
            checkpoint.calls_day, checkpoint.calls_today = today, 0
        checkpoint.calls_today += page.calls
        checkpoint.cursor = page.next_cursor
        if page.max_remote_updated_at is not None and (
            checkpoint.pass_max is None or page.max_remote_updated_at > checkpoint.pass_max
        ):
            checkpoint.pass_max = page.max_remote_updated_at
        checkpoint.records_seen += len(page.records)
        checkpoint.changes += len(changes)
        if page.next_cursor is None:  # the pass is complete
            bookmark = _pass_bookmark(checkpoint)
            if bookmark is not None and (
                checkpoint.bookmark is None or bookmark > checkpoint.bookmark
            ):
                checkpoint.bookmark = bookmark
            checkpoint.state = ModelState.DONE
            checkpoint.last_success_at = now
        checkpoint.save()
        SyncRun.objects.filter(pk=run.pk).update(
            records=F("records") + len(page.records),
            changes=F("changes") + len(changes),
            calls=F("calls") + page.calls,
        )


def _count_changes(
    run: SyncRun, account: LinkedAccount, checkpoint: ModelCheckpoint, changes: list, owner: str
) -> None:
    """A chunk's share of the counters, committed with it (its changes are not seen again)."""
    if not renew_lease(account.pk, owner):
        raise LeaseLost()  # rolls the chunk back: the lease holder stores it
    if not changes:
        return
    checkpoint.changes += len(changes)
    ModelCheckpoint.objects.filter(pk=checkpoint.pk).update(changes=F("changes") + len(changes))
    SyncRun.objects.filter(pk=run.pk).update(changes=F("changes") + len(changes))


def _pass_bookmark(checkpoint: ModelCheckpoint) -> datetime | None:
    """Where the next incremental pass starts reading: the newest change this pass saw, but no
    later than when the pass began (less the allowed clock skew). A record changed while the
    pass was paging may have landed on a page already read; the next pass reads it again."""
    newest = checkpoint.pass_max
    if newest is None or checkpoint.pass_started_at is None:
        return newest
    skew = timedelta(seconds=settings.SYNC_CLOCK_SKEW_SECONDS)
    return min(newest, checkpoint.pass_started_at - skew)


def _run_data(run: SyncRun, **extra: Any) -> dict[str, Any]:
    run.refresh_from_db()
    return {
        "run_id": str(run.id),
        "mode": run.mode,
        "trigger": run.trigger,
        "models": run.only_models,
        "records": run.records,
        "changes": run.changes,
        "provider_calls": run.calls,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        **extra,
    }


def _succeed(run: SyncRun, account: LinkedAccount) -> None:
    now = timezone.now()
    with transaction.atomic():
        sync = account_sync(account, lock=True)
        SyncRun.objects.filter(pk=run.pk).update(status=RunStatus.SUCCEEDED, finished_at=now)
        sync.state = AccountState.DONE
        sync.last_success_at = now
        sync.last_error = ""
        sync.paused_until = None
        sync.next_sync_at = now + sync_period(sync.pk, sync.frequency_minutes)
        sync.save()
        LinkedAccount.objects.filter(pk=account.pk).update(last_sync_at=now)
        events.emit(account, "sync.completed", _run_data(run))


def _fail(run: SyncRun, account: LinkedAccount, error: str, *, notify: bool = True) -> None:
    now = timezone.now()
    with transaction.atomic():
        sync = account_sync(account, lock=True)
        SyncRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, finished_at=now, error=error
        )
        ModelCheckpoint.objects.filter(linked_account=account, state=ModelState.SYNCING).update(
            state=ModelState.FAILED, last_error=error, updated_at=now
        )
        sync.state = AccountState.FAILED
        sync.last_error = error
        retry = min(sync.frequency_minutes, 15)
        sync.next_sync_at = now + timedelta(minutes=retry)
        sync.save()
        if notify:
            events.emit(account, "sync.failed", _run_data(run, error=error))


def _pause(run: SyncRun, account: LinkedAccount, until: datetime, reason: str) -> None:
    now = timezone.now()
    with transaction.atomic():
        SyncRun.objects.filter(pk=run.pk).update(status=RunStatus.PAUSED, error=reason)
        ModelCheckpoint.objects.filter(linked_account=account, state=ModelState.SYNCING).update(
            state=ModelState.PAUSED, last_error=reason, updated_at=now
        )
        AccountSync.objects.filter(pk=account.pk).update(
            state=AccountState.PAUSED, paused_until=until, last_error=reason, updated_at=now
        )
        delay = (until - now).total_seconds()
        if delay <= _DELAYED_RESUME_MAX and not settings.CELERY_TASK_ALWAYS_EAGER:
            transaction.on_commit(lambda: _resume_later(account.pk, run.id, delay))
    logger.info("sync run %s paused until %s: %s", run.pk, until.isoformat(), reason)


def _resume_later(account_id: Any, run_id: Any, delay: float) -> None:
    from gateway.sync import tasks

    tasks.resume_sync.apply_async(args=[str(account_id), str(run_id)], countdown=delay + 0.5)


def resume_paused(account_id: Any, run_id: Any | None = None, now: datetime | None = None) -> bool:
    """Queue a paused run again once its pause is over (called by a delayed task or the tick)."""
    now = now or timezone.now()
    with transaction.atomic():
        sync = AccountSync.objects.select_for_update().filter(pk=account_id).first()
        if (
            sync is None
            or sync.state != AccountState.PAUSED
            or (run_id is not None and str(sync.current_run_id) != str(run_id))
            or (sync.paused_until is not None and sync.paused_until > now)
            or sync.current_run_id is None
        ):
            return False
        sync.state = AccountState.QUEUED
        sync.save(update_fields=["state", "updated_at"])
        SyncRun.objects.filter(pk=sync.current_run_id).update(status=RunStatus.QUEUED)
        run_id = sync.current_run_id
        transaction.on_commit(lambda: _enqueue(run_id))
    return True


# -- the scheduler tick ----------------------------------------------------------------------
#: The states a due account is queued from (IDLE: never synced, so a FULL run).
_DUE_STATES = (AccountState.IDLE, AccountState.DONE, AccountState.FAILED)


def tick(now: datetime | None = None) -> dict[str, int]:
    """Queue due syncs, resume paused runs whose budget is back, and resume runs whose worker
    died (lease expired) or whose queue message was lost.

    Set-based, so its cost grows with the accounts it queues, not with queries per account:
    each step is a few statements per batch of up to `SYNC_TICK_BATCH` accounts, and the
    messages go out over one broker connection after the commit (`bench/tick.py`)."""
    now = now or timezone.now()
    _create_missing_schedules(now)
    return {
        "scheduled": _schedule_due(now),
        "resumed": _resume_paused_due(now),
        "recovered": _recover_orphans(now),
    }


def _create_missing_schedules(now: datetime) -> None:
    missing = LinkedAccount.objects.filter(
        status=LinkedAccountStatus.ACTIVE, sync__isnull=True
    ).values_list("pk", flat=True)[: settings.SYNC_TICK_BATCH]
    AccountSync.objects.bulk_create(
        [
            AccountSync(
                linked_account_id=pk,
                frequency_minutes=settings.SYNC_FREQUENCY_MINUTES,
                next_sync_at=now,
            )
            for pk in missing
        ],
        ignore_conflicts=True,
    )


def _schedule_due(now: datetime) -> int:
    """One run per due account (FULL when never synced, else INCREMENTAL), up to
    `SYNC_TICK_BATCH` of them, the longest overdue first.

    The due rows are locked (`FOR UPDATE SKIP LOCKED`): an account a request is queueing a sync
    for at this moment is skipped (it is no longer due once that commits), and a second tick
    running alongside takes the other rows. Busy and paused accounts are not due, so they never
    get a second run (a webhook asks them for a follow-up pass instead, `request_sync`)."""
    with transaction.atomic():
        due = list(
            AccountSync.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(state__in=_DUE_STATES, linked_account__status=LinkedAccountStatus.ACTIVE)
            .filter(Q(next_sync_at__lte=now) | Q(next_sync_at__isnull=True))
            .order_by(F("next_sync_at").asc(nulls_first=True))
            .only("pk", "state", "frequency_minutes")[: settings.SYNC_TICK_BATCH]
        )
        if not due:
            return 0
        runs = [
            SyncRun(
                linked_account_id=sync.pk,
                mode=SyncMode.FULL if sync.state == AccountState.IDLE else SyncMode.INCREMENTAL,
                trigger=RunTrigger.SCHEDULE,
            )
            for sync in due
        ]
        SyncRun.objects.bulk_create(runs, batch_size=_BATCH)
        AccountSync.objects.filter(pk__in=[sync.pk for sync in due]).update(
            state=AccountState.QUEUED, resync_requested=False, resync_models=[], updated_at=now
        )
        _set_runs(
            [
                (sync.pk, run.id, now + sync_period(sync.pk, sync.frequency_minutes))
                for sync, run in zip(due, runs, strict=True)
            ]
        )
        run_ids = [run.id for run in runs]
        transaction.on_commit(lambda: _enqueue_runs(run_ids))
    return len(due)


#: Rows per statement of a bulk write, and messages per broker pipeline.
_BATCH = 500


def _set_runs(rows: list[tuple[Any, Any, datetime]]) -> None:
    """Set each `(account, run, next_sync_at)`: one `UPDATE … FROM (VALUES …)` per `_BATCH`
    rows (PostgreSQL and SQLite both name the VALUES columns column1, column2, …). Django's
    `bulk_update` builds a CASE branch per row and field, which cost more than the rest of the
    tick together at 2,000 accounts."""
    meta = AccountSync._meta
    connection = connections[AccountSync.objects.db]
    fields = [meta.pk, meta.get_field("current_run"), meta.get_field("next_sync_at")]
    table, key = connection.ops.quote_name(meta.db_table), connection.ops.quote_name(meta.pk.column)
    run_column = connection.ops.quote_name(fields[1].column)
    next_column = connection.ops.quote_name(fields[2].column)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _BATCH):
            batch = rows[start : start + _BATCH]
            params = [
                field.get_db_prep_value(value, connection)
                for row in batch
                for field, value in zip(fields, row, strict=True)
            ]
            cursor.execute(
                f"UPDATE {table} SET {run_column} = v.column2, {next_column} = v.column3 "  # noqa: S608 (quoted model names; values are parameters)
                f"FROM (VALUES {', '.join(['(%s, %s, %s)'] * len(batch))}) AS v "
                f"WHERE {table}.{key} = v.column1",
                params,
            )


def _resume_paused_due(now: datetime) -> int:
    """Queue again the paused runs whose pause is over (what `resume_paused` does for one)."""
    with transaction.atomic():
        rows = list(
            AccountSync.objects.select_for_update(skip_locked=True)
            .filter(state=AccountState.PAUSED, paused_until__lte=now, current_run__isnull=False)
            .values_list("pk", "current_run_id")[: settings.SYNC_TICK_BATCH]
        )
        if not rows:
            return 0
        AccountSync.objects.filter(pk__in=[pk for pk, _ in rows]).update(
            state=AccountState.QUEUED, updated_at=now
        )
        run_ids = [run_id for _, run_id in rows]
        SyncRun.objects.filter(pk__in=run_ids).update(status=RunStatus.QUEUED)
        transaction.on_commit(lambda: _enqueue_runs(run_ids))
    return len(rows)


#: A queued run not taken for this long is presumed to have lost its message even while the
#: queue still holds others (at most one duplicate message this often).
_PRESUMED_LOST = timedelta(minutes=30)


def _recover_orphans(now: datetime) -> int:
    """Queue again the runs nobody is working on: `syncing` with an expired or no lease (the
    worker died), or `queued` with no lease whose message was lost (a broker restart, or the
    broker down when it was sent). A queued run counts as lost after two ticks when the
    sync queue is empty, otherwise after `_PRESUMED_LOST`: while a backlog drains, its runs'
    messages are still in it, and re-sending them all every tick would only add duplicates (a
    duplicate finds its run taken or finished and does nothing)."""
    stale_queue = now - timedelta(seconds=max(2 * settings.SYNC_TICK_SECONDS, 60.0))
    if _waiting_runs():
        stale_queue = min(stale_queue, now - _PRESUMED_LOST)
    orphans = AccountSync.objects.filter(current_run__isnull=False).filter(
        Q(state=AccountState.SYNCING, lease_expires_at__lt=now)
        | Q(state=AccountState.SYNCING, lease_owner="")
        | Q(state=AccountState.QUEUED, lease_owner="", updated_at__lt=stale_queue)
    )
    rows = list(orphans.values_list("pk", "current_run_id")[: settings.SYNC_TICK_BATCH])
    if not rows:
        return 0
    AccountSync.objects.filter(pk__in=[pk for pk, _ in rows]).update(updated_at=now)
    _enqueue_runs([run_id for _, run_id in rows])
    return len(rows)


def _waiting_runs() -> int:
    """Messages waiting in the sync runs' broker queue (0 in-process, or when unknown)."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return 0
    from amqp.exceptions import NotFound
    from kombu.exceptions import ChannelError

    from gateway.sync import tasks

    app = tasks.run_sync.app
    queue = app.amqp.router.route({}, tasks.run_sync.name)["queue"].name
    try:
        with app.pool.acquire(block=True) as connection:
            declared = connection.default_channel.queue_declare(queue=queue, passive=True)
    except (ChannelError, NotFound):  # never declared: nothing was ever sent to it
        return 0
    except infrastructure_errors():
        return 0  # nothing can be sent either; the next tick looks again
    return declared.message_count


def _enqueue_runs(run_ids: list[Any]) -> int:
    """Send a `run_sync` task per run. Returns how many were sent; when the broker is
    unreachable the runs stay queued in the database and a later tick sends them again
    (`_recover_orphans`)."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        for run_id in run_ids:
            _enqueue(run_id)
        return len(run_ids)
    try:
        publish_runs(run_ids)
    except infrastructure_errors() as exc:
        logger.warning("could not queue %d sync runs (%r); a later tick does", len(run_ids), exc)
        return 0
    return len(run_ids)


def publish_runs(run_ids: list[Any]) -> None:
    """The messages `run_sync.apply_async(args=[run_id])` sends, for many runs at once.

    `apply_async` costs about half a millisecond a message in Celery's own bookkeeping (options
    merged, the route and the configuration looked up again for each), and a Redis round trip.
    Here the task is routed and its queue declared once, each message is built and sent by
    Celery's own `create_task_message` and `send_task_message` (the same headers and
    properties, and the publish signals), over one producer whose Redis commands go in
    pipelines of `_BATCH` (kombu's `Producer.batch`). tests/gateway/sync/test_tick.py compares
    the messages."""
    from celery.utils import uuid as task_id

    from gateway.sync import tasks

    task = tasks.run_sync
    app, amqp = task.app, task.app.amqp
    options = amqp.router.route(task._get_exec_options(), task.name)
    parent = app.current_worker_task  # the beat's tick task: the runs' parent, as apply_async
    lineage = (
        {"parent_id": parent.request.id, "root_id": parent.request.root_id or parent.request.id}
        if parent
        else {}
    )
    with app.producer_or_acquire() as producer, producer.batch(_BATCH):
        producer.maybe_declare(options["queue"])  # once, not per message
        for run_id in run_ids:
            args = [str(run_id)]
            message = amqp.create_task_message(
                task_id(),
                task.name,
                args,
                {},
                argsrepr=repr(args),  # what Celery's saferepr makes of a short string, faster
                kwargsrepr="{}",
                reply_to=app.thread_oid,
                ignore_result=task.ignore_result,
                **lineage,
                **options,
            )
            amqp.send_task_message(producer, task.name, message, declare=[], **options)


# -- reading ---------------------------------------------------------------------------------
def run_data(run: SyncRun | None) -> dict[str, Any] | None:
    if run is None:
        return None
    return {
        "id": run.id,
        "mode": run.mode,
        "trigger": run.trigger,
        "status": run.status,
        "models": run.only_models,
        "queued_at": run.queued_at,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "records": run.records,
        "changes": run.changes,
        "provider_calls": run.calls,
        "error": run.error,
    }


def sync_settings(account: LinkedAccount) -> dict[str, Any]:
    sync = account_sync(account)
    return {
        "frequency_minutes": sync.frequency_minutes,
        "last_sync_at": account.last_sync_at,
        "next_sync_at": sync.next_sync_at,
    }


def update_sync_settings(account: LinkedAccount, frequency_minutes: int) -> dict[str, Any]:
    """Change how often the account is synced; the next scheduled sync moves to the new
    frequency after the last successful one (a sync already due runs at the next tick)."""
    with transaction.atomic():
        sync = account_sync(account, lock=True)
        sync.frequency_minutes = frequency_minutes
        if sync.last_success_at is not None:
            sync.next_sync_at = sync.last_success_at + sync_period(sync.pk, frequency_minutes)
        sync.save(update_fields=["frequency_minutes", "next_sync_at", "updated_at"])
    return sync_settings(account)


def sync_status(account: LinkedAccount) -> dict[str, Any]:
    sync = account_sync(account)
    run = SyncRun.objects.filter(pk=sync.current_run_id).first() if sync.current_run_id else None
    checkpoints = {c.model: c for c in ModelCheckpoint.objects.filter(linked_account=account)}
    today = timezone.now().date()
    models = []
    for model in sync_models(account):
        c = checkpoints.get(model)
        not_permitted = missing_scope_reason(account, model)
        models.append(
            {
                "model": model,
                "state": ModelState.NOT_PERMITTED
                if not_permitted
                else (c.state if c else ModelState.PENDING),
                "last_success_at": c.last_success_at if c else None,
                "records_seen": c.records_seen if c else 0,
                "changes": c.changes if c else 0,
                "provider_calls_today": c.calls_today if c and c.calls_day == today else 0,
                "resumable": bool(c and c.cursor),
                "last_error": not_permitted or (c.last_error if c else ""),
            }
        )
    try:
        limits = provider_for(account).limit_status(account.tenant_id)
    except Exception:
        logger.warning("limiter status unavailable", exc_info=True)
        limits = None
    return {
        "linked_account_id": account.id,
        "state": sync.state,
        "last_sync_at": account.last_sync_at,
        "next_sync_at": sync.next_sync_at,
        "frequency_minutes": sync.frequency_minutes,
        "paused_until": sync.paused_until,
        "last_error": sync.last_error,
        "current_run": run_data(run),
        "provider_calls_today": sum(m["provider_calls_today"] for m in models),
        "limits": limits,
        "models": models,
    }

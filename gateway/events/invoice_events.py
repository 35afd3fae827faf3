"""The scheduled derived invoice events: `invoice.due_soon` (INVOICE_DUE_SOON_DAYS before the due
date) and `invoice.overdue` (the due date passed with a balance), each once per invoice and
again only when its due date moves later (gateway.events.invoice_state keeps the rows).

"Today" is the linked account's, in its company info's time zone (UTC without one; the same
`gateway.records.today` as the `overdue` filter): an invoice due on the 14th is overdue from
midnight starting the 15th there. Only active linked accounts
are served (a relink-required account's books are stale; its events follow once it syncs again).

Exactly once, across repeated and concurrent runs and a worker dying mid-run: a batch locks its
watch rows (skipping rows another run holds), emits their events in the account's sequence and
marks the rows done in one transaction; a death rolls all three back, and the next run emits
them. Each batch is an index range scan (`due_date` below the account's today) of pending rows.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone

from gateway.accounts.models import LinkedAccount, LinkedAccountStatus
from gateway.events import services
from gateway.events.invoice_state import MODEL
from gateway.events.models import InvoiceWatch
from gateway.records.models import Record
from gateway.records.today import account_zone

BATCH = 500


def emit_due(
    now: datetime | None = None, *, batch_size: int = BATCH, max_seconds: float = 60.0
) -> int:
    """Emit what is due now; returns how many events. Stops after `max_seconds` (between
    batches): the next run carries on where this one stopped."""
    now = now or timezone.now()
    deadline = time.monotonic() + max_seconds
    days = settings.INVOICE_DUE_SOON_DAYS
    # No account's today is later than UTC's tomorrow (UTC+14): a bound for every account.
    horizon = now.astimezone(UTC).date() + timedelta(days=1)
    # One index probe per active account (the partial indexes hold pending rows only).
    accounts = (
        LinkedAccount.objects.filter(status=LinkedAccountStatus.ACTIVE)
        .filter(
            Exists(_pending("overdue", horizon, 0).filter(linked_account=OuterRef("pk")))
            | Exists(_pending("due_soon", horizon, days).filter(linked_account=OuterRef("pk")))
        )
        .order_by("id")
    )
    emitted = 0
    for account in accounts:
        today = now.astimezone(account_zone(account)).date()
        for kind in ("due_soon", "overdue"):
            while time.monotonic() < deadline:
                count = _batch(account, kind, today, days, batch_size)
                if count is None:
                    break
                emitted += count
        if time.monotonic() >= deadline:
            break
    return emitted


def _pending(kind: str, today: date, days: int) -> QuerySet:
    """Rows owed a `kind` event by `today`."""
    if kind == "overdue":
        return InvoiceWatch.objects.filter(overdue_pending=True, due_date__lt=today)
    return InvoiceWatch.objects.filter(
        due_soon_pending=True, due_date__lte=today + timedelta(days=days)
    )


def _due(account: LinkedAccount, kind: str, today: date, days: int) -> QuerySet:
    return (
        _pending(kind, today, days).filter(linked_account=account).order_by("due_date", "record_id")
    )


def _batch(account: LinkedAccount, kind: str, today: date, days: int, size: int) -> int | None:
    """One batch in one transaction: lock, emit, mark. None when nothing is left to take."""
    with transaction.atomic():
        rows = _due(account, kind, today, days)
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        batch = list(rows.only("record_id", "due_date")[:size])
        if not batch:
            return None
        ids = [row.record_id for row in batch]
        documents = dict(
            Record.objects.filter(id__in=ids, model=MODEL).values_list("id", "document")
        )
        # A due date already past is no longer "due soon": marked, not announced.
        announce = [
            row.record_id
            for row in batch
            if row.record_id in documents and (kind == "overdue" or row.due_date >= today)
        ]
        done = InvoiceWatch.objects.filter(record_id__in=ids)
        if kind == "overdue":
            done.update(overdue_for=F("due_date"), overdue_pending=False)
        else:
            done.update(due_soon_for=F("due_date"), due_soon_pending=False)
        if announce:
            event_type = services.record_event_type(MODEL, kind)
            services.emit_many(account, [(event_type, documents[i]) for i in announce])
    return len(announce)

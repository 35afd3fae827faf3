"""Keeping `InvoiceWatch` rows in step with the stored invoices, inside the upsert's transaction
(a receiver of `records_changed`), and deciding `invoice.paid` there.

`invoice.paid` is emitted with the change that brings a live invoice's balance from above zero
to zero (right after its `invoice.updated`, same transaction): it needs no clock, and the upsert
is idempotent, so storing the same page again emits nothing. An invoice first stored already
paid (a first sync's history) gets no `paid`; one paid, reopened (a payment removed) and paid
again gets one each time.

Only invoices that have had a balance get a row (a first sync's paid history writes none), and
a row is written only when what it holds changes: one SELECT and at most one bulk upsert per
page of changed invoices, none for a page of other models.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple
from uuid import UUID

import orjson
from django.db import connection

from gateway.accounts.models import LinkedAccount
from gateway.events.models import InvoiceWatch
from gateway.events.services import record_event_type
from unified_models import NOT_OWED_STATUSES

MODEL = "invoice"
#: Statuses of invoices that are not (yet, or any more) owed: never due soon, never overdue,
#: never paid (the catalogue's, as the `overdue` filter and the outstanding totals use them).
NOT_OWED = frozenset(status.value for status in NOT_OWED_STATUSES)


@dataclass(frozen=True)
class Facts:
    due_date: date | None
    #: A live, approved invoice with a balance above zero.
    has_balance: bool
    #: A live, approved invoice with nothing left to pay.
    settled: bool


def _amount(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def facts(document: dict[str, Any]) -> Facts:
    """What the derived events read from an invoice document (as the API returns it)."""
    status = document.get("status")
    live = not document.get("remote_was_deleted") and status not in NOT_OWED
    balance = _amount(document.get("balance"))
    has_balance = live and status != "PAID" and balance is not None and balance > 0
    settled = live and (balance == 0 if balance is not None else status == "PAID")
    return Facts(_date(document.get("due_date")), has_balance, settled)


def _later(due: date | None, announced: date | None) -> bool:
    """Owed an event for `due`: none announced yet, or only for an earlier due date (a due date
    moved earlier, to one already past or announced, is not news)."""
    return due is not None and (announced is None or due > announced)


class Row(NamedTuple):
    """A watch row's columns, in `_COLUMNS` order (tuples: a page of model instances cost a
    third of this module's time)."""

    record_id: UUID
    linked_account_id: UUID
    due_date: date | None
    has_balance: bool
    overdue_for: date | None
    due_soon_for: date | None
    overdue_pending: bool
    due_soon_pending: bool


_COLUMNS = Row._fields
#: What a change can alter (the `*_for` dates are the scheduled task's).
_CHANGING = ("due_date", "has_balance", "overdue_pending", "due_soon_pending")


def _row(account_id: UUID, record_id: UUID, f: Facts, old: Row | None) -> Row:
    overdue_for = old.overdue_for if old else None
    due_soon_for = old.due_soon_for if old else None
    owed = f.has_balance and f.due_date is not None
    return Row(
        record_id,
        account_id,
        f.due_date,
        f.has_balance,
        overdue_for,
        due_soon_for,
        owed and _later(f.due_date, overdue_for),
        owed and _later(f.due_date, due_soon_for),
    )


def track(account: LinkedAccount, changes: Iterable[Any]) -> dict[UUID, str]:
    """Update the watch rows of the changed invoices; returns record id → `invoice.paid` for
    the invoices this change paid. Runs in the caller's (the upsert's) transaction."""
    invoices = [c for c in changes if c.model == MODEL]
    if not invoices:
        return {}
    updated = [c.id for c in invoices if c.kind != "created"]  # a new record has no row yet
    known = _read(updated) if updated else {}
    rows, paid = [], {}
    for change in invoices:
        f = facts(orjson.loads(change.document))
        old = known.get(change.id)
        if old is None and not f.has_balance:
            continue  # never owed anything while stored here: nothing to watch
        row = _row(account.id, change.id, f, old)
        if old is not None and old.has_balance and f.settled:
            paid[change.id] = record_event_type(MODEL, "paid")
        if old != row:
            rows.append(row)
    if rows:
        _write(rows)
    return paid


def _table() -> str:
    return connection.ops.quote_name(InvoiceWatch._meta.db_table)


def _read(ids: list[UUID]) -> dict[UUID, Row]:
    if connection.vendor != "postgresql":
        values = InvoiceWatch.objects.filter(record_id__in=ids).values_list(*_COLUMNS)
        return {row[0]: Row(*row) for row in values}
    with connection.cursor() as cursor:  # one array parameter, not a thousand-parameter IN
        cursor.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM {_table()} WHERE record_id = ANY(%s)",  # noqa: S608
            [ids],
        )
        return {row[0]: Row(*row) for row in cursor.fetchall()}


_TYPES = ("uuid", "uuid", "date", "boolean", "date", "date", "boolean", "boolean")


def _write(rows: list[Row]) -> None:
    """Insert or update the rows: on PostgreSQL one `INSERT … SELECT FROM unnest(arrays) ON
    CONFLICT` (a tenth of the ORM's bulk upsert for a page), else the ORM's bulk upsert."""
    if connection.vendor != "postgresql":
        InvoiceWatch.objects.bulk_create(
            [InvoiceWatch(**row._asdict()) for row in rows],
            batch_size=500,
            update_conflicts=True,
            unique_fields=["record_id"],
            update_fields=list(_CHANGING),
        )
        return
    arrays = ", ".join(f"%s::{kind}[]" for kind in _TYPES)
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in _CHANGING)
    with connection.cursor() as cursor:  # identifiers are this module's constants
        cursor.execute(
            f"INSERT INTO {_table()} ({', '.join(_COLUMNS)}) "  # noqa: S608
            f"SELECT * FROM unnest({arrays}) ON CONFLICT (record_id) DO UPDATE SET {updates}",
            [_array(column) for column in zip(*rows, strict=True)],
        )


def _array(values: Iterable[Any]) -> str:
    """A PostgreSQL array literal of uuids, dates or booleans (none needs quoting): one text
    parameter, where a list would be adapted value by value (half this module's time)."""
    return "{" + ",".join("NULL" if v is None else str(v) for v in values) + "}"


def backfill(record_model, watch_model, batch: int = 1000) -> int:
    """Watch rows for the invoices stored before this module existed (the migration that adds
    the rows runs it; models passed in, so historical ones serve). Rows already there (written
    by an upsert meanwhile) are kept. Returns how many were written."""
    written, after = 0, 0
    while True:
        page = list(
            record_model.objects.filter(model=MODEL, seq__gt=after)
            .order_by("seq")
            .values_list("seq", "id", "linked_account_id", "document")[:batch]
        )
        if not page:
            return written
        after = page[-1][0]
        rows = [
            watch_model(**_row(account_id, record_id, f, None)._asdict())
            for _, record_id, account_id, document in page
            if (f := facts(orjson.loads(document))).has_balance
        ]
        watch_model.objects.bulk_create(rows, ignore_conflicts=True)
        written += len(rows)

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
from typing import Any
from uuid import UUID

import orjson

from gateway.accounts.models import LinkedAccount
from gateway.events.models import InvoiceWatch
from gateway.events.services import record_event_type

MODEL = "invoice"
#: Statuses of invoices that are not (yet, or any more) owed: never due soon, never overdue,
#: never paid. SUBMITTED is Xero's "awaiting approval": not sent, so not owed yet.
NOT_OWED = frozenset({"DRAFT", "SUBMITTED", "VOID"})
_FIELDS = ("due_date", "has_balance", "overdue_pending", "due_soon_pending")


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


def _row(account_id: UUID, record_id: UUID, f: Facts, old: InvoiceWatch | None) -> InvoiceWatch:
    overdue_for = old.overdue_for if old else None
    due_soon_for = old.due_soon_for if old else None
    owed = f.has_balance and f.due_date is not None
    return InvoiceWatch(
        record_id=record_id,
        linked_account_id=account_id,
        due_date=f.due_date,
        has_balance=f.has_balance,
        overdue_for=overdue_for,
        due_soon_for=due_soon_for,
        overdue_pending=owed and _later(f.due_date, overdue_for),
        due_soon_pending=owed and _later(f.due_date, due_soon_for),
    )


def track(account: LinkedAccount, changes: Iterable[Any]) -> dict[UUID, str]:
    """Update the watch rows of the changed invoices; returns record id → `invoice.paid` for
    the invoices this change paid. Runs in the caller's (the upsert's) transaction."""
    invoices = [c for c in changes if c.model == MODEL]
    if not invoices:
        return {}
    known: dict[UUID, InvoiceWatch] = {}
    if any(c.kind != "created" for c in invoices):  # a new record has no row yet
        known = InvoiceWatch.objects.in_bulk([c.id for c in invoices if c.kind != "created"])
    rows, paid = [], {}
    for change in invoices:
        f = facts(orjson.loads(change.document))
        old = known.get(change.id)
        if old is None and not f.has_balance:
            continue  # never owed anything while stored here: nothing to watch
        row = _row(account.id, change.id, f, old)
        if old is not None and old.has_balance and f.settled:
            paid[change.id] = record_event_type(MODEL, "paid")
        if old is None or any(getattr(old, n) != getattr(row, n) for n in _FIELDS):
            rows.append(row)
    if rows:
        InvoiceWatch.objects.bulk_create(
            rows,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["record_id"],
            update_fields=list(_FIELDS),
        )
    return paid

"""Writing events (the outbox) and reading them back.

Every event is numbered per linked account while holding that account's counter row, in the
transaction of the change it describes; matching webhook endpoints get a delivery row in the
same transaction, and the sender is queued once the transaction commits.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import orjson
from django.db import connection, transaction
from django.utils import timezone

from gateway.accounts.models import LinkedAccount
from gateway.core import jsonutil
from gateway.core.copy import copy_binary
from gateway.events.models import (
    DeliveryStatus,
    Event,
    EventCounter,
    WebhookDelivery,
    WebhookEndpoint,
)
from unified_models import CATALOGUE

RECORD_KINDS = ("created", "updated", "deleted")
#: Events derived from a stored invoice's due date and balance, not from one change
#: (gateway.events.invoice_state decides `paid`, gateway.events.invoice_events the others).
DERIVED_KINDS = {"invoice": ("due_soon", "overdue", "paid")}
ACCOUNT_EVENT_TYPES = ("account.linked", "account.relink_required")
SYNC_EVENT_TYPES = ("sync.completed", "sync.failed")
ENDPOINT_EVENT_TYPES = ("webhook_endpoint.disabled",)


def event_types() -> tuple[str, ...]:
    """Every event type: each catalogue model's family (`invoice.created`, …; the chart of
    accounts is `ledger_account.*`, apart from the linked-account `account.*`) with its derived
    events (`invoice.overdue`), then the rest."""
    return (
        *(
            f"{entry.events}.{kind}"
            for entry in CATALOGUE
            for kind in (*RECORD_KINDS, *DERIVED_KINDS.get(entry.name, ()))
        ),
        *ACCOUNT_EVENT_TYPES,
        *SYNC_EVENT_TYPES,
        *ENDPOINT_EVENT_TYPES,
    )


def record_event_type(model: str, kind: str) -> str:
    return f"{CATALOGUE[model].events}.{kind}"


_BATCH = 1000
_COPY_MIN = 50


def _allocate(account: LinkedAccount, count: int) -> int:
    """Reserve `count` sequence numbers for the account; returns the first. Must run inside the
    caller's transaction: the counter row stays locked until it commits."""
    counter = EventCounter.objects.select_for_update().filter(linked_account=account).first()
    if counter is None:
        EventCounter.objects.bulk_create(
            [EventCounter(linked_account=account)], ignore_conflicts=True
        )
        counter = EventCounter.objects.select_for_update().get(linked_account=account)
    first = counter.last_sequence + 1
    counter.last_sequence += count
    counter.save(update_fields=["last_sequence"])
    return first


def emit_many(account: LinkedAccount, items: Sequence[tuple[str, str]]) -> list[Event]:
    """Store events `(type, data JSON text)` for the account, in order, and fan them out."""
    return [_event(row) for row in _emit_rows(account, items)]


def _event(row: tuple) -> Event:
    """An event instance from a row in `_EVENT_COLUMNS` order (by name, so a field added to
    the model cannot shift the others)."""
    return Event(**dict(zip(_EVENT_COLUMNS, row, strict=True)))


def _emit_rows(account: LinkedAccount, items: Sequence[tuple[str, str]]) -> list[tuple]:
    """`emit_many` as rows in `_EVENT_COLUMNS` order: a sync writes one event per record, and
    a model instance each cost as much as the rest of the event's writing."""
    if not items:
        return []
    with transaction.atomic():
        first = _allocate(account, len(items))
        now = timezone.now()
        customer_id, account_id = account.customer_id, account.id
        rows = [
            (event_id, customer_id, account_id, first + index, event_type, data, now)
            for index, (event_id, (event_type, data)) in enumerate(
                zip(new_ids(len(items)), items, strict=True)
            )
        ]
        if _copies(len(rows)):
            copy_rows(Event, _EVENT_COLUMNS, rows)
        else:
            Event.objects.bulk_create([_event(row) for row in rows], batch_size=_BATCH)
        _fan_out(account, [(row[0], row[4]) for row in rows])
    return rows


def new_ids(count: int) -> list[uuid.UUID]:
    """`count` random (version 4) UUIDs from one read of the system's randomness (`uuid4`
    reads it once per id: a tenth of an event's writing)."""
    raw = os.urandom(16 * count)
    return [uuid.UUID(bytes=raw[i : i + 16], version=4) for i in range(0, 16 * count, 16)]


def _copies(count: int) -> bool:
    """Whether `count` rows go through COPY (PostgreSQL, enough of them) rather than the ORM."""
    return connection.vendor == "postgresql" and count >= _COPY_MIN


def copy_rows(model, columns: tuple[str, ...], rows: Iterable[Sequence[Any]]) -> None:
    """COPY rows (values in `columns` order, attribute names) into `model`'s table."""
    names = [model._meta.get_field(c.removesuffix("_id")).column for c in columns]
    copy_binary(model._meta.db_table, names, rows)


_EVENT_COLUMNS = (
    "id",
    "customer_id",
    "linked_account_id",
    "sequence",
    "type",
    "data",
    "created_at",
)
_DELIVERY_COLUMNS = (
    "id",
    "customer_id",
    "endpoint_id",
    "event_id",
    "status",
    "attempts",
    "next_attempt_at",
    "last_error",
    "created_at",
)


def emit(account: LinkedAccount, event_type: str, data: dict[str, Any]) -> Event:
    return emit_many(account, [(event_type, jsonutil.dumps(data).decode("utf-8"))])[0]


def record_change_events(
    account: LinkedAccount, changes: Iterable[Any], following: Mapping[Any, str] | None = None
) -> int:
    """`records_changed` → one event per change (`invoice.created`, ...), same transaction;
    `following`: record id → a derived event type that comes right after its change's event
    (`invoice.paid`), with the same data. Returns how many events."""
    following = following or {}
    items = []
    for change in changes:
        items.append((record_event_type(change.model, change.kind), change.document))
        if change.id in following:
            items.append((following[change.id], change.document))
    return len(_emit_rows(account, items))


def _fan_out(account: LinkedAccount, events: list[tuple[uuid.UUID, str]]) -> None:
    """A delivery row for each (event id, type) and each enabled endpoint that wants it."""
    endpoints = [
        e for e in WebhookEndpoint.objects.filter(customer_id=account.customer_id, enabled=True)
    ]
    if not endpoints:
        return
    now = timezone.now()
    wanting: dict[str, list[WebhookEndpoint]] = {}  # a sync's events are of a few types
    pairs = [
        (event_id, endpoint)
        for event_id, event_type in events
        for endpoint in (
            wanting[event_type]
            if event_type in wanting
            else wanting.setdefault(event_type, [e for e in endpoints if e.wants(event_type)])
        )
    ]
    if not pairs:
        return
    if _copies(len(pairs)):
        # A sync's fan-out: rows straight to COPY, no model instance per delivery (building
        # them was a third of the event writing). The omitted fields' defaults, as the model's.
        attempts = WebhookDelivery._meta.get_field("attempts").get_default()
        last_error = WebhookDelivery._meta.get_field("last_error").get_default()
        copy_rows(
            WebhookDelivery,
            _DELIVERY_COLUMNS,
            (
                (
                    delivery_id,
                    account.customer_id,
                    endpoint.id,
                    event_id,
                    DeliveryStatus.PENDING,
                    attempts,
                    now,
                    last_error,
                    now,
                )
                for delivery_id, (event_id, endpoint) in zip(
                    new_ids(len(pairs)), pairs, strict=True
                )
            ),
        )
    else:
        WebhookDelivery.objects.bulk_create(
            [
                WebhookDelivery(
                    customer_id=account.customer_id,
                    endpoint=endpoint,
                    event_id=event_id,
                    status=DeliveryStatus.PENDING,
                    next_attempt_at=now,
                    created_at=now,
                )
                for event_id, endpoint in pairs
            ],
            batch_size=_BATCH,
        )
    count = len(pairs)
    transaction.on_commit(lambda: _queue_senders(count))


def _queue_senders(count: int) -> None:
    from gateway.events.delivery import queue_senders

    queue_senders(count)


# -- reading ---------------------------------------------------------------------------------
def event_body(event: Event) -> bytes:
    """The JSON an event is delivered and listed as (its `data` spliced in unchanged)."""
    return jsonutil.dumps(
        {
            "id": str(event.id),
            "type": event.type,
            "linked_account_id": str(event.linked_account_id),
            "sequence": event.sequence,
            "created_at": event.created_at,
            "data": orjson.Fragment(event.data),
        }
    )


def events_after(account: LinkedAccount, after: int, limit: int) -> list[Event]:
    return list(
        Event.objects.filter(linked_account=account, sequence__gt=after).order_by("sequence")[
            :limit
        ]
    )


def account_data(account: LinkedAccount) -> dict[str, Any]:
    from gateway.accounts.serializers import LinkedAccountSerializer

    return dict(LinkedAccountSerializer(account).data)

"""Writing events (the outbox) and reading them back.

Every event is numbered per linked account while holding that account's counter row, in the
transaction of the change it describes; matching webhook endpoints get a delivery row in the
same transaction, and the sender is queued once the transaction commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import orjson
from django.db import connection, transaction
from django.utils import timezone

from gateway.accounts.models import LinkedAccount
from gateway.core import jsonutil
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
    if not items:
        return []
    with transaction.atomic():
        first = _allocate(account, len(items))
        now = timezone.now()
        events = [
            Event(
                customer_id=account.customer_id,
                linked_account=account,
                sequence=first + index,
                type=event_type,
                data=data,
                created_at=now,
            )
            for index, (event_type, data) in enumerate(items)
        ]
        copy_insert(Event, events, _EVENT_COLUMNS)
        _fan_out(account, events)
    return events


def copy_insert(model, objs: list, columns: tuple[str, ...]) -> None:
    """Insert many rows: COPY on PostgreSQL (a sync writes one event per record), else bulk.
    `columns` are attribute names (`customer_id`); omitted ones take their database default."""
    if connection.vendor != "postgresql" or len(objs) < _COPY_MIN:
        model.objects.bulk_create(objs, batch_size=_BATCH)
        return
    names = [model._meta.get_field(c.removesuffix("_id")).column for c in columns]
    table = connection.ops.quote_name(model._meta.db_table)
    copy_sql = f"COPY {table} ({', '.join(map(connection.ops.quote_name, names))}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
        for obj in objs:
            copy.write_row([getattr(obj, c) for c in columns])


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
) -> list[Event]:
    """`records_changed` → one event per change (`invoice.created`, ...), same transaction;
    `following`: record id → a derived event type that comes right after its change's event
    (`invoice.paid`), with the same data."""
    following = following or {}
    items = []
    for change in changes:
        items.append((record_event_type(change.model, change.kind), change.document))
        if change.id in following:
            items.append((following[change.id], change.document))
    return emit_many(account, items)


def _fan_out(account: LinkedAccount, events: list[Event]) -> None:
    endpoints = [
        e for e in WebhookEndpoint.objects.filter(customer_id=account.customer_id, enabled=True)
    ]
    if not endpoints:
        return
    now = timezone.now()
    deliveries = [
        WebhookDelivery(
            customer_id=account.customer_id,
            endpoint=endpoint,
            event=event,
            status=DeliveryStatus.PENDING,
            next_attempt_at=now,
            created_at=now,
        )
        for event in events
        for endpoint in endpoints
        if endpoint.wants(event.type)
    ]
    if deliveries:
        copy_insert(WebhookDelivery, deliveries, _DELIVERY_COLUMNS)
        count = len(deliveries)
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

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
    if not _copies(len(objs)):
        model.objects.bulk_create(objs, batch_size=_BATCH)
        return
    copy_rows(model, columns, ([getattr(obj, c) for c in columns] for obj in objs))


def _copies(count: int) -> bool:
    """Whether `count` rows go through COPY (PostgreSQL, enough of them) rather than the ORM."""
    return connection.vendor == "postgresql" and count >= _COPY_MIN


def copy_rows(model, columns: tuple[str, ...], rows: Iterable[Sequence[Any]]) -> None:
    """COPY rows (values in `columns` order, attribute names) into `model`'s table."""
    names = [model._meta.get_field(c.removesuffix("_id")).column for c in columns]
    table = connection.ops.quote_name(model._meta.db_table)
    copy_sql = f"COPY {table} ({', '.join(map(connection.ops.quote_name, names))}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
        for row in rows:
            copy.write_row(row)


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
    pairs = [
        (event, endpoint)
        for event in events
        for endpoint in endpoints
        if endpoint.wants(event.type)
    ]
    if not pairs:
        return
    if _copies(len(pairs)):
        # A sync's fan-out: rows straight to COPY, no model instance per delivery (building
        # them was a third of the event writing). The omitted fields' defaults, as the model's.
        new_id = WebhookDelivery._meta.get_field("id").get_default
        attempts = WebhookDelivery._meta.get_field("attempts").get_default()
        last_error = WebhookDelivery._meta.get_field("last_error").get_default()
        copy_rows(
            WebhookDelivery,
            _DELIVERY_COLUMNS,
            (
                (
                    new_id(),
                    account.customer_id,
                    endpoint.id,
                    event.id,
                    DeliveryStatus.PENDING,
                    attempts,
                    now,
                    last_error,
                    now,
                )
                for event, endpoint in pairs
            ),
        )
    else:
        WebhookDelivery.objects.bulk_create(
            [
                WebhookDelivery(
                    customer_id=account.customer_id,
                    endpoint=endpoint,
                    event=event,
                    status=DeliveryStatus.PENDING,
                    next_attempt_at=now,
                    created_at=now,
                )
                for event, endpoint in pairs
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

"""Writes to the unified store: bulk upserts that report what actually changed."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from uuid import UUID

import psycopg
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from gateway.accounts.models import LinkedAccount
from gateway.core import jsonutil
from gateway.core.copy import copy_binary
from gateway.core.toast import use_lz4_here
from gateway.records.documents import COLUMNS_FROM_DOCUMENT, Prepared, prepare, render
from gateway.records.models import Record
from gateway.records.signals import records_changed
from unified_models import UnifiedRecord

_UPDATE_FIELDS = [
    "document",
    "remote_data",
    "content_hash",
    *COLUMNS_FROM_DOCUMENT,
    "search",
    "remote_updated_at",
    "remote_was_deleted",
    "modified_at",
]


@dataclass(frozen=True)
class Change:
    """One record that was created, changed or deleted by an upsert (events are made from these)."""

    id: UUID
    model: str
    remote_id: str
    kind: str  # "created" | "updated" | "deleted"
    document: str


def _kind(prepared: Prepared, old: tuple | None) -> str | None:
    if old is None:
        return "created"
    _, old_hash, _, old_deleted = old
    if old_hash == prepared.content_hash:
        return None
    if prepared.columns["remote_was_deleted"] and not old_deleted:
        return "deleted"
    return "updated"


def upsert_records(
    account: LinkedAccount, model: str, records: Iterable[UnifiedRecord]
) -> list[Change]:
    """Insert new records, update changed ones, leave identical ones untouched.

    Idempotent: storing the same page twice changes nothing the second time, so a sync that
    resumes from a checkpoint never duplicates a record or an event.
    """
    prepared = {p.remote_id: p for p in (prepare(model, account.id, r) for r in records)}
    if not prepared:
        return []
    existing = _existing(account, model, list(prepared))
    now = timezone.now()
    rows: list[dict] = []
    changes: list[Change] = []
    fresh = True  # none of the rows is stored yet (a first sync's pages)
    for remote_id, item in prepared.items():
        old = existing.get(remote_id)
        kind = _kind(item, old)
        if kind is None:
            continue
        fresh = fresh and old is None
        created_at = old[2] if old else now
        document = render(item, created_at, now)
        rows.append(
            {
                "id": item.id,
                "linked_account_id": account.id,
                "model": model,
                "remote_id": remote_id,
                "document": document,
                "remote_data": item.remote_data.decode("utf-8") if item.remote_data else None,
                "content_hash": item.content_hash,
                "created_at": created_at,
                "modified_at": now,
                **item.columns,
            }
        )
        changes.append(Change(item.id, model, remote_id, kind, document))
    if rows:
        with transaction.atomic():
            if not (fresh and _copy_new_rows(rows)):
                _write_rows(rows)
            records_changed.send(sender=Record, account=account, changes=changes)
    return changes


def _existing(account: LinkedAccount, model: str, remote_ids: list[str]) -> dict[str, tuple]:
    """remote id → (seq, content hash, created at, deleted) of the records already stored.
    On PostgreSQL one `= ANY(array)` parameter instead of the ORM's thousand-parameter `IN`
    (whose compilation was a tenth of a sync page's time)."""
    if connection.vendor != "postgresql":
        rows = Record.objects.filter(
            linked_account=account, model=model, remote_id__in=remote_ids
        ).values_list("remote_id", "seq", "content_hash", "created_at", "remote_was_deleted")
        return {remote_id: tuple(rest) for remote_id, *rest in rows}
    table = connection.ops.quote_name(Record._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT remote_id, seq, content_hash, created_at, remote_was_deleted "  # noqa: S608
            f"FROM {table} WHERE linked_account_id = %s AND model = %s AND remote_id = ANY(%s)",
            [account.id, model, remote_ids],
        )
        return {remote_id: tuple(rest) for remote_id, *rest in cursor.fetchall()}


#: Below this many rows the ORM's bulk upsert is as fast as COPY.
_COPY_MIN_ROWS = 50


def _copy_new_rows(rows: list[dict]) -> bool:
    """COPY rows none of which was stored a moment ago straight into the table (PostgreSQL,
    `_COPY_MIN_ROWS` or more): a first sync's pages, without the staging table's second pass
    over every document (a third of the database's time in a full sync). False when not done:
    another writer stored one of them meanwhile (the unique constraint refuses the COPY, rolled
    back to its savepoint), or this is not the case for COPY; the caller upserts instead."""
    if connection.vendor != "postgresql" or len(rows) < _COPY_MIN_ROWS:
        return False
    columns, names = _copy_columns()
    try:
        with transaction.atomic():
            copy_binary(Record._meta.db_table, columns, _values(rows, names))
    except (IntegrityError, psycopg.errors.IntegrityError):  # raw COPY: psycopg's own
        return False
    return True


def _copy_columns() -> tuple[list[str], list[str]]:
    """The columns a write gives (every one but `seq`) and their attribute names."""
    fields = [f for f in Record._meta.concrete_fields if f.name != "seq"]
    return [f.column for f in fields], [f.attname for f in fields]


def _values(rows: list[dict], names: list[str]) -> Iterable[list]:
    return ([row[name] for name in names] for row in rows)


def _write_rows(rows: list[dict]) -> None:
    """Insert-or-update rows (column values by attribute name). On PostgreSQL, large batches go
    through COPY into a temporary table and one `INSERT … SELECT … ON CONFLICT` (about 3x faster
    than the ORM's bulk upsert for 1,000 invoice documents: a sync's hot path), straight from the
    values; otherwise the ORM's bulk upsert. The staging table lives as long as the session and
    is emptied at each commit (creating and dropping it in every transaction was a tenth of the
    database's time in a sync of 100-record parts); one `INSERT … SELECT FROM unnest(arrays)`
    instead measured twice as slow for documents (the server parses each array)."""
    if connection.vendor != "postgresql" or len(rows) < _COPY_MIN_ROWS:
        Record.objects.bulk_create(
            [Record(**row) for row in rows],
            batch_size=500,
            update_conflicts=True,
            unique_fields=["linked_account", "model", "remote_id"],
            update_fields=_UPDATE_FIELDS,
        )
        return
    columns, names = _copy_columns()
    table = connection.ops.quote_name(Record._meta.db_table)
    column_list = ", ".join(map(connection.ops.quote_name, columns))
    updates = ", ".join(
        f"{name} = EXCLUDED.{name}"
        for name in (
            connection.ops.quote_name(Record._meta.get_field(f).column) for f in _UPDATE_FIELDS
        )
    )
    use_lz4_here(connection)  # the staging table's compression is what the rows keep
    with connection.cursor() as cursor:
        # Identifiers below come from the model's metadata, never from input.
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS records_upsert ON COMMIT DELETE ROWS AS "  # noqa: S608
            f"SELECT {column_list} FROM {table} WITH NO DATA"
        )
        cursor.execute("DELETE FROM records_upsert")  # a second upsert in this transaction
    copy_binary(Record._meta.db_table, columns, _values(rows, names), into="records_upsert")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({column_list}) SELECT {column_list} "  # noqa: S608
            "FROM records_upsert ON CONFLICT (linked_account_id, model, remote_id) "
            f"DO UPDATE SET {updates}"
        )


def mark_deleted(account: LinkedAccount, model: str, remote_id: str) -> Change | None:
    """The provider removed the record outright: keep it, flagged `remote_was_deleted`."""
    with transaction.atomic():
        row = (
            Record.objects.select_for_update()
            .filter(linked_account=account, model=model, remote_id=remote_id)
            .first()
        )
        if row is None or row.remote_was_deleted:
            return None
        now = timezone.now()
        document = jsonutil.loads(row.document)
        document["remote_was_deleted"] = True
        document["modified_at"] = now
        row.document = jsonutil.dumps(document).decode("utf-8")
        row.remote_was_deleted = True
        row.modified_at = now
        row.save(update_fields=["document", "remote_was_deleted", "modified_at"])
        change = Change(row.id, model, remote_id, "deleted", row.document)
        records_changed.send(sender=Record, account=account, changes=[change])
    return change


def mark_missing_deleted(
    account: LinkedAccount, model: str, present: Collection[str]
) -> list[Change]:
    """After a whole read of ``model``: every stored record it did not return is flagged
    deleted (the provider removed it outright)."""
    live = Record.objects.filter(
        linked_account=account, model=model, remote_was_deleted=False
    ).values_list("remote_id", flat=True)
    return mark_many_deleted(account, model, [rid for rid in live if rid not in present])


def mark_many_deleted(
    account: LinkedAccount, model: str, remote_ids: Iterable[str]
) -> list[Change]:
    """`mark_deleted` for each id the provider reported deleted (records never stored, or
    already flagged, change nothing). A feed repeats its deletions on every read of its window,
    so one query first keeps only the stored records not yet flagged."""
    remote_ids = list(remote_ids)
    if not remote_ids:
        return []
    live = Record.objects.filter(
        linked_account=account, model=model, remote_id__in=remote_ids, remote_was_deleted=False
    ).values_list("remote_id", flat=True)
    changes = [mark_deleted(account, model, remote_id) for remote_id in live]
    return [change for change in changes if change is not None]

"""PostgreSQL TOAST compression for large JSON text columns.

Documents, provider payloads and event bodies are 1-3 KB each, so PostgreSQL compresses them
on every write; with its default (pglz) that compression was the database's largest cost in a
sync. lz4 compresses several times faster at a similar size. Servers built without lz4 keep
pglz, and other databases are left alone.

A value is compressed once, where it is first stored: rows staged in a temporary table (the
records upsert) keep the staging table's compression when copied on, hence `use_lz4_here`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import migrations


def _lz4_supported(cursor) -> bool:
    cursor.execute(
        "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
    )
    row = cursor.fetchone()
    return bool(row and row[0])


def use_lz4_here(connection) -> None:
    """Compress values written in the current transaction with lz4 where a column does not
    say otherwise (PostgreSQL with lz4 only; the setting ends with the transaction)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        supported = getattr(connection, "_ledgerlink_lz4", None)
        if supported is None:
            supported = connection._ledgerlink_lz4 = _lz4_supported(cursor)
        if supported:
            cursor.execute("SET LOCAL default_toast_compression = lz4")


def _setter(model_label: str, fields: tuple[str, ...], method: str) -> Callable[..., None]:
    def apply(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            if not _lz4_supported(cursor):
                return
        model = apps.get_model(model_label)
        quote = schema_editor.quote_name
        for name in fields:
            column = model._meta.get_field(name).column
            schema_editor.execute(
                f"ALTER TABLE {quote(model._meta.db_table)} "
                f"ALTER COLUMN {quote(column)} SET COMPRESSION {method}"
            )

    return apply


def compress_with_lz4(model_label: str, *fields: str) -> migrations.RunPython:
    """A migration operation: new values of `fields` are compressed with lz4 (pglz on undo)."""
    return migrations.RunPython(
        _setter(model_label, fields, "lz4"), _setter(model_label, fields, "pglz")
    )

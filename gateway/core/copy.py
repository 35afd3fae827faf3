"""COPY rows into a table in PostgreSQL's binary format (a sync's bulk writes).

The text format makes both sides walk every character of every value: psycopg escapes the
tabs, newlines and backslashes of each 2-KB JSON document and the server unescapes them again.
In binary each value goes as its length and bytes (numbers, dates and ids in their internal
form), so neither side scans the documents. psycopg must then be told each column's type: read
once per connection from the table itself (`pg_attribute`), so it always matches the schema.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection


def copy_binary(
    table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, into: str | None = None
) -> None:
    """COPY `rows` (values in `columns` order, column names) into `into` (default: `table`);
    `table` gives the column types (`into` may be a temporary table made like it). PostgreSQL
    only; must run in the caller's transaction."""
    quote = connection.ops.quote_name
    target = quote(into or table)
    sql = f"COPY {target} ({', '.join(map(quote, columns))}) FROM STDIN (FORMAT BINARY)"
    types = _type_oids(table, tuple(columns))  # before the COPY: no query can run during it
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        copy.set_types(types)
        write = copy.write_row
        for row in rows:
            write(row)


def _type_oids(table: str, columns: tuple[str, ...]) -> list[int]:
    """The type of each column of `table`, as OIDs, cached on the connection (a new
    connection, e.g. after a migration, reads them again)."""
    held = getattr(connection, "_ledgerlink_copy_types", None)
    if held is None or held[0] is not connection.connection:
        held = connection._ledgerlink_copy_types = (connection.connection, {})
    cache = held[1]
    key = (table, columns)
    oids = cache.get(key)
    if oids is None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attname, atttypid FROM pg_attribute "
                "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
                [connection.ops.quote_name(table)],
            )
            types = dict(cursor.fetchall())
        oids = cache[key] = [types[column] for column in columns]
    return oids

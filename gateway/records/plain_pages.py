"""Rows of an unfiltered list page in `seq` order, by SQL written once per shape.

The common list call (no filter, no `order_by`) is one indexed range scan of `record_page`.
Building that query through the ORM on every call cost more CPU than running it, so each
shape (columns, direction, bound or not, deleted records or not) is written once per process
and only the values change; PostgreSQL plans it once per connection
(`gateway.core.prepared`). The result is what `gateway.core.cursor.paginate` would fetch
from the equivalent queryset.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.db import connection

from gateway.core.prepared import prepared_cursor
from gateway.records.models import Record


@functools.cache
def _sql(
    vendor: str, fields: tuple[str, ...], forward: bool, bounded: bool, include_deleted: bool
) -> str:
    meta = Record._meta
    quote = connection.ops.quote_name

    def column(name: str) -> str:
        return quote(meta.get_field(name).column)

    where = [f"{column('linked_account')} = %s", f"{column('model')} = %s"]
    if not include_deleted:
        where.append(f"{column('remote_was_deleted')} = %s")
    if bounded:
        where.append(f"{column('seq')} {'>' if forward else '<'} %s")
    return (
        f"SELECT {', '.join(column(f) for f in ('seq', *fields))} "  # noqa: S608
        f"FROM {quote(meta.db_table)} WHERE {' AND '.join(where)} "
        f"ORDER BY {column('seq')} {'ASC' if forward else 'DESC'} LIMIT %s"
    )


def fetcher(
    account_id, model: str, fields: tuple[str, ...], include_deleted: bool
) -> Callable[[bool, int | None, int], list]:
    """`fetch(forward, bound, limit)` for `gateway.core.cursor.paginate_with`."""
    account = Record._meta.get_field("linked_account").get_db_prep_value(account_id, connection)

    def fetch(forward: bool, bound: int | None, limit: int) -> list:
        params: list = [account, model]
        if not include_deleted:
            params.append(False)
        if bound is not None:
            params.append(bound)
        params.append(limit)
        sql = _sql(connection.vendor, fields, forward, bound is not None, include_deleted)
        with prepared_cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return fetch

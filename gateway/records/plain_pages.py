"""Rows of an unfiltered list page in `seq` order, by SQL written once per shape.

The common list call (no filter, no `order_by`) is one indexed range scan of `record_page`.
Building that query through the ORM on every call cost more CPU than running it, so each
shape (model, columns, direction, bound or not, deleted records or not, page size) is written
once per process and only the account and the bound are values. That split matters to
PostgreSQL: a prepared statement (`gateway.core.prepared`) whose model, flag and `LIMIT` were
parameters was planned anew on every call (a plan for an unknown `LIMIT` always looked costlier
than a custom one, so the generic plan was never kept; planning cost more than running it);
with them written in, the connection plans it once. The result is what
`gateway.core.cursor.paginate` would fetch from the equivalent queryset.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from django.db import connection

from gateway.accounts.models import LinkedAccount
from gateway.core.prepared import prepared_cursor
from gateway.records.models import Record

#: Statement texts kept per process (page sizes are the caller's: bounded, not one per call).
_SHAPES = 512
_MODEL_NAME = re.compile(r"[a-z][a-z_]*")


def _model_literal(model: str) -> str:
    """A catalogue model's name as an SQL string literal (names are lowercase identifiers)."""
    if not _MODEL_NAME.fullmatch(model):
        raise ValueError(f"not a model name: {model!r}")
    return f"'{model}'"


@functools.lru_cache(maxsize=_SHAPES)
def _sql(
    vendor: str,
    model: str,
    fields: tuple[str, ...],
    forward: bool,
    bounded: bool,
    include_deleted: bool,
    limit: int,
) -> str:
    meta = Record._meta
    quote = connection.ops.quote_name

    def column(name: str) -> str:
        return quote(meta.get_field(name).column)

    return (
        f"SELECT {', '.join(column(f) for f in ('seq', *fields))} "  # noqa: S608
        f"FROM {quote(meta.db_table)} "
        f"{_page_where(column, model, forward, bounded, include_deleted, limit)}"
    )


def _page_where(
    column: Callable[[str], str],
    model: str,
    forward: bool,
    bounded: bool,
    include_deleted: bool,
    limit: int,
    *conditions: str,
) -> str:
    """WHERE (the account's rows of the model, past the bound), ORDER BY and LIMIT of a page."""
    where = [
        *conditions,
        f"{column('linked_account')} = %s",
        f"{column('model')} = {_model_literal(model)}",
    ]
    if not include_deleted:
        where.append(f"{column('remote_was_deleted')} = FALSE")
    if bounded:
        where.append(f"{column('seq')} {'>' if forward else '<'} %s")
    return (
        f"WHERE {' AND '.join(where)} "
        f"ORDER BY {column('seq')} {'ASC' if forward else 'DESC'} LIMIT {int(limit)}"
    )


def fetcher(
    account_id, model: str, fields: tuple[str, ...], include_deleted: bool
) -> Callable[[bool, int | None, int], list]:
    """`fetch(forward, bound, limit)` for `gateway.core.cursor.paginate_with`."""
    account = Record._meta.get_field("linked_account").get_db_prep_value(account_id, connection)

    def fetch(forward: bool, bound: int | None, limit: int) -> list:
        params: list = [account]
        if bound is not None:
            params.append(bound)
        sql = _sql(
            connection.vendor, model, fields, forward, bound is not None, include_deleted, limit
        )
        with prepared_cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return fetch


@functools.lru_cache(maxsize=_SHAPES)
def _owned_sql(vendor: str, model: str, forward: bool, bounded: bool, limit: int) -> tuple:
    """The page's (seq, document) rows joined to the account's provider and `last_sync_at`, when
    the account is the customer's; with the converters of `last_sync_at` (text on SQLite)."""
    meta, accounts = Record._meta, LinkedAccount._meta
    quote = connection.ops.quote_name

    def column(name: str) -> str:
        return f"r.{quote(meta.get_field(name).column)}"

    def account(name: str) -> str:
        return f"a.{quote(accounts.get_field(name).column)}"

    owned = f"{account('customer')} = %s"
    sql = (
        f"SELECT {column('seq')}, {column('document')}, {account('provider')}, "  # noqa: S608
        f"{account('last_sync_at')} FROM {quote(meta.db_table)} r "
        f"JOIN {quote(accounts.db_table)} a ON {account('id')} = {column('linked_account')} "
        f"{_page_where(column, model, forward, bounded, False, limit, owned)}"
    )
    field = accounts.get_field("last_sync_at")
    col = field.get_col(accounts.db_table)
    return sql, (col, connection.ops.get_db_converters(col) + col.get_db_converters(connection))


def owned_fetcher(
    account_id, customer_id, model: str
) -> tuple[Callable[[bool, int | None, int], list], Callable[[], LinkedAccount | None]]:
    """`fetch` as `fetcher` gives it (documents, deleted records left out) for an account given
    by id, reading the account with the page in one statement when it is the customer's; and
    `account()`, that account (id, customer, provider, `last_sync_at`) once a fetch returned
    rows. An empty page tells nothing: the caller reads the account itself."""
    ids = LinkedAccount._meta
    account = ids.pk.get_db_prep_value(account_id, connection)
    customer = ids.get_field("customer").get_db_prep_value(customer_id, connection)
    found: list[LinkedAccount | None] = [None]

    def fetch(forward: bool, bound: int | None, limit: int) -> list:
        sql, (col, converters) = _owned_sql(
            connection.vendor, model, forward, bound is not None, limit
        )
        params = [customer, account, *([bound] if bound is not None else [])]
        with prepared_cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if rows:
            _, _, provider, last_sync_at = rows[0]
            for convert in converters:
                last_sync_at = convert(last_sync_at, col, connection)
            found[0] = LinkedAccount(
                id=account_id, customer_id=customer_id, provider=provider, last_sync_at=last_sync_at
            )
        return rows

    return fetch, lambda: found[0]

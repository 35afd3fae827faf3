"""A database cursor whose statements PostgreSQL plans once per connection.

Django sends every query as text with its values inlined (client-side binding) and leaves
psycopg's prepared statements off, so PostgreSQL plans each query anew: for a list page over
the records table and its fifteen indexes that planning cost more than running the query. The
few statements every API call runs (the linked account, the unfiltered page) are written once
(`gateway.accounts.selectors`, `gateway.records.plain_pages`) and go through this cursor:
bound server-side and prepared, so each connection parses them once and, their shapes written
in (`gateway.records.plain_pages`), plans them once. Other databases, and
`DATABASE_PREPARED_STATEMENTS=false` (a transaction-mode pooler that cannot keep prepared
statements), get Django's ordinary cursor.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator

from django.conf import settings
from django.db import connection

#: psycopg prepares a statement after this many executions unasked: never, in effect (Django's
#: own cursors bind client-side and are not prepared); this cursor asks for it every time.
_BY_REQUEST_ONLY = 2**31 - 1


@contextlib.contextmanager
def prepared_cursor() -> Iterator:
    if connection.vendor != "postgresql" or not settings.DATABASE_PREPARED_STATEMENTS:
        with connection.cursor() as cursor:
            yield cursor
        return
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        # Django opens psycopg connections with preparation off, which psycopg applies to
        # `prepare=True` too: without this the statements were sent unnamed, planned each time.
        raw.prepare_threshold = _BY_REQUEST_ONLY
    with connection.wrap_database_errors:
        cursor = connection._prepare_cursor(_preparing_cursor()(raw))
    with cursor:
        yield cursor


@functools.cache
def _preparing_cursor() -> type:
    """Django's server-binding psycopg cursor, preparing every statement it runs (psycopg
    keeps them per connection; Django's `prepare_threshold` stays off for everything else)."""
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparingCursor(ServerBindingCursor):
        def execute(self, query, params=None, **options):
            result = super().execute(query, params, prepare=True, **options)
            if self._query is None and connection.queries_logged:
                # psycopg keeps no query of a prepared execution; Django's query log (DEBUG,
                # CaptureQueriesContext) reads it from there.
                self._query = self._convert_query(query, params)
            return result

    return PreparingCursor

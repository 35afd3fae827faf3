"""The floor for bench/api_read.py: one SQL query for the page plus JSON encoding, bare WSGI.

It serves the same stored documents the gateway serves, with nothing else: no auth, no
framework, no filters. Whatever the gateway costs above this is the gateway's overhead.
"""

from __future__ import annotations

import os

import orjson
import psycopg

_DSN = os.environ["DATABASE_URL"]
_ACCOUNT = os.environ["BENCH_ACCOUNT_ID"]
_QUERY = (
    "SELECT seq, document FROM records_record WHERE linked_account_id = %s "
    "AND model = 'invoice' AND remote_was_deleted = false ORDER BY seq LIMIT 101"
)
_conn: psycopg.Connection | None = None


def _connection() -> psycopg.Connection:
    global _conn
    if _conn is None or _conn.closed:
        _conn = psycopg.connect(_DSN, autocommit=True)
    return _conn


def application(environ, start_response):
    if environ.get("PATH_INFO") == "/healthz":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]
    rows = _connection().execute(_QUERY, (_ACCOUNT,)).fetchall()
    head = orjson.dumps({"next": str(rows[-1][0]) if len(rows) > 100 else None, "previous": None})
    body = b"".join(
        [head[:-1], b',"results":[', ",".join(r[1] for r in rows[:100]).encode(), b"]}"]
    )
    start_response("200 OK", [("Content-Type", "application/json")])
    return [body]

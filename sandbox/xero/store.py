"""SQLite store: records as JSON documents plus indexed columns, and OAuth/app state.

One connection per thread (WAL), writes serialized by a process-wide lock.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

# Indexed columns every record may fill (meaning per kind: see resources.py).
COLUMNS = (
    "status",
    "type",
    "number",
    "name",
    "contact_id",
    "date",
    "due_date",
    "email",
    "amount_due",
    "total",
    "is_customer",
    "is_supplier",
    "reference",
    "code",
)

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS records (
    seq INTEGER PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    doc TEXT NOT NULL,
    lines TEXT,
    updated_ms INTEGER NOT NULL,
    {", ".join(f"{c} {'REAL' if c in ('amount_due', 'total') else 'TEXT'}" for c in COLUMNS)},
    UNIQUE (tenant_id, kind, id)
);
CREATE INDEX IF NOT EXISTS ix_rec_updated ON records (tenant_id, kind, updated_ms, seq);
CREATE INDEX IF NOT EXISTS ix_rec_status ON records (tenant_id, kind, status);
CREATE INDEX IF NOT EXISTS ix_rec_contact ON records (tenant_id, kind, contact_id);
CREATE INDEX IF NOT EXISTS ix_rec_number ON records (tenant_id, kind, number);
CREATE INDEX IF NOT EXISTS ix_rec_name ON records (tenant_id, kind, name COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS ix_rec_date ON records (tenant_id, kind, date);
CREATE TABLE IF NOT EXISTS apps (client_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS grants (id TEXT PRIMARY KEY, client_id TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS connections (
    id TEXT PRIMARY KEY, grant_id TEXT NOT NULL, client_id TEXT NOT NULL,
    tenant_id TEXT NOT NULL, created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS codes (code TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS access_tokens (
    token TEXT PRIMARY KEY, grant_id TEXT NOT NULL, client_id TEXT NOT NULL,
    expires_ms INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS refresh_tokens (
    token TEXT PRIMARY KEY, grant_id TEXT NOT NULL, client_id TEXT NOT NULL,
    created_ms INTEGER NOT NULL, used_ms INTEGER, result TEXT, revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS idempotency (
    client_id TEXT NOT NULL, tenant_id TEXT NOT NULL, key TEXT NOT NULL,
    status INTEGER NOT NULL, body BLOB NOT NULL, content_type TEXT NOT NULL,
    PRIMARY KEY (client_id, tenant_id, key)
);
CREATE TABLE IF NOT EXISTS attachments (
    tenant_id TEXT NOT NULL, collection TEXT NOT NULL, record_id TEXT NOT NULL, id TEXT NOT NULL,
    file_name TEXT NOT NULL, mime_type TEXT NOT NULL, size INTEGER NOT NULL,
    include_online INTEGER, created_ms INTEGER NOT NULL, content BLOB NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX IF NOT EXISTS ix_att_record ON attachments (tenant_id, collection, record_id);
CREATE TABLE IF NOT EXISTS sequences (
    tenant_id TEXT NOT NULL, name TEXT NOT NULL, value INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, name)
);
"""

RESET_TABLES = (
    "records",
    "grants",
    "connections",
    "codes",
    "access_tokens",
    "refresh_tokens",
    "idempotency",
    "sequences",
    "attachments",
)


class Store:
    """Thread-safe access to the sandbox's SQLite file."""

    def __init__(self, path: str) -> None:
        if path != ":memory:" and os.path.dirname(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
        self.path = path
        self.lock = threading.RLock()
        #: One connection per thread, closed when its thread ends (the server starts a thread
        #: per request: keeping them all open ran out of file descriptors after ~6,000 calls).
        self._local = threading.local()
        self.conn().executescript(SCHEMA)

    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute("PRAGMA busy_timeout=10000")
            self._local.conn = conn
        return conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """Serialized write transaction (re-entrant within one thread)."""
        with self.lock:
            conn = self.conn()
            depth = getattr(self._local, "depth", 0)
            if depth == 0:
                conn.execute("BEGIN IMMEDIATE")
            self._local.depth = depth + 1
            try:
                yield conn
            except BaseException:
                self._local.depth = depth
                if depth == 0:
                    conn.execute("ROLLBACK")
                raise
            self._local.depth = depth
            if depth == 0:
                conn.execute("COMMIT")

    def execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        return self.conn().execute(sql, tuple(params))

    def one(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
        return self.conn().execute(sql, tuple(params)).fetchone()

    def all(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        return self.conn().execute(sql, tuple(params)).fetchall()

    def reset(self, keep_apps: bool = True) -> None:
        with self.write() as conn:
            for table in RESET_TABLES + (() if keep_apps else ("apps",)):
                conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names

    # -- records -------------------------------------------------------------

    def get_record(self, tenant_id: str, kind: str, record_id: str) -> sqlite3.Row | None:
        return self.one(
            "SELECT * FROM records WHERE tenant_id=? AND kind=? AND id=?",
            (tenant_id, kind, record_id.lower()),
        )

    def put_record(
        self,
        tenant_id: str,
        kind: str,
        record_id: str,
        doc: str,
        lines: str | None,
        updated_ms: int,
        columns: dict[str, Any],
    ) -> None:
        values = [columns.get(c) for c in COLUMNS]
        names = ", ".join(COLUMNS)
        marks = ", ".join("?" for _ in COLUMNS)
        updates = ", ".join(f"{c}=excluded.{c}" for c in COLUMNS)
        with self.write() as conn:
            conn.execute(
                f"INSERT INTO records (tenant_id, kind, id, doc, lines, updated_ms, {names}) "  # noqa: S608
                f"VALUES (?, ?, ?, ?, ?, ?, {marks}) ON CONFLICT (tenant_id, kind, id) DO UPDATE "
                f"SET doc=excluded.doc, lines=excluded.lines, updated_ms=excluded.updated_ms, "
                f"{updates}",
                (tenant_id, kind, record_id.lower(), doc, lines, updated_ms, *values),
            )

    def bulk_insert(self, rows: Iterable[tuple]) -> None:
        """Insert ``(tenant_id, kind, id, doc, lines, updated_ms, *COLUMNS)`` tuples."""
        names = ", ".join(COLUMNS)
        marks = ", ".join("?" for _ in range(6 + len(COLUMNS)))
        with self.write() as conn:
            conn.executemany(
                f"INSERT OR REPLACE INTO records (tenant_id, kind, id, doc, lines, updated_ms, "  # noqa: S608
                f"{names}) VALUES ({marks})",
                rows,
            )

    def next_sequence(self, tenant_id: str, name: str, start: int = 1) -> int:
        with self.write() as conn:
            row = conn.execute(
                "SELECT value FROM sequences WHERE tenant_id=? AND name=?", (tenant_id, name)
            ).fetchone()
            value = (row["value"] + 1) if row else start
            conn.execute(
                "INSERT INTO sequences (tenant_id, name, value) VALUES (?, ?, ?) "
                "ON CONFLICT (tenant_id, name) DO UPDATE SET value=excluded.value",
                (tenant_id, name, value),
            )
            return value

    def set_sequence(self, tenant_id: str, name: str, value: int) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT INTO sequences (tenant_id, name, value) VALUES (?, ?, ?) "
                "ON CONFLICT (tenant_id, name) DO UPDATE SET value=MAX(value, excluded.value)",
                (tenant_id, name, value),
            )

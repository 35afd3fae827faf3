"""SQLite: the companies' books (JSON documents) and the OAuth state (apps, codes, grants,
tokens). One connection shared by the server's threads under a lock."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS entities (
    realm TEXT NOT NULL, entity TEXT NOT NULL, id INTEGER NOT NULL, doc TEXT NOT NULL,
    PRIMARY KEY (realm, entity, id)
);
CREATE TABLE IF NOT EXISTS tombstones (
    realm TEXT NOT NULL, entity TEXT NOT NULL, id INTEGER NOT NULL, deleted_at TEXT NOT NULL,
    PRIMARY KEY (realm, entity, id)
);
CREATE TABLE IF NOT EXISTS files (
    realm TEXT NOT NULL, id INTEGER NOT NULL, content BLOB NOT NULL, PRIMARY KEY (realm, id)
);
CREATE TABLE IF NOT EXISTS apps (
    client_id TEXT PRIMARY KEY, client_secret TEXT NOT NULL, name TEXT NOT NULL,
    redirect_uris TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS webhooks (
    client_id TEXT PRIMARY KEY, url TEXT, verifier_token TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT 'classic'
);
CREATE TABLE IF NOT EXISTS codes (
    code TEXT PRIMARY KEY, client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL,
    realm TEXT NOT NULL, scope TEXT NOT NULL, challenge TEXT, method TEXT,
    expires REAL NOT NULL, used INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS grants (
    id TEXT PRIMARY KEY, client_id TEXT NOT NULL, realm TEXT NOT NULL, scope TEXT NOT NULL,
    created REAL NOT NULL, revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS access_tokens (
    token TEXT PRIMARY KEY, grant_id TEXT NOT NULL, expires REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS refresh_tokens (
    token TEXT PRIMARY KEY, grant_id TEXT NOT NULL, expires REAL NOT NULL,
    rotated INTEGER NOT NULL DEFAULT 0
);
"""


def _key(entity_id: Any) -> int | str:
    """The ``id`` column's value: QuickBooks ids are digits (stored as integers, so they sort as
    numbers), except a few fixed ones such as a US company's ``TAX``/``NON`` tax codes (text)."""
    text = str(entity_id)
    return int(text) if text.isdigit() else text


#: ``(realm, entity, id, operation, LastUpdatedTime or None)`` after each change to the books.
ChangeListener = Callable[[str, str, str, str, "str | None"], None]


def _voided(doc: dict[str, Any] | None) -> bool:
    return bool(doc) and str(doc.get("PrivateNote") or "").startswith("Voided")


class Store:
    """``on_change`` (None while seeding) hears of every record written one by one (``put``:
    Create, Update, or Void when the record became voided) or removed (``remove``: Delete);
    ``put_many`` is the seed's bulk load and is not reported."""

    on_change: ChangeListener | None = None

    def __init__(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = str(path)
        self.db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)
        self.lock = threading.RLock()

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    def query(self, sql: str, *args: Any) -> list[sqlite3.Row]:
        with self.lock:
            return self.db.execute(sql, args).fetchall()

    def one(self, sql: str, *args: Any) -> sqlite3.Row | None:
        with self.lock:
            return self.db.execute(sql, args).fetchone()

    # -- books ----------------------------------------------------------------------------------
    def docs(self, realm: str, entity: str) -> list[dict[str, Any]]:
        rows = self.query(
            "SELECT doc FROM entities WHERE realm = ? AND entity = ? ORDER BY id", realm, entity
        )
        return [json.loads(r["doc"]) for r in rows]

    def doc(self, realm: str, entity: str, entity_id: str) -> dict[str, Any] | None:
        row = self.one(
            "SELECT doc FROM entities WHERE realm = ? AND entity = ? AND id = ?",
            realm,
            entity,
            _key(entity_id),
        )
        return json.loads(row["doc"]) if row else None

    def put(self, realm: str, entity: str, doc: dict[str, Any]) -> None:
        with self.lock:
            listener = self.on_change
            before = self.doc(realm, entity, doc["Id"]) if listener else None
            self.db.execute(
                "INSERT OR REPLACE INTO entities (realm, entity, id, doc) VALUES (?, ?, ?, ?)",
                (realm, entity, _key(doc["Id"]), json.dumps(doc, separators=(",", ":"))),
            )
            if listener:
                if before is None:
                    operation = "Create"
                elif _voided(doc) and not _voided(before):
                    operation = "Void"
                else:
                    operation = "Update"
                stamp = (doc.get("MetaData") or {}).get("LastUpdatedTime")
                listener(realm, entity, str(doc["Id"]), operation, stamp)

    def put_many(self, realm: str, entity: str, docs: list[dict[str, Any]]) -> None:
        with self.lock:
            self.db.executemany(
                "INSERT OR REPLACE INTO entities (realm, entity, id, doc) VALUES (?, ?, ?, ?)",
                [
                    (realm, entity, _key(d["Id"]), json.dumps(d, separators=(",", ":")))
                    for d in docs
                ],
            )

    def remove(self, realm: str, entity: str, entity_id: str, deleted_at: str) -> bool:
        """Delete a record; a tombstone (QuickBooks timestamp) keeps it for change data capture."""
        with self.lock:
            cur = self.db.execute(
                "DELETE FROM entities WHERE realm = ? AND entity = ? AND id = ?",
                (realm, entity, _key(entity_id)),
            )
            if cur.rowcount:
                self.db.execute(
                    "INSERT OR REPLACE INTO tombstones (realm, entity, id, deleted_at) "
                    "VALUES (?, ?, ?, ?)",
                    (realm, entity, _key(entity_id), deleted_at),
                )
                if self.on_change:
                    self.on_change(realm, entity, str(entity_id), "Delete", deleted_at)
            return cur.rowcount > 0

    def tombstones(self, realm: str, entity: str) -> list[tuple[str, str]]:
        """(id, deleted at) of the entity's deleted records, oldest id first."""
        rows = self.query(
            "SELECT id, deleted_at FROM tombstones WHERE realm = ? AND entity = ? ORDER BY id",
            realm,
            entity,
        )
        return [(str(r["id"]), r["deleted_at"]) for r in rows]

    def next_id(self, realm: str, entity: str) -> str:
        row = self.one(
            "SELECT COALESCE(MAX(id), 0) + 1 AS n FROM entities "
            "WHERE realm = ? AND entity = ? AND typeof(id) = 'integer'",
            realm,
            entity,
        )
        return str(row["n"] if row else 1)

    def wipe(self, *, books: bool = True, oauth: bool = True) -> None:
        with self.lock:
            if books:
                self.db.execute("DELETE FROM entities")
                self.db.execute("DELETE FROM tombstones")
                self.db.execute("DELETE FROM files")
            if oauth:
                for table in (
                    "codes",
                    "grants",
                    "access_tokens",
                    "refresh_tokens",
                    "apps",
                    "webhooks",
                ):
                    self.db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names

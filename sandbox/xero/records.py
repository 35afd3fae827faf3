"""Read and write whole Xero records (the JSON document, with LineItems kept apart)."""

from __future__ import annotations

import sqlite3

from .jsonutil import dumps, dumps_str, loads
from .resources import Resource
from .store import COLUMNS, Store

EMPTY_LINES = "[]"


def split_doc(resource: Resource, doc: dict) -> tuple[str, str | None, dict]:
    """Serialize ``doc`` as (document text without LineItems, lines text, columns)."""
    body = dict(doc)
    lines = None
    if resource.has_lines:
        lines = dumps_str(body.pop("LineItems", []) or [])
    return dumps_str(body), lines, resource.columns(doc)


def row_tuple(resource: Resource, tenant_id: str, doc: dict, updated_ms: int) -> tuple:
    """A ``Store.bulk_insert`` row for ``doc``."""
    text, lines, columns = split_doc(resource, doc)
    record_id = str(doc[resource.id_field]).lower()
    return (
        tenant_id,
        resource.kind,
        record_id,
        text,
        lines,
        updated_ms,
        *(columns.get(c) for c in COLUMNS),
    )


def row_json(row: sqlite3.Row, with_lines: bool = True) -> bytes:
    """The stored record as JSON bytes; LineItems spliced in (or ``[]``) without re-parsing."""
    doc = row["doc"]
    lines = row["lines"]
    if lines is None:
        return doc.encode()
    lines = lines if with_lines else EMPTY_LINES
    sep = "," if len(doc) > 2 else ""
    return f'{doc[:-1]}{sep}"LineItems":{lines}}}'.encode()


def row_doc(row: sqlite3.Row) -> dict:
    """The stored record as a dict (Decimal money)."""
    doc = loads(row["doc"])
    if row["lines"] is not None:
        doc["LineItems"] = loads(row["lines"])
    return doc


class Records:
    """Record access for one tenant."""

    def __init__(self, store: Store, tenant_id: str) -> None:
        self.store = store
        self.tenant_id = tenant_id

    def row(self, resource: Resource, record_id: str) -> sqlite3.Row | None:
        return self.store.get_record(self.tenant_id, resource.kind, record_id)

    def get(self, resource: Resource, record_id: str) -> dict | None:
        row = self.row(resource, str(record_id))
        return row_doc(row) if row else None

    def by_column(self, resource: Resource, column: str, value: str) -> list[sqlite3.Row]:
        assert column in COLUMNS
        return self.store.all(
            f"SELECT * FROM records WHERE tenant_id=? AND kind=? AND {column}=? COLLATE NOCASE "  # noqa: S608
            "ORDER BY seq",
            (self.tenant_id, resource.kind, value),
        )

    def all_docs(self, resource: Resource) -> list[dict]:
        rows = self.store.all(
            "SELECT * FROM records WHERE tenant_id=? AND kind=? ORDER BY seq",
            (self.tenant_id, resource.kind),
        )
        return [row_doc(r) for r in rows]

    def save(self, resource: Resource, doc: dict, updated_ms: int) -> None:
        text, lines, columns = split_doc(resource, doc)
        self.store.put_record(
            self.tenant_id,
            resource.kind,
            str(doc[resource.id_field]),
            text,
            lines,
            updated_ms,
            columns,
        )


__all__ = ["Records", "dumps", "row_doc", "row_json", "row_tuple", "split_doc"]

"""Building the stored document (exactly what the API returns) from a connector's record."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from gateway.core import jsonutil
from gateway.records.ids import record_id
from gateway.records.references import fill_references
from unified_models import CATALOGUE, UnifiedRecord


@dataclass(frozen=True)
class Prepared:
    """A connector record turned into what the store writes, minus the timestamps."""

    id: UUID
    model: str
    remote_id: str
    body: dict[str, Any]  # unified fields with references filled; no id/timestamps
    remote_data: bytes | None
    content_hash: str
    columns: dict[str, Any]


def _parse_date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _uuid(value: Any) -> UUID | None:
    return UUID(value) if isinstance(value, str) and value else None


def _parse_datetime(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def prepare(model: str, account_id: UUID, record: UnifiedRecord) -> Prepared:
    entry = CATALOGUE[model]
    body = record.model_dump(mode="json", exclude={"remote_data"})
    fill_references(model, account_id, body)
    remote_data = jsonutil.dumps(record.remote_data) if record.remote_data is not None else None
    digest = hashlib.blake2b(digest_size=16)
    digest.update(jsonutil.dumps(body, sort_keys=True))
    digest.update(remote_data or b"")
    rid = record_id(account_id, model, record.remote_id)
    return Prepared(
        id=rid,
        model=model,
        remote_id=record.remote_id,
        body=body,
        remote_data=remote_data,
        content_hash=digest.hexdigest(),
        columns={
            "type": body.get(entry.column_source("type")) or "",
            "status": body.get(entry.column_source("status")) or "",
            "contact_id": _uuid(body.get(entry.column_source("contact_id"))),
            "issue_date": _parse_date(body.get(entry.column_source("issue_date"))),
            "remote_updated_at": _parse_datetime(body.get("remote_updated_at")),
            "remote_was_deleted": bool(body.get("remote_was_deleted")),
        },
    )


def render(prepared: Prepared, created_at: datetime, modified_at: datetime) -> str:
    document = {
        "id": str(prepared.id),
        **prepared.body,
        "created_at": created_at,
        "modified_at": modified_at,
    }
    return jsonutil.dumps(document).decode("utf-8")

"""Building the stored document (exactly what the API returns) from a connector's record."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
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


#: The widest amount the decimal columns hold (40 digits, 10 after the point).
_AMOUNT_LIMIT = Decimal(10) ** 30


def _amount(value: Any) -> Decimal | None:
    """A money field as the column holds it; one too wide to hold is left out (a filter then
    treats the record as having none) rather than failing the write."""
    if value is None or isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and abs(amount) < _AMOUNT_LIMIT else None


def _text(value: Any, limit: int) -> str | None:
    return value[:limit] if isinstance(value, str) and value else None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def search_text(fields: tuple[str, ...], body: dict[str, Any]) -> str:
    """The `search` column: the fields' text, lower-cased, one per line."""
    return "\n".join(str(body[f]).lower() for f in fields if body.get(f) not in (None, ""))


def store_columns(model: str, body: dict[str, Any]) -> dict[str, Any]:
    """The typed store columns of a record (what filters and `order_by` use), from its document
    as the catalogue entry says."""
    entry = CATALOGUE[model]
    sources = entry.column_sources

    def source(column: str) -> Any:
        return body.get(sources[column])

    return {
        "type": source("type") or "",
        "status": source("status") or "",
        "contact_id": _uuid(source("contact_id")),
        "issue_date": _parse_date(source("issue_date")),
        "due_date": _parse_date(source("due_date")),
        "total_amount": _amount(source("total_amount")),
        "balance": _amount(source("balance")),
        "currency": _text(source("currency"), 10) or "",
        "number": _text(source("number"), 200),
        "name": _text(source("name"), 300),
        "is_customer": _flag(source("is_customer")),
        "is_supplier": _flag(source("is_supplier")),
        "search": search_text(entry.search, body),
        "remote_updated_at": _parse_datetime(body.get("remote_updated_at")),
        "remote_was_deleted": bool(body.get("remote_was_deleted")),
    }


def prepare(model: str, account_id: UUID, record: UnifiedRecord) -> Prepared:
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
        columns=store_columns(model, body),
    )


def render(prepared: Prepared, created_at: datetime, modified_at: datetime) -> str:
    document = {
        "id": str(prepared.id),
        **prepared.body,
        "created_at": created_at,
        "modified_at": modified_at,
    }
    return jsonutil.dumps(document).decode("utf-8")

"""Building the stored document (exactly what the API returns) from a connector's record."""

from __future__ import annotations

import functools
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
    get = body.get
    (
        type_,
        status,
        contact_id,
        issue_date,
        due_date,
        total_amount,
        balance,
        currency,
        number,
        name,
        is_customer,
        is_supplier,
    ) = (get(field) for field in _sources(model))
    return {
        "type": type_ or "",
        "status": status or "",
        "contact_id": _uuid(contact_id),
        "issue_date": _parse_date(issue_date),
        "due_date": _parse_date(due_date),
        "total_amount": _amount(total_amount),
        "balance": _amount(balance),
        "currency": _text(currency, 10) or "",
        "number": _text(number, 200),
        "name": _text(name, 300),
        "is_customer": _flag(is_customer),
        "is_supplier": _flag(is_supplier),
        "search": search_text(entry.search, body),
        "remote_updated_at": _parse_datetime(get("remote_updated_at")),
        "remote_was_deleted": bool(get("remote_was_deleted")),
    }


#: The store's typed columns filled from a document's fields (issue 18's filters).
COLUMNS_FROM_DOCUMENT = (
    "type",
    "status",
    "contact_id",
    "issue_date",
    "due_date",
    "total_amount",
    "balance",
    "currency",
    "number",
    "name",
    "is_customer",
    "is_supplier",
)


@functools.cache
def _sources(model: str) -> tuple[str | None, ...]:
    """The document field filling each of `COLUMNS_FROM_DOCUMENT` (None: no field does)."""
    sources = CATALOGUE[model].column_sources
    return tuple(sources.get(column) for column in COLUMNS_FROM_DOCUMENT)


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

"""Store lookups for reports: Ledgerlink ids ↔ provider ids of the account's records."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from gateway.accounts.models import LinkedAccount
from gateway.records.models import Record
from gateway.records.selectors import find_remote_id

__all__ = ["fill_record_ids", "remote_id_or_none"]

#: Row field holding a provider id → (the field the gateway fills, the model it names).
_ROW_REFERENCES = {
    "account_remote_id": ("account", "account"),
    "contact_remote_id": ("contact", "contact"),
}


def remote_id_or_none(account: LinkedAccount, model: str, record_id: str) -> str | None:
    return find_remote_id(account, model, record_id)


def _walk(rows: Iterable[dict[str, Any]]):
    stack = list(rows)
    while stack:
        row = stack.pop()
        yield row
        stack.extend(row.get("rows") or ())


def fill_record_ids(account: LinkedAccount, rows: list[dict[str, Any]]) -> None:
    """Set each row's `account` / `contact` to the Ledgerlink id of the stored record its
    provider id names (None when the account has no such record stored yet): one query for the
    whole report, whatever its size."""
    wanted: dict[str, set[str]] = {model: set() for _, model in _ROW_REFERENCES.values()}
    for row in _walk(rows):
        for remote_field, (_, model) in _ROW_REFERENCES.items():
            if row.get(remote_field):
                wanted[model].add(row[remote_field])
    found: dict[tuple[str, str], str] = {}
    if any(wanted.values()):
        condition = Q()
        for model, remote_ids in wanted.items():
            if remote_ids:
                condition |= Q(model=model, remote_id__in=sorted(remote_ids))
        found = {
            (model, remote_id): str(record_id)
            for model, remote_id, record_id in Record.objects.filter(
                condition, linked_account=account
            ).values_list("model", "remote_id", "id")
        }
    for row in _walk(rows):
        for remote_field, (leaf, model) in _ROW_REFERENCES.items():
            remote_id = row.get(remote_field)
            row[leaf] = found.get((model, remote_id)) if remote_id else None

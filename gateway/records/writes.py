"""Writes: validate, write to the provider through the connector, then store (read-after-write)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import orjson
from pydantic import ValidationError as PydanticValidationError

from connectors.errors import Conflict
from gateway.accounts.connections import connector_for, missing_scope_reason
from gateway.accounts.models import LinkedAccount
from gateway.core.errors import (
    InvalidRequest,
    ScopeNotGranted,
    StaleWrite,
    UnknownReference,
    pydantic_error,
)
from gateway.records.ids import record_id
from gateway.records.models import Record
from gateway.records.selectors import find_remote_ids
from gateway.records.store import mark_deleted, upsert_records
from unified_models import (
    CATALOGUE,
    INPUT_MODELS,
    LIMIT_ERRORS,
    Reference,
    UnifiedInput,
    UnifiedModel,
)


def parse_input(model: str, body: Any) -> UnifiedInput:
    if not isinstance(body, dict):
        raise InvalidRequest("The body must be a JSON object.")
    try:
        data = INPUT_MODELS[model].model_validate(body)
    except PydanticValidationError as exc:
        raise pydantic_error(exc, LIMIT_ERRORS) from exc
    return data


def _input_holders(node: Any, segments: tuple[str, ...], where: str):
    """(object, field path) of each input object holding a reference's field."""
    if isinstance(node, list):
        for index, element in enumerate(node):
            yield from _input_holders(element, segments, f"{where}[{index}]")
        return
    if not isinstance(node, UnifiedModel):
        return
    if not segments:
        yield node, where
        return
    head = segments[0]
    if head in type(node).model_fields:
        yield from _input_holders(getattr(node, head), segments[1:], _join(where, head))


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def _target(reference: Reference, holder: UnifiedModel) -> str:
    if reference.by is None:
        return reference.model
    kind = getattr(holder, reference.by, None)
    return reference.target({reference.by: getattr(kind, "value", kind)})


def resolve_references(account: LinkedAccount, model: str, data: UnifiedInput) -> None:
    """Ledgerlink ids in a write body → the provider ids connectors work with (one query per
    target model, however many lines refer). Every unknown id (never synced, or another
    account's) is refused at once, with its field."""
    wanted: list[tuple[Any, str, Any, str, str]] = []  # holder, where, reference, target, id
    for reference in CATALOGUE[model].references:
        for holder, where in _input_holders(data, reference.segments[:-1], ""):
            leaf, remote = reference.leaf, reference.remote_field
            fields = type(holder).model_fields
            if leaf not in fields or remote not in fields or reference.many:
                continue
            gateway_id = getattr(holder, leaf)
            if leaf not in holder.model_fields_set or not gateway_id:
                continue
            wanted.append((holder, where, reference, _target(reference, holder), gateway_id))
    found = find_remote_ids(account, [(target, gid) for *_, target, gid in wanted])
    unknown: list[dict[str, str]] = []
    for holder, where, reference, target, gateway_id in wanted:
        remote_id = found.get((target, gateway_id))
        if remote_id is None:
            label = target.replace("_", " ")
            unknown.append({"field": _join(where, reference.leaf), "message": f"No such {label}."})
            continue
        setattr(holder, reference.remote_field, remote_id)
        holder.model_fields_set.add(reference.remote_field)
    if unknown:
        raise UnknownReference(details=unknown)


def _stored_document(account: LinkedAccount, model: str, remote_id: str) -> str:
    return Record.objects.values_list("document", flat=True).get(
        id=record_id(account.id, model, remote_id)
    )


def require_permission(account: LinkedAccount, model: str, operation: str) -> None:
    """Refuse, before the provider is called, a write the account's consent does not cover."""
    reason = missing_scope_reason(account, model, operation)
    if reason is not None:
        raise ScopeNotGranted(reason)


@contextmanager
def _stale_writes_refused(account: LinkedAccount, model: str) -> Iterator[None]:
    """A write the provider refused because the record changed meanwhile (another user or
    process wrote first): nothing was written; the record as it now is gets stored and the
    caller gets a 409 naming its ``modified_at``, to read it again and retry."""
    try:
        yield
    except Conflict as exc:
        current = exc.current
        if current is None or current.remote_id is None:
            raise StaleWrite(None) from exc
        upsert_records(account, model, [current])
        document = Record.objects.values_list("document", flat=True).get(
            id=record_id(account.id, model, current.remote_id)
        )
        raise StaleWrite(_modified_at(document)) from exc


def _modified_at(document: Any) -> str | None:
    if isinstance(document, str | bytes):
        document = orjson.loads(document)
    return document.get("modified_at") if isinstance(document, dict) else None


def create(account: LinkedAccount, model: str, body: Any, idempotency_key: str | None) -> str:
    require_permission(account, model, "create")
    data = parse_input(model, body)
    resolve_references(account, model, data)
    missing = data.missing_for_create()
    if missing:
        raise InvalidRequest(
            details=[{"field": f, "message": "This field is required."} for f in missing]
        )
    record = connector_for(account).create(model, data, idempotency_key=idempotency_key)
    upsert_records(account, model, [record])
    return _stored_document(account, model, record.remote_id)


def update(account: LinkedAccount, model: str, remote_id: str, body: Any) -> str:
    require_permission(account, model, "update")
    data = parse_input(model, body)
    if not data.model_fields_set:
        raise InvalidRequest("The body changes no field.")
    resolve_references(account, model, data)
    with _stale_writes_refused(account, model):
        record = connector_for(account).update(model, remote_id, data)
    upsert_records(account, model, [record])
    return _stored_document(account, model, record.remote_id)


def delete(account: LinkedAccount, model: str, remote_id: str) -> str:
    require_permission(account, model, "delete")
    with _stale_writes_refused(account, model):
        record = connector_for(account).delete(model, remote_id)
    if record is None:
        mark_deleted(account, model, remote_id)
    else:
        upsert_records(account, model, [record])
    return _stored_document(account, model, remote_id)

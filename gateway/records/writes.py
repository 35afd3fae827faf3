"""Writes: validate, write to the provider through the connector, then store (read-after-write)."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError as PydanticValidationError

from gateway.accounts.connections import connector_for, missing_scope_reason
from gateway.accounts.models import LinkedAccount
from gateway.core.errors import InvalidRequest, ScopeNotGranted, pydantic_error
from gateway.records.ids import record_id
from gateway.records.models import Record
from gateway.records.references import RELATED_MODEL_BY_TYPE
from gateway.records.selectors import find_remote_id
from gateway.records.store import mark_deleted, upsert_records
from unified_models import INPUT_MODELS, LIMIT_ERRORS, UnifiedInput


def parse_input(model: str, body: Any) -> UnifiedInput:
    if not isinstance(body, dict):
        raise InvalidRequest("The body must be a JSON object.")
    try:
        data = INPUT_MODELS[model].model_validate(body)
    except PydanticValidationError as exc:
        raise pydantic_error(exc, LIMIT_ERRORS) from exc
    return data


def _remote_id_of(account: LinkedAccount, model: str, gateway_id: str, field: str) -> str:
    remote_id = find_remote_id(account, model, gateway_id)
    if remote_id is None:
        raise InvalidRequest(details=[{"field": field, "message": f"No such {model}."}])
    return remote_id


def resolve_references(account: LinkedAccount, model: str, data: UnifiedInput) -> None:
    """Gateway ids in a write body → the provider ids connectors work with."""
    fields = data.model_fields_set
    if "contact" in fields and data.contact:
        data.contact_remote_id = _remote_id_of(account, "contact", data.contact, "contact")
        data.model_fields_set.add("contact_remote_id")
    if "account" in fields and getattr(data, "account", None):
        data.account_remote_id = _remote_id_of(account, "account", data.account, "account")
        data.model_fields_set.add("account_remote_id")
    for index, applied in enumerate(getattr(data, "applied_to", None) or []):
        if applied.related_object_id:
            related = RELATED_MODEL_BY_TYPE.get(applied.related_object_type.value, "invoice")
            applied.related_object_remote_id = _remote_id_of(
                account,
                related,
                applied.related_object_id,
                f"applied_to[{index}].related_object_id",
            )
            applied.model_fields_set.add("related_object_remote_id")


def _stored_document(account: LinkedAccount, model: str, remote_id: str) -> str:
    return Record.objects.values_list("document", flat=True).get(
        id=record_id(account.id, model, remote_id)
    )


def require_permission(account: LinkedAccount, model: str, operation: str) -> None:
    """Refuse, before the provider is called, a write the account's consent does not cover."""
    reason = missing_scope_reason(account, model, operation)
    if reason is not None:
        raise ScopeNotGranted(reason)


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
    record = connector_for(account).update(model, remote_id, data)
    upsert_records(account, model, [record])
    return _stored_document(account, model, record.remote_id)


def delete(account: LinkedAccount, model: str, remote_id: str) -> str:
    require_permission(account, model, "delete")
    record = connector_for(account).delete(model, remote_id)
    if record is None:
        mark_deleted(account, model, remote_id)
    else:
        upsert_records(account, model, [record])
    return _stored_document(account, model, remote_id)

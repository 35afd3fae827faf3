"""Record actions: ``POST /v1/<plural>/{id}/<action>``, one per ``Action`` of a catalogue entry
(credit notes: ``allocations``). Generic: the entry declares the body, the references and the
checks made before the provider is called; the connector performs it (``perform_action``) and
returns the records it changed, which are stored like any write (their events follow). The
answer is the acted-on record as stored."""

from __future__ import annotations

import functools
import json
from typing import Any

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from pydantic import ValidationError as PydanticValidationError
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.request import Request
from rest_framework.views import APIView

from gateway.accounts.connections import connector_for
from gateway.accounts.selectors import linked_account_from_header
from gateway.core import idempotency
from gateway.core.errors import (
    BeyondProviderLimits,
    InvalidRequest,
    UnknownReference,
    pydantic_error,
)
from gateway.core.openapi import provider_error_responses
from gateway.records.models import Record
from gateway.records.schemas import IDEMPOTENCY_HEADER, LINKED_ACCOUNT_HEADER, record_schema
from gateway.records.selectors import find_remote_id, remote_id_of
from gateway.records.store import upsert_records
from gateway.records.writes import _input_holders, _join, require_permission
from unified_models import CATALOGUE, LIMIT_ERRORS, Action, UnifiedInput

__all__ = ["action_urls", "perform"]


def _document(account, model: str, remote_id: str) -> dict[str, Any]:
    raw = (
        Record.objects.filter(linked_account=account, model=model, remote_id=remote_id)
        .values_list("document", flat=True)
        .first()
    )
    return json.loads(raw) if raw else {}


def _resolve(account, action: Action, data: UnifiedInput) -> dict[str, dict[str, Any]]:
    """Gateway ids in the body → provider ids; the stored documents they name, by leaf."""
    related: dict[str, dict[str, Any]] = {}
    unknown: list[dict[str, str]] = []
    for reference in action.references:
        for holder, where in _input_holders(data, reference.segments[:-1], ""):
            leaf, remote = reference.leaf, reference.remote_field
            gateway_id = getattr(holder, leaf, None)
            target = reference.target({})
            if gateway_id:
                remote_id = find_remote_id(account, target, gateway_id)
                if remote_id is None:
                    unknown.append({"field": _join(where, leaf), "message": f"No such {target}."})
                    continue
                setattr(holder, remote, remote_id)
                holder.model_fields_set.add(remote)
            remote_id = getattr(holder, remote, None)
            if remote_id:
                related[leaf] = _document(account, target, remote_id)
    if unknown:
        raise UnknownReference(details=unknown)
    return related


def perform(
    account, model: str, action: Action, remote_id: str, body: Any, key: str | None = None
) -> str:
    """Validate, check against the stored documents, have the connector perform it, store what
    changed. ``key`` (the caller's Idempotency-Key) goes to the provider, scoped to the account,
    so a retried call is not applied twice where the provider dedupes (Xero does); the gateway
    keeps no replay of its own for actions."""
    require_permission(account, model, "update")
    if not isinstance(body, dict):
        raise InvalidRequest("The body must be a JSON object.")
    try:
        data = action.input.model_validate(body)
    except PydanticValidationError as exc:
        raise pydantic_error(exc, LIMIT_ERRORS) from exc
    related = _resolve(account, action, data)
    missing = data.missing_for_create()
    if missing:
        raise InvalidRequest(
            details=[{"field": f, "message": "This field is required."} for f in missing]
        )
    if action.check is not None:
        problems = action.check(_document(account, model, remote_id), data, related)
        if problems:
            raise BeyondProviderLimits(details=problems)
    changed = connector_for(account).perform_action(
        model,
        action.name,
        remote_id,
        data,
        idempotency_key=idempotency.provider_key(str(account.id), key) if key else None,
    )
    for changed_model in CATALOGUE.names():  # sync order: referenced records first
        records = changed.get(changed_model) or []
        if records:
            upsert_records(account, changed_model, records)
    return json.dumps(_document(account, model, remote_id))


class RecordActionView(APIView):
    model = ""
    action_name = ""

    def post(self, request: Request, record_id: str) -> HttpResponse:
        account = linked_account_from_header(request)
        remote_id = remote_id_of(account, self.model, record_id)  # 404 first: reveals nothing
        connector = connector_for(account)
        if (self.model, self.action_name) not in getattr(connector, "ACTIONS", ()):
            self.headers["Allow"] = "OPTIONS"
            raise MethodNotAllowed(
                "POST",
                detail=f"{account.provider} does not offer {self.action_name} on "
                f"{CATALOGUE[self.model].plural}.",
            )
        action = next(a for a in CATALOGUE[self.model].actions if a.name == self.action_name)
        key = request.headers.get("Idempotency-Key")
        if key is not None and not 1 <= len(key) <= idempotency.MAX_KEY_LENGTH:
            raise InvalidRequest(
                details=[{"field": "Idempotency-Key", "message": "1 to 255 characters."}]
            )
        body = perform(account, self.model, action, remote_id, request.data, key)
        return HttpResponse(body, status=200, content_type="application/json")


def _view(model: str, action: Action) -> type[RecordActionView]:
    entry = CATALOGUE[model]
    op_name = f"{entry.plural.replace('-', '_')}_{action.name.replace('-', '_')}_create"
    post = extend_schema(
        summary=action.summary or f"{action.name} on a {model.replace('_', ' ')}",
        operation_id=op_name,
        description=action.description,
        parameters=[
            LINKED_ACCOUNT_HEADER,
            IDEMPOTENCY_HEADER,
            OpenApiParameter("record_id", OpenApiTypes.UUID, OpenApiParameter.PATH),
        ],
        request=action.input,
        responses={
            200: record_schema(model),
            **provider_error_responses(
                {405: "`method_not_allowed`: the linked account's provider does not offer it."}
            ),
        },
        tags=[entry.plural],
    )(RecordActionView.post)
    name = f"{record_schema(model).__name__}{action.name.title().replace('-', '')}View"
    return type(
        name,
        (RecordActionView,),
        {
            "model": model,
            "action_name": action.name,
            "post": post,
            "http_method_names": ["post", "options"],
        },
    )


@functools.cache
def _action_urls(version: int) -> list[tuple[str, str, type]]:
    return [
        (
            f"v1/{entry.plural}/<str:record_id>/{action.name}",
            f"{entry.name}-{action.name}",
            _view(entry.name, action),
        )
        for entry in CATALOGUE
        for action in entry.actions
    ]


def action_urls() -> list[tuple[str, str, type]]:
    """(route, name, view class) of every action of the catalogue."""
    return _action_urls(CATALOGUE.version)

"""`/v1/contacts`, `/v1/invoices`, `/v1/payments`: thin HTTP over the store and the writes."""

from __future__ import annotations

import functools
import weakref

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.request import Request
from rest_framework.views import APIView

from gateway.accounts.connections import provider_for
from gateway.accounts.models import LinkedAccount
from gateway.accounts.selectors import linked_account_from_header
from gateway.core import idempotency
from gateway.core.errors import InvalidRequest
from gateway.core.openapi import error_responses, provider_error_responses
from gateway.core.providers import declared_operations
from gateway.records import examples, selectors, writes
from gateway.records.schemas import (
    IDEMPOTENCY_HEADER,
    LINKED_ACCOUNT_HEADER,
    list_parameters,
    list_schema,
    read_parameters,
    record_schema,
)
from unified_models import CATALOGUE

#: The provider operation each method of the list and detail endpoints performs. The operations
#: a provider declares (what `/v1/providers` lists) are the one source of what is allowed: an
#: endpoint offers a method when some enabled provider declares its operation, and answers 405
#: when the linked account's provider does not.
LIST_OPERATIONS = {"get": "list", "post": "create"}
DETAIL_OPERATIONS = {"get": "get", "patch": "update", "delete": "delete"}
NOT_OFFERED = {
    405: "`method_not_allowed`: the linked account's provider does not offer this operation "
    "(`/v1/providers` lists what each offers; `Allow` names the methods it does)."
}


def offered_operations(model: str, supported: dict[str, list[str]]) -> list[str]:
    """What the API offers on a model for a provider: what its catalogue entry allows and the
    provider declares. Reads come from the store, so a model the provider lists can be read by
    id too (Xero has no `GET /Organisation/{id}`)."""
    declared = list(supported.get(model, []))
    if "list" in declared and "get" not in declared:
        declared.insert(declared.index("list") + 1, "get")
    allowed = CATALOGUE[model].operations
    return [op for op in declared if op in allowed]


#: Per provider instance (rebuilt with the registry), what `offered_operations` answers.
_OFFERED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def offered_by(provider, model: str) -> list[str]:
    """`offered_operations` of the provider, worked out once per model and catalogue entry
    (every call asks)."""
    known = _OFFERED.setdefault(provider, {})
    key = (model, CATALOGUE[model].operations)
    if key not in known:
        known[key] = offered_operations(model, provider.supported_operations())
    return known[key]


def allow_header(operations: dict[str, str], declared: list[str]) -> str:
    """`Allow` of an endpoint whose methods perform `operations`, for a provider offering
    `declared`."""
    allowed = [m.upper() for m, op in operations.items() if op in declared]
    return ", ".join([*allowed, "OPTIONS"])


def json_response(body: bytes | str, status: int = 200) -> HttpResponse:
    return HttpResponse(body, status=status, content_type="application/json")


class RecordView(APIView):
    model = ""
    operations: dict[str, str] = {}

    def linked_account(self, request: Request) -> LinkedAccount:
        """The account the header names, once its provider offers this method's operation.
        `Allow` names the methods that provider offers here, on this answer whatever it is."""
        account = linked_account_from_header(request)
        provider = provider_for(account)
        declared = offered_by(provider, self.model)
        self.headers["Allow"] = allow_header(self.operations, declared)
        if self.operations[request.method.lower()] not in declared:
            raise MethodNotAllowed(
                request.method,
                detail=f"{provider.name} does not offer {request.method} on "
                f"{CATALOGUE[self.model].plural} (GET /v1/providers lists what each provider "
                "offers).",
            )
        return account


class RecordListView(RecordView):
    operations = LIST_OPERATIONS

    def get(self, request: Request) -> HttpResponse:
        account = self.linked_account(request)
        return json_response(selectors.list_page(account, self.model, request.query_params))

    def post(self, request: Request) -> HttpResponse:
        account = self.linked_account(request)
        key = request.headers.get("Idempotency-Key")
        if key is None:
            return json_response(writes.create(account, self.model, request.data, None), 201)
        if not 1 <= len(key) <= idempotency.MAX_KEY_LENGTH:
            raise InvalidRequest(
                details=[{"field": "Idempotency-Key", "message": "1 to 255 characters."}]
            )
        customer = request.user.customer
        print_ = idempotency.fingerprint("POST", request.path, str(account.id), request.data)
        replay = idempotency.claim(customer, key, print_)
        if replay is not None:
            response = json_response(replay.body, replay.status)
            response["Idempotent-Replayed"] = "true"
            return response
        try:
            body = writes.create(
                account, self.model, request.data, idempotency.provider_key(str(account.id), key)
            )
        except Exception as exc:
            response = self.handle_exception(exc)
            response = self.finalize_response(request, response)
            response.render()
            if getattr(exc, "before_work", False):
                idempotency.release(customer, key)  # refused by validation: nothing to remember
            else:
                idempotency.complete(customer, key, response.status_code, response.content)
            return response
        idempotency.complete(customer, key, 201, body.encode("utf-8"))
        return json_response(body, 201)


class RecordDetailView(RecordView):
    operations = DETAIL_OPERATIONS

    def get(self, request: Request, record_id: str) -> HttpResponse:
        account = self.linked_account(request)
        _, document = selectors.get_document(account, self.model, record_id, request.query_params)
        return json_response(document)

    def patch(self, request: Request, record_id: str) -> HttpResponse:
        account = self.linked_account(request)
        remote_id = selectors.remote_id_of(account, self.model, record_id)
        return json_response(writes.update(account, self.model, remote_id, request.data))

    def delete(self, request: Request, record_id: str) -> HttpResponse:
        account = self.linked_account(request)
        remote_id = selectors.remote_id_of(account, self.model, record_id)
        return json_response(writes.delete(account, self.model, remote_id))


def _own(method):
    """A per-model copy of a method, so each model's schema decorations stay its own."""

    @functools.wraps(method)
    def copy(self, *args, **kwargs):
        return method(self, *args, **kwargs)

    return copy


def _documented(model: str):
    """Per-model view classes with their OpenAPI description."""
    entry = CATALOGUE[model]
    plural = entry.plural
    record, listing, body = record_schema(model), list_schema(model), entry.input
    tags = [plural]
    words, op_name = plural.replace("-", " "), plural.replace("-", "_")
    declared = set(offered_operations(model, {model: sorted(declared_operations(model))}))
    label = model.replace("_", " ")
    record_id = OpenApiParameter("record_id", OpenApiTypes.UUID, OpenApiParameter.PATH)

    list_methods = {
        "get": extend_schema(
            summary=f"List {words}",
            operation_id=f"{op_name}_list",
            parameters=list_parameters(model),
            responses={200: listing, **error_responses(NOT_OFFERED)},
            examples=[examples.list_example(model)],
            tags=tags,
        )(_own(RecordListView.get)),
    }
    if "create" in declared:
        list_methods["post"] = extend_schema(
            summary=f"Create {_article(label)}",
            operation_id=f"{op_name}_create",
            description="Written to the provider first, then stored; returns the stored record. "
            "405 when the linked account's provider does not offer it (see `/v1/providers`).",
            parameters=[LINKED_ACCOUNT_HEADER, IDEMPOTENCY_HEADER],
            request=body,
            responses={
                201: record,
                **provider_error_responses(
                    {
                        **NOT_OFFERED,
                        409: "`conflict`: the Idempotency-Key was used with another body or its "
                        "first request is still running; or `relink_required`.",
                    }
                ),
            },
            examples=[examples.input_example(model), examples.record_example(model)],
            tags=tags,
        )(_own(RecordListView.post))
    detail_methods = {
        "get": extend_schema(
            summary=f"Retrieve {_article(label)}",
            operation_id=f"{op_name}_retrieve",
            parameters=[*read_parameters(model), record_id],
            responses={200: record, **error_responses(NOT_OFFERED)},
            examples=[examples.record_example(model)],
            tags=tags,
        )(_own(RecordDetailView.get)),
    }
    stale = {
        **NOT_OFFERED,
        409: "`conflict`: the record changed at the provider while this write was made "
        "(its version there moved on); nothing was written, the record as it now is was stored and "
        "`details` carries its `modified_at`: read it again and retry. Or `relink_required`.",
    }
    if "update" in declared:
        detail_methods["patch"] = extend_schema(
            summary=f"Update {_article(label)}",
            operation_id=f"{op_name}_partial_update",
            description="Only the fields in the body change (written to the provider first). "
            "405 when the linked account's provider does not offer it.",
            parameters=[LINKED_ACCOUNT_HEADER, record_id],
            request=body,
            responses={200: record, **provider_error_responses(stale)},
            tags=tags,
        )(_own(RecordDetailView.patch))
    if "delete" in declared:
        detail_methods["delete"] = extend_schema(
            summary=f"Delete or void {_article(label)}",
            operation_id=f"{op_name}_destroy",
            description="As the provider allows (draft invoices deleted, approved ones voided, "
            "contacts archived). 405 when the linked account's provider does not offer it.",
            parameters=[LINKED_ACCOUNT_HEADER, record_id],
            responses={200: record, **provider_error_responses(stale)},
            tags=tags,
        )(_own(RecordDetailView.delete))

    name = record.__name__
    list_view = type(
        f"{name}ListView",
        (RecordListView,),
        {"model": model, "http_method_names": [*list_methods, "options"], **list_methods},
    )
    detail_view = type(
        f"{name}DetailView",
        (RecordDetailView,),
        {"model": model, "http_method_names": [*detail_methods, "options"], **detail_methods},
    )
    return list_view, detail_view


def _article(label: str) -> str:
    return f"an {label}" if label[0] in "aeiou" else f"a {label}"


@functools.cache
def _record_views(version: int) -> dict[str, tuple[type, type]]:
    return {entry.name: _documented(entry.name) for entry in CATALOGUE}


def record_views() -> dict[str, tuple[type, type]]:
    """Model → (list view, detail view), for every model of the catalogue."""
    return _record_views(CATALOGUE.version)

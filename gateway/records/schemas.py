"""OpenAPI shapes of the record endpoints, derived from the unified models (one source of truth)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django_filters import filters as df
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from pydantic import BaseModel, Field, create_model

from gateway.records.filters import FILTERS, DateFilter, DateTimeFilter
from unified_models import INPUT_MODELS, MODELS

PLURALS = {"contact": "contacts", "invoice": "invoices", "payment": "payments"}


def _stored(model: str, expandable: dict[str, type[BaseModel]] | None = None) -> type[BaseModel]:
    base = MODELS[model]
    fields: dict = {
        "id": (UUID, Field(description="Ledgerlink's id of the record (stable).")),
        "created_at": (datetime, Field(description="When Ledgerlink first stored the record.")),
        "modified_at": (datetime, Field(description="When Ledgerlink last changed the record.")),
    }
    for name, embedded in (expandable or {}).items():
        if name in base.model_fields:
            fields[name] = (
                str | embedded | None,
                Field(
                    default=None,
                    description=f"Ledgerlink's id of the {name}; the {name} itself with "
                    f"`expand={name}`.",
                ),
            )
    return create_model(base.__name__, __base__=base, __doc__=base.__doc__, **fields)


_CONTACT = _stored("contact")
RECORD_SCHEMAS = {
    name: _CONTACT if name == "contact" else _stored(name, {"contact": _CONTACT}) for name in MODELS
}
INPUT_SCHEMAS = dict(INPUT_MODELS)


def _list(model: str) -> type[BaseModel]:
    record = RECORD_SCHEMAS[model]
    return create_model(
        f"Paginated{record.__name__}List",
        next=(str | None, Field(description="Cursor of the next page (pass as `cursor`).")),
        previous=(str | None, Field(description="Cursor of the previous page.")),
        last_sync_at=(
            datetime | None,
            Field(description="Freshness: the linked account's last successful sync."),
        ),
        results=(list[record], ...),
    )


LIST_SCHEMAS = {name: _list(name) for name in MODELS}

LINKED_ACCOUNT_HEADER = OpenApiParameter(
    "X-Linked-Account",
    OpenApiTypes.UUID,
    OpenApiParameter.HEADER,
    required=True,
    description="The linked account the call is about.",
)

_FILTER_TYPES = {
    DateTimeFilter: OpenApiTypes.DATETIME,
    DateFilter: OpenApiTypes.DATE,
    df.UUIDFilter: OpenApiTypes.UUID,
}


def _filter_parameter(name: str, flt) -> OpenApiParameter:
    enum = [value for value, _ in flt.extra.get("choices", [])] or None
    return OpenApiParameter(
        name,
        _FILTER_TYPES.get(type(flt), OpenApiTypes.STR),
        OpenApiParameter.QUERY,
        enum=enum,
        description=str(flt.extra.get("help_text", "")),
    )


def read_parameters(model: str) -> list[OpenApiParameter]:
    expand = OpenApiParameter(
        "expand",
        OpenApiTypes.STR,
        OpenApiParameter.QUERY,
        enum=["contact"],
        description="Embed the referenced contact instead of its id.",
    )
    params = [
        LINKED_ACCOUNT_HEADER,
        OpenApiParameter(
            "include_remote_data",
            OpenApiTypes.BOOL,
            OpenApiParameter.QUERY,
            description="Add the provider's raw record as `remote_data`.",
        ),
    ]
    return params + ([expand] if model in {"invoice", "payment"} else [])


def list_parameters(model: str) -> list[OpenApiParameter]:
    return [
        *read_parameters(model),
        OpenApiParameter("cursor", OpenApiTypes.STR, OpenApiParameter.QUERY),
        OpenApiParameter(
            "page_size",
            OpenApiTypes.INT,
            OpenApiParameter.QUERY,
            description="1 to 1000 (default 100).",
        ),
        OpenApiParameter(
            "include_deleted",
            OpenApiTypes.BOOL,
            OpenApiParameter.QUERY,
            description="Include records the provider deleted (`remote_was_deleted`).",
        ),
        *(_filter_parameter(n, f) for n, f in FILTERS[model].base_filters.items()),
    ]


IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Same key and body within 24 h: the first response again; another body: 409.",
)

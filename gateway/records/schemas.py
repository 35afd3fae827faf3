"""OpenAPI shapes of the record endpoints, derived from the unified models (one source of truth)."""

from __future__ import annotations

import functools
from datetime import datetime
from uuid import UUID

from django_filters import filters as df
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter
from pydantic import BaseModel, Field, create_model

from gateway.records.filters import DateFilter, DateTimeFilter, filter_class
from unified_models import CATALOGUE

#: Models whose schema is being built: a reference back to one of them stays a plain id.
_BUILDING: set[str] = set()


def _stored(model: str, version: int) -> type[BaseModel]:
    """The record as the API returns it: the unified record, Ledgerlink's bookkeeping fields, and
    each top-level reference typed as an id or, with `expand`, the record itself."""
    entry = CATALOGUE[model]
    base = entry.record
    fields: dict = {
        "id": (UUID, Field(description="Ledgerlink's id of the record (stable).")),
        "created_at": (datetime, Field(description="When Ledgerlink first stored the record.")),
        "modified_at": (datetime, Field(description="When Ledgerlink last changed the record.")),
    }
    for reference in entry.references:
        name = reference.path
        if "." in name or reference.many or reference.by or name not in base.model_fields:
            continue
        if reference.model in _BUILDING or reference.model not in CATALOGUE:
            continue
        fields[name] = (
            str | _record_schema(reference.model, version) | None,
            Field(
                default=None,
                description=f"Ledgerlink's id of the {reference.model}; the "
                f"{reference.model} itself with `expand={name}`.",
            ),
        )
    return create_model(base.__name__, __base__=base, __doc__=base.__doc__, **fields)


@functools.cache
def _record_schema(model: str, version: int) -> type[BaseModel]:
    """One class per model (the OpenAPI names each component once)."""
    _BUILDING.add(model)
    try:
        return _stored(model, version)
    finally:
        _BUILDING.discard(model)


def record_schema(model: str) -> type[BaseModel]:
    return _record_schema(model, CATALOGUE.version)


def input_schema(model: str) -> type[BaseModel] | None:
    return CATALOGUE[model].input


@functools.cache
def _list_schema(model: str, version: int) -> type[BaseModel]:
    record = _record_schema(model, version)
    return create_model(
        f"Paginated{record.__name__}List",
        next=(str | None, Field(description="Cursor of the next page (pass as `cursor`).")),
        previous=(str | None, Field(description="Cursor of the previous page.")),
        last_sync_at=(
            datetime | None,
            Field(description="Freshness: the linked account's last successful sync."),
        ),
        results=(list[record], Field(description="The records of this page.")),
    )


def list_schema(model: str) -> type[BaseModel]:
    return _list_schema(model, CATALOGUE.version)


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


_KIND_TYPES = {
    "datetime": OpenApiTypes.DATETIME,
    "date": OpenApiTypes.DATE,
    "uuid": OpenApiTypes.UUID,
    "boolean": OpenApiTypes.BOOL,
    "overdue": OpenApiTypes.BOOL,
}


def _filter_parameter(name: str, flt) -> OpenApiParameter:
    declared = getattr(flt, "declared", None)
    if declared is None:  # the filters every model has
        enum = [value for value, _ in flt.extra.get("choices", [])] or None
        return OpenApiParameter(
            name,
            _FILTER_TYPES.get(type(flt), OpenApiTypes.STR),
            OpenApiParameter.QUERY,
            enum=enum,
            description=str(flt.extra.get("help_text", "")),
        )
    choices = [member.value for member in declared.choices] if declared.choices else []
    many = declared.lookup == "in"
    description = declared.help
    if many and choices:
        description = (description or "One value or several, comma-separated.") + (
            " Values: " + ", ".join(f"`{c}`" for c in choices) + "."
        )
    example = declared.example or (",".join(choices[:2]) if many and choices else None)
    return OpenApiParameter(
        name,
        OpenApiTypes.STR if many else _KIND_TYPES.get(declared.kind, OpenApiTypes.STR),
        OpenApiParameter.QUERY,
        enum=None if many else choices or None,
        description=description,
        examples=[OpenApiExample(name, value=_typed(declared.kind, example, many))]
        if example
        else [],
    )


def _typed(kind: str, example: str, many: bool):
    """An example as the parameter's schema types it (booleans are not strings)."""
    return example == "true" if kind in ("boolean", "overdue") and not many else example


def _order_parameter(model: str) -> list[OpenApiParameter]:
    fields = list(CATALOGUE[model].order_fields)
    if not fields:
        return []
    return [
        OpenApiParameter(
            "order_by",
            OpenApiTypes.STR,
            OpenApiParameter.QUERY,
            enum=[value for field in fields for value in (field, f"-{field}")],
            description="Sort by this field, `-` for descending (default: the order Ledgerlink "
            "stored the records in). Records without a value come last (first when "
            "descending); ties keep the stored order. Cursors stay valid for the same "
            "`order_by` only.",
            examples=[OpenApiExample("order_by", value=fields[0])],
        )
    ]


def read_parameters(model: str) -> list[OpenApiParameter]:
    expandable = list(CATALOGUE[model].expandable)
    expand = OpenApiParameter(
        "expand",
        OpenApiTypes.STR,
        OpenApiParameter.QUERY,
        enum=expandable,
        description="Embed the referenced records instead of their ids: one name or several, "
        "comma-separated (e.g. `expand=" + ",".join(expandable[:2]) + "`). "
        "Unknown names are refused with 400.",
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
    return params + ([expand] if expandable else [])


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
        *_order_parameter(model),
        *(_filter_parameter(n, f) for n, f in filter_class(model).base_filters.items()),
    ]


IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Same key and body within 24 h: the first response again; another body: 409.",
)


def filter_parameters(model: str) -> list[OpenApiParameter]:
    """The query filters of a model's list (what its summaries take too)."""
    return [_filter_parameter(n, f) for n, f in filter_class(model).base_filters.items()]

"""drf-spectacular hooks: keep the schema to the public API and document the error envelope."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

ERROR_DETAIL_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "One problem with one field of the request or record.",
    "required": ["field", "message"],
    "properties": {
        "field": {
            "type": "string",
            "description": "Path of the field (`line_items[0].quantity`); "
            "empty when the error concerns the request or record as a whole.",
            "example": "line_items[0].quantity",
        },
        "message": {
            "type": "string",
            "description": "What is wrong with the field, for a developer.",
            "example": "A valid number is required.",
        },
    },
}

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "What went wrong; `type` is stable, `message` is for people.",
    "required": ["type", "message", "details", "request_id"],
    "properties": {
        "type": {
            "type": "string",
            "description": "Stable machine-readable error type.",
            "example": "validation_error",
        },
        "message": {
            "type": "string",
            "description": "Human-readable summary; may change, do not parse it.",
            "example": "The request has invalid fields.",
        },
        "details": {
            "type": "array",
            "description": "Per-field problems; empty when there are none to name.",
            "items": {"$ref": "#/components/schemas/ErrorDetail"},
        },
        "request_id": {
            "type": "string",
            "description": "The request's id (also the `X-Request-ID` response header); quote "
            "it when asking for support.",
            "example": "req_5f0c6d1e9b8a4c3d",
        },
    },
}

ERROR_ENVELOPE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Every error response of the API has this body.",
    "required": ["error"],
    "properties": {
        "error": {"$ref": "#/components/schemas/Error", "description": "What went wrong."}
    },
}

#: What an operation that calls the provider can also answer (the table in
#: `gateway.core.provider_errors`). Use as `responses={201: ..., **provider_error_responses()}`;
#: `add_error_responses` gives every error status declared without a body the envelope.
PROVIDER_ERROR_DESCRIPTIONS = {
    403: "`permission_denied`: the linked account's consent lacks the provider scope this needs "
    "(relink it with that scope).",
    409: "`relink_required`: the linked account must be relinked by its end user.",
    422: "`validation_error`: the provider rejected the record, or values beyond what "
    "providers accept (out of range, a negative invoice total) were refused before sending; "
    "details name the fields.",
    501: "`not_supported`: the provider does not support this operation.",
    502: "`provider_error`: the provider failed to answer.",
    503: "`provider_unavailable`: the provider is unavailable, or `service_unavailable`: the "
    "gateway's shared rate limiter is; see the Retry-After header.",
}


def error_responses(descriptions: dict[int, str]) -> dict[int, Any]:
    """`OpenApiResponse`s for error statuses; the hook below gives them the envelope."""
    from drf_spectacular.utils import OpenApiResponse

    return {code: OpenApiResponse(description=text) for code, text in descriptions.items()}


def provider_error_responses(extra: dict[int, str] | None = None) -> dict[int, Any]:
    """The provider errors, plus (or with other descriptions) `extra`."""
    return error_responses({**PROVIDER_ERROR_DESCRIPTIONS, **(extra or {})})


def only_public_api(endpoints):
    """Document the customer-facing API (`/v1/...`) and the health check only."""
    return [ep for ep in endpoints if ep[0].startswith("/v1/") or ep[0] == "/healthz"]


def forget_patch_marks(endpoints):
    """drf-spectacular marks a PATCH body `partial` on a copy of its serializer, but a pydantic
    body is a class, and copying a class is the class: `partial = True` stayed on it, so the
    next generation of the schema (`/openapi.json` served twice) named the create body
    `Patched…` too, without its required fields. Clear the marks before each generation."""
    pending = list(BaseModel.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if "partial" in cls.__dict__:
            delattr(cls, "partial")
    return endpoints


def add_error_responses(result: dict[str, Any], generator, request, public) -> dict[str, Any]:
    """The error envelope's components, and on every operation its error statuses with an
    example per error type (`gateway.core.openapi_errors`)."""
    from gateway.core.openapi_errors import document_errors

    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["ErrorEnvelope"] = ERROR_ENVELOPE_SCHEMA
    schemas["Error"] = ERROR_SCHEMA
    schemas["ErrorDetail"] = ERROR_DETAIL_SCHEMA
    document_errors(result)
    return result


#: Components whose generated name says nothing useful; renamed as a whole.
_COMPONENT_RENAMES = {
    "TypeEnum": "EventType",
    "ModeEnum": "SyncMode",
    "TriggerEnum": "SyncTrigger",
    "MethodEnum": "PassthroughMethod",
    "BasesEnum": "ReportBasis",
}


def _component_name(name: str, taken: set[str]) -> str:
    """The name a client generator should turn into a class.

    drf-spectacular's `PatchedXInputRequest` (PATCH body) is `XUpdate`, `XInputRequest` (create
    body) is `XInput`, `PaginatedXList` is `XPage`, a trailing `Request` or `Enum` goes when
    nothing else has the shorter name.
    """
    if name in _COMPONENT_RENAMES:
        return _COMPONENT_RENAMES[name]
    if name.startswith("Paginated") and name.endswith("List"):
        return name[len("Paginated") : -len("List")] + "Page"
    if name.startswith("Patched") and name.endswith("Request"):
        stem = name[len("Patched") : -len("Request")]
        stem = stem.removesuffix("Input").removesuffix("Update")
        return f"{stem}Update"
    for suffix in ("Request", "Enum"):
        if name.endswith(suffix) and name[: -len(suffix)] not in taken:
            return name[: -len(suffix)]
    return name


def _replace_refs(node: Any, refs: dict[str, str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref in refs:
            node["$ref"] = refs[ref]
        for value in node.values():
            _replace_refs(value, refs)
    elif isinstance(node, list):
        for value in node:
            _replace_refs(value, refs)


def _same_enum(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a.get("enum") == b.get("enum") and a.get("type") == b.get("type")


def name_components(result: dict[str, Any], generator, request, public) -> dict[str, Any]:
    """Rename components to what generators make good class names of (see `_component_name`)."""
    schemas = result.get("components", {}).get("schemas", {})
    taken = set(schemas)
    renamed: dict[str, Any] = {}
    refs: dict[str, str] = {}
    for name, schema in schemas.items():
        new = _component_name(name, taken)
        if new != name:
            refs[f"#/components/schemas/{name}"] = f"#/components/schemas/{new}"
        if new in renamed or (new != name and new in schemas):
            # Two names for one enum (a pydantic enum and a serializer's choices) become one.
            other = renamed.get(new, schemas.get(new))
            if not _same_enum(other, schema):
                raise ValueError(f"OpenAPI components {name} and {new} would share a name")
            continue
        for field, prop in (schema.get("properties") or {}).items():
            # pydantic's automatic titles ("Contact Remote Id") only repeat the field's name.
            if prop.get("title") == field.replace("_", " ").title():
                del prop["title"]
        if name.startswith("Patched"):
            # A PATCH body: only the fields sent change, so none is required.
            schema.pop("required", None)
        if "title" in schema:
            # Generators and Redoc name the class by its title: the component's name, not the
            # model it was made from ("InvoiceUpdate", not "InvoiceInput").
            schema["title"] = new
        renamed[new] = schema
    _replace_refs(result, refs)
    result["components"]["schemas"] = dict(sorted(renamed.items()))
    return result

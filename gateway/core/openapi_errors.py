"""The error responses of the OpenAPI document: for every error status of every operation, one
example envelope per error type it can answer, and the headers that come with it.

A view names the types a status can carry in its description, in backticks (`conflict`,
`relink_required`); a status described without one gets its usual type (`DEFAULT_TYPES`). The
example messages are the code's own (the exception classes' messages), so the reference shows
what a client receives. `tests/gateway/core/test_openapi_errors.py` calls the API and compares.
"""

from __future__ import annotations

import re
from typing import Any

from gateway.core import errors
from gateway.core.request_id import HEADER as REQUEST_ID_HEADER

#: What every operation can answer (the health check: 400 and 500 only).
STATUSES = {
    "400": "`validation_error`: invalid fields, query parameters or headers; `details` name them.",
    "401": "`authentication_error`: the `Authorization: Bearer <api key>` header is missing, or "
    "the key is unknown or revoked.",
    "404": "`not_found`: no such resource for this customer (unknown ids and other customers' "
    "look the same).",
    "406": "`not_acceptable`: the Accept header allows no type the API sends (application/json).",
    "429": "`rate_limited`: too many requests with this API key (or too many invalid keys from "
    "this address); retry after `Retry-After` seconds.",
    "500": "`internal_error`: an unexpected error; quote the `request_id`.",
}
#: Added to operations that take a request body.
BODY_STATUSES = {
    "400": "`validation_error`: invalid fields, query parameters or headers; `details` name "
    "them. `parse_error`: the body is not valid JSON.",
    "411": "`length_required`: a chunked body without Content-Length (send the length).",
    "413": "`payload_too_large`: the request body is larger than the gateway accepts.",
    "415": "`unsupported_media_type`: the request body is not application/json.",
}
HEALTH_STATUSES = {"400", "500"}

#: The type a status carries when its description names none.
DEFAULT_TYPES = {
    "400": "validation_error",
    "401": "authentication_error",
    "403": "permission_denied",
    "404": "not_found",
    "405": "method_not_allowed",
    "406": "not_acceptable",
    "409": "conflict",
    "411": "length_required",
    "413": "payload_too_large",
    "415": "unsupported_media_type",
    "422": "validation_error",
    "429": "rate_limited",
    "500": "internal_error",
    "501": "not_supported",
    "502": "provider_error",
    "503": "service_unavailable",
}

_REQUEST_ID = "req_7c1e0b6f4d2a4e8f9a3b5c6d7e8f9012"

#: Response headers, as components (`#/components/headers/<name>`), and the statuses they go on.
HEADERS: dict[str, dict[str, Any]] = {
    "RequestId": {
        "description": "The request's id, as in the envelope's `request_id`.",
        "schema": {"type": "string", "example": _REQUEST_ID},
    },
    "WwwAuthenticate": {
        "description": "The scheme to use: `Bearer`.",
        "schema": {"type": "string", "example": 'Bearer realm="ledgerlink"'},
    },
    "Allow": {
        "description": "The methods the linked account's provider offers here.",
        "schema": {"type": "string", "example": "GET, OPTIONS"},
    },
    "RetryAfter": {
        "description": "Seconds to wait before retrying.",
        "schema": {"type": "integer", "example": 30},
    },
}
_STATUS_HEADERS = {
    "401": {"WWW-Authenticate": "WwwAuthenticate"},
    "405": {"Allow": "Allow"},
    "429": {"Retry-After": "RetryAfter"},
    "503": {"Retry-After": "RetryAfter"},
}


def _messages() -> dict[str, tuple[str, str]]:
    """type → (summary, message), from the exception classes where the code has one."""
    return {
        "authentication_error": ("Invalid API key", "Invalid API key."),
        "permission_denied": (
            "Consent lacks a scope",
            errors.ScopeNotGranted.default_message,
        ),
        "method_not_allowed": (
            "Not offered by this provider",
            errors.NotOffered.default_message,
        ),
        "not_acceptable": (
            "Accept header unmet",
            "Could not satisfy the request Accept header.",
        ),
        "conflict": ("Conflict", errors.Conflict.default_message),
        "relink_required": ("Relink required", errors.RelinkRequired.default_message),
        "sync_in_progress": (
            "A sync is queued or running",
            "A sync of this linked account is already queued or running.",
        ),
        "sync_paused": (
            "Syncs paused",
            "Syncs of this linked account are paused until the provider's budget returns.",
        ),
        "length_required": (
            "No Content-Length",
            "Send the request body with a Content-Length header.",
        ),
        "payload_too_large": ("Body too large", errors.PayloadTooLarge.default_message),
        "unsupported_media_type": (
            "Not JSON",
            'Unsupported media type "text/plain" in request.',
        ),
        "parse_error": (
            "Body is not JSON",
            "JSON parse error - Expecting value: line 1 column 1 (char 0)",
        ),
        "rate_limited": (
            "Too many requests",
            "Request was throttled. Expected available in 30 seconds.",
        ),
        "internal_error": (
            "Unexpected error",
            "An unexpected error occurred; quote the request id.",
        ),
        "not_supported": ("Not supported", errors.NotSupported.default_message),
        "provider_error": ("Provider failed", errors.ProviderError.default_message),
        "provider_unavailable": (
            "Provider unavailable",
            "The provider is unavailable; retry later.",
        ),
        "service_unavailable": (
            "Service unavailable",
            errors.ServiceUnavailable.default_message,
        ),
    }


def known_types() -> set[str]:
    return {*_messages(), "validation_error", "not_found"}


def _types_named(status: str, description: str) -> list[str]:
    known = known_types()
    named = [t for t in re.findall(r"`([a-z_]+)`", description) if t in known]
    return list(dict.fromkeys(named)) or [DEFAULT_TYPES.get(status, "invalid_request")]


def _body_required(operation: dict[str, Any], schemas: dict[str, Any]) -> str | None:
    content = operation.get("requestBody", {}).get("content", {})
    for media in content.values():
        ref = media.get("schema", {}).get("$ref", "")
        required = schemas.get(ref.rsplit("/", 1)[-1], {}).get("required", [])
        if required:
            return required[0]
    return None


def _has_header(operation: dict[str, Any], name: str) -> bool:
    return any(
        p.get("in") == "header" and p.get("name") == name for p in operation.get("parameters", [])
    )


def _validation(status: str, path: str, operation: dict[str, Any], schemas: dict[str, Any]):
    if status == "422":
        return (
            "The provider refused the record",
            errors.ValidationFailed.default_message,
            [],
        )
    if _has_header(operation, "X-Linked-Account"):
        return (
            "No X-Linked-Account header",
            errors.InvalidRequest.default_message,
            [
                {
                    "field": "X-Linked-Account",
                    "message": "The X-Linked-Account header names the linked account.",
                }
            ],
        )
    required = _body_required(operation, schemas)
    if required:
        return (
            "A required field is missing",
            errors.InvalidRequest.default_message,
            [{"field": required, "message": "This field is required."}],
        )
    return (
        "Invalid query parameter",
        errors.InvalidRequest.default_message,
        [{"field": "cursor", "message": "Invalid cursor."}],
    )


def _not_found(path: str, operation: dict[str, Any]) -> tuple[str, str]:
    params = re.findall(r"\{([a-z_]+)\}", path)
    things = {
        "account_id": "No such linked account.",
        "attachment_id": "No such attachment.",
        "delivery_id": "No such webhook delivery.",
        "endpoint_id": "No such webhook endpoint.",
    }
    if "record_id" in params:
        from unified_models import CATALOGUE

        plural = path.removeprefix("/v1/").split("/")[0]
        model = next((n for n in CATALOGUE.names() if CATALOGUE[n].plural == plural), None)
        if model is not None:
            return ("No such resource", f"No such {model}.")
    for param in params:
        if param in things:
            return ("No such resource", things[param])
    if _has_header(operation, "X-Linked-Account"):
        return ("No such resource", "No such linked account.")
    return ("No such resource", "No such resource.")


def _conflict(description: str) -> tuple[str, str, list[dict[str, str]]]:
    if "Idempotency-Key" in description:
        return (
            "Idempotency-Key reused",
            "This Idempotency-Key was used with a different request.",
            [],
        )
    if "changed at the provider" in description:
        return (
            "Changed at the provider meanwhile",
            errors.StaleWrite.default_message,
            [{"field": "modified_at", "message": "2026-11-30T09:15:02Z"}],
        )
    return ("Conflict", errors.Conflict.default_message, [])


def examples_for(
    status: str,
    description: str,
    path: str,
    operation: dict[str, Any],
    schemas: dict[str, Any],
) -> dict[str, Any]:
    """`{type: {"summary", "value"}}`: one example envelope per type the status can carry."""
    out: dict[str, Any] = {}
    messages = _messages()
    for error_type in _types_named(status, description):
        details: list[dict[str, str]] = []
        if error_type == "validation_error":
            summary, message, details = _validation(status, path, operation, schemas)
        elif error_type == "not_found":
            summary, message = _not_found(path, operation)
        elif error_type == "conflict":
            summary, message, details = _conflict(description)
        else:
            summary, message = messages[error_type]
        out[error_type] = {
            "summary": f"{error_type}: {summary}",
            "value": {
                "error": {
                    "type": error_type,
                    "message": message,
                    "details": details,
                    "request_id": _REQUEST_ID,
                }
            },
        }
    if status == "429" and "502" in operation.get("responses", {}):
        out["rate_limited_by_provider"] = {
            "summary": "rate_limited: the provider's limit",
            "value": {
                "error": {
                    "type": "rate_limited",
                    "message": errors.ProviderRateLimited.default_message,
                    "details": [],
                    "request_id": _REQUEST_ID,
                }
            },
        }
    return out


def headers_for(status: str) -> dict[str, Any]:
    names = {**_STATUS_HEADERS.get(status, {}), REQUEST_ID_HEADER: "RequestId"}
    return {header: {"$ref": f"#/components/headers/{name}"} for header, name in names.items()}


def _example_name(example: dict[str, Any]) -> str:
    """`not_found-no-such-invoice`: the type and the message's first words."""
    error = example["value"]["error"]
    words = re.findall(r"[a-z0-9]+", error["message"].lower())
    slug = "-".join(words)[:48].rstrip("-")
    fields = [re.sub(r"[^a-z0-9]+", "-", d["field"].lower()) for d in error["details"]]
    return "-".join([error["type"], slug, *fields])


def _shared(examples: dict[str, Any], registry: dict[str, Any]) -> dict[str, Any]:
    """Each example once, under `#/components/examples`; the operation refers to it."""
    out = {}
    for key, example in examples.items():
        name = _example_name(example)
        while name in registry and registry[name] != example:
            name += "-"
        registry[name] = example
        out[key] = {"$ref": f"#/components/examples/{name}"}
    return out


def document_errors(result: dict[str, Any]) -> None:
    """Every operation: the usual error statuses, each with its examples and headers."""
    ref = {"$ref": "#/components/schemas/ErrorEnvelope"}
    components = result.setdefault("components", {})
    schemas = components.get("schemas", {})
    registry: dict[str, Any] = {}
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            statuses = {**STATUSES}
            if "requestBody" in operation:
                statuses.update(BODY_STATUSES)
            for status, description in statuses.items():
                if path == "/healthz" and status not in HEALTH_STATUSES:
                    continue
                responses.setdefault(status, {"description": description})
            for status, response in responses.items():
                if not status.isdigit() or int(status) < 400:
                    continue
                content = response.get("content")
                if content is not None and content.get("application/json", {}).get(
                    "schema"
                ) not in (None, ref):
                    continue  # a body of its own (the health check's 503)
                response["content"] = {
                    "application/json": {
                        "schema": ref,
                        "examples": _shared(
                            examples_for(
                                status, response.get("description", ""), path, operation, schemas
                            ),
                            registry,
                        ),
                    }
                }
                response["headers"] = {**response.get("headers", {}), **headers_for(status)}
            operation["responses"] = dict(sorted(responses.items()))
    components["examples"] = {**components.get("examples", {}), **dict(sorted(registry.items()))}
    components["headers"] = {**components.get("headers", {}), **HEADERS}

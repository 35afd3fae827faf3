"""One error envelope for every error the API returns.

`{"error": {"type", "message", "details": [{"field", "message"}], "request_id"}}`

DRF exceptions, Django's own 404/500 handlers, connector errors and our own `ApiError`s all
end here, so a client parses one shape whatever went wrong.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import DisallowedHost
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions as drf
from rest_framework.response import Response

from gateway.core.request_id import current_request_id

logger = logging.getLogger("ledgerlink.errors")


class ApiError(Exception):
    """An error with a stable `type` a client can branch on."""

    status_code = 400
    type = "invalid_request"
    default_message = "The request is invalid."
    #: True when raised while validating the request, before any work: an Idempotency-Key
    #: is not spent on such a refusal (the client may correct the request and reuse it).
    before_work = False

    def __init__(
        self,
        message: str | None = None,
        *,
        details: list[dict[str, str]] | None = None,
        headers: Mapping[str, str] | None = None,
    ):
        self.message = message or self.default_message
        self.details = details or []
        self.headers = dict(headers or {})
        super().__init__(self.message)


class Conflict(ApiError):
    status_code = 409
    type = "conflict"
    default_message = "The request conflicts with the current state of the resource."


class StaleWrite(Conflict):
    """The record changed at the provider after the write read it; nothing was written."""

    default_message = (
        "The record changed at the provider while this write was made; nothing was written. "
        "Read it again and retry."
    )

    def __init__(self, modified_at: str | None):
        details = []
        if modified_at:
            details = [{"field": "modified_at", "message": modified_at}]
        super().__init__(details=details)


class RelinkRequired(ApiError):
    status_code = 409
    type = "relink_required"
    default_message = "The linked account must be relinked by its end user."


class ScopeNotGranted(ApiError):
    """The linked account's consent lacks the provider scope a call needs (refused before the
    provider is called, or refused by the provider)."""

    status_code = 403
    type = "permission_denied"
    default_message = (
        "The linked account's consent does not permit this; relink it with the scope it needs."
    )


class ValidationFailed(ApiError):
    status_code = 422
    type = "validation_error"
    default_message = "The provider rejected the record."


class ProviderRateLimited(ApiError):
    status_code = 429
    type = "rate_limited"
    default_message = "The provider's rate limit was reached; retry after the given delay."


class NotOffered(ApiError):
    """405: the linked account's provider does not offer this (its endpoint exists for others)."""

    status_code = 405
    type = "method_not_allowed"
    default_message = "The linked account's provider does not offer this."


class NotSupported(ApiError):
    status_code = 501
    type = "not_supported"
    default_message = "This provider does not support this operation."


class ProviderError(ApiError):
    status_code = 502
    type = "provider_error"
    default_message = "The provider failed to answer; retry later."


class ServiceUnavailable(ApiError):
    """A service of our own (the task broker, the shared cache and rate limiter) is down."""

    status_code = 503
    type = "service_unavailable"
    default_message = "A service this request needs is briefly unavailable; retry after the delay."

    def __init__(self, message: str | None = None, *, retry_after: int = 10):
        super().__init__(message, headers={"Retry-After": str(retry_after)})


def infrastructure_errors() -> tuple[type[Exception], ...]:
    """What the broker or Redis raise when they cannot be reached."""
    from kombu.exceptions import OperationalError
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return (OperationalError, RedisConnectionError, RedisTimeoutError)


class PayloadTooLarge(ApiError):
    status_code = 413
    type = "payload_too_large"
    default_message = "The request body is too large."


_DRF_TYPES: list[tuple[type[Exception], str]] = [
    (drf.ValidationError, "validation_error"),
    (drf.ParseError, "parse_error"),
    (drf.NotAuthenticated, "authentication_error"),
    (drf.AuthenticationFailed, "authentication_error"),
    (drf.PermissionDenied, "permission_denied"),
    (drf.NotFound, "not_found"),
    (drf.MethodNotAllowed, "method_not_allowed"),
    (drf.NotAcceptable, "not_acceptable"),
    (drf.UnsupportedMediaType, "unsupported_media_type"),
    (drf.Throttled, "rate_limited"),
]


def envelope(
    error_type: str, message: str, details: Iterable[Mapping[str, str]] | None = None
) -> dict[str, Any]:
    return {
        "error": {
            "type": error_type,
            "message": message,
            "details": [dict(d) for d in details or []],
            "request_id": current_request_id(),
        }
    }


def error_response(
    status: int,
    error_type: str,
    message: str,
    details: Iterable[Mapping[str, str]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JsonResponse:
    response = JsonResponse(envelope(error_type, message, details), status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def flatten_validation_detail(detail: Any, path: str = "") -> list[dict[str, str]]:
    """Turn DRF's nested error detail into `[{"field": "line_items[0].quantity", ...}]`."""
    if isinstance(detail, Mapping):
        out: list[dict[str, str]] = []
        for key, value in detail.items():
            if key == "non_field_errors":
                out.extend(flatten_validation_detail(value, path))
            elif isinstance(key, int):  # a list serializer's errors, keyed by index
                out.extend(flatten_validation_detail(value, f"{path}[{key}]"))
            else:
                out.extend(flatten_validation_detail(value, f"{path}.{key}" if path else str(key)))
        return out
    if isinstance(detail, list):
        if all(not isinstance(item, Mapping | list) for item in detail):
            return [{"field": path, "message": str(item)} for item in detail]
        out = []
        for index, item in enumerate(detail):
            if item:
                out.extend(flatten_validation_detail(item, f"{path}[{index}]"))
        return out
    return [{"field": path, "message": str(detail)}]


def _drf_message(exc: drf.APIException, error_type: str) -> str:
    if error_type == "validation_error":
        return "The request has invalid fields; see details."
    detail = exc.detail
    if isinstance(detail, list | dict):
        return "The request is invalid."
    return str(detail)


def translate_exception(exc: Exception) -> ApiError | None:
    """Map a connector error to an API error; the table lives in one place."""
    from gateway.core.provider_errors import translate_connector_error

    return translate_connector_error(exc)


def api_exception_handler(exc: Exception, context: Mapping[str, Any]) -> Response:
    """DRF's EXCEPTION_HANDLER: every exception leaves a view in the envelope."""
    if isinstance(exc, Http404):
        exc = drf.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = drf.PermissionDenied()

    if isinstance(exc, infrastructure_errors()):
        logger.warning(
            "%s: a service is unreachable: %r", context.get("view").__class__.__name__, exc
        )
        exc = ServiceUnavailable()
    translated = translate_exception(exc) if not isinstance(exc, ApiError) else exc
    if translated is not None:
        body = envelope(translated.type, translated.message, translated.details)
        return Response(body, status=translated.status_code, headers=translated.headers)

    if isinstance(exc, drf.APIException):
        error_type = next((t for cls, t in _DRF_TYPES if isinstance(exc, cls)), "invalid_request")
        details = (
            flatten_validation_detail(exc.detail) if isinstance(exc, drf.ValidationError) else []
        )
        headers: dict[str, str] = {}
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None) is not None:
            headers["Retry-After"] = str(max(1, math.ceil(exc.wait)))
        return Response(
            envelope(error_type, _drf_message(exc, error_type), details),
            status=exc.status_code,
            headers=headers,
        )

    logger.exception("Unhandled error in %s", context.get("view").__class__.__name__)
    return Response(
        envelope("internal_error", "An unexpected error occurred; quote the request id."),
        status=500,
    )


# Django-level handlers for what never reaches a DRF view (unknown URLs, middleware errors).
def handler400(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    if isinstance(exception, DisallowedHost):
        # The commonest first-run mistake: say which host and which setting, not just "400".
        host = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
        return error_response(
            400,
            "invalid_request",
            f"The host {host[:200]!r} is not allowed: add it to ALLOWED_HOSTS "
            "(comma separated) or call the gateway by an allowed host name.",
        )
    return error_response(400, "invalid_request", "The request could not be understood.")


def handler403(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return error_response(403, "permission_denied", "You may not do that.")


def handler404(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return error_response(404, "not_found", "No such resource.")


def handler500(request: HttpRequest) -> JsonResponse:
    return error_response(
        500, "internal_error", "An unexpected error occurred; quote the request id."
    )


class InvalidRequest(ApiError):
    """400 with field details, for validation done outside DRF serializers (pydantic inputs)."""

    status_code = 400
    type = "validation_error"
    default_message = "The request has invalid fields; see details."
    before_work = True


class BeyondProviderLimits(InvalidRequest):
    """422: well-formed values no provider accepts (out of range, a negative total), refused
    before anything is sent; the status a provider's own refusal gets."""

    status_code = 422
    default_message = "Some values are beyond what the provider accepts; see details."


class UnknownReference(InvalidRequest):
    """422: a write names, by Ledgerlink id, a record this linked account does not have (never
    synced, or another account's); refused before anything is sent."""

    status_code = 422
    default_message = "Some references name no record of this linked account; see details."


def pydantic_details(exc) -> list[dict[str, str]]:
    """pydantic's error locations → our field paths (`line_items[0].quantity`)."""
    details = []
    for error in exc.errors(include_url=False):
        path = ""
        for part in error["loc"]:
            path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
        details.append({"field": path, "message": error["msg"]})
    return details


def pydantic_error(exc, limit_errors: frozenset[str]) -> InvalidRequest:
    """400 for a malformed body; 422 when every error is a well-formed value beyond a
    provider's limits (`limit_errors`: the error types that mean that)."""
    details = pydantic_details(exc)
    if all(error["type"] in limit_errors for error in exc.errors(include_url=False)):
        return BeyondProviderLimits(details=details)
    return InvalidRequest(details=details)

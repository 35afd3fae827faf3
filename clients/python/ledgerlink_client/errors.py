"""Typed errors, read from the API's one error envelope.

Every 4xx and 5xx answer carries
``{"error": {"type", "message", "details": [{"field", "message"}], "request_id"}}``; the
``type`` is stable and picks the exception class (the HTTP status when the type is unknown).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any


class LedgerlinkError(Exception):
    """An error answer from the API (or a network failure, with ``status`` 0)."""

    def __init__(
        self,
        message: str,
        *,
        status: int,
        type: str = "",
        details: list[dict[str, str]] | None = None,
        request_id: str | None = None,
        headers: Mapping[str, str] | None = None,
        body: bytes = b"",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.type = type
        self.details = details or []
        self.request_id = request_id
        self.headers = dict(headers or {})
        self.body = body

    @property
    def retry_after(self) -> float | None:
        """Seconds the API asked to wait (``Retry-After``), if it said."""
        return retry_after_seconds(self.headers)

    def fields(self) -> dict[str, str]:
        """``{"line_items[0].quantity": "Must be > 0", ...}`` from ``details``."""
        return {d.get("field", ""): d.get("message", "") for d in self.details}

    def __str__(self) -> str:
        where = f" (request {self.request_id})" if self.request_id else ""
        return f"{self.status} {self.type or 'error'}: {self.message}{where}"


class AuthenticationError(LedgerlinkError):
    """401: the API key is missing, unknown or revoked."""


class PermissionDenied(LedgerlinkError):
    """403: not allowed (e.g. the linked account's consent lacks a scope)."""


class NotFound(LedgerlinkError):
    """404: no such resource for this customer."""


class NotOffered(LedgerlinkError):
    """405: the linked account's provider does not offer this operation."""


class Conflict(LedgerlinkError):
    """409: e.g. an Idempotency-Key reused with another body, or a stale write."""


class RelinkRequired(Conflict):
    """409 ``relink_required``: the end user must link the account again."""


class ValidationError(LedgerlinkError):
    """400 or 422 ``validation_error``: ``details`` names the fields."""


class RateLimited(LedgerlinkError):
    """429: retried automatically; raised once the retries are spent (see ``retry_after``)."""


class ProviderError(LedgerlinkError):
    """502: the accounting provider failed to answer."""


class ServiceUnavailable(LedgerlinkError):
    """503: a service the gateway needs is briefly down (retried automatically)."""


class ServerError(LedgerlinkError):
    """Another 5xx answer."""


_BY_TYPE: dict[str, type[LedgerlinkError]] = {
    "authentication_error": AuthenticationError,
    "permission_denied": PermissionDenied,
    "not_found": NotFound,
    "method_not_allowed": NotOffered,
    "conflict": Conflict,
    "relink_required": RelinkRequired,
    "validation_error": ValidationError,
    "rate_limited": RateLimited,
    "provider_error": ProviderError,
    "service_unavailable": ServiceUnavailable,
}
_BY_STATUS: dict[int, type[LedgerlinkError]] = {
    401: AuthenticationError,
    403: PermissionDenied,
    404: NotFound,
    405: NotOffered,
    409: Conflict,
    422: ValidationError,
    429: RateLimited,
    502: ProviderError,
    503: ServiceUnavailable,
}


def error_from_response(status: int, body: bytes, headers: Mapping[str, str]) -> LedgerlinkError:
    """The exception for an error answer (its envelope, or what can be read of it)."""
    error: dict[str, Any] = {}
    try:
        parsed = json.loads(body or b"null")
        if isinstance(parsed, dict) and isinstance(parsed.get("error"), dict):
            error = parsed["error"]
    except ValueError:
        pass
    kind = str(error.get("type") or "")
    cls = _BY_TYPE.get(kind) or _BY_STATUS.get(status)
    if cls is None:
        cls = ServerError if status >= 500 else LedgerlinkError
    details = error.get("details")
    message = error.get("message") or (body[:200].decode("utf-8", "replace") or f"HTTP {status}")
    return cls(
        str(message),
        status=status,
        type=kind,
        details=[dict(d) for d in details if isinstance(d, dict)]
        if isinstance(details, list)
        else [],
        request_id=error.get("request_id") or _header(headers, "X-Request-Id"),
        headers=headers,
        body=body,
    )


def _header(headers: Mapping[str, str], name: str) -> str | None:
    wanted = name.lower()
    return next((v for k, v in headers.items() if k.lower() == wanted), None)


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """``Retry-After`` as seconds: delta-seconds or an HTTP date; None when absent or unreadable."""
    value = _header(headers, "Retry-After")
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())

"""Errors every connector raises. The gateway maps them to its error envelope via ``code`` and
``http_status`` (a suggestion: e.g. ``validation_error`` → 422, ``relink_required`` → 409)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

__all__ = [
    "AuthExpired",
    "ClientCredentialsRejected",
    "Conflict",
    "ConnectorError",
    "DailyLimitReached",
    "NotFound",
    "NotSupported",
    "PermissionDenied",
    "ProviderError",
    "ProviderUnavailable",
    "RateLimited",
    "RelinkRequired",
    "TenantNotConnected",
    "UnknownProvider",
    "ValidationFailed",
]


class ConnectorError(Exception):
    """Base of every connector error."""

    code = "provider_error"
    http_status = 502

    def __init__(
        self,
        message: str = "",
        *,
        status: int | None = None,
        body: Any = None,
        provider_request_id: str | None = None,
    ):
        super().__init__(message or self.__class__.__name__)
        self.message = message or self.__class__.__name__
        #: The provider's HTTP status, when the error came from a response.
        self.status = status
        #: The provider's decoded error body (never contains credentials).
        self.body = body
        #: The provider's own id for the failed request (Xero ``Xero-Correlation-Id``,
        #: QuickBooks ``intuit_tid``): what its support asks for.
        self.provider_request_id = provider_request_id


class ProviderError(ConnectorError):
    """An unexpected provider response that fits no narrower class."""


class UnknownProvider(ConnectorError, KeyError):
    code = "unknown_provider"
    http_status = 404

    def __str__(self) -> str:
        return self.message


class AuthExpired(ConnectorError):
    """The access token was rejected and a refresh did not help."""

    code = "auth_expired"
    http_status = 409


class RelinkRequired(AuthExpired):
    """The grant is gone (``invalid_grant``, revoked, expired): the user must connect again.
    The credential store has already been told (``mark_relink_required``)."""

    code = "relink_required"
    http_status = 409


class ClientCredentialsRejected(RelinkRequired):
    """The token endpoint refused a client-credentials request: ``error`` is the OAuth code
    (``invalid_client``: wrong id or secret; ``unauthorized_client``: not a client allowed this
    grant, e.g. a standard app's id; ``invalid_scope``). On renewal the connection is gone;
    when linking, the end user pasted something wrong."""

    def __init__(self, error: str, message: str = "", **kw: Any):
        super().__init__(message or f"client credentials refused: {error}", **kw)
        self.error = error


class RateLimited(ConnectorError):
    """The provider (or our own limiter) refused the call for now; retry after ``retry_after`` s.
    ``problem`` is Xero's ``X-Rate-Limit-Problem`` (``minute``, ``appminute``, ``concurrent``,
    ``day``) or ``local`` when our limiter could not grant a slot in time."""

    code = "rate_limited"
    http_status = 429

    def __init__(self, message: str = "", *, retry_after: float, problem: str | None = None, **kw):
        super().__init__(
            message or f"rate limited ({problem}); retry after {retry_after:.0f}s", **kw
        )
        self.retry_after = retry_after
        self.problem = problem


class DailyLimitReached(RateLimited):
    """The tenant's daily budget is spent; a sync should checkpoint and resume at ``resume_at``."""

    def __init__(self, message: str = "", *, resume_at: datetime, retry_after: float, **kw):
        super().__init__(
            message or f"daily limit reached; resumes at {resume_at.isoformat()}",
            retry_after=retry_after,
            problem="day",
            **kw,
        )
        self.resume_at = resume_at


class NotFound(ConnectorError):
    code = "not_found"
    http_status = 404


class ValidationFailed(ConnectorError):
    """The provider rejected a write. ``details`` are ``{"field": unified path, "message": str}``
    with paths such as ``line_items[0].quantity``; ``""`` when no field can be named (the
    record as a whole). Both are always strings, whatever a connector passes."""

    code = "validation_error"
    http_status = 422

    def __init__(
        self,
        message: str = "",
        *,
        details: Sequence[Mapping[str, Any]] = (),
        **kw: Any,
    ):
        super().__init__(message or "the provider rejected the data", **kw)
        self.details = [
            {"field": str(d.get("field") or ""), "message": str(d.get("message") or "")}
            for d in details
        ]


class Conflict(ConnectorError):
    """The record changed at the provider since the write read it (QuickBooks' stale
    ``SyncToken``, fault 5010): nothing was written. ``current`` is the record as it now is
    when the connector could read it (the gateway stores it, so the caller reads it again)."""

    code = "conflict"
    http_status = 409

    def __init__(self, message: str = "", *, current: Any = None, **kw: Any):
        super().__init__(message or "the record changed at the provider", **kw)
        self.current = current


class NotSupported(ConnectorError):
    """The provider cannot do this (operation, model or field)."""

    code = "not_supported"
    http_status = 400


class PermissionDenied(ConnectorError):
    """The consent does not allow this: it lacks the scope the provider requires (Xero: 401
    ``AuthorizationUnsuccessful``). A refresh cannot help; a new consent can."""

    code = "permission_denied"
    http_status = 403


class TenantNotConnected(ConnectorError):
    """The grant does not (or no longer) cover this tenant (Xero 403)."""

    code = "tenant_not_connected"
    http_status = 409


class ProviderUnavailable(ConnectorError):
    """5xx, timeouts or connection errors that outlasted our retries."""

    code = "provider_unavailable"
    http_status = 503

"""Connector errors → API errors: how a provider failure looks to a client, in one table."""

from __future__ import annotations

import logging
import math
from datetime import UTC, datetime

from connectors import errors as ce
from gateway.core import errors as api

logger = logging.getLogger("ledgerlink.errors")


def _seconds_until(moment: datetime | None) -> int:
    if moment is None:
        return 60
    return max(1, math.ceil((moment - datetime.now(UTC)).total_seconds()))


def translate_connector_error(exc: Exception) -> api.ApiError | None:
    if not isinstance(exc, ce.ConnectorError):
        return None
    if isinstance(exc, ce.ValidationFailed):
        return api.ValidationFailed(str(exc) or None, details=list(exc.details))
    if isinstance(exc, ce.Conflict):
        return api.StaleWrite(None)
    if isinstance(exc, ce.NotFound):
        err = api.ApiError("The record does not exist at the provider.")
        err.status_code, err.type = 404, "not_found"
        return err
    if isinstance(exc, ce.PermissionDenied):
        return api.ScopeNotGranted()
    if isinstance(exc, ce.AuthExpired | ce.TenantNotConnected):
        return api.RelinkRequired()
    if isinstance(exc, ce.DailyLimitReached):
        wait = _seconds_until(exc.resume_at)
        return api.ProviderRateLimited(
            "The provider's daily call budget for this account is spent.",
            headers={"Retry-After": str(wait)},
        )
    if isinstance(exc, ce.RateLimited):
        wait = max(1, math.ceil(exc.retry_after or 1))
        return api.ProviderRateLimited(headers={"Retry-After": str(wait)})
    if isinstance(exc, ce.NotSupported):
        return api.NotSupported(str(exc) or None)
    if isinstance(exc, ce.ProviderUnavailable):
        err = api.ProviderError(
            _quoting("The provider is unavailable; retry later.", exc),
            headers={"Retry-After": "30"},
        )
        err.status_code, err.type = 503, "provider_unavailable"
        return err
    return api.ProviderError(_quoting(api.ProviderError.default_message, exc))


def _quoting(message: str, exc: ce.ConnectorError) -> str:
    """A provider failure names the provider's id for the request, when it sent one: the
    reference its support asks for."""
    if not exc.provider_request_id:
        return message
    logger.warning(
        "provider failure %s (provider request id %s): %s",
        exc.code,
        exc.provider_request_id,
        exc.message,
    )
    return f"{message} Provider request id: {exc.provider_request_id}."

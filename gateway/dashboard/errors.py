"""What to tell a dashboard user when a service refuses (the same refusals the API answers)."""

from __future__ import annotations

from rest_framework import exceptions as drf

from connectors.errors import ConnectorError
from gateway.core.errors import ApiError, flatten_validation_detail, translate_exception

#: Exceptions the dashboard's actions turn into a message instead of a 500.
REFUSALS = (ApiError, drf.APIException, ConnectorError)


def message_of(exc: Exception) -> str:
    if isinstance(exc, ConnectorError):
        translated = translate_exception(exc)
        return translated.message if translated else str(exc)
    if isinstance(exc, ApiError):
        return exc.message
    if isinstance(exc, drf.ValidationError):
        parts = [
            f"{d['field']}: {d['message']}" if d["field"] else d["message"]
            for d in flatten_validation_detail(exc.detail)
        ]
        return " ".join(parts) or "The form has invalid fields."
    if isinstance(exc, drf.APIException):
        return str(exc.detail)
    return str(exc)

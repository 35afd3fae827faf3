"""What QuickBooks' data can't say: its ``Fault`` error bodies. Reads are all spec-driven;
writes are not supported yet (``NotSupported``, which the gateway answers with 501)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import ConnectorError, ProviderError, ValidationFailed
from ..http import STATUS_ERRORS, Response
from ..rest import SpecConnector

__all__ = ["QuickBooksConnector", "fault_errors"]


def fault_errors(body: Any) -> tuple[str | None, list[dict[str, Any]]]:
    """``(fault type, [{"code", "message", "detail", "element"}])`` from either spelling of
    Intuit's error body: ``{"Fault": {"Error": [{"Message", "Detail", "code", "element"}],
    "type"}}`` (the API) or ``{"fault": {"error": [{"message", "detail", "code"}], "type"}}``
    (Intuit's gateway: 401s and throttling)."""
    if not isinstance(body, Mapping):
        return None, []
    fault = body.get("Fault") or body.get("fault")
    if not isinstance(fault, Mapping):
        return None, []
    errors = []
    for e in fault.get("Error") or fault.get("error") or ():
        if not isinstance(e, Mapping):
            continue
        errors.append(
            {
                "code": str(e.get("code") or e.get("Code") or ""),
                "message": str(e.get("Message") or e.get("message") or ""),
                "detail": str(e.get("Detail") or e.get("detail") or ""),
                "element": e.get("element") or e.get("Element") or None,
            }
        )
    return (str(fault.get("type")) if fault.get("type") else None), errors


class QuickBooksConnector(SpecConnector):
    def translate_error(self, response: Response, context: str | None) -> ConnectorError | None:
        body = response.json()
        fault_type, errors = fault_errors(body)
        if not errors:
            return None
        first = errors[0]
        message = "; ".join(
            f"{e['message']}: {e['detail']}" if e["detail"] else e["message"] for e in errors
        )
        if response.status == 400 and fault_type == "ValidationFault":
            return ValidationFailed(
                first["message"] or "validation failed",
                details=[
                    {"field": e["element"], "message": e["detail"] or e["message"]} for e in errors
                ],
                status=400,
                body=body,
            )
        cls = STATUS_ERRORS.get(response.status, ProviderError)
        return cls(message or f"HTTP {response.status}", status=response.status, body=body)

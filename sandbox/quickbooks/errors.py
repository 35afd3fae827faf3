"""Intuit's error bodies. The API answers ``{"Fault": {"Error": [{"Message", "Detail", "code",
"element"}], "type"}, "time"}``; Intuit's gateway (401s) spells it in lower case."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from flask import Response


def intuit_time(now: datetime) -> str:
    return now.astimezone().isoformat(timespec="milliseconds")


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    response = Response(
        json.dumps(body, separators=(",", ":")), status=status, mimetype="application/json"
    )
    response.headers["intuit_tid"] = "sbx-" + format(id(body), "x")
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def fault(
    status: int,
    fault_type: str,
    code: str,
    message: str,
    detail: str,
    now: datetime,
    *,
    element: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    error: dict[str, Any] = {"Message": message, "Detail": detail, "code": code}
    if element:
        error["element"] = element
    body = {"Fault": {"Error": [error], "type": fault_type}, "time": intuit_time(now)}
    return json_response(body, status, headers)


def gateway_fault(status: int, fault_type: str, code: str, message: str, detail: str) -> Response:
    """Intuit's API gateway form (lower-case keys), e.g. for 401 AuthenticationFailed."""
    body = {
        "warnings": None,
        "intuitObject": None,
        "fault": {
            "error": [{"message": message, "detail": detail, "code": code, "element": None}],
            "type": fault_type,
        },
        "report": None,
        "queryResponse": None,
        "batchItemResponse": [],
        "attachableResponse": [],
        "syncErrorResponse": None,
        "requestId": None,
        "time": None,
        "status": None,
        "cdcresponse": [],
    }
    return json_response(body, status, {"WWW-Authenticate": 'Bearer realm="Intuit"'})

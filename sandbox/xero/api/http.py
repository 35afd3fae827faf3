"""Response helpers shared by the blueprints (Xero's body shapes)."""

from __future__ import annotations

from flask import Response, current_app

from ..ids import fresh
from ..jsonutil import Fragment, dumps, loads
from ..state import Sandbox
from ..xdates import ms_date


def sandbox() -> Sandbox:
    return current_app.config["SANDBOX"]


def json_response(body: object, status: int = 200, headers: dict | None = None) -> Response:
    return Response(dumps(body), status=status, headers=headers, mimetype="application/json")


def text_response(text: str, status: int, headers: dict | None = None) -> Response:
    return Response(text, status=status, headers=headers, mimetype="text/plain")


def problem(status: int, title: str, detail: str, headers: dict | None = None) -> Response:
    """Xero's identity/gateway error shape (401, 403, 5xx)."""
    body = {
        "Type": None,
        "Title": title,
        "Status": status,
        "Detail": detail,
        "Instance": fresh(),
        "Extensions": {},
    }
    return json_response(body, status, headers)


def not_found() -> Response:
    """Xero answers unknown ids with a plain-text 404."""
    return text_response("The resource you're looking for cannot be found", 404)


def envelope(
    collection: str,
    items: list[bytes],
    provider: str,
    pagination: dict | None = None,
    extra: dict | None = None,
) -> Response:
    """``{"Id", "Status", "ProviderName", "DateTimeUTC", [pagination], <Collection>: [...]}``."""
    body: dict = {
        "Id": fresh(),
        "Status": "OK",
        "ProviderName": provider,
        "DateTimeUTC": f"/Date({sandbox().clock.ms()})/",
    }
    if pagination is not None:
        body["pagination"] = pagination
    if extra:
        body.update(extra)
    body[collection] = [Fragment(item) for item in items]
    return json_response(body)


def parse_json(data: bytes) -> object:
    return loads(data) if data else None


__all__ = [
    "envelope",
    "json_response",
    "ms_date",
    "not_found",
    "parse_json",
    "problem",
    "sandbox",
    "text_response",
]

"""The response layer every request passes through: Xero's correlation id, its URL limit, its
404/501 answers for routes it does not have, and XML for clients that do not ask for JSON."""

from __future__ import annotations

import uuid

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from .. import resources as R
from ..jsonutil import loads
from ..xmlbody import to_xml, wants_json
from .http import json_response, not_found, text_response

API_PREFIX = "/api.xro/2.0/"
CONTROL_PREFIX = "/_sandbox/"
#: The query string Xero's servers take (IIS's default ``maxQueryString``, 2048 bytes as sent);
#: a longer one (about 55 GUIDs in ``IDs=``) is refused before it reaches the API.
MAX_QUERY_STRING = 2048
NOT_IMPLEMENTED = {
    "ErrorNumber": 20,
    "Type": "NotImplemented",
    "Message": "The API method is not implemented",
}


def install(app: Flask) -> None:
    app.before_request(_refuse_long_urls)
    app.after_request(_render)
    app.register_error_handler(404, _unknown_route)
    app.register_error_handler(405, _method_not_allowed)


def _refuse_long_urls() -> Response | None:
    if request.path.startswith(API_PREFIX) and len(request.query_string) > MAX_QUERY_STRING:
        return text_response("Request-URI Too Long", 414)
    return None


def _unknown_route(_exc: HTTPException) -> Response:
    if request.path.startswith(CONTROL_PREFIX):
        return json_response({"error": "not found"}, 404)
    return not_found()


def _method_not_allowed(exc: HTTPException) -> Response:
    """Xero answers a method a resource does not have with 501 NotImplemented."""
    if request.path.startswith(API_PREFIX):
        return json_response(NOT_IMPLEMENTED, 501)
    if request.path.startswith(CONTROL_PREFIX):
        return json_response({"error": "method not allowed"}, 405)
    allowed = getattr(exc, "valid_methods", None) or []
    return text_response("Method Not Allowed", 405, {"Allow": ", ".join(allowed)})


def _render(response: Response) -> Response:
    response.headers["Xero-Correlation-Id"] = str(uuid.uuid4())
    if (
        request.path.startswith(API_PREFIX)
        and _is_api_body(response)
        and not wants_json(request.headers.get("Accept"))
    ):
        response.set_data(to_xml(loads(response.get_data()), _element_type()))
        response.headers["Content-Type"] = "text/xml; charset=utf-8"
    return response


def _is_api_body(response: Response) -> bool:
    """Results and the API's own exceptions; the identity layer's 401/403/5xx problems stay
    JSON, as Xero's gateway sends them."""
    if response.mimetype != "application/json" or response.direct_passthrough:
        return False
    return response.status_code < 300 or response.status_code in (400, 501)


def _element_type() -> str | None:
    parts = request.path[len(API_PREFIX) :].split("/")
    resource = R.BY_COLLECTION.get(parts[0].lower()) if parts else None
    return resource.kind if resource else None

"""gunicorn's own error answers in the API's envelope.

gunicorn refuses what it cannot parse (a request line over ``limit_request_line``: 414, headers
over their limits: 431, a malformed request: 400) before the gateway sees the request, and writes
an HTML page. ``gunicorn.conf.py`` installs ``write_envelope_error`` in its place, so a client
parses one shape whoever answered. No Django here: gunicorn calls it outside any request.
"""

from __future__ import annotations

import json

from gateway.core.request_id import HEADER, new_request_id

#: gunicorn status → the envelope's type and a message that says what to change.
ERRORS = {
    400: ("invalid_request", "The request could not be parsed as HTTP."),
    403: ("permission_denied", "The request was refused."),
    414: ("uri_too_long", "The URL is too long; send fewer or shorter query parameters."),
    417: ("invalid_request", "The Expect header is not supported."),
    431: ("headers_too_large", "The request headers are too large."),
    501: ("not_supported", "The request's transfer coding is not supported."),
}
FALLBACK = ("internal_error", "An unexpected error occurred; quote the request id.")


def envelope_error_bytes(status: int, reason: str) -> bytes:
    """The whole HTTP response gunicorn writes before closing the connection."""
    request_id = new_request_id()
    error_type, message = ERRORS.get(status, FALLBACK)
    body = json.dumps(
        {
            "error": {
                "type": error_type,
                "message": message,
                "details": [],
                "request_id": request_id,
            }
        }
    ).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"{HEADER}: {request_id}\r\n"
        "\r\n"
    )
    return head.encode("latin-1") + body


def write_envelope_error(sock, status_int: int, reason: str, mesg: str) -> None:
    """Signature of ``gunicorn.util.write_error``; ``mesg`` (gunicorn's detail, which may echo
    the request) is left out of the answer."""
    from gunicorn import util

    util.write_nonblock(sock, envelope_error_bytes(status_int, reason))


def install() -> None:
    from gunicorn import util

    util.write_error = write_envelope_error

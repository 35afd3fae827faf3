"""`/mcp`: the MCP Streamable HTTP endpoint, served inside the gateway's Django (WSGI) process.

The SDK's Streamable HTTP transport runs in its stateless, JSON-response mode: every MCP
message is one HTTP POST answered with one JSON body, so it needs no long-lived stream and no
session kept between requests, and it fits the gateway's synchronous workers. Each POST is
first a DRF request like any other: the API key is authenticated, the key is rate-limited, the
request gets its id; then the SDK's ASGI app handles the body (driven with `async_to_sync`) and
its answer is returned as is.
"""

from __future__ import annotations

from typing import Any

import anyio
from asgiref.sync import async_to_sync
from django.http import HttpResponse
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.request import Request
from rest_framework.views import APIView

from gateway.accounts.selectors import HEADER
from gateway.mcp_server.server import build_server, current_caller
from gateway.mcp_server.tools import Caller

_SERVER = build_server()
#: Request headers passed on to the SDK (what the transport reads).
_PASSED = ("accept", "content-type", "content-length", "mcp-protocol-version", "mcp-session-id")


def _scope(request: Request, body: bytes) -> dict[str, Any]:
    headers = [
        (name.lower().encode("latin-1"), value.encode("latin-1"))
        for name, value in request.headers.items()
        if name.lower() in _PASSED or name.lower().startswith("mcp-")
    ]
    host = request.get_host()
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": request.method,
        "scheme": request.scheme,
        "path": request.path,
        "raw_path": request.path.encode("utf-8"),
        "root_path": "",
        "query_string": request.META.get("QUERY_STRING", "").encode("latin-1"),
        "headers": [*headers, (b"host", host.encode("latin-1"))],
        "server": (host.partition(":")[0], int(request.get_port())),
        "client": (request.META.get("REMOTE_ADDR", ""), 0),
    }


async def _serve(scope: dict[str, Any], body: bytes, caller: Caller) -> HttpResponse:
    current_caller.set(caller)  # this task's context, copied into the SDK's tasks
    manager = StreamableHTTPSessionManager(app=_SERVER, json_response=True, stateless=True)
    answered = anyio.Event()
    start: dict[str, Any] = {}
    chunks: list[bytes] = []
    delivered = False

    async def receive() -> dict[str, Any]:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        await answered.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                answered.set()

    async with manager.run():
        await manager.handle_request(scope, receive, send)
    response = HttpResponse(b"".join(chunks), status=start.get("status", 500))
    for name, value in start.get("headers", []):
        if name.lower() != b"content-length":
            response[name.decode("latin-1")] = value.decode("latin-1")
    return response


class JsonAnswers(BaseContentNegotiation):
    """MCP clients accept `application/json, text/event-stream`, and a GET for the (absent)
    server stream only the latter: the gateway's own answers (errors, 405) stay JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class McpView(APIView):
    """Authenticated and throttled as the REST API; the SDK answers the MCP message. POST only:
    in stateless mode there is no server-initiated stream (GET) and no session to end
    (DELETE)."""

    content_negotiation_class = JsonAnswers

    def post(self, request: Request) -> HttpResponse:
        body = request.body
        caller = Caller(request.user.customer, request.headers.get(HEADER))
        return async_to_sync(_serve)(_scope(request, body), body, caller)

"""A tiny programmable HTTP server standing in for a provider (token endpoint, API, ...)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body, parse_float=Decimal)

    def form(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(self.body.decode()).items()}


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)

    def encode(self) -> bytes:
        if self.body is None:
            return b""
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode()
        return json.dumps(self.body, default=str).encode()


Handler = Callable[[Request], Reply]


class FakeServer:
    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Handler] = {}
        self.prefix_routes: list[tuple[str, str, Handler]] = []
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        server = self

        class _H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                req = Request(
                    method=self.command,
                    path=parts.path,
                    query={k: v[0] for k, v in parse_qs(parts.query).items()},
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=body,
                )
                with server._lock:
                    server.requests.append(req)
                reply = server.dispatch(req)
                payload = reply.encode()
                self.send_response(reply.status)
                headers = {"Content-Type": "application/json", **reply.headers}
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _H)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def route(self, method: str, path: str, handler: Handler | Reply) -> None:
        self.routes[(method.upper(), path)] = handler if callable(handler) else (lambda r: handler)

    def route_prefix(self, method: str, prefix: str, handler: Handler) -> None:
        self.prefix_routes.append((method.upper(), prefix, handler))

    def dispatch(self, req: Request) -> Reply:
        handler = self.routes.get((req.method, req.path))
        if handler is None:
            for method, prefix, h in self.prefix_routes:
                if method == req.method and req.path.startswith(prefix):
                    handler = h
                    break
        if handler is None:
            return Reply(404, "The resource you're looking for cannot be found")
        return handler(req)

    def calls(self, path_prefix: str = "") -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path.startswith(path_prefix)]

    def __enter__(self) -> FakeServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class FakeTokenEndpoint:
    """Strict single-use refresh tokens (no grace period), so any refresh race shows up as an
    invalid_grant. ``delay`` widens race windows."""

    def __init__(self, delay: float = 0.05, expires_in: int = 1800) -> None:
        self.delay = delay
        #: Lifetime of the access tokens it issues, in seconds.
        self.expires_in = expires_in
        self.valid_refresh = {"r0"}
        self.valid_access = {"a0"}
        self.refresh_calls = 0
        self.counter = 0
        self.lock = threading.Lock()
        self.fail_next: list[Reply] = []

    def __call__(self, req: Request) -> Reply:
        import time

        form = req.form()
        time.sleep(self.delay)
        with self.lock:
            if self.fail_next:
                return self.fail_next.pop(0)
            if form.get("grant_type") == "refresh_token":
                self.refresh_calls += 1
                token = form.get("refresh_token")
                if token not in self.valid_refresh:
                    return Reply(400, {"error": "invalid_grant"})
                self.valid_refresh.discard(token)
            elif form.get("grant_type") == "authorization_code":
                if form.get("code") != "good-code":
                    return Reply(400, {"error": "invalid_grant"})
            else:
                return Reply(400, {"error": "unsupported_grant_type"})
            self.counter += 1
            access, refresh = f"a{self.counter}", f"r{self.counter}"
            self.valid_refresh.add(refresh)
            self.valid_access.add(access)
            return Reply(
                200,
                {
                    "access_token": access,
                    "refresh_token": refresh,
                    "expires_in": self.expires_in,
                    "token_type": "Bearer",
                    "scope": "openid offline_access accounting.transactions",
                },
            )

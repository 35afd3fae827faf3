"""What gunicorn refuses itself is answered in the API's envelope, and long URLs reach Django."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gateway.core.gunicorn_errors import envelope_error_bytes

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def raw_get(port: int, target: str, headers: str = "") -> tuple[int, dict[str, str], bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}\r\n".encode())
        sock.shutdown(socket.SHUT_WR)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    fields = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), {k.lower(): v for k, v in fields.items()}, body


@pytest.fixture(scope="module")
def gunicorn_port():
    port = free_port()
    env = {**os.environ, "LEDGERLINK_ENV": "development"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "gateway.wsgi", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    yield port
    process.terminate()
    process.wait(timeout=10)


def assert_envelope(body: bytes, error_type: str, headers: dict[str, str]) -> None:
    error = json.loads(body)["error"]
    assert error["type"] == error_type
    assert error["message"] and error["details"] == []
    assert error["request_id"] == headers["x-request-id"]


def test_a_url_over_gunicorns_limit_is_414_in_the_envelope(gunicorn_port):
    status, headers, body = raw_get(gunicorn_port, "/v1/providers?q=" + "a" * 9000)
    assert status == 414
    assert headers["content-type"] == "application/json"
    assert_envelope(body, "uri_too_long", headers)


def test_oversized_headers_are_431_in_the_envelope(gunicorn_port):
    status, headers, body = raw_get(gunicorn_port, "/healthz", f"X-Big: {'b' * 9000}\r\n")
    assert status == 431
    assert_envelope(body, "headers_too_large", headers)


def test_a_long_url_within_the_limit_reaches_the_gateway(gunicorn_port):
    """Past gunicorn's default 4094-byte request line: the gateway answers, not gunicorn."""
    status, headers, body = raw_get(gunicorn_port, "/v1/providers?q=" + "a" * 6000)
    assert status == 401
    assert_envelope(body, "authentication_error", headers)


def test_the_envelope_never_echoes_the_request():
    response = envelope_error_bytes(414, "URI Too Long")
    assert response.startswith(b"HTTP/1.1 414 URI Too Long\r\n")
    assert b"Content-Length: " in response

"""OAuth authorization codes never reach gunicorn's access log: the shipped `gunicorn.conf.py`
logs the connect callback without its query string."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from gateway.connect.services import CALLBACK_PATH
from gateway.core.access_log import QUERY_HIDDEN_PATHS

ROOT = Path(__file__).resolve().parents[2]
CODE = "SplxlOBeZQQYbYS6WxSbIA-authorization-code"
STATE = "af0ifjsldkj-state"
# The default format plus every atom that can show the URL or its query.
FORMAT = '%(h)s "%(r)s" %(s)s q=%(q)s raw=%({raw_uri}e)s qs=%({query_string}e)s ref="%(f)s"'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    """gunicorn started as the README says (`-c gunicorn.conf.py`), with access logging on."""
    log = tmp_path_factory.mktemp("gunicorn") / "access.log"
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--access-logfile",
            str(log),
            "--access-logformat",
            FORMAT,
            "tests.hardening.access_log_app:app",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            requests.get(f"{base}/ready", timeout=1)
            break
        except requests.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"gunicorn did not start: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.1)
    yield base, log
    process.terminate()
    process.wait(timeout=10)


def _logged_line(log: Path, marker: str) -> str:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        lines = [line for line in log.read_text().splitlines() if marker in line]
        if lines:
            return lines[-1]
        time.sleep(0.05)
    raise AssertionError(f"no access-log line for {marker!r} in {log.read_text()!r}")


def test_the_shipped_config_hides_the_callbacks_query():
    assert CALLBACK_PATH in QUERY_HIDDEN_PATHS


def test_the_callback_is_logged_without_the_code(gunicorn):
    base, log = gunicorn
    requests.get(f"{base}{CALLBACK_PATH}", params={"code": CODE, "state": STATE}, timeout=5)
    line = _logged_line(log, CALLBACK_PATH)
    assert f'"GET {CALLBACK_PATH} HTTP/1.1" 200' in line
    assert CODE not in line and STATE not in line and "code=" not in line


def test_a_code_sent_to_another_path_or_in_a_referer_is_left_out(gunicorn):
    base, log = gunicorn
    requests.get(
        f"{base}/connect/callback/?code={CODE}",
        headers={"Referer": f"https://gw.example.com{CALLBACK_PATH}?code={CODE}&state={STATE}"},
        timeout=5,
    )
    requests.get(f"{base}/elsewhere?state=x&Code={CODE}", timeout=5)
    for marker in ("/connect/callback/", "/elsewhere"):
        line = _logged_line(log, marker)
        assert CODE not in line and STATE not in line, line
    assert f'ref="https://gw.example.com{CALLBACK_PATH}"' in _logged_line(log, "/connect/callback/")


def test_other_queries_are_still_logged(gunicorn):
    base, log = gunicorn
    requests.get(f"{base}/v1/invoices?status=OPEN&page_size=5", timeout=5)
    line = _logged_line(log, "/v1/invoices")
    assert '"GET /v1/invoices?status=OPEN&page_size=5 HTTP/1.1"' in line
    assert "q=status=OPEN&page_size=5" in line

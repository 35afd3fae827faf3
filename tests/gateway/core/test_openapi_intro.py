"""The reference's introduction says what the code does: its numbers, its error types, and a
webhook verification snippet that accepts what the gateway signs."""

from __future__ import annotations

import re
import time
from pathlib import Path

import yaml

from gateway.core.openapi_intro import ERRORS, INTRO
from tests.gateway.core.test_openapi import resolve

ROOT = Path(__file__).resolve().parents[3]


def _gateway_source() -> str:
    return "".join(
        p.read_text()
        for p in (ROOT / "gateway").rglob("*.py")
        if p.name not in {"openapi_errors.py", "openapi_intro.py"}
    )


def test_every_error_type_of_the_table_is_raised_by_the_code():
    source = _gateway_source()
    for _, types, _ in ERRORS:
        for error_type in re.findall(r"`([a-z_]+)`", types):
            assert f'"{error_type}"' in source, error_type


def test_the_table_covers_every_type_the_operations_document():
    spec = yaml.safe_load((ROOT / "openapi" / "ledgerlink.yaml").read_text())
    in_table = {(s, t) for s, types, _ in ERRORS for t in re.findall(r"`([a-z_]+)`", types)}
    for methods in spec["paths"].values():
        for operation in methods.values():
            for status, response in operation["responses"].items():
                media = response.get("content", {}).get("application/json", {})
                for example in media.get("examples", {}).values() if int(status) >= 400 else ():
                    pair = (int(status), resolve(spec, example)["value"]["error"]["type"])
                    assert pair in in_table, pair


def test_the_numbers_are_the_codes():
    from gateway.core import idempotency
    from gateway.events import delivery, endpoints
    from gateway.records import selectors

    settings_source = (ROOT / "gateway" / "settings.py").read_text()
    for setting, default in [
        ("API_RATE_LIMIT", '"1200/min"'),
        ("AUTH_FAILURE_LIMIT", "60"),
        ("PROVIDER_WAIT_SECONDS", "2.0"),
        ("WEBHOOK_TIMEOUT_SECONDS", "10.0"),
        ("WEBHOOK_RETRY_HOURS", "24.0"),
        ("WEBHOOK_ENDPOINT_DISABLE_AFTER_HOURS", "24.0"),
    ]:
        declared = rf'"{setting}",\s*default={re.escape(default)}\s*\)'
        assert re.search(declared, settings_source), setting
    assert "default 1200 a minute" in INTRO and "default 60 a minute" in INTRO
    assert "`PROVIDER_WAIT_SECONDS` (default 2)" in INTRO
    assert (selectors.DEFAULT_PAGE_SIZE, selectors.MAX_PAGE_SIZE) == (100, 1000)
    assert "`page_size` (1 to 1000, default 100)" in INTRO
    assert idempotency.KEY_LIFETIME.total_seconds() == 24 * 3600
    assert idempotency.MAX_KEY_LENGTH == 255 and "(1 to 255 characters)" in INTRO
    assert endpoints.MAX_ENDPOINTS == 20 and "up to 20 endpoints" in INTRO
    assert (delivery.FIRST_RETRY_SECONDS, delivery.MAX_RETRY_SECONDS) == (30.0, 4 * 3600.0)
    assert "30 seconds doubling to 4 hours" in INTRO


def test_the_verification_snippet_accepts_what_the_gateway_signs_and_nothing_else():
    from gateway.events.delivery import signature

    snippet = re.search(r"```python\n(.*?)```", INTRO, re.S).group(1)
    namespace: dict = {}
    exec(snippet, namespace)  # the documented code, run as documented
    verify = namespace["verify"]
    body = b'{"id":"e1","type":"invoice.created"}'
    timestamp = int(time.time())
    headers = {
        "Ledgerlink-Event-Id": "e1",
        "Ledgerlink-Timestamp": str(timestamp),
        "Ledgerlink-Signature": signature("whsec_test", "e1", timestamp, body),
    }
    assert verify("whsec_test", headers, body)
    assert not verify("whsec_other", headers, body)
    assert not verify("whsec_test", headers, body + b" ")
    stale = {**headers, "Ledgerlink-Timestamp": str(timestamp - 600)}
    stale["Ledgerlink-Signature"] = signature("whsec_test", "e1", timestamp - 600, body)
    assert not verify("whsec_test", stale, body)


def test_the_delivery_headers_named_are_the_ones_sent():
    source = (ROOT / "gateway" / "events" / "delivery.py").read_text()
    for header in re.findall(r"`(Ledgerlink-[A-Za-z-]+)`", INTRO):
        assert f'"{header}"' in source, header

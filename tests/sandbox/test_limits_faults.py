"""Rate limits (headers, 429s, windows, concurrency), injected faults and counters."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest


@pytest.fixture
def uk(xero_sandbox):
    tokens = xero_sandbox.connect(tenants=["uk", "us"])
    return xero_sandbox.api(tokens["access_token"], "uk"), xero_sandbox.api(
        tokens["access_token"], "us"
    )


def test_headers_on_every_accounting_response(xero_sandbox, uk):
    api, _ = uk
    first = api.get("Organisation")
    assert first.headers["X-MinLimit-Remaining"] == "59"
    assert first.headers["X-DayLimit-Remaining"] == "4999"
    assert first.headers["X-AppMinLimit-Remaining"] == "9999"
    assert api.get("Invoices/nope").headers["X-MinLimit-Remaining"] == "58"


def test_minute_limit_429_and_window(xero_sandbox, uk):
    api, other_tenant = uk
    xero_sandbox.control.set_limits(minute=3)
    assert [api.get("Organisation").status_code for _ in range(3)] == [200, 200, 200]
    limited = api.get("Organisation")
    assert limited.status_code == 429
    assert limited.headers["X-Rate-Limit-Problem"] == "minute"
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert limited.headers["X-MinLimit-Remaining"] == "0"
    assert other_tenant.get("Organisation").status_code == 200  # limits are per tenant
    xero_sandbox.control.advance_clock(61)
    assert api.get("Organisation").status_code == 200
    counters = xero_sandbox.control.counters()
    assert counters["rate_limited"] == {"minute": 1} and counters["rate_limited_total"] == 1


def test_day_and_app_minute_limits(xero_sandbox, uk):
    api, other = uk
    xero_sandbox.control.set_limits(day=2)
    api.get("Organisation"), api.get("Organisation")
    day = api.get("Organisation")
    assert day.status_code == 429 and day.headers["X-Rate-Limit-Problem"] == "day"
    assert int(day.headers["Retry-After"]) > 3600
    xero_sandbox.control.set_limits(day=5000, app_minute=3)
    assert other.get("Organisation").status_code == 200  # the app's third call this minute
    app = other.get("Organisation")
    assert app.status_code == 429 and app.headers["X-Rate-Limit-Problem"] == "appminute"


def test_concurrent_limit(xero_sandbox, uk):
    api, _ = uk
    xero_sandbox.control.set_limits(concurrent=2)
    xero_sandbox.control.faults(
        [{"prefix": "/api.xro/2.0/Organisation", "slow": 1, "slow_ms": 400}]
    )
    with ThreadPoolExecutor(6) as pool:
        responses = list(pool.map(lambda _: api.get("Organisation"), range(6)))
    statuses = sorted(r.status_code for r in responses)
    assert statuses.count(200) >= 2 and 429 in statuses
    problems = {r.headers.get("X-Rate-Limit-Problem") for r in responses if r.status_code == 429}
    assert problems == {"concurrent"}
    assert xero_sandbox.control.counters()["rate_limited"]["concurrent"] == statuses.count(429)


@pytest.mark.parametrize(
    ("kind", "status"), [("error_500", 500), ("error_503", 503), ("rate_429", 429)]
)
def test_fault_injection(xero_sandbox, uk, kind, status):
    api, _ = uk
    xero_sandbox.control.faults([{"prefix": "/api.xro/2.0/Invoices", kind: 1.0, "limit": 2}])
    assert [api.get("Invoices").status_code for _ in range(3)] == [status, status, 200]
    assert api.get("Contacts").status_code == 200  # other prefixes untouched
    assert xero_sandbox.control.counters()["faults"] == {kind.split("_")[-1]: 2}


def test_faults_are_seeded_and_shared(xero_sandbox, uk):
    api, _ = uk

    def run():
        xero_sandbox.control.faults(
            [{"prefix": "/api.xro/2.0/", "error_503": 0.3, "error_500": 0.2}], seed=7
        )
        return [api.get("Organisation").status_code for _ in range(20)]

    first, second = run(), run()
    assert first == second
    assert set(first) == {200, 500, 503}


def test_timeout_fault_and_token_endpoint_faults(xero_sandbox, uk):
    api, _ = uk
    xero_sandbox.control.faults(
        [{"prefix": "/api.xro/2.0/Items", "timeout": 1, "timeout_seconds": 0.3}]
    )
    slow = api.get("Items")
    assert slow.status_code == 504 and slow.elapsed.total_seconds() >= 0.3
    xero_sandbox.control.faults([{"prefix": "/connect/token", "error_503": 1, "limit": 1}])
    code = xero_sandbox.authorize(tenants=["uk"])
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": xero_sandbox.redirect_uri,
    }
    assert xero_sandbox.token_request(data).status_code == 503
    assert xero_sandbox.token_request(data).status_code == 200


def test_counters(xero_sandbox, uk):
    api, us = uk
    xero_sandbox.control.reset_counters()
    (
        api.get("Invoices"),
        api.get("Invoices", params={"page": 1}),
        api.get("Contacts"),
        us.get("Invoices"),
    )
    api.get("Invoices/HP-2044")
    counters = xero_sandbox.control.counters()
    assert counters["endpoints"]["GET /api.xro/2.0/Invoices"] == 3
    assert counters["endpoints"]["GET /api.xro/2.0/Invoices/{id}"] == 1
    assert counters["endpoints"]["GET /api.xro/2.0/Contacts"] == 1
    assert counters["tenants"] == {xero_sandbox.tenants["uk"]: 4, xero_sandbox.tenants["us"]: 1}
    assert counters["calls"] == 5 and counters["rate_limited_total"] == 0
    assert counters["statuses"]["200"] == 5

"""The shared client against a fake provider: paging, retries, 429s, the status → error table."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from connectors.errors import (
    AuthExpired,
    ConnectorError,
    DailyLimitReached,
    NotFound,
    ProviderUnavailable,
    RateLimited,
    TenantNotConnected,
    ValidationFailed,
)
from connectors.quickbooks import QuickBooksProvider
from connectors.waiting import wait_budget
from connectors.xero import XeroProvider
from unified_models import Invoice, InvoiceInput

from .conftest import TENANT, xero_settings
from .fakes import Reply, Request
from .pages import provider_pages

API = "/api.xro/2.0"


def invoice_row(i: int) -> dict:
    return {
        "InvoiceID": f"inv-{i}",
        "Type": "ACCREC",
        "Status": "AUTHORISED",
        "Total": "10.10",
        "AmountPaid": 0,
        "UpdatedDateUTC": f"/Date({1700000000000 + i * 1000}+0000)/",
        "LineItems": [{"LineItemID": f"l-{i}", "Quantity": 1, "UnitAmount": 10.1}],
    }


def paged(total: int, size: int = 1000, page_count: bool = True):
    def handler(req: Request) -> Reply:
        page = int(req.query.get("page", 1))
        rows = [invoice_row(i) for i in range((page - 1) * size, min(page * size, total))]
        body: dict = {"Invoices": rows}
        if page_count:
            body["pagination"] = {
                "page": page,
                "pageSize": size,
                "pageCount": -(-total // size),
                "itemCount": total,
            }
        return Reply(200, body)

    return handler


def test_list_pages_with_one_call_per_page(fake, provider, store) -> None:
    fake.route("GET", f"{API}/Invoices", paged(2500))
    conn = provider.connect(store, TENANT)
    pages = provider_pages(conn.list("invoice"))
    assert [len(p.records) for p in pages] == [1000, 1000, 500]
    assert [p.calls for p in pages] == [1, 1, 1]
    assert pages[-1].next_cursor is None and all(p.next_cursor for p in pages[:-1])
    reqs = fake.calls(f"{API}/Invoices")
    assert len(reqs) == 3
    first = reqs[0]
    assert first.query == {
        "page": "1",
        "pageSize": "1000",
        "includeArchived": "true",
        "unitdp": "4",
        "order": "InvoiceID",  # an order no edit changes (pages are numbered)
    }
    assert first.headers["xero-tenant-id"] == TENANT
    assert first.headers["authorization"] == "Bearer a0"
    assert "if-modified-since" not in first.headers
    rec = pages[0].records[0]
    assert isinstance(rec, Invoice) and rec.total_amount == Decimal("10.10")
    assert type(rec.line_items[0].unit_price) is Decimal
    assert pages[0].max_remote_updated_at == datetime.fromtimestamp(1700000999, UTC)


def test_exact_multiple_needs_no_extra_call_when_page_count_known(fake, provider, store) -> None:
    fake.route("GET", f"{API}/Invoices", paged(2000))
    list(provider.connect(store, TENANT).list("invoice"))
    assert len(fake.calls(f"{API}/Invoices")) == 2


def test_without_page_count_a_short_page_ends(fake, provider, store) -> None:
    fake.route("GET", f"{API}/Invoices", paged(1500, page_count=False))
    pages = provider_pages(provider.connect(store, TENANT).list("invoice"))
    assert [len(p.records) for p in pages] == [1000, 500]


def test_resume_from_cursor_and_incremental_header(fake, provider, store) -> None:
    fake.route("GET", f"{API}/Invoices", paged(2500))
    conn = provider.connect(store, TENANT)
    since = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
    it = conn.list("invoice", modified_since=since)
    first = next(p for p in it if not p.continued)  # the first provider page's last part
    del it
    rest = provider_pages(conn.list("invoice", cursor=first.next_cursor))
    assert [len(p.records) for p in rest] == [1000, 500]
    reqs = fake.calls(f"{API}/Invoices")
    assert [r.query["page"] for r in reqs] == ["1", "2", "3"]
    assert {r.headers["if-modified-since"] for r in reqs} == {"2024-05-01T12:30:00.000"}


def test_incremental_nothing_changed_is_one_call(fake, provider, store) -> None:
    fake.route(
        "GET",
        f"{API}/Invoices",
        Reply(
            200,
            {
                "Invoices": [],
                "pagination": {"page": 1, "pageSize": 1000, "pageCount": 0, "itemCount": 0},
            },
        ),
    )
    pages = list(provider.connect(store, TENANT).list("invoice", modified_since=datetime.now(UTC)))
    assert len(pages) == 1 and pages[0].records == [] and pages[0].next_cursor is None
    assert len(fake.calls(API)) == 1


def flaky(failures: list[Reply], then: Reply):
    def handler(req: Request) -> Reply:
        return failures.pop(0) if failures else then

    return handler


def test_5xx_is_retried_with_backoff(fake, provider, store) -> None:
    fake.route(
        "GET",
        f"{API}/Invoices/inv-1",
        flaky(
            [Reply(503, "busy"), Reply(502, "bad gateway")],
            Reply(200, {"Invoices": [invoice_row(1)]}),
        ),
    )
    conn = provider.connect(store, TENANT)
    assert conn.get("invoice", "inv-1").remote_id == "inv-1"
    assert conn.calls == 3


def test_persistent_5xx_raises_provider_unavailable(fake, provider, store) -> None:
    fake.route("GET", f"{API}/Invoices/x", Reply(500, "boom"))
    conn = provider.connect(store, TENANT)
    with pytest.raises(ProviderUnavailable) as info:
        conn.get("invoice", "x")
    assert info.value.status == 500
    assert conn.calls == 4  # HttpPolicy.max_attempts


def test_timeouts_are_retried_then_unavailable(fake, limiter, token_endpoint, store) -> None:
    def slow(req: Request) -> Reply:
        time.sleep(0.5)
        return Reply(200, {"Invoices": [invoice_row(1)]})

    fake.route("GET", f"{API}/Invoices/slow", slow)
    settings = xero_settings(fake.base_url)
    settings["http"] = {"read_timeout": 0.1, "max_attempts": 2, "backoff_initial": 0.01}
    conn = XeroProvider(settings, limiter=limiter).connect(store, TENANT)
    with pytest.raises(ProviderUnavailable, match="timeout"):
        conn.get("invoice", "slow")
    assert conn.calls == 2


def test_connection_errors_are_unavailable(limiter, store) -> None:
    settings = xero_settings("http://127.0.0.1:9")  # discard port: nothing listens
    settings["http"] = {"max_attempts": 2, "backoff_initial": 0.01, "connect_timeout": 0.5}
    conn = XeroProvider(settings, limiter=limiter).connect(store, TENANT)
    with pytest.raises(ProviderUnavailable, match="connection error"):
        conn.get("invoice", "x")


def test_writes_without_idempotency_key_are_not_retried(fake, provider, store) -> None:
    fake.route("PUT", f"{API}/Invoices", Reply(503, "busy"))
    conn = provider.connect(store, TENANT)
    with pytest.raises(ProviderUnavailable):
        conn.client.request("PUT", "Invoices", json={"Invoices": []})
    assert conn.calls == 1


def test_writes_with_idempotency_key_are_retried_and_pass_it_through(fake, provider, store) -> None:
    created = {"Invoices": [invoice_row(7)]}
    fake.route("PUT", f"{API}/Invoices", flaky([Reply(503, "busy")], Reply(200, created)))
    conn = provider.connect(store, TENANT)
    inv = conn.create(
        "invoice",
        InvoiceInput(type="ACCOUNTS_RECEIVABLE", contact_remote_id="c-1"),
        idempotency_key="key-123",
    )
    assert inv.remote_id == "inv-7"
    reqs = fake.calls(f"{API}/Invoices")
    assert [r.headers["idempotency-key"] for r in reqs] == ["key-123", "key-123"]
    assert reqs[0].json() == {"Invoices": [{"Type": "ACCREC", "Contact": {"ContactID": "c-1"}}]}


def test_minute_429_waits_retry_after_and_retries(fake, provider, store, limiter) -> None:
    throttle = Reply(429, "", {"Retry-After": "1", "X-Rate-Limit-Problem": "minute"})
    fake.route(
        "GET", f"{API}/Invoices/i", flaky([throttle], Reply(200, {"Invoices": [invoice_row(1)]}))
    )
    conn = provider.connect(store, TENANT)
    started = time.monotonic()
    assert conn.get("invoice", "i").remote_id == "inv-1"
    assert time.monotonic() - started >= 0.9
    assert conn.client.throttled == 1 and conn.calls == 2


def test_day_429_raises_daily_limit_with_resume_time(fake, provider, store) -> None:
    fake.route(
        "GET",
        f"{API}/Invoices/i",
        Reply(429, "", {"Retry-After": "3600", "X-Rate-Limit-Problem": "day"}),
    )
    conn = provider.connect(store, TENANT)
    with pytest.raises(DailyLimitReached) as info:
        conn.get("invoice", "i")
    expected = datetime.now(UTC) + timedelta(hours=1)
    assert abs((info.value.resume_at - expected).total_seconds()) < 5
    assert info.value.retry_after == 3600 and info.value.problem == "day"
    # and the limiter now refuses the tenant without calling Xero
    with pytest.raises(DailyLimitReached):
        conn.get("invoice", "i")
    assert conn.calls == 1


def test_long_retry_after_raises_rate_limited(fake, provider, store) -> None:
    fake.route(
        "GET",
        f"{API}/Invoices/i",
        Reply(429, "", {"Retry-After": "900", "X-Rate-Limit-Problem": "minute"}),
    )
    with pytest.raises(RateLimited) as info:
        provider.connect(store, TENANT).get("invoice", "i")
    assert info.value.retry_after == 900 and info.value.problem == "minute"


def test_an_interactive_call_does_not_wait_out_a_longer_retry_after(fake, provider, store) -> None:
    throttle = Reply(429, "", {"Retry-After": "10", "X-Rate-Limit-Problem": "minute"})
    fake.route(
        "GET", f"{API}/Invoices/i", flaky([throttle], Reply(200, {"Invoices": [invoice_row(1)]}))
    )
    conn = provider.connect(store, TENANT)
    started = time.monotonic()
    with wait_budget(2), pytest.raises(RateLimited) as info:
        conn.get("invoice", "i")
    assert time.monotonic() - started < 1
    assert info.value.retry_after == 10 and info.value.problem == "minute"
    assert conn.calls == 1


def test_an_interactive_call_waits_out_a_retry_after_that_fits(fake, provider, store) -> None:
    throttle = Reply(429, "", {"Retry-After": "1", "X-Rate-Limit-Problem": "minute"})
    fake.route(
        "GET", f"{API}/Invoices/i", flaky([throttle], Reply(200, {"Invoices": [invoice_row(1)]}))
    )
    conn = provider.connect(store, TENANT)
    with wait_budget(2) as budget:
        assert conn.get("invoice", "i").remote_id == "inv-1"
    assert budget.remaining < 1.1  # the wait came out of the caller's budget


def test_repeated_429s_stop_when_the_budget_is_spent(fake, provider, store) -> None:
    fake.route(
        "GET",
        f"{API}/Invoices/i",
        Reply(429, "", {"Retry-After": "0.4", "X-Rate-Limit-Problem": "minute"}),
    )
    conn = provider.connect(store, TENANT)
    started = time.monotonic()
    with wait_budget(1), pytest.raises(RateLimited):
        conn.get("invoice", "i")
    assert time.monotonic() - started < 1.5
    assert conn.calls <= 3  # not max_rate_limit_retries (5) waits of 0.4 s


def test_401_refreshes_once_and_retries(fake, provider, store, token_endpoint) -> None:
    def api(req: Request) -> Reply:
        if req.headers["authorization"] == "Bearer a0":
            return Reply(401, {"Title": "Unauthorized", "Detail": "TokenExpired"})
        return Reply(200, {"Invoices": [invoice_row(1)]})

    fake.route("GET", f"{API}/Invoices/i", api)
    conn = provider.connect(store, TENANT)
    assert conn.get("invoice", "i").remote_id == "inv-1"
    assert token_endpoint.refresh_calls == 1
    assert store.load().access_token == "a1" and store.saves == 1


def test_401_twice_raises_auth_expired(fake, provider, store, token_endpoint) -> None:
    fake.route("GET", f"{API}/Invoices/i", Reply(401, {"Detail": "TokenExpired"}))
    with pytest.raises(AuthExpired):
        provider.connect(store, TENANT).get("invoice", "i")
    assert token_endpoint.refresh_calls == 1


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (403, {"Type": "AuthorizationUnsuccessful"}, TenantNotConnected),
        (404, "The resource you're looking for cannot be found", NotFound),
    ],
)
def test_status_table(fake, provider, store, status, body, error) -> None:
    fake.route("GET", f"{API}/Invoices/i", Reply(status, body))
    with pytest.raises(error) as info:
        provider.connect(store, TENANT).get("invoice", "i")
    assert info.value.status == status


def test_400_validation_exception_maps_fields(fake, provider, store) -> None:
    body = {
        "ErrorNumber": 10,
        "Type": "ValidationException",
        "Message": "A validation exception occurred",
        "Elements": [
            {
                "ValidationErrors": [],
                "LineItems": [{"ValidationErrors": [{"Message": "Quantity must be a number"}]}],
            }
        ],
    }
    fake.route("PUT", f"{API}/Invoices", Reply(400, body))
    with pytest.raises(ValidationFailed) as info:
        provider.connect(store, TENANT).create(
            "invoice",
            InvoiceInput(type="ACCOUNTS_RECEIVABLE", contact_remote_id="c", line_items=[{}]),
        )
    assert info.value.details == [
        {"field": "line_items[0].quantity", "message": "Quantity must be a number"}
    ]


# -- the provider's id for a request, on errors and in the log ----------------------------------

XERO_ID = "7c3f2e14-9b0a-4d5e-8f6a-1b2c3d4e5f60"


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (Reply(500, {"Message": "boom"}), ProviderUnavailable),
        (Reply(404, "The resource you're looking for cannot be found"), NotFound),
        (Reply(403, {"Type": "AuthorizationUnsuccessful"}), TenantNotConnected),
        (Reply(400, {"Type": "ValidationException", "Message": "bad", "Elements": []}), None),
        (Reply(429, "", {"Retry-After": "900", "X-Rate-Limit-Problem": "minute"}), RateLimited),
    ],
)
def test_provider_errors_carry_and_log_the_providers_request_id(
    fake, provider, store, caplog, reply, error
) -> None:
    reply.headers["Xero-Correlation-Id"] = XERO_ID
    fake.route("GET", f"{API}/Invoices/i", reply)
    with (
        caplog.at_level(logging.INFO, logger="connectors.http"),
        pytest.raises(error or ConnectorError) as info,
    ):
        provider.connect(store, TENANT).get("invoice", "i")
    assert info.value.provider_request_id == XERO_ID
    assert f"Xero-Correlation-Id {XERO_ID}" in caplog.text


def test_an_unsafe_request_id_is_neither_kept_nor_logged(fake, provider, store, caplog) -> None:
    fake.route(
        "GET", f"{API}/Invoices/i", Reply(500, "", {"Xero-Correlation-Id": "x<script>alert(1)"})
    )
    with caplog.at_level(logging.INFO), pytest.raises(ProviderUnavailable) as info:
        provider.connect(store, TENANT).get("invoice", "i")
    assert info.value.provider_request_id is None
    assert "<script>" not in caplog.text


def test_each_provider_declares_its_own_request_id_header(fake, store, caplog) -> None:
    """QuickBooks names its id ``intuit_tid``; the shared client reads whatever the spec says."""
    settings = {
        "client_id": "c",
        "client_secret": "s",
        "token_url": f"{fake.base_url}/oauth2/v1/tokens/bearer",
        "api_url": f"{fake.base_url}/v3/company/{{tenant_id}}",
        "http": {"backoff_initial": 0.01, "backoff_max": 0.05, "max_attempts": 2},
    }
    fake.route_prefix(
        "GET",
        "/v3/company/4620816365",
        lambda req: Reply(503, "", {"intuit_tid": "1-6614b2a4-5f0c1e2d3c4b5a69788f7e6d"}),
    )
    conn = QuickBooksProvider(settings).connect(store, "4620816365")
    with caplog.at_level(logging.INFO), pytest.raises(ProviderUnavailable) as info:
        conn.get("contact", "1")
    assert info.value.provider_request_id == "1-6614b2a4-5f0c1e2d3c4b5a69788f7e6d"
    assert "intuit_tid 1-6614b2a4-5f0c1e2d3c4b5a69788f7e6d" in caplog.text


def test_passthrough_returns_errors_instead_of_raising(fake, provider, store) -> None:
    fake.route(
        "GET",
        f"{API}/Accounts",
        Reply(200, {"Accounts": [{"Code": "200"}]}, {"X-MinLimit-Remaining": "58"}),
    )
    fake.route("GET", f"{API}/Nope", Reply(404, "missing"))
    conn = provider.connect(store, TENANT)
    ok = conn.passthrough("GET", "Accounts", query={"where": 'Type=="BANK"'})
    assert ok.status == 200 and ok.json() == {"Accounts": [{"Code": "200"}]}
    assert ok.headers["X-MinLimit-Remaining"] == "58"
    assert fake.calls(f"{API}/Accounts")[0].query == {"where": 'Type=="BANK"'}
    assert conn.passthrough("GET", "Nope").status == 404
    for bad in ("https://evil.example/x", "../../connections", "//evil"):
        with pytest.raises(Exception, match=r"relative|segments"):
            conn.passthrough("GET", bad)

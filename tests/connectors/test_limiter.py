"""The limiter, in-process and shared through Redis (db 15, own key prefix)."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from connectors.errors import DailyLimitReached, RateLimited
from connectors.limiter import InProcessLimiter, RedisLimiter
from connectors.specs import RateLimits
from connectors.waiting import current_wait_budget, wait_budget

REDIS_URL = "redis://127.0.0.1:6379/15"


def _redis_client():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    return client


@pytest.fixture(params=["memory", "redis"])
def make_limiter(request):
    made: list = []
    prefix = f"test:ll-connectors:{uuid.uuid4().hex[:8]}"

    def make():
        if request.param == "memory":
            if not made:
                made.append(InProcessLimiter())
            return made[0]  # one process: "another worker" is the same instance
        limiter = RedisLimiter(_redis_client(), prefix=prefix)
        made.append(limiter)
        return limiter

    yield make
    if request.param == "redis" and made:
        made[0].reset()


def limits(**kw) -> RateLimits:
    base = dict(
        tenant_concurrent=None,
        tenant_per_minute=None,
        tenant_per_day=None,
        app_per_minute=None,
        max_wait_seconds=0.0,
    )
    return RateLimits(**{**base, **kw})


def test_per_minute(make_limiter):
    lim, lm = make_limiter(), limits(tenant_per_minute=3)
    for _ in range(3):
        lim.acquire("xero", "t1", lm).release()
    with pytest.raises(RateLimited) as info:
        lim.acquire("xero", "t1", lm)
    assert info.value.problem == "minute" and 59 < info.value.retry_after <= 61
    lim.acquire("xero", "t2", lm).release()  # other tenants unaffected
    s = lim.status("xero", "t1", lm)
    assert s["minute"] == {"limit": 3, "used": 3, "remaining": 0}


def test_per_day_raises_daily_limit_at_once(make_limiter):
    lim, lm = make_limiter(), limits(tenant_per_day=2, max_wait_seconds=30)
    lim.acquire("xero", "t1", lm).release()
    lim.acquire("xero", "t1", lm).release()
    started = time.monotonic()
    with pytest.raises(DailyLimitReached) as info:
        lim.acquire("xero", "t1", lm)
    assert time.monotonic() - started < 1
    assert abs(info.value.resume_at - (datetime.now(UTC) + timedelta(days=1))) < timedelta(
        seconds=5
    )
    assert lim.status("xero", "t1", lm)["day"] == {"limit": 2, "used": 2, "remaining": 0}


def test_app_minute_is_shared_by_tenants(make_limiter):
    lim, lm = make_limiter(), limits(app_per_minute=3)
    for t in ("a", "b", "c"):
        lim.acquire("xero", t, lm).release()
    with pytest.raises(RateLimited) as info:
        lim.acquire("xero", "d", lm)
    assert info.value.problem == "appminute"


def test_concurrency_and_lease_release(make_limiter):
    lim, lm = make_limiter(), limits(tenant_concurrent=2, max_wait_seconds=0.2)
    a = lim.acquire("xero", "t1", lm)
    lim.acquire("xero", "t1", lm)
    with pytest.raises(RateLimited) as info:
        lim.acquire("xero", "t1", lm)
    assert info.value.problem == "concurrent"
    assert lim.status("xero", "t1", lm)["concurrent"]["used"] == 2
    a.release()
    lim.acquire("xero", "t1", lm).release()


def test_blocking_acquire_waits_for_a_slot(make_limiter):
    lim, lm = make_limiter(), limits(tenant_concurrent=1, max_wait_seconds=5)
    held = lim.acquire("xero", "t1", lm)
    threading.Timer(0.3, held.release).start()
    started = time.monotonic()
    lim.acquire("xero", "t1", lm).release()
    assert 0.25 < time.monotonic() - started < 3


def test_expired_leases_free_their_slot(make_limiter):
    lim, lm = make_limiter(), limits(tenant_concurrent=1, lease_seconds=0.3, max_wait_seconds=2)
    lim.acquire("xero", "t1", lm)  # never released: a crashed worker
    started = time.monotonic()
    lim.acquire("xero", "t1", lm).release()
    assert 0.2 < time.monotonic() - started < 2


def test_concurrency_is_never_exceeded(make_limiter):
    lm = limits(tenant_concurrent=3, max_wait_seconds=10)
    lims = [make_limiter() for _ in range(4)]  # four "workers"
    active, peak, lock = [0], [0], threading.Lock()

    def worker(lim):
        for _ in range(5):
            with lim.acquire("xero", "t1", lm):
                with lock:
                    active[0] += 1
                    peak[0] = max(peak[0], active[0])
                time.sleep(0.01)
                with lock:
                    active[0] -= 1

    threads = [threading.Thread(target=worker, args=(lims[i % 4],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert peak[0] == 3


def test_remaining_headers_correct_our_counts(make_limiter):
    lim, lm = (
        make_limiter(),
        limits(tenant_per_minute=60, tenant_per_day=5000, app_per_minute=10000),
    )
    with lim.acquire("xero", "t1", lm):
        pass
    lim.observe(
        "xero",
        "t1",
        lm,
        {
            "X-MinLimit-Remaining": "0",
            "X-DayLimit-Remaining": "4000",
            "X-AppMinLimit-Remaining": "9990",
        },
    )
    s = lim.status("xero", "t1", lm)
    assert s["minute"]["remaining"] == 0
    assert s["day"]["used"] == 1000
    assert s["app_minute"]["used"] == 10
    with pytest.raises(RateLimited):
        lim.acquire("xero", "t1", lm)
    # counts only ever go up
    lim.observe("xero", "t1", lm, {"X-DayLimit-Remaining": "4999"})
    assert lim.status("xero", "t1", lm)["day"]["used"] == 1000


def test_provider_429_blocks_the_tenant(make_limiter):
    lim, lm = make_limiter(), limits(max_wait_seconds=5)
    lim.block("xero", "t1", "minute", 0.4)
    s = lim.status("xero", "t1", lm)
    assert s["blocked_problem"] == "minute" and s["blocked_until"] is not None
    started = time.monotonic()
    lim.acquire("xero", "t1", lm).release()
    assert 0.3 < time.monotonic() - started < 2
    lim.block("xero", "t1", "appminute", 10)
    with pytest.raises(RateLimited) as info:
        lim.acquire("xero", "other-tenant", limits())
    assert info.value.problem == "appminute"


def test_granted_calls_and_provider_429s_are_counted_per_provider(make_limiter):
    """The counters /metrics exposes: every process adds to the same counts through Redis."""
    lim, lm = make_limiter(), limits(tenant_per_minute=2)
    for tenant in ("t1", "t1", "t2"):
        lim.acquire("xero", tenant, lm).release()
    with pytest.raises(RateLimited):
        lim.acquire("xero", "t1", lm, max_wait=0)  # refused: not a call
    lim.block("xero", "t1", "minute", 1)
    lim.block("xero", "t2", "appminute", 1)
    lim.acquire("quickbooks", "realm", lm).release()
    assert make_limiter().counters("xero") == {"calls": 3, "rate_limited": 2}
    assert lim.counters("quickbooks") == {"calls": 1, "rate_limited": 0}
    assert lim.counters("never-called") == {"calls": 0, "rate_limited": 0}


def test_app_status_reads_the_app_wide_window_and_block(make_limiter):
    lim, lm = make_limiter(), limits(app_per_minute=10)
    for tenant in ("a", "b", "c"):
        lim.acquire("xero", tenant, lm).release()
    lim.block("xero", "a", "minute", 30)  # a tenant's block is not the app's
    state = lim.app_status("xero", lm)
    assert state["app_minute"] == {"limit": 10, "used": 3, "remaining": 7}
    assert state["blocked_until"] is None
    lim.block("xero", "a", "appminute", 30)
    assert lim.app_status("xero", lm)["blocked_until"] is not None


# -- a caller's wait budget (API requests) ---------------------------------------------------


def test_a_callers_budget_bounds_the_wait_for_a_concurrency_slot(make_limiter):
    lim, lm = make_limiter(), limits(tenant_concurrent=1, max_wait_seconds=30)
    held = lim.acquire("xero", "t1", lm)
    try:
        started = time.monotonic()
        with wait_budget(0.3), pytest.raises(RateLimited) as info:
            lim.acquire("xero", "t1", lm)
        assert 0.25 < time.monotonic() - started < 1.5
        assert info.value.problem == "concurrent" and info.value.retry_after > 0
    finally:
        held.release()
    assert current_wait_budget() is None  # outside the block: background work waits again


def test_a_window_freeing_after_the_budget_is_refused_at_once(make_limiter):
    lim, lm = make_limiter(), limits(tenant_per_minute=1, max_wait_seconds=120)
    lim.acquire("xero", "t1", lm).release()
    started = time.monotonic()
    with wait_budget(2), pytest.raises(RateLimited) as info:
        lim.acquire("xero", "t1", lm)
    assert time.monotonic() - started < 0.5  # no point waiting 2 s for a 60 s window
    assert info.value.problem == "minute" and 59 < info.value.retry_after <= 61


def test_waits_inside_one_budget_add_up(make_limiter):
    lim, lm = make_limiter(), limits(tenant_concurrent=1, max_wait_seconds=30)
    held = lim.acquire("xero", "t1", lm)
    threading.Timer(0.3, held.release).start()
    with wait_budget(0.6) as budget:
        second = lim.acquire("xero", "t1", lm)  # waits ~0.3 s of the 0.6
        assert budget.remaining < 0.35
        started = time.monotonic()
        with pytest.raises(RateLimited):
            lim.acquire("xero", "t1", lm)  # only what is left of the budget
        assert time.monotonic() - started < 0.5
        second.release()
    assert budget.remaining == 0


def test_redis_state_is_shared_between_processes():
    client = _redis_client()
    prefix = f"test:ll-connectors:{uuid.uuid4().hex[:8]}"
    import redis

    a = RedisLimiter(client, prefix=prefix)
    b = RedisLimiter(redis.Redis.from_url(REDIS_URL), prefix=prefix)
    lm = limits(tenant_per_minute=2)
    try:
        a.acquire("xero", "t1", lm).release()
        b.acquire("xero", "t1", lm).release()
        with pytest.raises(RateLimited):
            a.acquire("xero", "t1", lm)
        assert b.status("xero", "t1", lm)["minute"]["used"] == 2
    finally:
        a.reset()
    assert list(client.scan_iter(match=f"{prefix}:*")) == []


def test_in_process_window_slides_with_the_clock():
    now = [1000.0]
    lim = InProcessLimiter(clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    lm = limits(tenant_per_minute=2, max_wait_seconds=120)
    lim.acquire("xero", "t", lm).release()
    now[0] += 30
    lim.acquire("xero", "t", lm).release()
    lim.acquire("xero", "t", lm).release()  # waits (fake sleep) until the first call is 60 s old
    assert now[0] >= 1060


def test_rate_limits_override_from_settings():
    base = RateLimits(tenant_per_minute=60)
    assert base.override({"tenant_per_minute": 5}).tenant_per_minute == 5
    with pytest.raises(ValueError):
        base.override({"per_fortnight": 1})

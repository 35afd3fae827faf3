"""The API key throttle: a sliding-window counter, exact from half its rate on."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.cache import cache

from gateway.core import cache as shared
from gateway.customers import throttling
from gateway.customers.throttling import ApiKeyRateThrottle


class Clock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    cache.clear()
    throttling._windows.clear()
    now = Clock(6_000_000.0)  # the start of a one-minute window
    monkeypatch.setattr(ApiKeyRateThrottle, "timer", staticmethod(now))
    yield now
    cache.clear()
    throttling._windows.clear()


def calls(rate: str, count: int, key: str = "k1") -> list[bool]:
    request = SimpleNamespace(auth=SimpleNamespace(pk=key))
    results = []
    for _ in range(count):
        throttle = ApiKeyRateThrottle()
        throttle.rate = rate
        throttle.num_requests, throttle.duration = throttle.parse_rate(rate)
        results.append(throttle.allow_request(request, None))
    return results


def test_the_rate_holds_exactly_and_refusals_do_not_count(clock):
    assert calls("10/min", 12) == [True] * 10 + [False] * 2
    clock.now += 60  # the next window: all ten still overlap the last minute
    assert calls("10/min", 1) == [False]
    clock.now += 30  # half of them have slid out
    assert calls("10/min", 6) == [True] * 5 + [False]


def test_wait_is_when_one_more_call_fits(clock):
    calls("10/min", 10)
    throttle = ApiKeyRateThrottle()
    throttle.rate = "10/min"
    throttle.num_requests, throttle.duration = 10, 60
    assert not throttle.allow_request(SimpleNamespace(auth=SimpleNamespace(pk="k1")), None)
    # Next window at +0 s still sees all ten; one has slid out after a tenth of it.
    assert throttle.wait() == pytest.approx(60 + 6)


def test_a_small_rate_can_wait_past_the_minute_and_the_wait_is_exact(clock):
    """3/min, called early in a window: the next call fits 60 - 5 + 20 s later, not sooner."""
    clock.now += 5
    assert calls("3/min", 4) == [True] * 3 + [False]
    throttle = ApiKeyRateThrottle()
    throttle.rate = "3/min"
    throttle.num_requests, throttle.duration = 3, 60
    assert not throttle.allow_request(SimpleNamespace(auth=SimpleNamespace(pk="k1")), None)
    assert throttle.wait() == 75
    clock.now += 74
    assert calls("3/min", 1) == [False]
    clock.now += 1
    assert calls("3/min", 2) == [True, False]


@pytest.mark.parametrize("before", [2, 8])  # counted in memory / in the shared cache
def test_a_call_given_back_is_not_counted(clock, before):
    assert calls("10/min", before) == [True] * before
    throttle = ApiKeyRateThrottle()
    throttle.rate = "10/min"
    throttle.num_requests, throttle.duration = 10, 60
    assert throttle.allow_request(SimpleNamespace(auth=SimpleNamespace(pk="k1")), None)
    assert bool(
        throttling._windows[
            throttle.get_cache_key(SimpleNamespace(auth=SimpleNamespace(pk="k1")), None)
        ].pending
    ) == (before < 5)
    throttle.give_back()
    throttle.give_back()  # once only
    assert calls("10/min", 11 - before) == [True] * (10 - before) + [False]


def test_other_processes_counts_are_seen_from_half_the_rate(clock):
    assert calls("10/min", 5) == [True] * 5
    # Another process serves four calls of the same key meanwhile.
    shared.count_in_window(cache, "throttle_api_key_k1:100000", "x", 120, 4)
    assert calls("10/min", 2) == [True, False]


def test_far_from_the_rate_calls_are_counted_in_memory(clock, monkeypatch):
    trips = []
    real = throttling.count_in_window

    def counted(*args):
        trips.append(args)
        return real(*args)

    monkeypatch.setattr(throttling, "count_in_window", counted)
    assert calls("1000/min", 50) == [True] * 50
    assert len(trips) == 1  # the first call of the window
    clock.now += throttling.SYNC_SECONDS
    assert calls("1000/min", 1) == [True]
    assert len(trips) == 2 and trips[1][4] == 50  # the 49 kept in memory, and this one
    assert shared.count_in_window(cache, "throttle_api_key_k1:100000", "x", 120, 0)[0] == 51

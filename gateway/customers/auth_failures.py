"""Clients that keep presenting wrong API keys are slowed down (per client address).

A key has 256 random bits, so guessing is hopeless; this makes a misconfigured or probing
client visible: after `AUTH_FAILURE_LIMIT` failures in a minute, its invalid keys are answered
429 with Retry-After until the minute is over. Only failures are limited: a valid key from the
same address still works, so one client's mistakes (or an attacker sharing, or claiming, its
address) never lock out anyone else. The address is `client_address` (trusted proxies only).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from gateway.core.client_address import client_address

WINDOW_SECONDS = 60


def _key(request) -> str:
    return f"ledgerlink:authfail:{client_address(request)}"


def blocked(request) -> bool:
    limit = settings.AUTH_FAILURE_LIMIT
    return bool(limit) and (cache.get(_key(request)) or 0) >= limit


def record(request) -> None:
    key = _key(request)
    if cache.add(key, 1, timeout=WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=WINDOW_SECONDS)

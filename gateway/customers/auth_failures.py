"""Clients that keep presenting wrong API keys are slowed down (per client address).

A key has 256 random bits, so guessing is hopeless; this caps the cost of trying (one indexed
lookup each) and makes a misconfigured client visible: after `AUTH_FAILURE_LIMIT` failures in a
minute, its requests are answered 429 with Retry-After until the minute is over.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import BaseThrottle

WINDOW_SECONDS = 60


def _key(request) -> str:
    return f"ledgerlink:authfail:{BaseThrottle().get_ident(request)}"


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

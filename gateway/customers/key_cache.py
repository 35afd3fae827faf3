"""A short-lived, per-process cache of authenticated API keys.

Every API call authenticates; caching the key row for a few seconds saves a database round
trip per request. A revocation made in this process takes effect at once; in other processes
within `API_KEY_CACHE_SECONDS` (default 5). Set it to 0 to always read the database.
"""

from __future__ import annotations

import threading
import time

from django.conf import settings

_MAX_ENTRIES = 10_000
_entries: dict[str, tuple[float, object]] = {}
_lock = threading.Lock()


def ttl() -> float:
    return float(getattr(settings, "API_KEY_CACHE_SECONDS", 5))


def get(hashed: str):
    entry = _entries.get(hashed)
    if entry is None or entry[0] < time.monotonic():
        return None
    return entry[1]


def put(hashed: str, key) -> None:
    seconds = ttl()
    if seconds <= 0:
        return
    with _lock:
        if len(_entries) >= _MAX_ENTRIES:
            _entries.clear()
        _entries[hashed] = (time.monotonic() + seconds, key)


def forget(hashed: str) -> None:
    with _lock:
        _entries.pop(hashed, None)


def clear() -> None:
    with _lock:
        _entries.clear()

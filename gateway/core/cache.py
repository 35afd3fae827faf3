"""The shared cache (Redis) with a per-process fallback while Redis is unreachable.

The cache holds short-lived counters only (API key throttling, failed-authentication counts).
When Redis is down those keep counting in this process's memory for a few seconds at a time
instead of failing every API request with a 500: reads that need neither the broker nor the
provider's shared limiter keep being served, and Redis is tried again after `RETRY_SECONDS`.
"""

from __future__ import annotations

import contextlib
import logging
import time
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

#: After a failure, Redis is left alone for this long (no connect attempt per request).
RETRY_SECONDS = 5.0
_UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class RedisCacheWithLocalFallback(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = params.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", 1.0)
        options.setdefault("socket_timeout", 2.0)
        super().__init__(server, params)
        self._fallback = LocMemCache("ledgerlink-cache-fallback", {"TIMEOUT": self.default_timeout})
        self._down_until = 0.0

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() >= self._down_until:
            try:
                return getattr(super(), name)(*args, **kwargs)
            except _UNREACHABLE as exc:
                logger.warning("cache unreachable (%s); counting in this process for now", exc)
                self._down_until = time.monotonic() + RETRY_SECONDS
        return getattr(self._fallback, name)(*args, **kwargs)

    def get(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("get", *args, **kwargs)

    def get_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("has_key", *args, **kwargs)

    def set(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("set", *args, **kwargs)

    def set_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("set_many", *args, **kwargs)

    def add(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("add", *args, **kwargs)

    def incr(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("incr", *args, **kwargs)

    def decr(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("decr", *args, **kwargs)

    def touch(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("touch", *args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("delete", *args, **kwargs)

    def delete_many(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("delete_many", *args, **kwargs)

    def clear(self) -> Any:
        return self._call("clear")

    def count_in_window(
        self, key: str, previous_key: str, timeout: int, amount: int = 1
    ) -> tuple[int, int]:
        """`count_in_window` in one round trip: INCRBY, EXPIRE and GET in one pipeline."""
        if time.monotonic() >= self._down_until:
            try:
                client = self._cache.get_client(key, write=True)
                pipe = client.pipeline(transaction=False)
                pipe.incrby(self.make_and_validate_key(key), amount)
                pipe.expire(self.make_and_validate_key(key), timeout)
                pipe.get(self.make_and_validate_key(previous_key))
                current, _, previous = pipe.execute()
                return int(current), int(previous or 0)
            except _UNREACHABLE as exc:
                logger.warning("cache unreachable (%s); counting in this process for now", exc)
                self._down_until = time.monotonic() + RETRY_SECONDS
        return _count_with(self._fallback, key, previous_key, timeout, amount)


def count_in_window(
    cache: Any, key: str, previous_key: str, timeout: int, amount: int = 1
) -> tuple[int, int]:
    """Add `amount` to the counter `key` (made with `timeout` seconds to live) and read the
    counter `previous_key`: (this count, the other's, 0 when absent)."""
    counter = getattr(cache, "count_in_window", None)
    if counter is not None:
        return counter(key, previous_key, timeout, amount)
    return _count_with(cache, key, previous_key, timeout, amount)


def uncount(cache: Any, key: str) -> None:
    """Take back one count of `count_in_window`."""
    with contextlib.suppress(ValueError):  # expired meanwhile: nothing to take back
        cache.decr(key)


def _count_with(
    cache: Any, key: str, previous_key: str, timeout: int, amount: int
) -> tuple[int, int]:
    cache.add(key, 0, timeout)
    try:
        current = cache.incr(key, amount)
    except ValueError:  # expired between the two calls
        cache.set(key, amount, timeout)
        current = amount
    return current, int(cache.get(previous_key) or 0)

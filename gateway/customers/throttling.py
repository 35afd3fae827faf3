"""Per-API-key request throttling (429 with Retry-After), counted in the shared cache.

A sliding-window counter: each key has a count per fixed window (one minute for `…/min`), and
a request is refused when this window's count plus the previous window's, weighted by how much
of it still overlaps the last `duration` seconds, exceeds the rate. DRF's own throttle kept
every request's timestamp in one cached list, read and written back whole on every call (two
round trips; at 1,200/min a 10 KB list).

Each process adds its calls to the shared count in one round trip (INCRBY, EXPIRE and GET in a
pipeline, `gateway.core.cache`), and while a key is far from its rate it does so at most every
`SYNC_SECONDS`, counting in memory between: a call then costs no round trip (the round trip was
a fifth of a list call's time). From half the rate on, every call is counted in the shared
cache before it is answered, so the rate holds exactly; below that, a key's count can lag by
what its other processes served in their last `SYNC_SECONDS`. A refused call is taken off the
count again, so a client that keeps knocking while refused is not refused longer.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

from rest_framework.throttling import SimpleRateThrottle

from gateway.core.cache import count_in_window, uncount

#: Longest a process keeps calls of a key far from its rate before adding them to the cache.
SYNC_SECONDS = 0.25
_MAX_KEYS = 10_000


@dataclass
class _Window:
    number: int
    known: int = 0  # this window's shared count at the last sync (this process's included)
    pending: int = 0  # this process's calls since then
    previous: int = 0  # the previous window's shared count
    synced_at: float = -math.inf


_windows: dict[str, _Window] = {}
_lock = threading.Lock()


class ApiKeyRateThrottle(SimpleRateThrottle):
    scope = "api_key"

    def get_cache_key(self, request, view):
        key = getattr(request, "auth", None)
        if key is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": str(key.pk)}

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        self.now = self.timer()
        number, self.elapsed = divmod(self.now, self.duration)
        number = int(number)
        self._counted = None
        with _lock:
            window = _windows.get(key)
            if window is None or window.number != number:
                if len(_windows) >= _MAX_KEYS:
                    _windows.clear()
                window = _windows[key] = _Window(number)
            self.previous = window.previous
            local = window.known + window.pending + 1
            if (
                self.now - window.synced_at < SYNC_SECONDS
                and self._estimate(local) < self.num_requests / 2
            ):
                window.pending += 1
                self._counted = (window, f"{key}:{number}")
                return True
            adding, window.pending = window.pending + 1, 0
        current_key = f"{key}:{number}"
        current, previous = count_in_window(
            self.cache, current_key, f"{key}:{number - 1}", 2 * self.duration, adding
        )
        with _lock:
            window.known, window.previous, window.synced_at = current, previous, self.now
        self.current, self.previous = current, previous
        if self._estimate(current) <= self.num_requests:
            self._counted = (window, current_key)
            return True
        uncount(self.cache, current_key)
        with _lock:
            window.known -= 1
        self.current -= 1
        return False

    def give_back(self) -> None:
        """Take the call `allow_request` let through off the count again: it is handed on to
        a path that counts it itself."""
        counted, self._counted = getattr(self, "_counted", None), None
        if counted is None:
            return
        window, shared_key = counted
        with _lock:
            if window.pending:  # still in this process's memory
                window.pending -= 1
                return
            window.known -= 1
        uncount(self.cache, shared_key)

    def _estimate(self, current: int) -> float:
        return self.previous * (1 - self.elapsed / self.duration) + current

    def wait(self) -> float:
        """Seconds until one more request fits in the window."""
        allowed = self.num_requests - 1  # what the counts must come down to
        if self.previous and self._estimate(self.current) > allowed:
            # Within this window, as the previous one slides out.
            needed = self.duration * (self.previous + self.current - allowed) / self.previous
            if needed <= self.duration:
                return max(needed - self.elapsed, 1.0)
        if self.current <= allowed:
            return 1.0
        # Next window: this one's count becomes the one sliding out.
        later = self.duration * (1 - allowed / self.current)
        return max(math.ceil(self.duration - self.elapsed + later), 1.0)

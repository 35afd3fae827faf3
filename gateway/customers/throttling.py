"""Per-API-key request throttling (429 with Retry-After), counted in the shared cache.

A sliding-window counter: each key has a count per fixed window (one minute for `…/min`), and
a request is refused when this window's count plus the previous window's, weighted by how much
of it still overlaps the last `duration` seconds, exceeds the rate. Counting is one Redis round
trip (INCR, EXPIRE and GET in a pipeline, `gateway.core.cache`) of a few bytes, whatever the
rate; DRF's own throttle kept every request's timestamp in one cached list, read and written
back whole on every call (two round trips, and at 1,200/min a 10 KB list). A refused request is
taken off the count again, so a client that keeps knocking while refused is not refused longer.
"""

from __future__ import annotations

import math

from rest_framework.throttling import SimpleRateThrottle

from gateway.core.cache import count_in_window, uncount


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
        window, self.elapsed = divmod(self.now, self.duration)
        current_key = f"{key}:{int(window)}"
        self.current, self.previous = count_in_window(
            self.cache, current_key, f"{key}:{int(window) - 1}", 2 * self.duration
        )
        if self._estimate(self.current) <= self.num_requests:
            return True
        uncount(self.cache, current_key)
        self.current -= 1
        return False

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

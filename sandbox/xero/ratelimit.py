"""Xero's rate limits: per tenant (concurrent, minute, day) and per app (minute)."""

from __future__ import annotations

import math
import threading
from collections import defaultdict, deque
from dataclasses import asdict, dataclass, field

from .clock import Clock


@dataclass
class Limits:
    minute: int = 60
    day: int = 5000
    concurrent: int = 5
    app_minute: int = 10000


@dataclass
class Decision:
    allowed: bool
    headers: dict = field(default_factory=dict)
    problem: str | None = None
    retry_after: int = 0


class RateLimiter:
    """Sliding-window counters keyed by (client_id, tenant_id); time from the sandbox clock."""

    def __init__(self, clock: Clock, limits: Limits | None = None) -> None:
        self.clock = clock
        self.limits = limits or Limits()
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with getattr(self, "_lock", threading.Lock()):
            self._minute: dict[tuple, deque] = defaultdict(deque)
            self._day: dict[tuple, deque] = defaultdict(deque)
            self._app: dict[str, deque] = defaultdict(deque)
            self._active: dict[tuple, int] = defaultdict(int)

    def configure(self, **values: int) -> dict:
        with self._lock:
            for key, value in values.items():
                if key in asdict(self.limits) and value is not None:
                    setattr(self.limits, key, int(value))
            return asdict(self.limits)

    @staticmethod
    def _prune(window: deque, since: float) -> None:
        while window and window[0] <= since:
            window.popleft()

    def acquire(self, client_id: str, tenant_id: str) -> Decision:
        """Count one call; on success the caller must ``release`` when done."""
        key = (client_id, tenant_id)
        now = self.clock.time()
        lim = self.limits
        with self._lock:
            minute, day, app = self._minute[key], self._day[key], self._app[client_id]
            self._prune(minute, now - 60)
            self._prune(day, now - 86400)
            self._prune(app, now - 60)
            problem, retry = None, 0
            if self._active[key] >= lim.concurrent:
                problem, retry = "concurrent", 1
            elif len(app) >= lim.app_minute:
                problem, retry = "appminute", math.ceil(app[0] + 60 - now)
            elif len(day) >= lim.day:
                problem, retry = "day", math.ceil(day[0] + 86400 - now)
            elif len(minute) >= lim.minute:
                problem, retry = "minute", math.ceil(minute[0] + 60 - now)
            if problem is None:
                minute.append(now)
                day.append(now)
                app.append(now)
                self._active[key] += 1
            headers = {
                "X-DayLimit-Remaining": str(max(lim.day - len(day), 0)),
                "X-MinLimit-Remaining": str(max(lim.minute - len(minute), 0)),
                "X-AppMinLimit-Remaining": str(max(lim.app_minute - len(app), 0)),
            }
        if problem:
            headers["Retry-After"] = str(max(retry, 1))
            headers["X-Rate-Limit-Problem"] = problem
            return Decision(False, headers, problem, max(retry, 1))
        return Decision(True, headers)

    def release(self, client_id: str, tenant_id: str) -> None:
        with self._lock:
            key = (client_id, tenant_id)
            self._active[key] = max(self._active[key] - 1, 0)

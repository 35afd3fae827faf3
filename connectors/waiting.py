"""How long the current caller may spend waiting for a provider.

Background work (a sync task) may queue behind the limiter for as long as ``RateLimits`` allows.
A caller that someone is waiting on (an API request holding a web worker) must not: it opens
``wait_budget(seconds)`` and every wait inside it (for a limiter slot, for a provider's
``Retry-After``) comes out of that budget. When a wait would not fit, the connector raises
``RateLimited(retry_after=...)`` at once, so the caller can answer 429 instead of hanging.

The budget lives in a context variable so that one ``with`` around a request covers every
provider call made while serving it, however deep.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["WaitBudget", "current_wait_budget", "wait_budget"]


class WaitBudget:
    """Seconds of waiting left to one caller; every wait spends from it."""

    def __init__(self, seconds: float):
        if seconds < 0:
            raise ValueError("a wait budget cannot be negative")
        self.seconds = float(seconds)
        self._spent = 0.0
        self._lock = threading.Lock()

    @property
    def remaining(self) -> float:
        with self._lock:
            return max(self.seconds - self._spent, 0.0)

    def spend(self, seconds: float) -> None:
        with self._lock:
            self._spent += max(seconds, 0.0)

    def allows(self, seconds: float) -> bool:
        """Whether a wait of ``seconds`` still fits."""
        return seconds <= self.remaining


_current: ContextVar[WaitBudget | None] = ContextVar("provider_wait_budget", default=None)


def current_wait_budget() -> WaitBudget | None:
    """The budget of the caller being served, or None (background work: no budget)."""
    return _current.get()


@contextmanager
def wait_budget(seconds: float) -> Iterator[WaitBudget]:
    """Bound every provider wait inside the block to ``seconds`` in total."""
    budget = WaitBudget(seconds)
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)

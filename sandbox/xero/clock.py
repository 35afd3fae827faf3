"""An injectable clock: real time plus an offset the control plane can move."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime


class Clock:
    """Wall clock with a controllable offset (or a frozen instant) for tests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._offset = 0.0
        self._frozen: float | None = None

    def time(self) -> float:
        """Seconds since the epoch, as the sandbox sees them."""
        with self._lock:
            if self._frozen is not None:
                return self._frozen
            return time.time() + self._offset

    def ms(self) -> int:
        return int(self.time() * 1000)

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.time(), tz=UTC)

    def advance(self, seconds: float) -> None:
        with self._lock:
            if self._frozen is not None:
                self._frozen += seconds
            else:
                self._offset += seconds

    def freeze(self, at: float | None = None) -> None:
        with self._lock:
            self._frozen = at if at is not None else time.time() + self._offset

    def reset(self) -> None:
        with self._lock:
            self._offset = 0.0
            self._frozen = None

    def state(self) -> dict:
        return {
            "now": self.now().isoformat(),
            "offset_seconds": self._offset,
            "frozen": self._frozen is not None,
        }

"""Thread-safe call counters read through the control plane."""

from __future__ import annotations

import threading
from collections import Counter


class Counters:
    """Calls per endpoint and tenant, statuses, 429s, token calls, faults, webhooks."""

    GROUPS = (
        "endpoints",
        "tenants",
        "statuses",
        "rate_limited",
        "token_grants",
        "faults",
        "webhooks",
    )

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with getattr(self, "_lock", threading.Lock()):
            self._groups = {name: Counter() for name in self.GROUPS}

    def add(self, group: str, key: str, amount: int = 1) -> None:
        with self._lock:
            self._groups[group][key] += amount

    def snapshot(self) -> dict:
        with self._lock:
            out = {name: dict(counter) for name, counter in self._groups.items()}
        out["calls"] = sum(out["endpoints"].values())
        # real limiter rejections; injected 429 faults are counted apart as "injected"
        out["rate_limited_total"] = sum(
            n for k, n in out["rate_limited"].items() if k != "injected"
        )
        out["refresh_calls"] = out["token_grants"].get("refresh_token", 0)
        return out

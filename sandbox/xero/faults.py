"""Injected faults: a share of 500/503/429/timeouts and slow responses, per path prefix."""

from __future__ import annotations

import random
import threading
from dataclasses import asdict, dataclass


@dataclass
class FaultRule:
    """Probabilities (0..1) of each fault for request paths starting with ``prefix``."""

    prefix: str = "/"
    error_500: float = 0.0
    error_503: float = 0.0
    rate_429: float = 0.0
    timeout: float = 0.0
    timeout_seconds: float = 10.0
    slow: float = 0.0
    slow_ms: int = 0
    limit: int | None = None  # stop after this many injected faults
    injected: int = 0


@dataclass
class Fault:
    kind: str | None  # "500" | "503" | "429" | "timeout" | None
    delay: float = 0.0


class Faults:
    """Seeded, thread-safe fault decisions."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with getattr(self, "_lock", threading.Lock()):
            self.rules: list[FaultRule] = []
            self.seed = 0
            self._rng = random.Random(0)

    def configure(self, rules: list[dict], seed: int = 0) -> list[dict]:
        parsed = [FaultRule(**{k: v for k, v in r.items() if k != "injected"}) for r in rules]
        with self._lock:
            self.rules, self.seed = parsed, seed
            self._rng = random.Random(seed)
        return self.describe()

    def describe(self) -> list[dict]:
        return [asdict(r) for r in self.rules]

    def decide(self, path: str) -> Fault:
        with self._lock:
            for rule in self.rules:
                if not path.startswith(rule.prefix):
                    continue
                if rule.limit is not None and rule.injected >= rule.limit:
                    continue
                delay = rule.slow_ms / 1000 if rule.slow and self._rng.random() < rule.slow else 0.0
                roll = self._rng.random()
                for kind, share in (
                    ("500", rule.error_500),
                    ("503", rule.error_503),
                    ("429", rule.rate_429),
                    ("timeout", rule.timeout),
                ):
                    if roll < share:
                        rule.injected += 1
                        extra = rule.timeout_seconds if kind == "timeout" else 0.0
                        return Fault(kind, delay + extra)
                    roll -= share
                return Fault(None, delay)
        return Fault(None)

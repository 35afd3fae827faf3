"""Client-side rate limiting: keep every process under the provider's limits *before* calling.

Per tenant: concurrent calls (expiring leases), calls per minute, calls per rolling day; per app:
calls per minute. Windows are sliding logs (never more than N calls in any window, which also
satisfies a fixed-window provider). Provider ``X-*-Remaining`` headers raise our counts when the
provider has seen more than we did (other apps, other processes without Redis); a provider 429
blocks the tenant (or the app) for its ``Retry-After``.

``RedisLimiter`` shares the state between processes (one Lua script per operation, server clock);
``InProcessLimiter`` is the same algorithm for one process. Both count, per provider, the calls
granted and the provider 429s seen (``counters``), for monitoring.
"""

from __future__ import annotations

import threading
import time
import uuid
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from .errors import DailyLimitReached, RateLimited
from .specs import RateLimits
from .waiting import current_wait_budget

__all__ = [
    "InProcessLimiter",
    "Lease",
    "Limiter",
    "RedisLimiter",
    "WindowState",
    "build_limiter",
]

MINUTE = 60.0
DAY = 86400.0
#: Added to every window so clock skew between us and the provider never lets a call through early.
MARGIN = 0.25
#: Poll interval while waiting for a concurrency slot.
CONCURRENCY_POLL = 0.05

#: Header → window it reports on.
REMAINING_HEADERS = {
    "x-daylimit-remaining": "day",
    "x-minlimit-remaining": "minute",
    "x-appminlimit-remaining": "appminute",
}


class Lease:
    """A granted call; release it when the response is in (``with`` does it)."""

    __slots__ = ("_release", "member")

    def __init__(self, member: str, release: Callable[[str], None]):
        self.member = member
        self._release: Callable[[str], None] | None = release

    def release(self) -> None:
        release, self._release = self._release, None
        if release is not None:
            release(self.member)

    def __enter__(self) -> Lease:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


@dataclass(frozen=True)
class WindowState:
    limit: int | None
    used: int

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else max(self.limit - self.used, 0)

    def as_dict(self) -> dict[str, int | None]:
        return {"limit": self.limit, "used": self.used, "remaining": self.remaining}


def _limits_tuple(limits: RateLimits) -> tuple[int, int, int, int]:
    def n(v: int | None) -> int:
        return -1 if v is None else int(v)

    return (
        n(limits.tenant_per_minute),
        n(limits.tenant_per_day),
        n(limits.app_per_minute),
        n(limits.tenant_concurrent),
    )


class Limiter(ABC):
    """Acquire before each call, ``observe`` the response headers, ``block`` on a provider 429."""

    def __init__(self, *, sleep: Callable[[float], None] = time.sleep):
        self._sleep = sleep

    def acquire(
        self,
        provider: str,
        tenant: str,
        limits: RateLimits,
        *,
        max_wait: float | None = None,
    ) -> Lease:
        """Block until every limit has room (at most ``max_wait``, default
        ``limits.max_wait_seconds``, and never longer than the caller's ``wait_budget``).
        Raises ``DailyLimitReached`` at once when the day budget is spent, ``RateLimited`` when
        no slot came in time (at once when the next slot is further away than the time left)."""
        budget = limits.max_wait_seconds if max_wait is None else max_wait
        caller = current_wait_budget()
        if caller is not None:
            budget = min(budget, caller.remaining)
        started = time.monotonic()
        deadline = started + budget
        member = uuid.uuid4().hex
        try:
            while True:
                granted, wait, problem = self._try_acquire(provider, tenant, limits, member)
                if granted:
                    return Lease(member, lambda m: self._release(provider, tenant, m))
                if problem == "day":
                    resume_at = datetime.now(UTC) + timedelta(seconds=wait)
                    raise DailyLimitReached(resume_at=resume_at, retry_after=wait)
                left = deadline - time.monotonic()
                if left <= 0 or (problem != "concurrent" and wait > left):
                    raise RateLimited(retry_after=max(wait, CONCURRENCY_POLL), problem=problem)
                self._sleep(min(wait, left))
        finally:
            if caller is not None:
                caller.spend(time.monotonic() - started)

    @abstractmethod
    def _try_acquire(
        self, provider: str, tenant: str, limits: RateLimits, member: str
    ) -> tuple[bool, float, str | None]:
        """(granted, seconds to wait, problem) — records the call when granted."""

    @abstractmethod
    def _release(self, provider: str, tenant: str, member: str) -> None: ...

    def observe(
        self, provider: str, tenant: str, limits: RateLimits, headers: Mapping[str, str]
    ) -> None:
        """Correct our counts from the provider's ``X-*-Remaining`` headers (only ever up)."""
        used: dict[str, int] = {}
        for header, value in headers.items():
            window = REMAINING_HEADERS.get(header.lower())
            if window is None:
                continue
            limit = _window_limit(limits, window)
            if limit is None:
                continue
            try:
                remaining = int(value)
            except (TypeError, ValueError):
                continue
            used[window] = max(limit - max(remaining, 0), 0)
        if used:
            self._raise_counts(provider, tenant, limits, used)

    @abstractmethod
    def _raise_counts(
        self, provider: str, tenant: str, limits: RateLimits, used: Mapping[str, int]
    ) -> None: ...

    @abstractmethod
    def block(self, provider: str, tenant: str, problem: str | None, seconds: float) -> None:
        """The provider said 429: no calls for ``seconds`` (app-wide for ``appminute``)."""

    @abstractmethod
    def status(self, provider: str, tenant: str, limits: RateLimits) -> dict[str, Any]:
        """``{"day": {"limit", "used", "remaining"}, "minute": {...}, "app_minute": {...},
        "concurrent": {...}, "blocked_until": iso or None, "blocked_problem": str or None}``."""

    def app_status(self, provider: str, limits: RateLimits) -> dict[str, Any]:
        """The app-wide window and block only: ``{"app_minute": {...}, "blocked_until"}``."""
        # No tenant has an empty id, so only the app-wide keys hold anything.
        state = self.status(provider, "", limits)
        return {"app_minute": state["app_minute"], "blocked_until": state["blocked_until"]}

    @abstractmethod
    def counters(self, provider: str) -> dict[str, int]:
        """``{"calls": granted calls, "rate_limited": provider 429s}`` since the state began
        (a Redis flush, or the process start without Redis, starts them again)."""

    @abstractmethod
    def reset(self) -> None:
        """Forget everything (tests)."""


def _window_limit(limits: RateLimits, window: str) -> int | None:
    return {
        "minute": limits.tenant_per_minute,
        "day": limits.tenant_per_day,
        "appminute": limits.app_per_minute,
    }[window]


def _status_dict(
    limits: RateLimits,
    minute: int,
    day: int,
    app_minute: int,
    concurrent: int,
    blocked_until: float | None,
    blocked_problem: str | None,
) -> dict[str, Any]:
    return {
        "day": WindowState(limits.tenant_per_day, day).as_dict(),
        "minute": WindowState(limits.tenant_per_minute, minute).as_dict(),
        "app_minute": WindowState(limits.app_per_minute, app_minute).as_dict(),
        "concurrent": WindowState(limits.tenant_concurrent, concurrent).as_dict(),
        "blocked_until": (
            datetime.fromtimestamp(blocked_until, UTC).isoformat() if blocked_until else None
        ),
        "blocked_problem": blocked_problem if blocked_until else None,
    }


# --------------------------------------------------------------------------------------------
class InProcessLimiter(Limiter):
    """Thread-safe, one process."""

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ):
        super().__init__(sleep=sleep)
        self._clock = clock
        self._lock = threading.Lock()
        self._windows: dict[tuple[str, ...], deque[float]] = {}
        self._leases: dict[tuple[str, str], dict[str, float]] = {}
        self._blocks: dict[tuple[str, ...], tuple[float, str | None]] = {}
        self._counters: dict[tuple[str, str], int] = {}

    def reset(self) -> None:
        with self._lock:
            self._windows.clear()
            self._leases.clear()
            self._blocks.clear()
            self._counters.clear()

    def _count(self, provider: str, name: str) -> None:
        self._counters[provider, name] = self._counters.get((provider, name), 0) + 1

    def counters(self, provider: str) -> dict[str, int]:
        with self._lock:
            return {n: self._counters.get((provider, n), 0) for n in ("calls", "rate_limited")}

    def _window(self, key: tuple[str, ...], now: float, span: float) -> deque[float]:
        dq = self._windows.setdefault(key, deque())
        horizon = now - span - MARGIN
        while dq and dq[0] <= horizon:
            dq.popleft()
        return dq

    def _keys(self, provider: str, tenant: str) -> dict[str, tuple[str, ...]]:
        return {
            "minute": (provider, tenant, "minute"),
            "day": (provider, tenant, "day"),
            "appminute": (provider, "", "appminute"),
        }

    def _try_acquire(
        self, provider: str, tenant: str, limits: RateLimits, member: str
    ) -> tuple[bool, float, str | None]:
        per_min, per_day, app_min, concurrent = _limits_tuple(limits)
        keys = self._keys(provider, tenant)
        with self._lock:
            now = self._clock()
            for block_key in ((provider, tenant), (provider, "")):
                until, problem = self._blocks.get(block_key, (0.0, None))
                if until > now:
                    return False, until - now, problem
            checks = (
                ("day", per_day, DAY),
                ("minute", per_min, MINUTE),
                ("appminute", app_min, MINUTE),
            )
            windows = {}
            for name, limit, span in checks:
                if limit < 0:
                    continue
                dq = self._window(keys[name], now, span)
                if len(dq) >= limit:
                    return False, dq[len(dq) - limit] + span + MARGIN - now, name
                windows[name] = dq
            leases = self._leases.setdefault((provider, tenant), {})
            if concurrent >= 0:
                for m, expiry in list(leases.items()):
                    if expiry <= now:
                        del leases[m]
                if len(leases) >= concurrent:
                    return False, CONCURRENCY_POLL, "concurrent"
            leases[member] = now + limits.lease_seconds
            for dq in windows.values():
                dq.append(now)
            self._count(provider, "calls")
            return True, 0.0, None

    def _release(self, provider: str, tenant: str, member: str) -> None:
        with self._lock:
            self._leases.get((provider, tenant), {}).pop(member, None)

    def _raise_counts(
        self, provider: str, tenant: str, limits: RateLimits, used: Mapping[str, int]
    ) -> None:
        keys = self._keys(provider, tenant)
        with self._lock:
            now = self._clock()
            for name, target in used.items():
                dq = self._window(keys[name], now, DAY if name == "day" else MINUTE)
                dq.extend([now] * max(target - len(dq), 0))

    def block(self, provider: str, tenant: str, problem: str | None, seconds: float) -> None:
        key = (provider, "") if problem == "appminute" else (provider, tenant)
        with self._lock:
            self._count(provider, "rate_limited")
            until = self._clock() + max(seconds, 0.0)
            if until > self._blocks.get(key, (0.0, None))[0]:
                self._blocks[key] = (until, problem)

    def status(self, provider: str, tenant: str, limits: RateLimits) -> dict[str, Any]:
        keys = self._keys(provider, tenant)
        with self._lock:
            now = self._clock()
            counts = {
                name: len(self._window(keys[name], now, DAY if name == "day" else MINUTE))
                for name in keys
            }
            leases = self._leases.get((provider, tenant), {})
            in_use = sum(1 for e in leases.values() if e > now)
            blocks = [
                b
                for b in (self._blocks.get((provider, tenant)), self._blocks.get((provider, "")))
                if b and b[0] > now
            ]
        until, problem = max(blocks) if blocks else (None, None)
        return _status_dict(
            limits, counts["minute"], counts["day"], counts["appminute"], in_use, until, problem
        )


# --------------------------------------------------------------------------------------------
_ACQUIRE_LUA = """
-- KEYS: 1 tenant minute zset, 2 tenant day zset, 3 app minute zset, 4 tenant leases zset,
--       5 tenant block, 6 app block, 7 provider counters hash
-- ARGV: 1 member, 2 per minute, 3 per day, 4 app per minute, 5 concurrent, 6 lease s, 7 margin s
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local margin = tonumber(ARGV[7])
for _, k in ipairs({KEYS[5], KEYS[6]}) do
  local b = redis.call('GET', k)
  if b then
    local sep = string.find(b, '|', 1, true)
    local until_ts = tonumber(string.sub(b, 1, sep - 1))
    if until_ts > now then
      return {0, tostring(until_ts - now), string.sub(b, sep + 1)}
    end
  end
end
local checks = {{KEYS[2], tonumber(ARGV[3]), 86400, 'day'},
                {KEYS[1], tonumber(ARGV[2]), 60, 'minute'},
                {KEYS[3], tonumber(ARGV[4]), 60, 'appminute'}}
for _, c in ipairs(checks) do
  if c[2] >= 0 then
    redis.call('ZREMRANGEBYSCORE', c[1], '-inf', now - c[3] - margin)
    local n = redis.call('ZCARD', c[1])
    if n >= c[2] then
      local e = redis.call('ZRANGE', c[1], n - c[2], n - c[2], 'WITHSCORES')
      return {0, tostring(tonumber(e[2]) + c[3] + margin - now), c[4]}
    end
  end
end
local conc = tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
if conc >= 0 and redis.call('ZCARD', KEYS[4]) >= conc then
  return {0, '0.05', 'concurrent'}
end
local lease = tonumber(ARGV[6])
redis.call('ZADD', KEYS[4], now + lease, ARGV[1])
redis.call('EXPIRE', KEYS[4], math.ceil(lease) + 60)
for _, c in ipairs(checks) do
  if c[2] >= 0 then
    redis.call('ZADD', c[1], now, ARGV[1])
    redis.call('EXPIRE', c[1], c[3] + 60)
  end
end
redis.call('HINCRBY', KEYS[7], 'calls', 1)
return {1, '0', ''}
"""

_RAISE_LUA = """
-- KEYS: 1 tenant minute, 2 tenant day, 3 app minute; ARGV: targets (-1 = none), margin
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local margin = tonumber(ARGV[4])
local spans = {60, 86400, 60}
for i = 1, 3 do
  local target = tonumber(ARGV[i])
  if target > 0 then
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - spans[i] - margin)
    local n = redis.call('ZCARD', KEYS[i])
    for j = n + 1, target do
      redis.call('ZADD', KEYS[i], now, 'h:' .. t[1] .. t[2] .. ':' .. j)
    end
    redis.call('EXPIRE', KEYS[i], spans[i] + 60)
  end
end
return 1
"""

_BLOCK_LUA = """
-- KEYS: 1 block key, 2 provider counters hash; ARGV: 1 seconds, 2 problem
redis.call('HINCRBY', KEYS[2], 'rate_limited', 1)
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local untl = now + tonumber(ARGV[1])
local b = redis.call('GET', KEYS[1])
if b then
  local sep = string.find(b, '|', 1, true)
  if tonumber(string.sub(b, 1, sep - 1)) >= untl then return 0 end
end
redis.call('SET', KEYS[1], string.format('%.6f', untl) .. '|' .. ARGV[2],
           'PX', math.ceil(tonumber(ARGV[1]) * 1000) + 1000)
return 1
"""

_STATUS_LUA = """
-- KEYS: 1 tenant minute, 2 tenant day, 3 app minute, 4 leases, 5 tenant block, 6 app block
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local margin = tonumber(ARGV[1])
local out = {
  redis.call('ZCOUNT', KEYS[1], now - 60 - margin, '+inf'),
  redis.call('ZCOUNT', KEYS[2], now - 86400 - margin, '+inf'),
  redis.call('ZCOUNT', KEYS[3], now - 60 - margin, '+inf'),
  redis.call('ZCOUNT', KEYS[4], now, '+inf'),
}
local best, best_problem = 0, ''
for _, k in ipairs({KEYS[5], KEYS[6]}) do
  local b = redis.call('GET', k)
  if b then
    local sep = string.find(b, '|', 1, true)
    local u = tonumber(string.sub(b, 1, sep - 1))
    if u > now and u > best then best, best_problem = u, string.sub(b, sep + 1) end
  end
end
table.insert(out, tostring(best))
table.insert(out, best_problem)
return out
"""


class RedisLimiter(Limiter):
    """The same algorithm, shared by every process through Redis (atomic Lua scripts)."""

    def __init__(
        self,
        client: Any,
        *,
        prefix: str = "ledgerlink:rl",
        sleep: Callable[[float], None] = time.sleep,
    ):
        super().__init__(sleep=sleep)
        self.client = client
        self.prefix = prefix
        self._acquire = client.register_script(_ACQUIRE_LUA)
        self._raise = client.register_script(_RAISE_LUA)
        self._block = client.register_script(_BLOCK_LUA)
        self._status = client.register_script(_STATUS_LUA)

    @classmethod
    def from_url(cls, url: str, **kw: Any) -> RedisLimiter:
        import redis

        return cls(redis.Redis.from_url(url), **kw)

    def _keys(self, provider: str, tenant: str) -> list[str]:
        t = f"{self.prefix}:{provider}:t:{tenant}"
        a = f"{self.prefix}:{provider}:app"
        return [
            f"{t}:min",
            f"{t}:day",
            f"{a}:min",
            f"{t}:leases",
            f"{t}:block",
            f"{a}:block",
            self._counters_key(provider),
        ]

    def _counters_key(self, provider: str) -> str:
        return f"{self.prefix}:{provider}:counters"

    def _try_acquire(
        self, provider: str, tenant: str, limits: RateLimits, member: str
    ) -> tuple[bool, float, str | None]:
        per_min, per_day, app_min, concurrent = _limits_tuple(limits)
        granted, wait, problem = self._acquire(
            keys=self._keys(provider, tenant),
            args=[member, per_min, per_day, app_min, concurrent, limits.lease_seconds, MARGIN],
        )
        problem = problem.decode() if isinstance(problem, bytes) else problem
        return bool(int(granted)), float(wait), problem or None

    def _release(self, provider: str, tenant: str, member: str) -> None:
        self.client.zrem(self._keys(provider, tenant)[3], member)

    def _raise_counts(
        self, provider: str, tenant: str, limits: RateLimits, used: Mapping[str, int]
    ) -> None:
        keys = self._keys(provider, tenant)[:3]
        self._raise(
            keys=keys,
            args=[
                used.get("minute", -1),
                used.get("day", -1),
                used.get("appminute", -1),
                MARGIN,
            ],
        )

    def block(self, provider: str, tenant: str, problem: str | None, seconds: float) -> None:
        keys = self._keys(provider, tenant)
        key = keys[5] if problem == "appminute" else keys[4]
        self._block(keys=[key, keys[6]], args=[max(seconds, 0.0), problem or ""])

    def status(self, provider: str, tenant: str, limits: RateLimits) -> dict[str, Any]:
        minute, day, app_minute, in_use, until, problem = self._status(
            keys=self._keys(provider, tenant)[:6], args=[MARGIN]
        )
        until_f = float(until) or None
        problem = problem.decode() if isinstance(problem, bytes) else problem
        return _status_dict(
            limits, int(minute), int(day), int(app_minute), int(in_use), until_f, problem or None
        )

    def counters(self, provider: str) -> dict[str, int]:
        stored = self.client.hgetall(self._counters_key(provider))
        values = {k.decode() if isinstance(k, bytes) else k: int(v) for k, v in stored.items()}
        return {n: values.get(n, 0) for n in ("calls", "rate_limited")}

    def reset(self) -> None:
        for key in self.client.scan_iter(match=f"{self.prefix}:*", count=500):
            self.client.delete(key)


def build_limiter(redis_url: str | None, *, prefix: str = "ledgerlink:rl") -> Limiter:
    if redis_url:
        return RedisLimiter.from_url(redis_url, prefix=prefix)
    return InProcessLimiter()

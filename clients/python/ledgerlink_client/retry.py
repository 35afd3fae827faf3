"""Retrying 429 and 503 answers, honouring ``Retry-After``, below every call (an httpx transport).

Both answers mean the gateway did nothing (rate limited, or a service it needs briefly down), so
the same request is sent again unchanged, its ``Idempotency-Key`` included. The wait is the
``Retry-After`` the gateway gave (capped by ``max_wait``), else an exponential backoff.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import httpx

from ledgerlink_client.errors import retry_after_seconds

RETRY_STATUSES = frozenset({429, 503})


class RetryPolicy:
    def __init__(
        self,
        max_retries: int = 3,
        max_wait: float = 60.0,
        backoff: float = 0.5,
        statuses: frozenset[int] = RETRY_STATUSES,
    ) -> None:
        self.max_retries = max_retries
        self.max_wait = max_wait
        self.backoff = backoff
        self.statuses = statuses

    def delay(self, response: httpx.Response, attempt: int) -> float | None:
        """Seconds to wait before retrying after `response` (attempt 0 is the first
        retry), or None when it is not to be retried."""
        if response.status_code not in self.statuses or attempt >= self.max_retries:
            return None
        asked = retry_after_seconds(response.headers)
        wait = asked if asked is not None else self.backoff * 2**attempt
        if wait > self.max_wait:
            return None  # longer than the caller wants to block: let the error surface
        return wait


class RetryTransport(httpx.BaseTransport):
    def __init__(
        self,
        wrapped: httpx.BaseTransport | None = None,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.wrapped = wrapped or httpx.HTTPTransport()
        self.policy = policy or RetryPolicy()
        self.sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()  # the body is sent again on a retry
        attempt = 0
        while True:
            response = self.wrapped.handle_request(request)
            wait = self.policy.delay(response, attempt)
            if wait is None:
                return response
            response.read()
            response.close()
            self.sleep(wait)
            attempt += 1

    def close(self) -> None:
        self.wrapped.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    def __init__(
        self,
        wrapped: httpx.AsyncBaseTransport | None = None,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.wrapped = wrapped or httpx.AsyncHTTPTransport()
        self.policy = policy or RetryPolicy()
        self.sleep = sleep

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        attempt = 0
        while True:
            response = await self.wrapped.handle_async_request(request)
            wait = self.policy.delay(response, attempt)
            if wait is None:
                return response
            await response.aread()
            await response.aclose()
            await self.sleep(wait)
            attempt += 1

    async def aclose(self) -> None:
        await self.wrapped.aclose()

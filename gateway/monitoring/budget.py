"""Provider budgets from the shared rate limiter: per provider, never per tenant.

The app-wide minute window and any app-wide block (a provider 429 for the whole app), the limits
the limiter enforces, and its counters of granted calls and provider 429s (kept in Redis, so
every process adds to the same counts). Per-tenant day budgets are not read here (one Redis read
per tenant); the accounts they pause show as `paused` in the sync states.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from gateway.core.providers import get_registry


def budgets(now: datetime) -> dict[str, dict[str, Any]]:
    registry = get_registry()
    out = {}
    for key in registry:
        provider = registry.get(key)
        limits = provider.limits
        app = registry.limiter.app_status(key, limits)
        until = app["blocked_until"]
        blocked = (
            max((datetime.fromisoformat(until) - now.astimezone(UTC)).total_seconds(), 0.0)
            if until
            else 0.0
        )
        out[key] = {
            "app_minute_remaining": app["app_minute"]["remaining"],
            "app_minute_used": app["app_minute"]["used"],
            "app_blocked_seconds": blocked,
            "limits": {
                "tenant_per_day": limits.tenant_per_day,
                "tenant_per_minute": limits.tenant_per_minute,
                "tenant_concurrent": limits.tenant_concurrent,
                "app_per_minute": limits.app_per_minute,
            },
            **registry.limiter.counters(key),
        }
    return out

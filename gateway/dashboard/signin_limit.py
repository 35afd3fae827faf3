"""Failed dashboard sign-ins are limited per email address and per client address.

After `DASHBOARD_SIGNIN_LIMIT` failures within `DASHBOARD_SIGNIN_WINDOW_SECONDS` for the same
email, or from the same client address, sign-ins are refused (even with the right password)
until the window is over. Counted in the shared cache (Redis in production), like the invalid
API key limiter; only failures count.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

from gateway.core.client_address import client_address


def _keys(request, email: str) -> list[str]:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return [
        f"ledgerlink:signin:email:{digest}",
        f"ledgerlink:signin:addr:{client_address(request)}",
    ]


def blocked(request, email: str) -> bool:
    limit = settings.DASHBOARD_SIGNIN_LIMIT
    if not limit:
        return False
    return any((cache.get(key) or 0) >= limit for key in _keys(request, email))


def record_failure(request, email: str) -> None:
    window = settings.DASHBOARD_SIGNIN_WINDOW_SECONDS
    for key in _keys(request, email):
        if cache.add(key, 1, timeout=window):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window)


def forget(request, email: str) -> None:
    """A successful sign-in clears the email's count (not the address's)."""
    cache.delete(_keys(request, email)[0])

"""Who may read `/metrics`: the holder of METRICS_TOKEN, presented as a bearer token.

Unset, the endpoint does not exist (404, as any unknown URL). The token is compared in constant
time (digests of equal length, so neither its content nor its length leaks through timing).
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest


def enabled() -> bool:
    return bool(settings.METRICS_TOKEN)


def presented_token(request: HttpRequest) -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def allowed(request: HttpRequest) -> bool:
    token = presented_token(request)
    if token is None:
        return False
    expected = hashlib.sha256(settings.METRICS_TOKEN.encode()).digest()
    return hmac.compare_digest(hashlib.sha256(token.encode()).digest(), expected)

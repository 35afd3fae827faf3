"""Which Xero consent an access token belongs to."""

from __future__ import annotations

import base64
import json

from ..credentials import Credentials


def auth_event_id(credentials: Credentials) -> str | None:
    """The consent id a Xero access token (a JWT) carries as `authentication_event_id`."""
    explicit = credentials.extra.get("auth_event_id")
    if explicit:
        return str(explicit)
    parts = credentials.access_token.split(".")
    if len(parts) != 3:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except ValueError:
        return None
    value = payload.get("authentication_event_id") if isinstance(payload, dict) else None
    return str(value) if value else None

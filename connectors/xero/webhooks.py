"""Xero webhooks: signature check over the raw body bytes, and thin events.

Xero signs each delivery with ``x-xero-signature: base64(HMAC-SHA256(webhook key, raw body))``.
The intent-to-receive handshake is a delivery with no events: answer 200 when the signature is
valid and 401 when it is not (the gateway's view does that with ``verify``)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from datetime import UTC, datetime

from ..base import WebhookEvent
from ..errors import ValidationFailed
from ..jsonutil import loads
from .dates import parse_datetime
from .spec import WEBHOOK_CATEGORIES, WEBHOOK_SIGNATURE_HEADER

__all__ = ["parse", "sign", "verify"]


def sign(raw_body: bytes, key: str) -> str:
    digest = hmac.new(key.encode("utf-8"), raw_body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def verify(raw_body: bytes, headers: Mapping[str, str], key: str) -> bool:
    received = next((v for k, v in headers.items() if k.lower() == WEBHOOK_SIGNATURE_HEADER), None)
    if not received or not key:
        return False
    return hmac.compare_digest(
        sign(raw_body, key).encode("ascii"), received.strip().encode("ascii", "replace")
    )


def parse(raw_body: bytes) -> list[WebhookEvent]:
    try:
        payload = loads(raw_body)
    except ValueError:
        raise ValidationFailed("webhook body is not JSON") from None
    if not isinstance(payload, Mapping) or not isinstance(payload.get("events"), list):
        raise ValidationFailed("webhook body has no events list")
    events = []
    for raw in payload["events"]:
        category = str(raw.get("eventCategory") or "").upper()
        occurred = parse_datetime(raw.get("eventDateUtc")) or datetime.now(UTC)
        events.append(
            WebhookEvent(
                tenant_id=str(raw.get("tenantId")),
                model=WEBHOOK_CATEGORIES.get(category),
                remote_id=str(raw.get("resourceId")),
                event_type=str(raw.get("eventType") or "").upper(),
                occurred_at=occurred,
                raw=raw,
            )
        )
    return events

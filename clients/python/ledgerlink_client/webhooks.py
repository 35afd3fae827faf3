"""Checking that a webhook delivery came from your Ledgerlink gateway.

Each delivery is a POST whose headers carry

- ``Ledgerlink-Event-Id``: the event's id (stable across retries and replays),
- ``Ledgerlink-Timestamp``: when this attempt was signed (Unix seconds),
- ``Ledgerlink-Signature``: ``v1=<hex HMAC-SHA256(secret, "{event id}.{timestamp}.{raw body}")>``
  (several comma-separated values may come; one matching is enough),

where the secret is the endpoint's signing secret (``whsec_…``, shown once when the endpoint
was created or its secret rotated), used as its UTF-8 bytes. Verify the raw body bytes as
received, before parsing them; a timestamp more than ``tolerance`` seconds from now is refused
(a replayed old delivery).

    from ledgerlink_client.webhooks import parse_event, WebhookSignatureError

    try:
        event = parse_event(request.body, request.headers, secret)
    except WebhookSignatureError:
        return 400
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

SIGNATURE_HEADER = "Ledgerlink-Signature"
TIMESTAMP_HEADER = "Ledgerlink-Timestamp"
EVENT_ID_HEADER = "Ledgerlink-Event-Id"
EVENT_TYPE_HEADER = "Ledgerlink-Event-Type"
DELIVERY_ID_HEADER = "Ledgerlink-Delivery-Id"
SCHEME = "v1"
DEFAULT_TOLERANCE = 300


class WebhookSignatureError(Exception):
    """The delivery is not signed by the secret, or is too old."""


def _header(headers: Mapping[str, str], name: str) -> str:
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    return ""


def compute_signature(secret: str, event_id: str, timestamp: int | str, body: bytes) -> str:
    """The ``Ledgerlink-Signature`` value the gateway sends for these inputs."""
    signed = f"{event_id}.{timestamp}.".encode() + body
    return f"{SCHEME}={hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()}"


def verify_signature(
    body: bytes,
    headers: Mapping[str, str],
    secret: str,
    *,
    tolerance: int = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> None:
    """Raise :class:`WebhookSignatureError` unless the delivery is authentic and fresh."""
    if isinstance(body, str):
        raise TypeError("pass the raw body bytes as received, not decoded text")
    event_id = _header(headers, EVENT_ID_HEADER)
    stamp = _header(headers, TIMESTAMP_HEADER)
    given = _header(headers, SIGNATURE_HEADER)
    if not (event_id and stamp and given):
        raise WebhookSignatureError("the Ledgerlink signature headers are missing")
    try:
        timestamp = int(stamp)
    except ValueError:
        raise WebhookSignatureError("the timestamp is not a number") from None
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance:
        raise WebhookSignatureError("the timestamp is outside the tolerance")
    expected = compute_signature(secret, event_id, timestamp, body)
    if not any(hmac.compare_digest(expected, part.strip()) for part in given.split(",")):
        raise WebhookSignatureError("the signature does not match")


def is_valid(
    body: bytes, headers: Mapping[str, str], secret: str, *, tolerance: int = DEFAULT_TOLERANCE
) -> bool:
    try:
        verify_signature(body, headers, secret, tolerance=tolerance)
    except WebhookSignatureError:
        return False
    return True


def parse_event(
    body: bytes, headers: Mapping[str, str], secret: str, *, tolerance: int = DEFAULT_TOLERANCE
) -> dict[str, Any]:
    """Verify, then decode the event (numbers as Decimal, never float)."""
    verify_signature(body, headers, secret, tolerance=tolerance)
    event: dict[str, Any] = json.loads(body, parse_float=Decimal)
    return event

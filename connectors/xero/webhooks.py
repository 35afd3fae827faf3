"""Xero webhooks: signature check over the raw body bytes, and thin events.

Xero signs each delivery with ``x-xero-signature: base64(HMAC-SHA256(webhook key, raw body))``.
The intent-to-receive handshake is a delivery with no events: answer 200 when the signature is
valid and 401 when it is not (the gateway's view does that with ``verify``).

Each event is validated on its own: a malformed one is returned as rejected, with its reason,
and the others of the same delivery are kept."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any

from ..base import RejectedWebhookEvent, WebhookBatch, WebhookEvent
from ..errors import ValidationFailed
from ..jsonutil import loads
from ..webhook_checks import BadEvent, excerpt, text_field
from .dates import format_datetime, parse_datetime
from .spec import WEBHOOK_CATEGORIES, WEBHOOK_SIGNATURE_HEADER

__all__ = ["parse", "sign", "verify"]

#: Xero's ids are GUIDs (36 characters); anything much longer is not one of theirs.
MAX_ID_LENGTH = 100
MAX_NAME_LENGTH = 50


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


def parse(raw_body: bytes) -> WebhookBatch:
    payload = _decode(raw_body)
    if not isinstance(payload, Mapping) or not isinstance(payload.get("events"), list):
        raise ValidationFailed("webhook body has no events list")
    batch = WebhookBatch()
    for index, raw in enumerate(payload["events"]):
        try:
            batch.events.append(_event(raw))
        except BadEvent as exc:
            batch.rejected.append(RejectedWebhookEvent(str(exc), excerpt(raw), index))
    return batch


def _decode(raw_body: bytes) -> Any:
    try:
        return loads(raw_body)
    except RecursionError:
        raise ValidationFailed("webhook body is nested too deeply") from None
    except ValueError:
        pass
    try:  # lenient (lone surrogates): the event checks then reject what is unusable, one by one
        return json.loads(raw_body)
    except (ValueError, RecursionError):
        raise ValidationFailed("webhook body is not JSON") from None


def _event(raw: Any) -> WebhookEvent:
    if not isinstance(raw, dict):
        raise BadEvent("the event is not an object")
    tenant_id = text_field(raw, "tenantId", max_length=MAX_ID_LENGTH)
    remote_id = text_field(raw, "resourceId", max_length=MAX_ID_LENGTH)
    category = (text_field(raw, "eventCategory", max_length=MAX_NAME_LENGTH) or "").upper()
    event_type = (text_field(raw, "eventType", max_length=MAX_NAME_LENGTH) or "").upper()
    when = text_field(raw, "eventDateUtc", max_length=MAX_NAME_LENGTH)
    try:
        occurred = parse_datetime(when)
    except (ValueError, OverflowError):
        raise BadEvent("eventDateUtc is not a date") from None
    # Only the fields we read identify the event (deduplication): never the whole raw object,
    # which may be arbitrarily nested.
    identity = {
        "tenantId": tenant_id,
        "resourceId": remote_id,
        "eventCategory": category,
        "eventType": event_type,
        "eventDateUtc": format_datetime(occurred),
    }
    return WebhookEvent(
        tenant_id=tenant_id,
        model=WEBHOOK_CATEGORIES.get(category),
        remote_id=remote_id,
        event_type=event_type,
        occurred_at=occurred,
        raw=identity,
    )

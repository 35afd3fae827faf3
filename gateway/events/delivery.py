"""Sending webhook deliveries: signed, in parallel, retried with exponential backoff for about a
day, then marked failed. Every attempt updates the delivery log.

Signature: `Ledgerlink-Signature: v1=<hex HMAC-SHA256(secret, "{event id}.{timestamp}.{body}")>`
with `Ledgerlink-Event-Id` and `Ledgerlink-Timestamp` (Unix seconds) sent alongside.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import random
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

import urllib3
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from gateway.core.queueing import enqueue
from gateway.events.endpoint_health import note_outcomes
from gateway.events.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)
from gateway.events.services import event_body
from gateway.events.urlsafety import UnsafeConnection, UnsafeUrl, check_url, delivery_pool

logger = logging.getLogger(__name__)

SIGNATURE_VERSION = "v1"
FIRST_RETRY_SECONDS = 30.0
MAX_RETRY_SECONDS = 4 * 3600.0
USER_AGENT = "Ledgerlink-Webhooks/1"
_BATCH = 100
#: Up to this many sender tasks are queued for one burst of deliveries (they share the work).
MAX_PARALLEL_SENDERS = 4


def signature(secret: str, event_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{event_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()
    return f"{SIGNATURE_VERSION}={digest}"


def verify_signature(
    secret: str, event_id: str, timestamp: str, body: bytes, header: str, tolerance: int = 300
) -> bool:
    """What a receiver does (documented in the README; used by the tests)."""
    try:
        ts = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs(time.time() - ts) > tolerance:
        return False
    expected = signature(secret, event_id, ts, body)
    candidates = [part.strip() for part in (header or "").split(",")]
    return any(hmac.compare_digest(expected, c) for c in candidates)


def retry_delay(attempts: int) -> float:
    """Seconds before the next attempt after `attempts` failed ones (30 s doubling to 4 h)."""
    base = min(FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0), MAX_RETRY_SECONDS)
    return base * random.uniform(0.9, 1.1)


def claim_seconds(count: int) -> float:
    """How long a claimed batch is kept from other senders: long enough to send all of it
    (`count` deliveries, WEBHOOK_CONCURRENCY at a time, each up to the timeout), and no longer:
    a sender that dies mid-batch (a killed worker) leaves the rest to the next sweep after it."""
    rounds = math.ceil(count / max(settings.WEBHOOK_CONCURRENCY, 1)) + 1
    return rounds * settings.WEBHOOK_TIMEOUT_SECONDS + 5.0


@dataclass
class _Outcome:
    status: int | None
    error: str
    #: Refused by us at send time (a private address): retrying cannot help, fail it now.
    final: bool = False
    #: How long the endpoint took to answer (None: nothing was sent).
    latency_ms: int | None = None


def _claim(limit: int) -> list[WebhookDelivery]:
    """Take due deliveries so no other worker sends them meanwhile (moves their due time on)."""
    now = timezone.now()
    with transaction.atomic():
        qs = WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=now
        ).order_by("next_attempt_at", "seq")
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True, of=("self",))
        batch = list(qs.select_related("event")[:limit])
        if batch:
            hold = now + timedelta(seconds=claim_seconds(len(batch)))
            WebhookDelivery.objects.filter(seq__in=[d.seq for d in batch]).update(
                next_attempt_at=hold
            )
    # One instance per endpoint: its secret is decrypted once, not once per delivery.
    endpoints = WebhookEndpoint.objects.in_bulk({d.endpoint_id for d in batch})
    for d in batch:
        d.endpoint = endpoints[d.endpoint_id]
    return batch


def _send(pool: urllib3.PoolManager, delivery: WebhookDelivery, safe: bool | str) -> _Outcome:
    if safe is not True:
        return _Outcome(None, str(safe), final=True)
    event = delivery.event
    body = event_body(event)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Ledgerlink-Event-Id": str(event.id),
        "Ledgerlink-Event-Type": event.type,
        "Ledgerlink-Delivery-Id": str(delivery.id),
        "Ledgerlink-Timestamp": str(timestamp),
        "Ledgerlink-Signature": signature(delivery.endpoint.secret, str(event.id), timestamp, body),
    }
    started = time.monotonic()
    try:
        response = pool.request(
            "POST",
            delivery.endpoint.url,
            body=body,
            headers=headers,
            timeout=urllib3.Timeout(total=settings.WEBHOOK_TIMEOUT_SECONDS),
            redirect=False,
            retries=False,
            preload_content=False,
        )
        response.drain_conn()
        response.release_conn()
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        refused = _refused_connection(exc)
        if refused is not None:
            return _Outcome(None, f"unsafe URL: {refused}", final=True)
        return _Outcome(None, type(exc).__name__, latency_ms=_elapsed_ms(started))
    latency = _elapsed_ms(started)
    if 200 <= response.status < 300:
        return _Outcome(response.status, "", latency_ms=latency)
    return _Outcome(response.status, f"HTTP {response.status}", latency_ms=latency)


def _elapsed_ms(started: float) -> int:
    return round((time.monotonic() - started) * 1000)


def _refused_connection(exc: BaseException) -> UnsafeConnection | None:
    """The peer check's refusal, however urllib3 wrapped it."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, UnsafeConnection):
            return current
        seen.add(id(current))
        reason = getattr(current, "reason", None)
        current = reason if isinstance(reason, BaseException) else current.__context__
    return None


def _record(delivery: WebhookDelivery, outcome: _Outcome, now: datetime) -> None:
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.response_status = outcome.status
    delivery.last_error = outcome.error[:500]
    if not outcome.error:
        delivery.status = DeliveryStatus.SUCCEEDED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
        return
    if outcome.final:
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = None
        return
    next_at = now + timedelta(seconds=retry_delay(delivery.attempts))
    if next_at > delivery.created_at + timedelta(hours=settings.WEBHOOK_RETRY_HOURS):
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = None
    else:
        delivery.next_attempt_at = next_at


_LOG_FIELDS = [
    "status",
    "attempts",
    "next_attempt_at",
    "last_attempt_at",
    "response_status",
    "last_error",
    "delivered_at",
]


def _attempt(delivery: WebhookDelivery, outcome: _Outcome, now: datetime) -> WebhookAttempt:
    return WebhookAttempt(
        delivery_id=delivery.seq,
        customer_id=delivery.customer_id,
        attempted_at=now,
        response_status=outcome.status,
        succeeded=not outcome.error,
        latency_ms=outcome.latency_ms,
        error=outcome.error[:500],
    )


def _save(batch: list[WebhookDelivery], now: datetime) -> None:
    """Successes (the common case) in one UPDATE per response status; failures row by row."""
    succeeded: dict[int | None, list[int]] = defaultdict(list)
    others = []
    for d in batch:
        if d.status == DeliveryStatus.SUCCEEDED:
            succeeded[d.response_status].append(d.seq)
        else:
            others.append(d)
    for status, seqs in succeeded.items():
        WebhookDelivery.objects.filter(seq__in=seqs).update(
            status=DeliveryStatus.SUCCEEDED,
            attempts=F("attempts") + 1,
            last_attempt_at=now,
            delivered_at=now,
            next_attempt_at=None,
            response_status=status,
            last_error="",
        )
    if others:
        WebhookDelivery.objects.bulk_update(others, _LOG_FIELDS)


def deliver_due(max_seconds: float = 60.0) -> int:
    """Send every due delivery (batches in parallel) until none is due or time is up."""
    deadline = time.monotonic() + max_seconds
    sent = 0
    workers = max(settings.WEBHOOK_CONCURRENCY, 1)
    http = delivery_pool(num_pools=16, maxsize=workers, block=False)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        while time.monotonic() < deadline:
            batch = _claim(_BATCH)
            if not batch:
                break
            safety: dict = {}
            for d in batch:
                if d.endpoint_id not in safety:
                    try:
                        check_url(d.endpoint.url)
                        safety[d.endpoint_id] = True
                    except UnsafeUrl as exc:
                        safety[d.endpoint_id] = f"unsafe URL: {exc}"
            verdicts = [safety[d.endpoint_id] for d in batch]
            outcomes = list(pool.map(_send, [http] * len(batch), batch, verdicts))
            now = timezone.now()
            attempts = []
            for delivery, outcome in zip(batch, outcomes, strict=True):
                attempts.append(_attempt(delivery, outcome, now))
                _record(delivery, outcome, now)
            _save(batch, now)
            WebhookAttempt.objects.bulk_create(attempts)
            note_outcomes(batch, now)
            sent += len(batch)
    http.clear()
    return sent


def replay(delivery: WebhookDelivery) -> WebhookDelivery:
    """A new delivery of the same event to the same endpoint, sent now."""
    now = timezone.now()
    with transaction.atomic():
        copy = WebhookDelivery.objects.create(
            customer_id=delivery.customer_id,
            endpoint_id=delivery.endpoint_id,
            event_id=delivery.event_id,
            replay_of=delivery,
            status=DeliveryStatus.PENDING,
            next_attempt_at=now,
            created_at=now,
        )
        transaction.on_commit(queue_senders)
    return copy


def queue_senders(count: int = 1) -> None:
    """Queue sender tasks for `count` new deliveries: several for a burst, so that every
    worker process sends a share (each claims its own batches)."""
    from gateway.events import tasks

    senders = 1 if settings.CELERY_TASK_ALWAYS_EAGER else math.ceil(count / _BATCH)
    for _ in range(max(1, min(senders, MAX_PARALLEL_SENDERS))):
        enqueue(tasks.deliver_webhooks)

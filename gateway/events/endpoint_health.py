"""Endpoints that keep failing: track since when every delivery to an endpoint has failed, and
disable it after `WEBHOOK_ENDPOINT_DISABLE_AFTER_HOURS`, saying so in a
`webhook_endpoint.disabled` event.

The event goes to the streams of the linked accounts whose events the endpoint was failing to
deliver (events are per linked account), so an app that polls `GET /v1/events`, or listens on
another endpoint, learns of it; the endpoint's pending deliveries are failed with the reason.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from gateway.accounts.models import LinkedAccount
from gateway.events import services
from gateway.events.models import DeliveryStatus, Event, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

DISABLED_EVENT = "webhook_endpoint.disabled"


def note_outcomes(deliveries: Iterable[WebhookDelivery], now: datetime) -> list[WebhookEndpoint]:
    """After a batch of attempts: an endpoint with a success is healthy again; one with only
    failures is failing (since its first one); those failing long enough are disabled."""
    succeeded: set = set()
    last_error: dict = {}
    for d in deliveries:
        if d.status == DeliveryStatus.SUCCEEDED:
            succeeded.add(d.endpoint_id)
        else:
            last_error[d.endpoint_id] = d.last_error
    failing = set(last_error) - succeeded
    if succeeded:
        WebhookEndpoint.objects.filter(pk__in=succeeded).exclude(failing_since=None).update(
            failing_since=None
        )
    if not failing:
        return []
    WebhookEndpoint.objects.filter(pk__in=failing, failing_since=None).update(failing_since=now)
    cutoff = now - timedelta(hours=settings.WEBHOOK_ENDPOINT_DISABLE_AFTER_HOURS)
    due = WebhookEndpoint.objects.filter(pk__in=failing, enabled=True, failing_since__lte=cutoff)
    return [e for e in due if disable(e, last_error[e.pk], now)]


def disable(endpoint: WebhookEndpoint, last_error: str, now: datetime) -> bool:
    since = endpoint.failing_since or now
    reason = (
        f"every delivery failed since {since.isoformat().replace('+00:00', 'Z')}"
        f" (last error: {last_error or 'unknown'})"
    )[:500]
    with transaction.atomic():
        if not WebhookEndpoint.objects.filter(pk=endpoint.pk, enabled=True).update(
            enabled=False, disabled_reason=reason, updated_at=now
        ):
            return False  # another sender disabled it first
        endpoint.enabled, endpoint.disabled_reason = False, reason
        WebhookDelivery.objects.filter(endpoint=endpoint, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.FAILED,
            next_attempt_at=None,
            last_error=f"endpoint disabled: {reason}"[:500],
        )
        account_ids = (
            Event.objects.filter(deliveries__endpoint=endpoint, deliveries__created_at__gte=since)
            .values_list("linked_account_id", flat=True)
            .distinct()
        )
        data = {
            "id": str(endpoint.id),
            "url": endpoint.url,
            "description": endpoint.description,
            "failing_since": since.isoformat().replace("+00:00", "Z"),
            "disabled_at": now.isoformat().replace("+00:00", "Z"),
            "reason": reason,
        }
        for account in LinkedAccount.objects.filter(pk__in=set(account_ids)):
            services.emit(account, DISABLED_EVENT, data)
    logger.warning("webhook endpoint %s disabled: %s", endpoint.pk, reason)
    return True

"""Provider webhooks in: verify, deduplicate, then fetch what changed.

The view answers fast: it checks the signature over the raw body bytes with the provider's
`verify_webhook` (constant-time), stores each event once (providers resend) and queues
processing. Processing routes each event by tenant to every active linked account of that
provider and tenant, and fetches the changed records (`connector.get`) into the store, which
emits the events. A burst of many changes of one model becomes an incremental sync of that
model instead (one call per page rather than one per record), and while a sync runs the fetch
is handed to it (one more incremental pass) so two writers never race on a record.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections import defaultdict
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from connectors import errors as ce
from connectors.base import RejectedWebhookEvent, WebhookBatch
from connectors.webhook_checks import excerpt
from gateway.accounts.connections import connector_for, permits
from gateway.accounts.models import LinkedAccount, LinkedAccountStatus
from gateway.core import jsonutil
from gateway.core.providers import get_registry
from gateway.core.queueing import enqueue
from gateway.records import store
from gateway.sync import services
from gateway.sync.models import (
    InboundEvent,
    InboundStatus,
    RejectedInboundEvent,
    RunTrigger,
    SyncMode,
)
from unified_models import MODELS

logger = logging.getLogger(__name__)

_CLAIM_TIMEOUT_SECONDS = 600


def receive(provider_key: str, raw_body: bytes, headers: Mapping[str, str]) -> int:
    """Handle one delivery; returns the HTTP status to answer (the body is always empty)."""
    registry = get_registry()
    if provider_key not in registry:
        return 404
    provider = registry.get(provider_key)
    key = provider.webhook_key
    try:
        if not key or not provider.verify_webhook(raw_body, headers, key):
            return 401
        batch = provider.parse_webhook(raw_body)
    except ce.NotSupported:
        return 404
    except ce.ConnectorError as exc:
        # Signed, so the provider sent it: a resend would be the same poison. Keep it, say 200.
        batch = WebhookBatch(rejected=[RejectedWebhookEvent(str(exc), excerpt(raw_body))])
    now = timezone.now()
    if batch.rejected:
        _keep_rejected(provider_key, batch.rejected, now)
    events = batch.events
    if not events:
        return 200  # the intent-to-receive check, or nothing usable
    rows = [
        InboundEvent(
            provider=provider_key,
            dedupe_key=_dedupe_key(provider_key, event),
            tenant_id=event.tenant_id,
            model=event.model or "",
            remote_id=event.remote_id,
            event_type=event.event_type,
            occurred_at=event.occurred_at,
            received_at=now,
            status=InboundStatus.PENDING if event.model else InboundStatus.IGNORED,
            processed_at=None if event.model else now,
        )
        for event in events
    ]
    InboundEvent.objects.bulk_create(rows, ignore_conflicts=True)
    if any(row.model for row in rows):
        transaction.on_commit(_queue_processing)
    return 200


def _keep_rejected(provider_key: str, rejected: list[RejectedWebhookEvent], now) -> None:
    logger.warning(
        "%s webhook: %d event(s) rejected (%s)",
        provider_key,
        len(rejected),
        "; ".join(sorted({r.reason for r in rejected}))[:500],
    )
    RejectedInboundEvent.objects.bulk_create(
        RejectedInboundEvent(
            provider=provider_key,
            received_at=now,
            index=r.index,
            reason=r.reason[:200],
            excerpt=_storable(r.excerpt)[:2000],
        )
        for r in rejected
    )


def _storable(text: str) -> str:
    """Text any database keeps: no NUL, no lone surrogate (escaped instead)."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text.replace("\x00", "\\x00")


def _dedupe_key(provider_key: str, event: Any) -> str:
    raw = dict(event.raw) or {
        "tenant": event.tenant_id,
        "model": event.model,
        "id": event.remote_id,
        "type": event.event_type,
        "at": event.occurred_at.isoformat(),
    }
    digest = hashlib.sha256(provider_key.encode() + b"\0")
    digest.update(jsonutil.dumps(raw, sort_keys=True))
    return digest.hexdigest()


def _queue_processing() -> None:
    from gateway.sync import tasks

    enqueue(tasks.process_inbound)


# -- processing ------------------------------------------------------------------------------
def _claim(limit: int) -> list[InboundEvent]:
    now = timezone.now()
    stale = now - timedelta(seconds=_CLAIM_TIMEOUT_SECONDS)
    with transaction.atomic():
        qs = InboundEvent.objects.filter(
            Q(status=InboundStatus.PENDING)
            | Q(status=InboundStatus.PROCESSING, claimed_at__lt=stale)
        ).order_by("seq")
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        rows = list(qs[:limit])
        if rows:
            InboundEvent.objects.filter(seq__in=[r.seq for r in rows]).update(
                status=InboundStatus.PROCESSING, claimed_at=now
            )
    return rows


def process_pending(limit: int = 5000) -> int:
    """Fetch the records behind every pending inbound event; returns events handled."""
    handled = 0
    while True:
        rows = _claim(limit)
        if not rows:
            return handled
        by_tenant: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for row in rows:
            ids = by_tenant[(row.provider, row.tenant_id)][row.model]
            if row.remote_id not in ids:
                ids.append(row.remote_id)
        for (provider_key, tenant_id), by_model in by_tenant.items():
            accounts = LinkedAccount.objects.filter(
                provider=provider_key, tenant_id=tenant_id, status=LinkedAccountStatus.ACTIVE
            )
            for account in accounts:
                try:
                    fetch_changes(account, by_model)
                except Exception:
                    logger.exception("webhook fetch for %s failed; asking for a sync", account.pk)
                    services.request_sync(
                        account, SyncMode.INCREMENTAL, RunTrigger.WEBHOOK, busy_ok=True
                    )
        InboundEvent.objects.filter(seq__in=[r.seq for r in rows]).update(
            status=InboundStatus.DONE, processed_at=timezone.now()
        )
        handled += len(rows)


def fetch_changes(account: LinkedAccount, by_model: Mapping[str, list[str]]) -> None:
    """Bring the given records of one account up to date."""
    limit = settings.SYNC_WEBHOOK_TARGETED_MAX
    by_model = {m: ids for m, ids in by_model.items() if m in MODELS and permits(account, m, "get")}
    bulk = [m for m in MODELS if len(by_model.get(m, ())) > limit]
    targeted = {m: by_model[m] for m in MODELS if 0 < len(by_model.get(m, ())) <= limit}
    if bulk:
        services.request_sync(
            account, SyncMode.INCREMENTAL, RunTrigger.WEBHOOK, models=bulk, busy_ok=True
        )
    if not targeted:
        return
    owner = uuid.uuid4().hex
    services.account_sync(account)
    if not services.acquire_lease(account.pk, owner):
        # A sync (or another fetch) holds the account: let a sync pick the changes up (a
        # running one reads these models once more).
        services.request_sync(
            account, SyncMode.INCREMENTAL, RunTrigger.WEBHOOK, models=list(targeted), busy_ok=True
        )
        return
    fallback = False
    try:
        connector = connector_for(account)
        for model, remote_ids in targeted.items():
            records = []
            for remote_id in remote_ids:
                try:
                    records.append(connector.get(model, remote_id))
                except ce.NotFound:
                    store.mark_deleted(account, model, remote_id)
            store.upsert_records(account, model, records)
    except (ce.RateLimited, ce.ProviderUnavailable) as exc:
        logger.warning("webhook fetch for %s deferred to a sync: %s", account.pk, exc)
        fallback = True
    finally:
        services.release_lease(account.pk, owner)
    if fallback:
        services.request_sync(
            account, SyncMode.INCREMENTAL, RunTrigger.WEBHOOK, models=list(targeted), busy_ok=True
        )

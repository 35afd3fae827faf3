"""The fleet's state from the database, in a few aggregate queries whatever its size.

Each function runs one query (grouped by provider where it says so) and returns plain numbers;
`gateway.monitoring.collector` turns them into metric families. Ages are seconds before `now`.
Nothing here names a linked account: labels stay bounded (providers, states).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    Min,
    Q,
    Sum,
    Value,
)

from gateway.accounts.models import LinkedAccount, LinkedAccountStatus
from gateway.events.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from gateway.sync.models import (
    AccountState,
    InboundEvent,
    InboundStatus,
    ModelCheckpoint,
    RejectedInboundEvent,
)

#: Upper bounds (seconds) of the last-successful-sync age histogram: 5 min to 7 days.
AGE_BUCKETS = (300, 900, 1800, 3600, 7200, 21600, 86400, 604800)

#: The states the scheduler tick schedules from (gateway.sync.services.tick).
_SCHEDULABLE = (AccountState.IDLE, AccountState.DONE, AccountState.FAILED)


def _age(now: datetime, then: datetime | None) -> float:
    return max((now - then).total_seconds(), 0.0) if then else 0.0


def linked_accounts(now: datetime) -> dict[tuple[str, str], int]:
    """(provider, status) → linked accounts."""
    rows = LinkedAccount.objects.values("provider", "status").annotate(n=Count("pk"))
    return {(r["provider"], r["status"]): r["n"] for r in rows.order_by()}


def sync_lag(now: datetime) -> dict[str, dict[str, Any]]:
    """Per provider, over active linked accounts (one query, one row a provider): accounts per
    sync state, those due but not queued (the tick's backlog) and the oldest one's wait, the
    oldest never-started queued run's wait, and the age histogram of the last successful sync."""
    due = Q(sync__state__in=_SCHEDULABLE) & (
        Q(sync__next_sync_at__lte=now) | Q(sync__next_sync_at__isnull=True)
    )
    aggregates: dict[str, Any] = {
        "total": Count("pk"),
        "no_row": Count("pk", filter=Q(sync__isnull=True)),
        "due": Count("pk", filter=due | Q(sync__isnull=True)),
        "oldest_due": Min("sync__next_sync_at", filter=due),
        # A run queued again after a pause or a lost worker keeps its first queued_at: only
        # runs never started say how long the syncs workers have kept them waiting.
        "oldest_queued": Min(
            "sync__current_run__queued_at",
            filter=Q(sync__state=AccountState.QUEUED, sync__current_run__started_at__isnull=True),
        ),
        "never": Count("pk", filter=Q(sync__last_success_at__isnull=True)),
        "oldest_success": Min("sync__last_success_at"),
        "age_sum": Sum(
            ExpressionWrapper(
                Value(now, output_field=DateTimeField()) - F("sync__last_success_at"),
                output_field=DurationField(),
            )
        ),
    }
    for state in AccountState.values:
        aggregates[f"state_{state}"] = Count("pk", filter=Q(sync__state=state))
    for bound in AGE_BUCKETS:
        aggregates[f"le_{bound}"] = Count(
            "pk", filter=Q(sync__last_success_at__gte=now - timedelta(seconds=bound))
        )
    rows = (
        LinkedAccount.objects.filter(status=LinkedAccountStatus.ACTIVE)
        .values("provider")
        .annotate(**aggregates)
        .order_by()
    )
    out = {}
    for row in rows:
        states = {s: row[f"state_{s}"] for s in AccountState.values}
        # An active account the tick has not yet given a sync row is about to be synced: idle.
        states[AccountState.IDLE] += row["no_row"]
        out[row["provider"]] = {
            "states": states,
            "due": row["due"],
            "oldest_due_seconds": _age(now, row["oldest_due"]),
            "oldest_queued_seconds": _age(now, row["oldest_queued"]),
            "never_succeeded": row["never"],
            "oldest_success_seconds": _age(now, row["oldest_success"]),
            "age_buckets": [(b, row[f"le_{b}"]) for b in AGE_BUCKETS],
            "synced": row["total"] - row["never"],
            "age_sum_seconds": row["age_sum"].total_seconds() if row["age_sum"] else 0.0,
        }
    return out


def provider_calls_today(now: datetime) -> dict[str, int]:
    """Provider calls made by syncs today (UTC), per provider: the checkpoints' day counters."""
    rows = (
        ModelCheckpoint.objects.filter(calls_day=now.date())
        .values("linked_account__provider")
        .annotate(n=Sum("calls_today"))
        .order_by()
    )
    return {r["linked_account__provider"]: r["n"] or 0 for r in rows}


def deliveries(now: datetime) -> dict[str, float]:
    """Outbound webhook deliveries not (yet) delivered. The log of succeeded ones grows without
    bound, so only the pending and failed rows are read (the `delivery_due` index's prefix)."""
    pending = Q(status=DeliveryStatus.PENDING)
    row = WebhookDelivery.objects.filter(
        status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED]
    ).aggregate(
        pending=Count("pk", filter=pending),
        retrying=Count("pk", filter=pending & Q(attempts__gt=0)),
        due=Count("pk", filter=pending & Q(next_attempt_at__lte=now)),
        oldest_due=Min("next_attempt_at", filter=pending & Q(next_attempt_at__lte=now)),
        failed=Count("pk", filter=Q(status=DeliveryStatus.FAILED)),
    )
    return {
        "pending": row["pending"],
        "retrying": row["retrying"],
        "due": row["due"],
        "oldest_due_seconds": _age(now, row["oldest_due"]),
        "failed": row["failed"],
    }


def endpoints(now: datetime) -> dict[str, int]:
    """Customers' webhook endpoints: failing now (every attempt failed since `failing_since`)
    and disabled by Ledgerlink after failing too long."""
    return WebhookEndpoint.objects.aggregate(
        failing=Count("pk", filter=Q(enabled=True, failing_since__isnull=False)),
        disabled=Count("pk", filter=Q(enabled=False) & ~Q(disabled_reason="")),
    )


def inbound(now: datetime) -> dict[str, Any]:
    """Provider webhook events stored but not yet processed, per provider (the `inbound_pending`
    index's prefix), and the events rejected in the last 24 hours."""
    rows = (
        InboundEvent.objects.filter(status__in=[InboundStatus.PENDING, InboundStatus.PROCESSING])
        .values("provider")
        .annotate(
            pending=Count("pk", filter=Q(status=InboundStatus.PENDING)),
            processing=Count("pk", filter=Q(status=InboundStatus.PROCESSING)),
            oldest=Min("received_at", filter=Q(status=InboundStatus.PENDING)),
        )
        .order_by()
    )
    rejected = (
        RejectedInboundEvent.objects.filter(received_at__gte=now - timedelta(hours=24))
        .values("provider")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        "backlog": {
            r["provider"]: {
                "pending": r["pending"],
                "processing": r["processing"],
                "oldest_pending_seconds": _age(now, r["oldest"]),
            }
            for r in rows
        },
        "rejected_24h": {r["provider"]: r["n"] for r in rejected},
    }

"""What the overview and the charts show, from what the gateway records: sync runs (records,
provider calls, start and finish), sync checkpoints (provider calls today), the shared rate
limiter (budget left), webhook deliveries and their attempts (status code, latency), API keys
(last use). Nothing here is estimated."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from django.db.models import Avg, Count, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from gateway.accounts.connections import provider_for
from gateway.accounts.models import LinkedAccount, LinkedAccountStatus
from gateway.customers.models import ApiKey, ApiUsage, Customer
from gateway.events.models import DeliveryStatus, WebhookAttempt, WebhookDelivery
from gateway.sync.models import ModelCheckpoint, RunStatus, SyncRun

logger = logging.getLogger(__name__)

CHART_DAYS = 14
DURATION_RUNS = 50
#: Tenants whose limiter budget the overview adds up (one cache read each).
BUDGET_TENANTS_MAX = 50


def _days(today: date, count: int = CHART_DAYS) -> list[date]:
    return [today - timedelta(days=n) for n in range(count - 1, -1, -1)]


def overview(customer: Customer) -> dict[str, Any]:
    now = timezone.now()
    today = now.date()
    accounts = LinkedAccount.objects.filter(customer=customer)
    by_status = {s: 0 for s in LinkedAccountStatus.values}
    by_provider: dict[str, dict[str, int]] = {}
    for row in accounts.values("provider", "status").annotate(n=Count("id")):
        by_status[row["status"]] = by_status.get(row["status"], 0) + row["n"]
        per = by_provider.setdefault(row["provider"], {s: 0 for s in LinkedAccountStatus.values})
        per[row["status"]] = row["n"]
    runs = SyncRun.objects.filter(
        linked_account__customer=customer, queued_at__gte=now - timedelta(hours=24)
    )
    run_counts = {s: 0 for s in RunStatus.values}
    for row in runs.values("status").annotate(n=Count("id")):
        run_counts[row["status"]] = row["n"]
    run_totals = runs.aggregate(records=Sum("records"), calls=Sum("calls"))
    deliveries = WebhookDelivery.objects.filter(customer=customer)
    return {
        "accounts_total": sum(by_status.values()),
        "accounts_by_status": by_status,
        "accounts_by_provider": dict(sorted(by_provider.items())),
        "runs_24h": run_counts,
        "runs_24h_total": sum(run_counts.values()),
        "records_24h": run_totals["records"] or 0,
        "sync_calls_24h": run_totals["calls"] or 0,
        "failed_deliveries": deliveries.filter(status=DeliveryStatus.FAILED).count(),
        "failed_deliveries_24h": deliveries.filter(
            status=DeliveryStatus.FAILED, created_at__gte=now - timedelta(hours=24)
        ).count(),
        "retrying_deliveries": deliveries.filter(
            status=DeliveryStatus.PENDING, attempts__gt=0
        ).count(),
        "sync_calls_today": ModelCheckpoint.objects.filter(
            linked_account__customer=customer, calls_day=today
        ).aggregate(n=Sum("calls_today"))["n"]
        or 0,
        "api_calls_today": ApiUsage.objects.filter(customer=customer, day=today)
        .values_list("calls", flat=True)
        .first()
        or 0,
        "keys_used_today": ApiKey.objects.filter(
            customer=customer, last_used_at__date=today
        ).count(),
        "budget": budget(accounts.filter(status=LinkedAccountStatus.ACTIVE)),
    }


def limits(account: LinkedAccount) -> dict[str, Any] | None:
    """The shared rate limiter's view of the account's tenant (None: not available)."""
    try:
        return provider_for(account).limit_status(account.tenant_id)
    except Exception:
        logger.warning("limiter status unavailable", exc_info=True)
        return None


def budget(accounts) -> dict[str, int] | None:
    """Provider calls used and allowed in the limiter's rolling day, over distinct tenants."""
    seen: set[tuple[str, str]] = set()
    used = limit = 0
    for account in accounts.order_by("created_at")[: BUDGET_TENANTS_MAX * 2]:
        key = (account.provider, account.tenant_id)
        if key in seen or len(seen) >= BUDGET_TENANTS_MAX:
            continue
        seen.add(key)
        status = limits(account)
        day = (status or {}).get("day") or {}
        if day.get("limit"):
            used += day.get("used") or 0
            limit += day["limit"]
    if not limit:
        return None
    return {
        "used": used,
        "limit": limit,
        "tenants": len(seen),
        "percent": round(100 * used / limit),
    }


def charts(customer: Customer, account: LinkedAccount | None = None) -> dict[str, Any]:
    """Chart data for the overview (every account) or one account, as `dashboard.js` draws it."""
    today = timezone.now().date()
    days = _days(today)
    since = timezone.now() - timedelta(days=CHART_DAYS)
    runs = SyncRun.objects.filter(linked_account__customer=customer)
    attempts = WebhookAttempt.objects.filter(customer=customer)
    if account is not None:
        runs = runs.filter(linked_account=account)
        attempts = attempts.filter(delivery__event__linked_account=account)

    per_day = {
        row["day"]: row
        for row in runs.filter(queued_at__gte=since)
        .annotate(day=TruncDate("queued_at"))
        .values("day")
        .annotate(records=Sum("records"), calls=Sum("calls"))
    }
    finished = list(
        runs.filter(started_at__isnull=False, finished_at__isnull=False)
        .order_by("-finished_at")
        .values("finished_at", "started_at", "status")[:DURATION_RUNS]
    )[::-1]
    delivery_days = {
        row["day"]: row
        for row in attempts.filter(attempted_at__gte=since)
        .annotate(day=TruncDate("attempted_at"))
        .values("day")
        .annotate(
            total=Count("id"),
            ok=Count("id", filter=Q(succeeded=True)),
            latency=Avg("latency_ms"),
        )
    }
    labels = [f"{d.day} {d:%b}" for d in days]
    api_calls = dict(
        ApiUsage.objects.filter(customer=customer, day__gte=days[0]).values_list("day", "calls")
    )
    return {
        "api-calls": {
            "type": "bar",
            "integer": True,
            "labels": labels,
            "datasets": [{"label": "API calls", "data": [api_calls.get(d, 0) for d in days]}],
        },
        "sync-volume": {
            "type": "bar",
            "integer": True,
            "labels": labels,
            "datasets": [
                {"label": "Records synced", "data": [_n(per_day, d, "records") for d in days]},
                {
                    "label": "Provider calls (syncs)",
                    "data": [_n(per_day, d, "calls") for d in days],
                    "axis": "right",
                },
            ],
        },
        "sync-duration": {
            "type": "bar",
            "labels": [r["finished_at"].strftime("%d %b %H:%M") for r in finished],
            "datasets": [
                {
                    "label": "Sync duration (s)",
                    "data": [
                        round((r["finished_at"] - r["started_at"]).total_seconds(), 2)
                        for r in finished
                    ],
                }
            ],
        },
        "deliveries": {
            "type": "bar",
            "labels": labels,
            "percent": True,
            "stacked": True,
            "datasets": [
                {
                    "label": "Succeeded attempts (%)",
                    "color": "#137a4b",
                    "data": [_rate(delivery_days.get(d), ok=True) for d in days],
                },
                {
                    "label": "Failed attempts (%)",
                    "color": "#b42318",
                    "data": [_rate(delivery_days.get(d), ok=False) for d in days],
                },
                {
                    "label": "Mean latency (ms)",
                    "color": "#e8833a",
                    "data": [
                        round(delivery_days[d]["latency"])
                        if d in delivery_days and delivery_days[d]["latency"] is not None
                        else None
                        for d in days
                    ],
                    "axis": "right",
                },
            ],
        },
    }


def _rate(row: dict | None, *, ok: bool) -> float | None:
    if not row or not row["total"]:
        return None
    succeeded = 100 * row["ok"] / row["total"]
    return round(succeeded if ok else 100 - succeeded, 1)


def _n(rows: dict, day: date, field: str) -> int:
    row = rows.get(day)
    return int(row[field] or 0) if row else 0


def run_rows(runs) -> list[dict[str, Any]]:
    """Runs with their duration in seconds (None while not finished)."""
    out = []
    for r in runs:
        duration = (
            (r.finished_at - r.started_at).total_seconds()
            if r.started_at and r.finished_at
            else None
        )
        out.append({"run": r, "duration": duration})
    return out


def model_rows(status: dict[str, Any], account: LinkedAccount) -> list[dict[str, Any]]:
    """Per model: the sync status plus the records stored now."""
    from gateway.records.models import Record

    stored = dict(
        Record.objects.filter(linked_account=account, remote_was_deleted=False)
        .values_list("model")
        .annotate(n=Count("id"))
    )
    return [{**m, "stored": stored.get(m["model"], 0)} for m in status["models"]]

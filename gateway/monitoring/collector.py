"""The metric families `/metrics` exposes, computed at each scrape.

Every value is read from the database or Redis when Prometheus scrapes, so any gunicorn worker
on any host answers the same numbers: there are no process-local counters to merge (and no need
for prometheus_client's multiprocess mode). Only the `process_*` / `python_*` families describe
the process that answered.

Each part (sync lag, queues, budgets, deliveries, inbound webhooks) is read on its own: a part
whose source is down is reported by `ledgerlink_scrape_part_success{part} 0` and left out, and
the others are still served.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from django.utils import timezone
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector, CollectorRegistry

from gateway.core.providers import get_registry
from gateway.monitoring import broker, budget, fleet
from gateway.sync.models import AccountState

logger = logging.getLogger(__name__)

P = "ledgerlink_"


def _gauge(name: str, doc: str, labels: Iterable[str], rows: Iterable[tuple]) -> Metric:
    family = GaugeMetricFamily(P + name, doc, labels=list(labels))
    for *label_values, value in rows:
        family.add_metric([str(v) for v in label_values], float(value))
    return family


def _providers(*known: Iterable[str]) -> list[str]:
    """Every enabled provider (so a quiet one reads 0, not absent) and any stored one."""
    names = set(get_registry().keys())
    for keys in known:
        names.update(keys)
    return sorted(names)


def sync_families(now: datetime) -> Iterator[Metric]:
    accounts = fleet.linked_accounts(now)
    yield _gauge(
        "linked_accounts",
        "Linked accounts by provider and status (active, relink_required, disabled).",
        ["provider", "status"],
        ((p, s, n) for (p, s), n in sorted(accounts.items())),
    )
    lag = fleet.sync_lag(now)
    providers = _providers(lag)
    empty = {
        "states": {},
        "due": 0,
        "oldest_due_seconds": 0.0,
        "oldest_queued_seconds": 0.0,
        "never_succeeded": 0,
        "oldest_success_seconds": 0.0,
        "age_buckets": [(b, 0) for b in fleet.AGE_BUCKETS],
        "synced": 0,
        "age_sum_seconds": 0.0,
    }
    rows = {p: lag.get(p, empty) for p in providers}
    yield _gauge(
        "sync_accounts",
        "Active linked accounts by sync state (paused: the provider's budget is spent).",
        ["provider", "state"],
        ((p, s, rows[p]["states"].get(s, 0)) for p in providers for s in AccountState.values),
    )
    yield _gauge(
        "sync_due_accounts",
        "Active accounts whose scheduled sync is due and not yet queued by the beat's tick.",
        ["provider"],
        ((p, rows[p]["due"]) for p in providers),
    )
    yield _gauge(
        "sync_oldest_due_seconds",
        "How long the longest-waiting due account has waited to be queued (0: none due).",
        ["provider"],
        ((p, rows[p]["oldest_due_seconds"]) for p in providers),
    )
    yield _gauge(
        "sync_oldest_queued_seconds",
        "How long the oldest queued sync run has waited for a syncs worker (0: none queued).",
        ["provider"],
        ((p, rows[p]["oldest_queued_seconds"]) for p in providers),
    )
    yield _gauge(
        "sync_never_succeeded_accounts",
        "Active accounts without a successful sync yet.",
        ["provider"],
        ((p, rows[p]["never_succeeded"]) for p in providers),
    )
    yield _gauge(
        "sync_oldest_success_age_seconds",
        "Seconds since the last successful sync of the stalest active account (0: none).",
        ["provider"],
        ((p, rows[p]["oldest_success_seconds"]) for p in providers),
    )
    histogram = HistogramMetricFamily(
        P + "sync_last_success_age_seconds",
        "Active accounts by seconds since their last successful sync, at this scrape "
        "(never-synced ones are left out: see sync_never_succeeded_accounts).",
        labels=["provider"],
    )
    for p in providers:
        buckets = [(str(float(b)), n) for b, n in rows[p]["age_buckets"]]
        buckets.append(("+Inf", rows[p]["synced"]))
        histogram.add_metric([p], buckets, sum_value=rows[p]["age_sum_seconds"])
    yield histogram
    calls = fleet.provider_calls_today(now)
    yield _gauge(
        "provider_sync_calls_today",
        "Provider calls made by syncs today (UTC day), from the sync checkpoints.",
        ["provider"],
        ((p, calls.get(p, 0)) for p in _providers(calls)),
    )


def queue_families(now: datetime) -> Iterator[Metric]:
    depths = broker.queue_depths()
    if depths is None:  # tasks run in-process: no queue to measure
        return
    lengths, unacked = depths
    yield _gauge(
        "celery_queue_length",
        "Messages waiting in each Celery queue (a Redis list on the broker).",
        ["queue"],
        sorted(lengths.items()),
    )
    yield _gauge(
        "celery_unacked_messages",
        "Messages taken by a worker and not yet acknowledged (running or prefetched tasks).",
        [],
        [(unacked,)],
    )


def budget_families(now: datetime) -> Iterator[Metric]:
    state = budget.budgets(now)
    providers = sorted(state)
    yield _gauge(
        "provider_app_minute_used",
        "Calls in the last minute, app-wide, as the shared rate limiter counts them.",
        ["provider"],
        ((p, state[p]["app_minute_used"]) for p in providers),
    )
    yield _gauge(
        "provider_app_minute_remaining",
        "Calls the app-wide minute limit has left (providers with such a limit).",
        ["provider"],
        (
            (p, state[p]["app_minute_remaining"])
            for p in providers
            if state[p]["app_minute_remaining"] is not None
        ),
    )
    yield _gauge(
        "provider_app_blocked_seconds",
        "Seconds until an app-wide block from a provider 429 lifts (0: none).",
        ["provider"],
        ((p, state[p]["app_blocked_seconds"]) for p in providers),
    )
    yield _gauge(
        "provider_limit",
        "The limits the shared rate limiter enforces, per provider and window.",
        ["provider", "window"],
        (
            (p, window, value)
            for p in providers
            for window, value in sorted(state[p]["limits"].items())
            if value is not None
        ),
    )
    calls = CounterMetricFamily(
        P + "provider_calls",
        "Provider calls the shared rate limiter granted (every process; restarts with Redis).",
        labels=["provider"],
    )
    limited = CounterMetricFamily(
        P + "provider_rate_limited",
        "Provider 429 answers seen (every process; restarts with Redis).",
        labels=["provider"],
    )
    for p in providers:
        calls.add_metric([p], state[p]["calls"])
        limited.add_metric([p], state[p]["rate_limited"])
    yield calls
    yield limited


def delivery_families(now: datetime) -> Iterator[Metric]:
    d = fleet.deliveries(now)
    yield _gauge(
        "webhook_deliveries",
        "Outbound webhook deliveries stored as pending (to send or retry) or failed (given up "
        "after the retry window, or refused); succeeded ones are not counted.",
        ["status"],
        [("pending", d["pending"]), ("failed", d["failed"])],
    )
    yield _gauge(
        "webhook_deliveries_retrying",
        "Pending deliveries that have failed at least one attempt.",
        [],
        [(d["retrying"],)],
    )
    yield _gauge(
        "webhook_deliveries_due",
        "Pending deliveries whose next attempt time has passed (not yet sent).",
        [],
        [(d["due"],)],
    )
    yield _gauge(
        "webhook_delivery_oldest_due_seconds",
        "How long the most overdue pending delivery has been due (0: none).",
        [],
        [(d["oldest_due_seconds"],)],
    )
    e = fleet.endpoints(now)
    yield _gauge(
        "webhook_endpoints",
        "Customers' webhook endpoints failing every attempt now, or disabled for it.",
        ["state"],
        [("failing", e["failing"]), ("disabled", e["disabled"])],
    )


def inbound_families(now: datetime) -> Iterator[Metric]:
    data = fleet.inbound(now)
    backlog, rejected = data["backlog"], data["rejected_24h"]
    providers = _providers(backlog, rejected)
    none = {"pending": 0, "processing": 0, "oldest_pending_seconds": 0.0}
    yield _gauge(
        "inbound_events",
        "Provider webhook events stored and not yet processed (pending, or being processed).",
        ["provider", "status"],
        (
            (p, status, backlog.get(p, none)[status])
            for p in providers
            for status in ("pending", "processing")
        ),
    )
    yield _gauge(
        "inbound_oldest_pending_seconds",
        "Age of the oldest pending provider webhook event (0: none).",
        ["provider"],
        ((p, backlog.get(p, none)["oldest_pending_seconds"]) for p in providers),
    )
    yield _gauge(
        "inbound_rejected_last_24h",
        "Provider webhook events rejected as unusable in the last 24 hours.",
        ["provider"],
        ((p, rejected.get(p, 0)) for p in providers),
    )


PARTS: dict[str, Callable[[datetime], Iterator[Metric]]] = {
    "sync": sync_families,
    "queues": queue_families,
    "budget": budget_families,
    "deliveries": delivery_families,
    "inbound": inbound_families,
}


class LedgerlinkCollector(Collector):
    """Reads every part at each scrape; a failing part is reported, not raised."""

    def __init__(self, parts: dict[str, Callable[[datetime], Iterator[Metric]]] | None = None):
        self.parts = PARTS if parts is None else parts

    def describe(self) -> list[Metric]:
        return []  # no reads at registration: names are known only by reading

    def collect(self) -> Iterator[Metric]:
        now = timezone.now()
        success = GaugeMetricFamily(
            P + "scrape_part_success",
            "1 if the part was read, 0 if its source failed.",
            labels=["part"],
        )
        seconds = GaugeMetricFamily(
            P + "scrape_part_seconds", "Seconds spent reading the part.", labels=["part"]
        )
        for name, part in self.parts.items():
            started = time.perf_counter()
            try:
                families: list[Any] = list(part(now))
            except Exception:
                logger.warning("metrics part %s unavailable", name, exc_info=True)
                families, ok = [], 0.0
            else:
                ok = 1.0
            seconds.add_metric([name], time.perf_counter() - started)
            success.add_metric([name], ok)
            yield from families
        yield success
        yield seconds


def build_registry() -> CollectorRegistry:
    """A registry of our collector plus the answering process's own metrics."""
    from prometheus_client import GC_COLLECTOR, PLATFORM_COLLECTOR, PROCESS_COLLECTOR

    registry = CollectorRegistry(auto_describe=False)
    for collector in (LedgerlinkCollector(), PROCESS_COLLECTOR, PLATFORM_COLLECTOR, GC_COLLECTOR):
        registry.register(collector)
    return registry

"""What a `/metrics` scrape costs the database as the fleet grows.

Seeds linked accounts (each with a sync row in a mix of states and 15 model checkpoints), their
runs, outbound webhook deliveries (mostly succeeded: the log that grows without bound) and
provider webhook events (mostly processed), at two fleet sizes in the same run: `--small` and
`--accounts` (10x by default). The pending rows are spread evenly through their tables (one in
100 deliveries, one in 200 events), a worse case than a real backlog, which is the newest rows.
For each size it prints the SQL queries one scrape runs, the p50 and p95 of the database-backed
parts (sync lag, deliveries, inbound) over `--scrapes` scrapes, and
the larger fleet's p50 over the smaller's.

    .venv/bin/python bench/metrics_scrape.py [--small 200] [--accounts 2000] [--scrapes 30]

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
ll_metrics_bench; the database is dropped and recreated). Exits non-zero when the query count
differs between the two sizes or the larger fleet's p50 exceeds `--max-ms` (100).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ll_metrics_bench"
MODELS = 15
DELIVERIES_PER_ACCOUNT = 50
INBOUND_PER_ACCOUNT = 20

from bench.stack import recreate_database  # noqa: E402


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--scrapes", type=int, default=30)
    parser.add_argument("--max-ms", type=float, default=100.0)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    return parser.parse_args()


def seed(count: int) -> None:
    """Add `count` accounts (and their rows) to what is stored."""
    from django.utils import timezone

    from gateway.accounts.models import Grant, LinkedAccount, LinkedAccountStatus
    from gateway.customers.services import create_customer
    from gateway.events.models import (
        DeliveryStatus,
        Event,
        WebhookDelivery,
        WebhookEndpoint,
    )
    from gateway.sync.models import (
        AccountState,
        AccountSync,
        InboundEvent,
        InboundStatus,
        ModelCheckpoint,
        RunStatus,
        SyncRun,
    )

    now = timezone.now()
    customer, _ = create_customer(f"Bench {uuid.uuid4().hex[:6]}", ["https://a.example/done"])
    endpoint = WebhookEndpoint.objects.create(
        customer=customer, url="https://h.example/", secret="s"
    )
    grants = Grant.objects.bulk_create(
        Grant(
            customer=customer,
            provider="xero" if n % 3 else "quickbooks",
            end_user_id=f"u{n}",
            access_token="at",
            access_expires_at=now,
        )
        for n in range(count)
    )
    accounts = LinkedAccount.objects.bulk_create(
        LinkedAccount(
            customer=customer,
            grant=g,
            provider=g.provider,
            tenant_id=uuid.uuid4().hex,
            end_user_id=g.end_user_id,
            status=LinkedAccountStatus.ACTIVE if n % 50 else LinkedAccountStatus.RELINK_REQUIRED,
        )
        for n, g in enumerate(grants)
    )
    runs = SyncRun.objects.bulk_create(
        SyncRun(linked_account=a, mode="incremental", trigger="schedule", status=RunStatus.QUEUED)
        for a in accounts
    )
    states = [AccountState.DONE] * 7 + [AccountState.FAILED, AccountState.PAUSED]
    states += [AccountState.QUEUED]
    AccountSync.objects.bulk_create(
        AccountSync(
            linked_account=a,
            frequency_minutes=60,
            state=states[n % len(states)],
            current_run=run,
            next_sync_at=now + timedelta(minutes=(n % 120) - 60),
            last_success_at=now - timedelta(minutes=n % 5000) if n % 11 else None,
        )
        for n, (a, run) in enumerate(zip(accounts, runs, strict=True))
    )
    ModelCheckpoint.objects.bulk_create(
        ModelCheckpoint(
            linked_account=a,
            model=f"m{m}",
            state="done",
            calls_day=now.date(),
            calls_today=m,
        )
        for a in accounts
        for m in range(MODELS)
    )
    events = Event.objects.bulk_create(
        Event(
            customer=customer,
            linked_account=a,
            sequence=s,
            type="invoice.updated",
            data="{}",
            created_at=now,
        )
        for a in accounts
        for s in range(1, DELIVERIES_PER_ACCOUNT + 1)
    )
    WebhookDelivery.objects.bulk_create(
        (
            WebhookDelivery(
                customer=customer,
                endpoint=endpoint,
                event=e,
                status=DeliveryStatus.SUCCEEDED if n % 100 else DeliveryStatus.PENDING,
                attempts=1,
                next_attempt_at=None if n % 100 else now,
                created_at=now,
            )
            for n, e in enumerate(events)
        ),
        batch_size=5000,
    )
    InboundEvent.objects.bulk_create(
        (
            InboundEvent(
                provider=a.provider,
                dedupe_key=uuid.uuid4().hex,
                tenant_id=a.tenant_id,
                model="invoice",
                remote_id=str(n),
                occurred_at=now,
                received_at=now,
                status=InboundStatus.DONE if n % 200 else InboundStatus.PENDING,
            )
            for a in accounts
            for n in range(INBOUND_PER_ACCOUNT)
        ),
        batch_size=5000,
    )


def measure(scrapes: int) -> tuple[int, list[float], dict[str, float]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gateway.monitoring import collector

    with connection.cursor() as cursor:
        # What autovacuum does after a bulk load: statistics, and the visibility map that lets
        # the counts read their indexes alone.
        cursor.execute("VACUUM ANALYZE")
    parts = {k: collector.PARTS[k] for k in ("sync", "deliveries", "inbound")}
    with CaptureQueriesContext(connection) as captured:
        families = list(collector.LedgerlinkCollector(parts).collect())
    failed = [
        s.labels["part"]
        for f in families
        if f.name == "ledgerlink_scrape_part_success"
        for s in f.samples
        if not s.value
    ]
    if failed:
        raise SystemExit(f"parts failed: {failed}")
    times = []
    per_part: dict[str, list[float]] = {}
    for _ in range(scrapes):
        started = time.perf_counter()
        for family in collector.LedgerlinkCollector(parts).collect():
            if family.name == "ledgerlink_scrape_part_seconds":
                for s in family.samples:
                    per_part.setdefault(s.labels["part"], []).append(s.value)
        times.append(time.perf_counter() - started)
    return (
        len(captured.captured_queries),
        times,
        {k: statistics.median(v) for k, v in per_part.items()},
    )


def main() -> int:
    args = parse_args()
    recreate_database(args.database_url)
    os.environ.update(
        LEDGERLINK_ENV="development",
        DATABASE_URL=args.database_url,
        DJANGO_SETTINGS_MODULE="gateway.settings",
        LOG_LEVEL="WARNING",
    )
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    results = {}
    seeded = 0
    for size in (args.small, args.accounts):
        seed(size - seeded)
        seeded = size
        queries, times, parts = measure(args.scrapes)
        ms = sorted(t * 1000 for t in times)
        p50, p95 = statistics.median(ms), ms[int(0.95 * (len(ms) - 1))]
        results[size] = (queries, p50)
        rows = size * (1 + 1 + 1 + MODELS + 2 * DELIVERIES_PER_ACCOUNT + INBOUND_PER_ACCOUNT)
        print(
            f"{size:>6} accounts (~{rows:,} rows): {queries} queries a scrape, "
            f"p50 {p50:.1f} ms, p95 {p95:.1f} ms; per part p50 "
            + ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in parts.items())
        )
    (q_small, p_small), (q_big, p_big) = results[args.small], results[args.accounts]
    print(
        f"{args.accounts} over {args.small} accounts: p50 x{p_big / p_small:.2f} "
        f"for x{args.accounts / args.small:.0f} the fleet; queries {q_small} and {q_big}"
    )
    ok = q_small == q_big and p_big <= args.max_ms
    print("OK" if ok else f"FAILED (queries must not grow; p50 must stay <= {args.max_ms} ms)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

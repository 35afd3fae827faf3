"""Benchmark: one scheduler tick (`gateway.sync.services.tick`) as the linked accounts grow.

For N = 250, 500, 1,000 and 2,000 linked accounts of one customer (rows bulk-inserted; no
provider is called: only scheduling is measured), every account due for its incremental sync,
it times one tick end to end (finding the due accounts, creating their runs, updating their
schedule rows, and sending one Celery message per run to a Redis broker queue of its own, purged
afterwards) and counts its SQL queries (Django's CaptureQueriesContext). Then a steady-state
tick over the largest N: the accounts' next syncs spread over the frequency, so about
`SYNC_TICK_SECONDS / frequency` of them are due. Each tick is run `--repeat` times (the rows
reset between runs); the best time is shown, and the time of sending the messages alone. Last,
the same number of run messages sent as the tick sends them and with one `apply_async` each
(CPU and wall time).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ll_tick_bench \\
    REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/tick.py [--sizes 250 500 ...]

Prints per N: ms per tick (best and median wall time, the tick process's CPU time, the
messages' share), µs per account, queries, and the ratios of wall time, CPU time and queries to
the first row next to the ratio of accounts. Growth must be at most linear: the CPU time ratio
at most `--slack` times the accounts' ratio and the query ratio at most the accounts' ratio
(judged on CPU time, which other processes on a shared machine barely move; the wall-time
ratio is printed beside it). Exits 3 when a growth bound or the target (a tick over 2,000 due
accounts under `--target` s of wall time, best of `--repeat`) is missed. The database named in
DATABASE_URL is dropped and recreated.
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.stack import setup_django  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ll_tick_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/3"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000])
    p.add_argument("--repeat", type=int, default=5, help="ticks timed per size (best shown)")
    p.add_argument("--target", type=float, default=1.0, help="seconds for the largest tick")
    p.add_argument("--slack", type=float, default=1.25, help="allowed time-ratio noise")
    return p.parse_args(argv)


def create_accounts(customer, start: int, stop: int) -> None:
    """Linked accounts `start`..`stop-1` of `customer`, each with a done sync row (bulk)."""
    from django.conf import settings
    from django.utils import timezone

    from gateway.accounts.models import Grant, LinkedAccount
    from gateway.sync.models import AccountState, AccountSync

    now = timezone.now()
    grants = [
        Grant(
            customer=customer,
            provider="xero",
            end_user_id=f"user-{i}",
            access_token="bench",
            access_expires_at=now + timedelta(hours=1),
        )
        for i in range(start, stop)
    ]
    Grant.objects.bulk_create(grants, batch_size=500)
    accounts = [
        LinkedAccount(
            customer=customer,
            grant=grant,
            provider="xero",
            tenant_id=str(uuid.uuid4()),
            tenant_name=f"Org {i}",
            end_user_id=grant.end_user_id,
            last_sync_at=now,
        )
        for i, grant in zip(range(start, stop), grants, strict=True)
    ]
    LinkedAccount.objects.bulk_create(accounts, batch_size=500)
    AccountSync.objects.bulk_create(
        [
            AccountSync(
                linked_account=account,
                frequency_minutes=settings.SYNC_FREQUENCY_MINUTES,
                state=AccountState.DONE,
                last_success_at=now,
            )
            for account in accounts
        ],
        batch_size=500,
    )


def reset(due_fraction: float) -> int:
    """Every account done, no run; `due_fraction` of them due now, the rest spread over the
    frequency ahead. Returns how many are due."""
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from gateway.sync.models import AccountState, AccountSync, SyncRun

    now = timezone.now()
    AccountSync.objects.update(
        state=AccountState.DONE, current_run=None, next_sync_at=now - timedelta(minutes=1)
    )
    SyncRun.objects.all().delete()
    pks = list(AccountSync.objects.order_by("pk").values_list("pk", flat=True))
    due = round(len(pks) * due_fraction)
    frequency = settings.SYNC_FREQUENCY_MINUTES * 60
    later = pks[due:]
    for i in range(0, len(later), 500):
        AccountSync.objects.filter(pk__in=later[i : i + 500]).update(
            next_sync_at=now + timedelta(seconds=frequency * (i + 1) / max(len(later), 1))
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE sync_accountsync, sync_syncrun")
    return due


def one_tick(queue_key: str) -> tuple[float, float, float, int, int, int]:
    """(seconds, CPU seconds of this process, seconds sending messages, queries, scheduled,
    messages in the queue)."""
    import redis
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gateway.sync import services

    sending = [0.0]
    enqueue_runs = services._enqueue_runs

    def timed(run_ids):
        started = time.perf_counter()
        try:
            return enqueue_runs(run_ids)
        finally:
            sending[0] += time.perf_counter() - started

    services._enqueue_runs = timed
    try:
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), time.process_time()
            counts = services.tick()
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        services._enqueue_runs = enqueue_runs
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    messages = client.llen(queue_key)
    client.delete(queue_key)  # purge: nobody consumes the bench's queue
    return elapsed, cpu, sending[0], len(queries), counts["scheduled"], messages


def measure(n: int, due_fraction: float, repeat: int, queue_key: str) -> dict:
    runs = []
    for _ in range(repeat):
        due = reset(due_fraction)
        elapsed, cpu, sending, queries, scheduled, messages = one_tick(queue_key)
        if scheduled != due or messages != due:
            raise SystemExit(f"N={n}: {due} due, {scheduled} scheduled, {messages} messages")
        runs.append((elapsed, cpu, sending, queries))
    best = min(runs)
    return {
        "n": n,
        "due": due,
        "seconds": best[0],
        "median": statistics.median(r[0] for r in runs),
        "cpu": min(r[1] for r in runs),
        "sending": best[2],
        "queries": best[3],
    }


def compare_sending(n: int, repeat: int, queue_key: str) -> None:
    """`n` run messages sent as the tick sends them (`publish_runs`) and with one
    `apply_async` each (Celery's producer pool per call, and sharing one producer): CPU and
    wall time, best of `repeat`; every message checked to arrive."""
    import redis
    from django.conf import settings

    from gateway.sync import services, tasks

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    run_ids = [str(uuid.uuid4()) for _ in range(n)]

    def each_apply_async() -> None:
        for run_id in run_ids:
            tasks.run_sync.apply_async(args=[run_id])

    def one_producer() -> None:
        with tasks.run_sync.app.producer_or_acquire() as producer:
            for run_id in run_ids:
                tasks.run_sync.apply_async(args=[run_id], producer=producer)

    ways = {
        "apply_async each": each_apply_async,
        "apply_async, one producer": one_producer,
        "publish_runs (the tick)": lambda: services.publish_runs(run_ids),
    }
    print(f"\n== sending {n:,} run messages (best of {repeat})")
    print(f"{'how':<28} {'cpu ms':>8} {'wall ms':>8} {'µs/msg cpu':>10}")
    for name, send in ways.items():
        best = (float("inf"), float("inf"))
        for _ in range(repeat):
            client.delete(queue_key)
            started, cpu = time.perf_counter(), time.process_time()
            send()
            took = (time.process_time() - cpu, time.perf_counter() - started)
            if client.llen(queue_key) != n:
                raise SystemExit(f"{name}: {client.llen(queue_key)} of {n} messages arrived")
            best = min(best, took)
        cpu_ms, wall_ms = best[0] * 1000, best[1] * 1000
        print(f"{name:<28} {cpu_ms:>8.1f} {wall_ms:>8.1f} {best[0] / n * 1e6:>10.0f}")
    client.delete(queue_key)


def main() -> int:
    args = parse_args()
    db_url = os.environ.get("DATABASE_URL") or DEFAULT_DB
    redis_url = os.environ.get("REDIS_URL") or DEFAULT_REDIS
    if not db_url.startswith(("postgres://", "postgresql://")):
        print("bench/tick.py needs DATABASE_URL=postgres://…")
        return 2
    queue = f"ledgerlink-tickbench-{uuid.uuid4().hex[:8]}"
    setup_django(db_url, redis_url, queue, {})
    from django.conf import settings

    from tests.factories import make_customer

    customer, _ = make_customer("Tick Bench")
    queue_key = f"{queue}-syncs"
    print(
        f"== one tick, every account due (best of {args.repeat}; SYNC_TICK_BATCH "
        f"{settings.SYNC_TICK_BATCH}); messages to Redis {redis_url}"
    )
    print(
        f"{'accounts':>8} {'due':>6} {'ms':>8} {'median':>8} {'cpu ms':>8} {'send ms':>8} "
        f"{'µs/acct':>8} "
        f"{'queries':>7} {'×accts':>7} {'×time':>7} {'×cpu':>7} {'×queries':>8}"
    )
    rows = []
    created = 0
    for n in sorted(args.sizes):
        create_accounts(customer, created, n)
        created = n
        rows.append(measure(n, 1.0, args.repeat, queue_key))
    base = rows[0]
    ok = True
    for row in rows:
        accounts = row["n"] / base["n"]
        t = row["seconds"] / base["seconds"]
        cpu = row["cpu"] / base["cpu"]
        q = row["queries"] / base["queries"]
        grows = cpu <= accounts * args.slack and q <= accounts
        ok &= grows
        print(
            f"{row['n']:>8} {row['due']:>6} {row['seconds'] * 1000:>8.1f} "
            f"{row['median'] * 1000:>8.1f} {row['cpu'] * 1000:>8.1f} {row['sending'] * 1000:>8.1f} "
            f"{row['seconds'] / row['due'] * 1e6:>8.0f} {row['queries']:>7} {accounts:>7.2f} "
            f"{t:>7.2f} {cpu:>7.2f} {q:>8.2f}" + ("" if grows else "  (grows faster than linearly)")
        )
    steady_fraction = settings.SYNC_TICK_SECONDS / (settings.SYNC_FREQUENCY_MINUTES * 60)
    steady = measure(created, steady_fraction, args.repeat, queue_key)
    print(
        "   (ms: the best tick's wall time, median: of all; cpu ms: this process's CPU time "
        "(the least), the rest is PostgreSQL and Redis; send ms: the broker messages' share)"
    )
    print(
        f"\n== steady state: {created} accounts, next syncs spread over "
        f"{settings.SYNC_FREQUENCY_MINUTES} min, a tick every {settings.SYNC_TICK_SECONDS:g} s"
    )
    print(
        f"   {steady['due']} due: {steady['seconds'] * 1000:.1f} ms "
        f"(median {steady['median'] * 1000:.1f}), {steady['queries']} queries"
    )
    compare_sending(created, args.repeat, queue_key)
    largest = rows[-1]
    met = largest["seconds"] < args.target
    print(
        f"\ntarget: a tick over {largest['n']:,} due accounts < {args.target:g} s: "
        f"{largest['seconds']:.3f} s, {'met' if met else 'NOT MET'}"
    )
    print(
        f"growth at most linear (CPU time, ×{args.slack:g} slack; queries): {'yes' if ok else 'NO'}"
    )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if met and ok else 3


if __name__ == "__main__":
    sys.exit(main())

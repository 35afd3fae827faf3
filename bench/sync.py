"""Benchmark: a full sync of a large Xero organisation, sandbox → Celery worker → PostgreSQL.

Seeds the sandbox with 100,000 invoices (3 line items each), 10,000 contacts and 20,000
payments, links the organisation, runs one full sync in a real `celery -A gateway worker`
(Redis broker, solo pool) and prints records/s per model and end to end, the provider calls
per model (target: one per 1,000 records), and the worker's peak memory (target < 300 MB).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ledgerlink_syncbench \\
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/sync.py [--invoices N ...]

The database named in DATABASE_URL is dropped and recreated. The sandbox's rate limits are
raised for the run (the real Xero allows 60 calls a minute per organisation).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ledgerlink_syncbench"

from bench.stack import link_sandbox_account, setup_django, xero_settings  # noqa: E402


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--invoices", type=int, default=100_000)
    p.add_argument("--contacts", type=int, default=10_000)
    p.add_argument("--payments", type=int, default=20_000)
    p.add_argument("--timeout", type=float, default=1200)
    return p.parse_args()


def main() -> int:
    args = parse_args()
    db_url = os.environ.get("DATABASE_URL") or DEFAULT_DB
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    if not db_url.startswith(("postgres://", "postgresql://")):
        print("bench/sync.py needs DATABASE_URL=postgres://…")
        return 2
    from tests.plugins.sandbox import XeroSandbox, _start
    from tests.services import redis_available

    if not redis_available(redis_url):
        print(f"bench/sync.py needs Redis at {redis_url}")
        return 2

    workdir = Path(tempfile.mkdtemp(prefix="ledgerlink-bench-"))
    print(
        f"== seeding the sandbox ({args.invoices} invoices, {args.contacts} contacts, "
        f"{args.payments} payments)"
    )
    started = time.perf_counter()
    sandbox_process, sandbox_url = _start(workdir / "sandbox.sqlite3", workdir / "sandbox.log")
    sandbox = XeroSandbox(sandbox_url)
    sandbox.control.reset(
        invoices=args.invoices, contacts=args.contacts, payments=args.payments, tenant="uk"
    )
    sandbox.control.set_limits(minute=100_000, day=1_000_000, concurrent=10, app_minute=100_000)
    print(f"   seeded in {time.perf_counter() - started:.1f}s")

    queue = f"ledgerlink-bench-{uuid.uuid4().hex[:8]}"
    provider = xero_settings(
        sandbox,
        {
            "tenant_per_minute": 100_000,
            "tenant_per_day": 1_000_000,
            "tenant_concurrent": 10,
            "app_per_minute": 100_000,
        },
    )
    setup_django(db_url, redis_url, queue, provider)

    from gateway.sync import services
    from gateway.sync.models import ModelCheckpoint, RunTrigger, SyncRun
    from tests.gateway.sync.worker import Worker

    _, _, account = link_sandbox_account(sandbox, "Bench Co")
    worker = Worker(
        database_url=db_url,
        broker_url=redis_url,
        queue=queue,
        provider_settings=provider,
        log_dir=workdir,
        concurrency=1,
        env={"LEDGERLINK_TEST_LOG_LEVEL": "WARNING"},
        name="bench",
        pool="solo",
    )
    worker.start()
    try:
        sandbox.control.reset_counters()
        from gateway.celery import app

        app.conf.update(task_always_eager=False, broker_url=redis_url, task_default_queue=queue)
        print("== full sync")
        started = time.perf_counter()
        run = services.request_sync(account, "full", RunTrigger.API)
        while True:
            run = SyncRun.objects.get(pk=run.pk)
            if run.status in ("succeeded", "failed"):
                break
            if time.perf_counter() - started > args.timeout:
                print("timed out")
                return 1
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
        if run.status != "succeeded":
            print(f"sync failed: {run.error}\n{worker.log()[-3000:]}")
            return 1
        counters = sandbox.control.counters()["endpoints"]
        peak = worker.peak_rss_mb()
    finally:
        worker.stop()
        sandbox_process.terminate()
    checkpoints = {c.model: c for c in ModelCheckpoint.objects.filter(linked_account=account)}
    collections = {"contact": "Contacts", "invoice": "Invoices", "payment": "Payments"}
    previous = run.started_at
    print(f"{'model':<10}{'records':>10}{'seconds':>10}{'records/s':>12}{'calls':>8}{'target':>8}")
    for model, collection in collections.items():
        c = checkpoints[model]
        seconds = (c.last_success_at - previous).total_seconds()
        previous = c.last_success_at
        calls = counters.get(f"GET /api.xro/2.0/{collection}", 0)
        target = max(math.ceil(c.records_seen / 1000), 1)
        print(
            f"{model:<10}{c.records_seen:>10}{seconds:>10.1f}{c.records_seen / seconds:>12.0f}"
            f"{calls:>8}{target:>8}"
        )
    total = run.records
    invoice_seconds = (
        checkpoints["invoice"].last_success_at - checkpoints["contact"].last_success_at
    ).total_seconds()
    print(f"total: {total} records in {elapsed:.1f}s end to end = {total / elapsed:.0f} records/s")
    print(
        f"invoices: {checkpoints['invoice'].records_seen / invoice_seconds:.0f}/s (target >= 2000)"
    )
    print(f"provider calls: {run.calls} (sandbox saw {sum(counters.values())})")
    print(f"peak worker memory: {peak:.0f} MB (target < 300)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Profile (CPU) one incremental QuickBooks invoice sync after N invoices were edited (issue 17).

Starts the QuickBooks sandbox as the tests do, links an account, runs a full sync, edits N
invoices through the sandbox's control plane (as `bench/webhooks.py --provider quickbooks`
does), then runs the incremental sync of the invoice model in this process under cProfile with
a CPU clock (`time.process_time`: other load on the machine does not count) and prints the
process CPU seconds and the top functions. The connector's reads and mapping run in the sync's
prefetch thread, which cProfile does not follow: the same reads are then profiled again in this
thread and printed separately.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ledgerlink_syncprof \\
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/sync_profile.py \\
        [--invoices 1000] [--top 60] [--out sync.prof] [--plain]

The database named in DATABASE_URL is dropped and recreated. Nothing consumes the queued
Celery tasks (the deliveries stay pending): only the sync's own work is measured.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.stack import setup_django  # noqa: E402


def _print(profile: cProfile.Profile, top: int, sort: str) -> None:
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats(sort).print_stats(top)
    print(out.getvalue())


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--invoices", type=int, default=1000)
    p.add_argument("--top", type=int, default=60)
    p.add_argument("--out", help="also write the sync's profile here (pstats)")
    p.add_argument("--plain", action="store_true", help="no profiler: the sync's CPU time only")
    args = p.parse_args()
    db_url, redis_url = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    if not db_url.startswith(("postgres://", "postgresql://")) or not redis_url:
        print("bench/sync_profile.py needs DATABASE_URL=postgres://… and REDIS_URL")
        return 2
    from tests.plugins.quickbooks_sandbox import QuickBooksSandbox
    from tests.plugins.quickbooks_sandbox import _start as start_quickbooks

    workdir = Path(tempfile.mkdtemp(prefix="ledgerlink-syncprof-"))
    process, url = start_quickbooks(workdir / "qbo.sqlite3", workdir / "qbo.log")
    try:
        sandbox = QuickBooksSandbox(url)
        sandbox.control.reset(invoices=args.invoices)
        sandbox.control.set_limits(minute=100_000, concurrent=10, batch_minute=100_000)
        limits = {"tenant_per_minute": 100_000, "tenant_concurrent": 10}
        provider = {"quickbooks": sandbox.provider_settings(rate_limits=limits)}
        setup_django(db_url, redis_url, f"ledgerlink-syncprof-{uuid.uuid4().hex[:8]}", provider)
        from bench.sync import qbo_link
        from gateway.accounts.connections import connector_for
        from gateway.customers.services import create_customer
        from gateway.events import endpoints
        from gateway.records.models import Record
        from gateway.sync import services
        from gateway.sync.models import ModelCheckpoint, RunTrigger, SyncRun

        customer, _ = create_customer("Sync Profile", ["https://bench.example/done"])
        account = qbo_link(sandbox, customer)
        run = services.request_sync(account, "full", RunTrigger.API)
        print(f"== full sync: {services.execute_run(run.id)}")
        endpoints.create_endpoint(
            customer, {"url": "http://127.0.0.1:9/hooks", "event_types": ["invoice.*"]}
        )
        ids = list(
            Record.objects.filter(linked_account=account, model="invoice")
            .exclude(remote_id__contains=":")
            .values_list("remote_id", flat=True)[: args.invoices]
        )
        print(f"== editing {len(ids)} invoices in the sandbox")
        for rid in ids:
            sandbox.control.edit("us", "Invoice", rid, PrivateNote=f"burst {rid}")

        run = services.request_sync(account, "incremental", RunTrigger.WEBHOOK, models=["invoice"])
        profile = cProfile.Profile(time.process_time)
        cpu = time.process_time()
        if not args.plain:
            profile.enable()
        outcome = services.execute_run(run.id)
        profile.disable()
        cpu = time.process_time() - cpu
        run = SyncRun.objects.get(pk=run.pk)
        print(
            f"== incremental sync: {outcome}, {run.records} records, {run.changes} changes, "
            f"{run.calls} calls; process CPU {cpu:.3f} s"
            f"{' (no profiler)' if args.plain else ' (under cProfile)'}"
        )
        if args.plain:
            return 0
        if args.out:
            profile.dump_stats(args.out)
        _print(profile, args.top, "cumulative")
        _print(profile, 30, "tottime")

        since = ModelCheckpoint.objects.get(linked_account=account, model="invoice").pass_since
        profile = cProfile.Profile(time.process_time)
        cpu = time.process_time()
        profile.enable()
        pages = connector_for(account).list("invoice", modified_since=since)
        count = sum(len(page.records) for page in pages)
        profile.disable()
        cpu = time.process_time() - cpu
        print(f"== the same reads in this thread: {count} records, process CPU {cpu:.3f} s")
        _print(profile, 35, "cumulative")
    finally:
        process.terminate()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Profile (CPU) one full sync of the Xero sandbox's invoices in this process (issue 21).

Seeds the Xero sandbox with `--invoices` (and a tenth as many contacts, synced first,
unprofiled), then runs the invoices' full sync in this process under cProfile with a CPU clock
(`time.process_time`) with the read-ahead thread replaced by a plain loop, so the connector's
decoding and mapping are profiled with the store: prints the process CPU seconds per 1,000
invoices and the top functions by total and own time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ll_cost_prof \\
    REDIS_URL=redis://127.0.0.1:6379/6 .venv/bin/python bench/sync_cost_profile.py \\
        [--invoices 5000] [--top 50] [--out sync.prof] [--plain] [--gc default]

The database named in DATABASE_URL is dropped and recreated.
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

from bench.stack import link_sandbox_account, setup_django, xero_settings  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--invoices", type=int, default=5000)
    p.add_argument("--top", type=int, default=50)
    p.add_argument("--out", help="also write the profile here (pstats)")
    p.add_argument("--plain", action="store_true", help="no profiler: CPU seconds only")
    p.add_argument(
        "--read-ahead",
        action="store_true",
        help="keep the read-ahead thread, as a worker runs it (with --plain: its CPU counts)",
    )
    p.add_argument(
        "--log-statements",
        action="store_true",
        help="log every statement's duration of the sync's connection (superuser; read "
        "the server log for the database's lines)",
    )
    p.add_argument(
        "--gc",
        choices=["settled", "default"],
        default="settled",
        help="the collector as a worker tunes it (gateway/core/heap.py), or CPython's default",
    )
    args = p.parse_args()
    db_url, redis_url = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    if not db_url.startswith(("postgres://", "postgresql://")) or not redis_url:
        print("bench/sync_cost_profile.py needs DATABASE_URL=postgres://… and REDIS_URL")
        return 2
    from tests.plugins.sandbox import XeroSandbox, _start

    workdir = Path(tempfile.mkdtemp(prefix="ledgerlink-costprof-"))
    process, url = _start(workdir / "sandbox.sqlite3", workdir / "sandbox.log")
    try:
        sandbox = XeroSandbox(url)
        sandbox.control.reset(
            invoices=args.invoices,
            contacts=max(args.invoices // 10, 1),
            payments=0,
            tenant="uk",
            documents={},
        )
        sandbox.control.set_limits(minute=10**6, day=10**7, concurrent=10, app_minute=10**6)
        limits = {
            "tenant_per_minute": 10**6,
            "tenant_per_day": 10**7,
            "tenant_concurrent": 10,
            "app_per_minute": 10**6,
        }
        queue = f"ledgerlink-costprof-{uuid.uuid4().hex[:8]}"
        setup_django(db_url, redis_url, queue, xero_settings(sandbox, limits))
        from gateway.sync import services
        from gateway.sync.models import RunTrigger, SyncRun

        if not args.read_ahead:
            services.prefetch = lambda pages, *a, **k: iter(pages)  # everything in this thread
        if os.environ.get("COST_STORE_CHUNK"):  # experiments
            import connectors.rest

            services.STORE_CHUNK = connectors.rest.MAP_PART = int(os.environ["COST_STORE_CHUNK"])
        _, _, account = link_sandbox_account(sandbox, "Cost Profile")
        if args.gc == "settled":
            from gateway.core import heap

            heap.settle()
        run = services.request_sync(account, "full", RunTrigger.API, models=["contact"])
        print(f"== contacts: {services.execute_run(run.id)}")
        run = services.request_sync(account, "full", RunTrigger.API, models=["invoice"])
        if args.log_statements:
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("SET log_min_duration_statement = 0")
        profile = cProfile.Profile(time.process_time)
        cpu, wall = time.process_time(), time.perf_counter()
        if not args.plain:
            profile.enable()
        outcome = services.execute_run(run.id)
        profile.disable()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        run = SyncRun.objects.get(pk=run.pk)
        print(
            f"== invoices: {outcome}, {run.records} records, {run.changes} changes; process CPU "
            f"{cpu:.2f} s = {cpu * 1000 / max(run.records, 1):.3f} s per 1,000; wall {wall:.1f} s"
            f"{' (no profiler)' if args.plain else ' (under cProfile)'}"
        )
        if args.plain:
            return 0
        if args.out:
            profile.dump_stats(args.out)
        for sort, top in (("cumulative", args.top), ("tottime", 40)):
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(sort).print_stats(top)
            print(out.getvalue())
    finally:
        process.terminate()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

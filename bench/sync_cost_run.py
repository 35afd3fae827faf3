"""One measured full sync for bench/sync_cost.py, run with a given checkout's code.

Started by bench/sync_cost.py as `python bench/sync_cost_run.py <checkout> <spec JSON>` with
`<checkout>` first on sys.path and as the working directory, so the gateway, its migrations
and the Celery worker are that checkout's (this file imports nothing of this checkout but
the standard library; the same file drives an older commit). It recreates the spec's database,
migrates it, links the Xero sandbox's organisation with the tokens given, starts a real
`celery -A gateway worker` (solo pool), runs one full sync of the spec's models and prints one
JSON line: seconds, records, the worker's CPU seconds (its process tree, /proc utime+stime)
and PostgreSQL's (every backend connected to the database during the sync, sampled from
pg_stat_activity and /proc; the sampling connection itself excluded).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float | None:
    """utime + stime of a process (all its threads), or None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


def tree(pid: int) -> list[int]:
    """A process and its descendants."""
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        for task in Path(f"/proc/{p}/task").glob("*") if Path(f"/proc/{p}").exists() else ():
            with contextlib.suppress(OSError):
                todo += [int(c) for c in (task / "children").read_text().split()]
    return pids


class BackendSampler:
    """CPU of the PostgreSQL backends serving one database, sampled every `interval` seconds
    (a backend that ends between two samples loses at most that interval's CPU)."""

    def __init__(self, dsn: str, database: str, interval: float = 0.2):
        import psycopg

        self.conn = psycopg.connect(dsn, autocommit=True)
        self.mine = self.conn.execute("SELECT pg_backend_pid()").fetchone()[0]
        self.database, self.interval = database, interval
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.kinds: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> None:
        rows = self.conn.execute(
            "SELECT pid, backend_type FROM pg_stat_activity WHERE datname = %s AND pid <> %s",
            [self.database, self.mine],
        ).fetchall()
        for pid, kind in rows:
            cpu = cpu_seconds(pid)
            if cpu is None:
                continue
            self.first.setdefault(pid, cpu if self._started else 0.0)
            self.last[pid] = cpu
            self.kinds[pid] = kind

    def start(self) -> None:
        self._started = False
        self.sample()  # backends already there count from now
        self._started = True
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        self.sample()
        self.conn.close()
        return sum(self.last[p] - self.first[p] for p in self.last)


def main() -> int:
    checkout, spec = Path(sys.argv[1]).resolve(), json.loads(sys.argv[2])
    os.chdir(checkout)
    sys.path.insert(0, str(checkout))
    db_url, redis_url = spec["database_url"], spec["redis_url"]
    queue = f"ledgerlink-cost-{uuid.uuid4().hex[:8]}"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.gateway.sync.worker_settings",
            "LEDGERLINK_ENV": "test",
            "DATABASE_URL": db_url,
            "REDIS_URL": redis_url,
            "CELERY_BROKER_URL": redis_url,
            "LEDGERLINK_TEST_QUEUE": queue,
            "LEDGERLINK_TEST_PROVIDER_SETTINGS": json.dumps(spec["provider"]),
        }
    )
    import psycopg

    base, _, name = db_url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from gateway.accounts.models import Grant, LinkedAccount
    from gateway.celery import app
    from gateway.customers.services import create_customer
    from gateway.sync import services
    from gateway.sync.models import RunTrigger, SyncRun
    from tests.gateway.sync.worker import Worker

    customer, _ = create_customer("Cost Co", ["https://bench.example/done"])
    tokens = spec["tokens"]
    grant = Grant.objects.create(
        customer=customer,
        provider="xero",
        end_user_id="bench",
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        access_expires_at=datetime.now(UTC) + timedelta(seconds=tokens["expires_in"]),
        refreshed_at=datetime.now(UTC),
    )
    account = LinkedAccount.objects.create(
        customer=customer,
        grant=grant,
        provider="xero",
        tenant_id=spec["tenant_id"],
        end_user_id="bench",
    )
    if spec.get("endpoint"):  # deliveries are part of the events' cost
        from gateway.events import endpoints

        endpoints.create_endpoint(
            customer, {"url": "http://127.0.0.1:9/hooks", "event_types": ["*"]}
        )
    worker = Worker(
        database_url=db_url,
        broker_url=redis_url,
        queue=queue,
        provider_settings=spec["provider"],
        log_dir=Path(tempfile.mkdtemp(prefix="ledgerlink-cost-")),
        concurrency=1,
        env={"LEDGERLINK_TEST_LOG_LEVEL": "WARNING"},
        name="cost",
        pool="solo",
    )
    worker.start()
    app.conf.update(task_always_eager=False, broker_url=redis_url, task_default_queue=queue)
    from django.db import connection

    connection.close()  # its backend must not be counted as the sync's
    try:
        for model in spec.get("warm", []):  # unmeasured: e.g. contacts before invoices
            run = services.request_sync(account, "full", RunTrigger.API, models=[model])
            while SyncRun.objects.get(pk=run.pk).status not in ("succeeded", "failed"):
                time.sleep(0.2)
            connection.close()
        sampler = BackendSampler(f"{base}/{name}", name)
        pids = tree(worker.process.pid)
        worker_cpu = {p: cpu_seconds(p) or 0.0 for p in pids}
        sampler.start()
        started = time.perf_counter()
        run = services.request_sync(account, "full", RunTrigger.API, models=spec["models"])
        connection.close()
        with psycopg.connect(f"{base}/{name}", autocommit=True) as poll:
            sampler.mine_poll = poll.execute("SELECT pg_backend_pid()").fetchone()[0]
            sampler.conn.execute("SELECT 1")
            while True:
                status = poll.execute(
                    "SELECT status FROM sync_syncrun WHERE id = %s", [run.pk]
                ).fetchone()[0]
                if status in ("succeeded", "failed"):
                    break
                if time.perf_counter() - started > spec["timeout"]:
                    status = "timed out"
                    break
                time.sleep(0.2)
            seconds = time.perf_counter() - started
            worker_seconds = sum(
                (cpu_seconds(p) or 0.0) - worker_cpu.get(p, 0.0) for p in tree(worker.process.pid)
            )
            poll_pid = sampler.mine_poll
            db_seconds = sampler.stop()
            poll_cpu = sampler.last.get(poll_pid, 0.0) - sampler.first.get(poll_pid, 0.0)
            db_seconds -= poll_cpu  # the bench's own polling is not the sync's
        run = SyncRun.objects.get(pk=run.pk)
        from django.db.models import Count

        from gateway.events.models import Event

        events = Event.objects.filter(linked_account=account).aggregate(n=Count("id"))["n"]
        print(
            json.dumps(
                {
                    "status": status,
                    "error": run.error,
                    "records": run.records,
                    "changes": run.changes,
                    "events": events,
                    "seconds": seconds,
                    "worker_cpu": worker_seconds,
                    "db_cpu": db_seconds,
                    "peak_mb": worker.peak_rss_mb(),
                }
            )
        )
    finally:
        worker.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

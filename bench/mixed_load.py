"""Benchmark: a mixed load on the whole stack for a bounded time — reads, writes, inbound webhooks.

gunicorn (2 workers) and two Celery workers (Redis broker) on PostgreSQL, the Xero sandbox, one
linked account synced with its data. For `--seconds` (30), client threads on loopback send:
reads (`GET /v1/invoices` pages following the cursor, and retrieves of single invoices), writes
(`POST /v1/contacts` and `POST /v1/invoices` with an Idempotency-Key, through the connector to
the sandbox) and inbound Xero webhooks (signed bursts of changed invoices, fetched by the
workers). Prints throughput per kind, p50/p99 and errors, then how far the workers got.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ledgerlink_mixedbench \\
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/mixed_load.py [--seconds 30]

The database named in DATABASE_URL is dropped and recreated. Everything it starts stops at the
end (or on Ctrl-C).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.stack import (  # noqa: E402
    link_sandbox_account,
    setup_django,
    start_gateway,
    wait_for_gateway,
    xero_settings,
)
from bench.webhooks import xero_payload  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ledgerlink_mixedbench"


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=30.0)
    p.add_argument("--invoices", type=int, default=5000, help="in the sandbox, synced first")
    p.add_argument("--contacts", type=int, default=500)
    p.add_argument("--readers", type=int, default=4, help="threads reading")
    p.add_argument("--writers", type=int, default=2, help="threads writing")
    p.add_argument("--hook-senders", type=int, default=1, help="threads posting webhooks")
    p.add_argument("--burst", type=int, default=10, help="invoice changes per webhook POST")
    return p.parse_args()


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def add(self, kind: str, seconds: float, status: int | str) -> None:
        with self.lock:
            if isinstance(status, int) and 200 <= status < 300:
                self.latency[kind].append(seconds)
            else:
                self.errors[kind][str(status)] += 1


def timed(stats: Stats, kind: str, call) -> requests.Response | None:
    started = time.perf_counter()
    try:
        response = call()
    except requests.RequestException as exc:
        stats.add(kind, time.perf_counter() - started, type(exc).__name__)
        return None
    stats.add(kind, time.perf_counter() - started, response.status_code)
    return response


def main() -> int:
    args = parse_args()
    db_url = os.environ.get("DATABASE_URL") or DEFAULT_DB
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    if not db_url.startswith(("postgres://", "postgresql://")):
        print("bench/mixed_load.py needs DATABASE_URL=postgres://…")
        return 2
    from tests.plugins.sandbox import XeroSandbox, _start
    from tests.services import redis_available

    if not redis_available(redis_url):
        print(f"bench/mixed_load.py needs Redis at {redis_url}")
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="ledgerlink-mixedbench-"))
    sandbox_process, sandbox_url = _start(workdir / "sandbox.sqlite3", workdir / "sandbox.log")
    web = None
    workers = []
    try:
        sandbox = XeroSandbox(sandbox_url)
        sandbox.control.reset(invoices=args.invoices, contacts=args.contacts, tenant="uk")
        big = 1_000_000
        sandbox.control.set_limits(minute=big, day=big, concurrent=50, app_minute=big)
        queue = f"ledgerlink-mixedbench-{uuid.uuid4().hex[:8]}"
        limits = {
            "tenant_per_minute": big,
            "tenant_per_day": big,
            "tenant_concurrent": 50,
            "app_per_minute": big,
        }
        provider = xero_settings(sandbox, limits)
        env = setup_django(
            db_url,
            redis_url,
            queue,
            provider,
            API_RATE_LIMIT="1000000/min",
            LOG_LEVEL="WARNING",
        )
        from gateway.events.models import Event
        from gateway.records.models import Record
        from gateway.sync import services
        from gateway.sync.models import InboundEvent, RunTrigger, SyncRun
        from tests.gateway.sync.worker import Worker

        _, key, account = link_sandbox_account(sandbox, "Mixed Bench")
        tenant_id = account.tenant_id
        workers = [
            Worker(
                database_url=db_url,
                broker_url=redis_url,
                queue=queue,
                provider_settings=provider,
                log_dir=workdir,
                concurrency=2,
                name=f"mixed{i}",
            )
            for i in range(2)
        ]
        for worker in workers:
            worker.start()
        from gateway.celery import app

        app.conf.update(task_always_eager=False, broker_url=redis_url, task_default_queue=queue)
        print(f"== initial full sync ({args.invoices} invoices, {args.contacts} contacts)")
        run = services.request_sync(account, "full", RunTrigger.API)
        deadline = time.time() + 600
        while SyncRun.objects.get(pk=run.pk).status not in ("succeeded", "failed"):
            if time.time() > deadline:
                print("initial sync timed out")
                return 1
            time.sleep(0.2)
        web, base = start_gateway(env, workdir / "gunicorn.log")
        headers = {"Authorization": f"Bearer {key}", "X-Linked-Account": str(account.id)}
        if not wait_for_gateway(base):
            print("gateway did not start")
            return 1

        invoice_ids = list(
            Record.objects.filter(linked_account=account, model="invoice").values_list(
                "id", flat=True
            )[:2000]
        )
        remote_ids = list(
            Record.objects.filter(
                linked_account=account, model="invoice", status="OPEN"
            ).values_list("remote_id", flat=True)[:2000]
        )
        contact_ids = list(
            Record.objects.filter(linked_account=account, model="contact").values_list(
                "id", flat=True
            )[:200]
        )
        events_before = Event.objects.filter(linked_account=account).count()
        stats = Stats()
        stop = time.monotonic() + args.seconds
        hook_url = f"{base}/webhooks/xero/"
        changed: list[str] = []

        def reader(seed: int) -> None:
            rng = random.Random(seed)
            session = requests.Session()
            session.headers.update(headers)
            cursor = None
            while time.monotonic() < stop:
                if rng.random() < 0.5:
                    params = {"page_size": 100, **({"cursor": cursor} if cursor else {})}
                    r = timed(
                        stats,
                        "read: list page",
                        lambda params=params: session.get(
                            f"{base}/v1/invoices", params=params, timeout=30
                        ),
                    )
                    cursor = r.json().get("next") if r is not None and r.ok else None
                    if cursor and "cursor=" in cursor:
                        cursor = cursor.split("cursor=", 1)[1].split("&", 1)[0]
                        cursor = requests.utils.unquote(cursor)
                else:
                    rid = rng.choice(invoice_ids)
                    timed(
                        stats,
                        "read: retrieve",
                        lambda rid=rid: session.get(f"{base}/v1/invoices/{rid}", timeout=30),
                    )

        def writer(seed: int) -> None:
            rng = random.Random(seed)
            session = requests.Session()
            session.headers.update(headers)
            n = 0
            while time.monotonic() < stop:
                n += 1
                key_header = {"Idempotency-Key": f"mixed-{seed}-{n}"}
                if n % 2:
                    body = {"name": f"Mixed Load {seed}-{n}", "email_address": f"m{n}@x.test"}
                    timed(
                        stats,
                        "write: POST contact",
                        lambda body=body, kh=key_header: session.post(
                            f"{base}/v1/contacts", json=body, headers=kh, timeout=60
                        ),
                    )
                else:
                    body = {
                        "type": "ACCOUNTS_RECEIVABLE",
                        "contact": str(rng.choice(contact_ids)),
                        "currency": "GBP",
                        "line_items": [
                            {
                                "description": "Load",
                                "quantity": "2",
                                "unit_price": "10.00",
                                "account_code": "200",
                            }
                        ],
                    }
                    timed(
                        stats,
                        "write: POST invoice",
                        lambda body=body, kh=key_header: session.post(
                            f"{base}/v1/invoices", json=body, headers=kh, timeout=60
                        ),
                    )

        def hook_sender(seed: int) -> None:
            import base64
            import hashlib
            import hmac

            rng = random.Random(seed)
            session = requests.Session()
            while time.monotonic() < stop:
                ids = rng.sample(remote_ids, args.burst)
                for rid in ids:
                    sandbox.control.edit("uk", "Invoices", rid, Reference=f"mixed {time.time()}")
                body = xero_payload(tenant_id, ids)
                signature = base64.b64encode(
                    hmac.new(sandbox.webhook_key.encode(), body, hashlib.sha256).digest()
                ).decode()
                r = timed(
                    stats,
                    "webhook: signed POST",
                    lambda body=body, sig=signature: session.post(
                        hook_url, data=body, headers={"x-xero-signature": sig}, timeout=30
                    ),
                )
                if r is not None and r.ok:
                    changed.extend(ids)
                time.sleep(0.2)

        print(
            f"== mixed load for {args.seconds:.0f}s: {args.readers} readers, "
            f"{args.writers} writers, {args.hook_senders} webhook senders"
        )
        with open("/proc/loadavg") as f:
            print(f"   load average before: {f.read().split()[:3]}")
        threads = [threading.Thread(target=reader, args=(i,)) for i in range(args.readers)]
        threads += [threading.Thread(target=writer, args=(100 + i,)) for i in range(args.writers)]
        threads += [
            threading.Thread(target=hook_sender, args=(200 + i,)) for i in range(args.hook_senders)
        ]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        # How far the workers got with the inbound changes (bounded wait).
        drain_deadline = time.time() + 60
        while time.time() < drain_deadline:
            if not InboundEvent.objects.exclude(status__in=["done", "ignored"]).exists():
                break
            time.sleep(0.2)
        drained = time.time() + 60 - drain_deadline
        pending = InboundEvent.objects.exclude(status__in=["done", "ignored"]).count()
        events_after = Event.objects.filter(linked_account=account).count()
    finally:
        if web is not None:
            web.terminate()
            web.wait(timeout=15)
        for worker in workers:
            worker.stop()
        sandbox_process.terminate()

    print(f"{'kind':<24}{'ok':>7}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}  errors")
    total_ok = 0
    for kind in sorted(set(stats.latency) | set(stats.errors)):
        lat = sorted(stats.latency.get(kind, []))
        total_ok += len(lat)
        p50 = statistics.median(lat) * 1000 if lat else float("nan")
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000 if lat else float("nan")
        errors = dict(stats.errors.get(kind, {})) or "-"
        print(f"{kind:<24}{len(lat):>7}{len(lat) / elapsed:>9.1f}{p50:>9.1f}{p99:>9.1f}  {errors}")
    print(f"total: {total_ok} ok requests in {elapsed:.1f}s = {total_ok / elapsed:.1f} req/s")
    print(
        f"webhooks: {len(changed)} changes posted; inbound queue drained {drained:.1f}s after the "
        f"load (still pending: {pending}); events emitted during the run: "
        f"{events_after - events_before}"
    )
    failed = sum(sum(e.values()) for e in stats.errors.values())
    return 0 if failed == 0 and pending == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())

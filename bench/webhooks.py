"""Benchmark: 1,000 provider webhook events in a burst → fetch → events → signed deliveries.

Xero (`--provider xero`, the default): edits 1,000 invoices in the Xero sandbox, then POSTs the
matching Xero webhook payloads (100 events each, signed with the webhook key, as Xero sends
them) to the gateway's `/webhooks/xero/` (gunicorn) in a burst.

QuickBooks (`--provider quickbooks [--format classic|cloudevents]`): the QuickBooks sandbox's
webhook points at `/webhooks/quickbooks/`; 1,000 invoices are edited there as a QuickBooks user
would, and the sandbox itself sends the signed notifications, batched as Intuit batches them
(`--batch` entities a delivery).

Celery workers (Redis broker) fetch the changes (a burst becomes incremental reads), store
them, emit `invoice.updated` events and deliver them, signed, to a local receiver. Prints
p50/p99 from receipt (the gateway storing the provider's event) to delivery (the receiver
getting ours), and how many events were lost (target: none; p50 < 1 s).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ledgerlink_hookbench \\
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/webhooks.py \\
        [--events N] [--provider quickbooks [--format cloudevents]]

The database named in DATABASE_URL is dropped and recreated.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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
from bench.webhook_stages import CpuMeter, print_stages  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ledgerlink_hookbench"


class Receiver:
    """The customer's endpoint: records when each event arrived."""

    def __init__(self) -> None:
        self.arrivals: dict[str, float] = {}  # invoice remote id -> first arrival
        self.count = 0
        lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                at = time.time()
                event = json.loads(body)
                with lock:
                    receiver.count += 1
                    if event["type"] == "invoice.updated":
                        receiver.arrivals.setdefault(event["data"]["remote_id"], at)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def settled_pending(deliveries, wait: float = 10.0) -> int:
    """Deliveries not marked succeeded once the last sends' bookkeeping is written (the receiver
    has every event before its sender records the answers): waits up to ``wait`` seconds."""
    deadline = time.time() + wait
    while True:
        pending = deliveries.objects.exclude(status="succeeded").count()
        if pending == 0 or time.time() > deadline:
            return pending
        time.sleep(0.2)


def xero_payload(tenant_id: str, invoice_ids: list[str]) -> bytes:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3]
    events = [
        {
            "resourceUrl": f"https://api.xero.com/api.xro/2.0/Invoices/{rid}",
            "resourceId": rid,
            "eventDateUtc": now,
            "eventType": "UPDATE",
            "eventCategory": "INVOICE",
            "tenantId": tenant_id,
            "tenantType": "ORGANISATION",
        }
        for rid in invoice_ids
    ]
    return json.dumps(
        {
            "events": events,
            "firstEventSequence": 1,
            "lastEventSequence": len(events),
            "entropy": uuid.uuid4().hex,
        }
    ).encode()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--events", type=int, default=1000)
    p.add_argument("--batch", type=int, default=100, help="events per provider POST")
    p.add_argument("--timeout", type=float, default=120)
    p.add_argument("--provider", choices=("xero", "quickbooks"), default="xero")
    p.add_argument(
        "--format", choices=("classic", "cloudevents"), default="classic", help="QuickBooks only"
    )
    args = p.parse_args()
    if args.provider == "quickbooks":
        return quickbooks(args)
    db_url = os.environ.get("DATABASE_URL") or DEFAULT_DB
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    if not db_url.startswith(("postgres://", "postgresql://")):
        print("bench/webhooks.py needs DATABASE_URL=postgres://…")
        return 2
    from tests.plugins.sandbox import XeroSandbox, _start
    from tests.services import redis_available

    if not redis_available(redis_url):
        print(f"bench/webhooks.py needs Redis at {redis_url}")
        return 2

    workdir = Path(tempfile.mkdtemp(prefix="ledgerlink-hookbench-"))
    sandbox_process, sandbox_url = _start(workdir / "sandbox.sqlite3", workdir / "sandbox.log")
    sandbox = XeroSandbox(sandbox_url)
    sandbox.control.reset(invoices=2 * args.events, contacts=200, tenant="uk")
    sandbox.control.set_limits(minute=10_000, day=1_000_000, concurrent=10)
    queue = f"ledgerlink-hookbench-{uuid.uuid4().hex[:8]}"
    provider = xero_settings(sandbox, {"tenant_per_minute": 10_000, "tenant_concurrent": 10})
    env = setup_django(db_url, redis_url, queue, provider)
    from gateway.events import endpoints
    from gateway.events.models import WebhookDelivery
    from gateway.records.models import Record
    from gateway.sync import services
    from gateway.sync.models import InboundEvent, RunTrigger, SyncRun
    from tests.gateway.sync.worker import Worker

    customer, _, account = link_sandbox_account(sandbox, "Hook Bench")
    tenant_id = account.tenant_id
    workers = [
        Worker(
            database_url=db_url,
            broker_url=redis_url,
            queue=queue,
            provider_settings=provider,
            log_dir=workdir,
            concurrency=3,
            name=f"hook{i}",
        )
        for i in range(1)
    ]
    web, base = start_gateway(env, workdir / "gunicorn.log")
    receiver = Receiver()
    try:
        for worker in workers:
            worker.start()
        from gateway.celery import app

        app.conf.update(task_always_eager=False, broker_url=redis_url, task_default_queue=queue)
        print("== initial full sync")
        run = services.request_sync(account, "full", RunTrigger.API)
        while SyncRun.objects.get(pk=run.pk).status not in ("succeeded", "failed"):
            time.sleep(0.2)
        endpoints.create_endpoint(customer, {"url": receiver.url, "event_types": ["invoice.*"]})
        hook = f"{base}/webhooks/xero/"
        if not wait_for_gateway(base):
            print("gateway did not start")
            return 1

        ids = list(
            Record.objects.filter(
                linked_account=account, model="invoice", status="OPEN"
            ).values_list("remote_id", flat=True)[: args.events]
        )
        print(f"== editing {len(ids)} invoices in the sandbox")
        for rid in ids:
            sandbox.control.edit("uk", "Invoices", rid, Reference=f"burst {rid[:8]}")
        print(f"== burst: {len(ids)} events in {len(ids) // args.batch} signed POSTs")
        payloads = [
            xero_payload(tenant_id, ids[i : i + args.batch]) for i in range(0, len(ids), args.batch)
        ]
        session = requests.Session()
        meter = CpuMeter(db_url.rsplit("/", 1)[1])
        started = time.time()
        for body in payloads:
            signature = base64.b64encode(
                hmac.new(sandbox.webhook_key.encode(), body, hashlib.sha256).digest()
            ).decode()
            answer = session.post(hook, data=body, headers={"x-xero-signature": signature})
            assert answer.status_code == 200, answer.status_code
        sent_in = time.time() - started
        deadline = time.time() + args.timeout
        while len(receiver.arrivals) < len(ids) and time.time() < deadline:
            time.sleep(0.05)
        received = dict(InboundEvent.objects.values_list("remote_id", "received_at"))
        latencies = sorted(
            receiver.arrivals[rid] - received[rid].timestamp()
            for rid in ids
            if rid in receiver.arrivals and rid in received
        )
        lost = len(ids) - len(latencies)
        pending = settled_pending(WebhookDelivery)
        runs = SyncRun.objects.filter(trigger="webhook").count()
        meter.report()
        print_stages(ids, receiver.arrivals, "xero", started)
    finally:
        web.terminate()
        for worker in workers:
            worker.stop()
        sandbox_process.terminate()
    if not latencies:
        print("no event was delivered")
        return 1
    p50 = statistics.median(latencies)
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"burst sent in {sent_in:.2f}s; webhook-triggered syncs: {runs}")
    print(
        f"receipt→delivery p50 {p50:.3f}s  p95 {p95:.3f}s  p99 {p99:.3f}s  "
        f"max {latencies[-1]:.3f}s "
        f"(target p50 < 1 s)"
    )
    print(
        f"delivered {len(latencies)}/{len(ids)}, lost {lost} (target 0); "
        f"deliveries not succeeded: {pending}; receiver POSTs: {receiver.count}"
    )
    return 0 if lost == 0 else 1


def report(latencies: list[float], total: int, sent_in: float, runs: int, pending: int, posts: int):
    if not latencies:
        print("no event was delivered")
        return 1
    lost = total - len(latencies)
    p50 = statistics.median(latencies)
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"burst sent in {sent_in:.2f}s; webhook-triggered syncs: {runs}")
    print(
        f"receipt→delivery p50 {p50:.3f}s  p95 {p95:.3f}s  p99 {p99:.3f}s  "
        f"max {latencies[-1]:.3f}s "
        f"(target p50 < 1 s)"
    )
    print(
        f"delivered {len(latencies)}/{total}, lost {lost} (target 0); "
        f"deliveries not succeeded: {pending}; receiver POSTs: {posts}"
    )
    return 0 if lost == 0 else 1


def quickbooks(args: argparse.Namespace) -> int:
    """The QuickBooks run: the sandbox sends the webhooks for the edits made in it."""
    db_url = os.environ.get("DATABASE_URL") or DEFAULT_DB
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    if not db_url.startswith(("postgres://", "postgresql://")):
        print("bench/webhooks.py needs DATABASE_URL=postgres://…")
        return 2
    from tests.plugins.quickbooks_sandbox import QuickBooksSandbox
    from tests.plugins.quickbooks_sandbox import _start as start_quickbooks
    from tests.services import redis_available

    if not redis_available(redis_url):
        print(f"bench/webhooks.py needs Redis at {redis_url}")
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="ledgerlink-hookbench-qbo-"))
    process, url = start_quickbooks(workdir / "qbo.sqlite3", workdir / "qbo.log")
    sandbox = QuickBooksSandbox(url)
    sandbox.control.reset(invoices=args.events)
    sandbox.control.set_limits(minute=100_000, concurrent=10, batch_minute=100_000)
    queue = f"ledgerlink-hookbench-{uuid.uuid4().hex[:8]}"
    provider = {
        "quickbooks": sandbox.provider_settings(
            rate_limits={"tenant_per_minute": 100_000, "tenant_concurrent": 10}
        )
    }
    env = setup_django(db_url, redis_url, queue, provider)
    from bench.sync import qbo_link
    from gateway.customers.services import create_customer
    from gateway.events import endpoints
    from gateway.events.models import WebhookDelivery
    from gateway.records.models import Record
    from gateway.sync import services
    from gateway.sync.models import InboundEvent, RunTrigger, SyncRun
    from tests.gateway.sync.worker import Worker

    customer, _ = create_customer("QBO Hook Bench", ["https://bench.example/done"])
    account = qbo_link(sandbox, customer)
    worker = Worker(
        database_url=db_url,
        broker_url=redis_url,
        queue=queue,
        provider_settings=provider,
        log_dir=workdir,
        concurrency=3,
        name="qbohook",
    )
    web, base = start_gateway(env, workdir / "gunicorn.log")
    receiver = Receiver()
    try:
        worker.start()
        from gateway.celery import app

        app.conf.update(task_always_eager=False, broker_url=redis_url, task_default_queue=queue)
        print("== initial full sync")
        run = services.request_sync(account, "full", RunTrigger.API)
        while SyncRun.objects.get(pk=run.pk).status not in ("succeeded", "failed"):
            time.sleep(0.2)
        endpoints.create_endpoint(customer, {"url": receiver.url, "event_types": ["invoice.*"]})
        if not wait_for_gateway(base):
            print("gateway did not start")
            return 1
        sandbox.control.set_webhook(f"{base}/webhooks/quickbooks/", webhook_format=args.format)
        # Intuit gathers minutes of changes in one notification: hold them while editing.
        sandbox.control.webhook_config(batch_window=600, max_entities=args.batch)
        ids = list(
            Record.objects.filter(linked_account=account, model="invoice")
            .exclude(remote_id__contains=":")
            .values_list("remote_id", flat=True)[: args.events]
        )
        print(
            f"== burst: editing {len(ids)} invoices in the QuickBooks sandbox "
            f"({args.format} webhooks, up to {args.batch} entities a delivery)"
        )
        for rid in ids:
            sandbox.control.edit("us", "Invoice", rid, PrivateNote=f"burst {rid}")
        meter = CpuMeter(db_url.rsplit("/", 1)[1])
        started = time.time()
        sandbox.control.webhook_config(batch_window=0.05)  # the notifications go out now
        sandbox.control.flush_webhooks(timeout=args.timeout)
        sent_in = time.time() - started
        deadline = time.time() + args.timeout
        while len(receiver.arrivals) < len(ids) and time.time() < deadline:
            time.sleep(0.05)
        received = dict(
            InboundEvent.objects.filter(provider="quickbooks").values_list(
                "remote_id", "received_at"
            )
        )
        latencies = sorted(
            receiver.arrivals[rid] - received[rid].timestamp()
            for rid in ids
            if rid in receiver.arrivals and rid in received
        )
        deliveries = sandbox.control.deliveries()
        answers = sorted(d["ms"] for d in deliveries)
        print(
            f"sandbox deliveries: {len(deliveries)} "
            f"(answered 200: {sum(1 for d in deliveries if d['status'] == 200)}; "
            f"gateway answered in {answers[len(answers) // 2]} ms median, {answers[-1]} ms max; "
            f"Intuit's limit 3000 ms)"
        )
        pending = settled_pending(WebhookDelivery)
        runs = SyncRun.objects.filter(trigger="webhook").count()
        meter.report()
        print_stages(ids, receiver.arrivals, "quickbooks", started)
    finally:
        web.terminate()
        worker.stop()
        process.terminate()
    return report(latencies, len(ids), sent_in, runs, pending, receiver.count)


if __name__ == "__main__":
    raise SystemExit(main())

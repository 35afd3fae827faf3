"""Benchmark: a fleet of linked accounts (issue 21): thousands of Xero organisations (and the
QuickBooks sandbox's companies mixed in), linked through the control plane, synced by the
scheduler every 15 minutes by N Celery worker processes, with the sandboxes' real
per-organisation limits on, while records change in the sandboxes at a steady rate.

Per worker count (`--workers 1,2,4`; a fresh database each), it prints:

- linking: every account linked over HTTP (link token, hosted pages, the provider's consent,
  the organisation picker ticking a few hundred organisations a consent), and how long until
  every account's initial full sync is done: records/s, accounts/s;
- the scheduler tick (`services.tick()`, called by this process every `SYNC_TICK_SECONDS` as
  the beat would, its queries counted) as the fleet grows and at its full size (target: under
  one second at 2,000 accounts; queries must not grow faster than linearly);
- the steady phase (`--seconds`): each account's next sync spread over the 15 minutes (a fleet
  in its steady state), `--change-rate` edits a second in the sandboxes spread over the
  accounts; sync lag p50/p99 (the edit in the sandbox → the gateway's event for it stored),
  scheduled runs' queue wait, provider calls per account per hour against the floor (one call
  per model per incremental pass, four passes an hour), 429s (target 0);
- worker CPU per 1,000 records stored, and each part's CPU (workers, PostgreSQL, Redis, the
  sandboxes, gunicorn, this process) sampled every few seconds: where the bottleneck is;
- with `--big-account N`: one more organisation with N records is linked as the steady phase
  starts; its full sync runs beside the others' incremental syncs, whose queue wait shows
  whether it delays them beyond their frequency (fairness).

Then the throughput ratios against one worker process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ll_fleet_bench \\
    REDIS_URL=redis://127.0.0.1:6379/4 .venv/bin/python bench/fleet.py [--quick]

The database named in DATABASE_URL is dropped and recreated for each worker count (use one of
your own); each run has queues of its own in the Redis database.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.fleet_link import link  # noqa: E402
from bench.fleet_stats import (  # noqa: E402
    CpuSampler,
    calls_floor_per_hour,
    cpu_delta,
    percentile,
    ratio_line,
)
from bench.stack import free_port, recreate_database  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ll_fleet_bench"
#: Per account: invoices, contacts and payments in these shares of --records.
MIX = {"invoices": 0.6, "contacts": 0.25, "payments": 0.15}
CHANGED = {"invoice": ("Invoices", "Invoice"), "contact": ("Contacts", "Customer")}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--xero-orgs", type=int, default=None, help="1,800 (--quick: 180)")
    p.add_argument(
        "--qbo-companies",
        type=int,
        default=None,
        help="QuickBooks companies mixed in (each a copy of the demo company + bulk invoices; "
        "200, --quick: 20)",
    )
    p.add_argument("--records", type=int, default=None, help="per account (300; --quick: 200)")
    p.add_argument("--workers", default=None, help="worker process counts, one run each (1,2,4)")
    p.add_argument("--seconds", type=float, default=None, help="steady phase (300; --quick: 120)")
    p.add_argument("--change-rate", type=float, default=5.0, help="edits a second, all accounts")
    p.add_argument("--big-account", type=int, default=0, help="records of the fairness account")
    p.add_argument("--per-consent", type=int, default=400, help="organisations a Xero consent")
    p.add_argument("--frequency", type=int, default=15, help="SYNC_FREQUENCY_MINUTES")
    p.add_argument("--tick-seconds", type=float, default=30.0, help="SYNC_TICK_SECONDS")
    p.add_argument("--sync-timeout", type=float, default=3600, help="for the initial syncs")
    p.add_argument("--quick", action="store_true", help="200 organisations, 2 workers, 120 s")
    args = p.parse_args(argv)
    # --quick changes the defaults only: what is given explicitly stays
    defaults = {"xero_orgs": 1800, "qbo_companies": 200, "records": 300, "seconds": 300.0}
    if args.quick:
        defaults = {"xero_orgs": 180, "qbo_companies": 20, "records": 200, "seconds": 120.0}
        args.workers = args.workers or "2"
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    args.worker_counts = [int(n) for n in (args.workers or "1,2,4").split(",") if n.strip()]
    return args


def mix(records: int) -> dict[str, int]:
    return {kind: int(records * share) for kind, share in MIX.items()}


def wait_up(base: str, timeout: float) -> bool:
    """True once the gateway's `/healthz` answers (slow answers while it warms up are waited)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base}/healthz", timeout=10).status_code in (200, 503):
                return True
        except requests.RequestException:
            pass
        time.sleep(0.5)
    return False


# -- the processes ---------------------------------------------------------------------------
class Stack:
    """The sandboxes (started once, kept across runs) and per run gunicorn and the workers."""

    def __init__(self, args: argparse.Namespace, db_url: str, redis_url: str) -> None:
        from tests.plugins.quickbooks_sandbox import QuickBooksSandbox
        from tests.plugins.quickbooks_sandbox import _start as start_quickbooks
        from tests.plugins.sandbox import XeroSandbox
        from tests.plugins.sandbox import _start as start_xero

        self.args, self.db_url, self.redis_url = args, db_url, redis_url
        self.workdir = Path(tempfile.mkdtemp(prefix="ledgerlink-fleet-"))
        self.processes: list[subprocess.Popen] = []
        process, url = start_xero(self.workdir / "xero.sqlite3", self.workdir / "xero.log")
        self.processes.append(process)
        self.xero = XeroSandbox(url)
        self.qbo = None
        if args.qbo_companies:
            process, url = start_quickbooks(self.workdir / "qbo.sqlite3", self.workdir / "qbo.log")
            self.processes.append(process)
            self.qbo = QuickBooksSandbox(url)
        self.web: subprocess.Popen | None = None
        self.workers: list = []
        self.base = ""

    def provider_settings(self) -> dict:
        """The gateway's providers at the sandboxes, with the connectors' own (real) limits."""
        x = self.xero
        settings = {
            "xero": {
                "client_id": x.client_id,
                "client_secret": x.client_secret,
                "authorize_url": x.authorize_url,
                "token_url": x.token_url,
                "revoke_url": x.revocation_url,
                "connections_url": x.connections_url,
                "api_url": x.api_url,
                "webhook_key": x.webhook_key,
            }
        }
        if self.qbo is not None:
            settings["quickbooks"] = self.qbo.provider_settings()
        return settings

    def start_web(self, env: dict[str, str]) -> None:
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        web_env = {
            **os.environ,
            **env,
            "PUBLIC_BASE_URL": self.base,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
        self.web = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "gateway.wsgi", "--bind", f"127.0.0.1:{port}",
                "--workers", "2", "--timeout", "600", "--log-level", "warning",
            ],
            cwd=ROOT,
            env=web_env,
            stdout=subprocess.DEVNULL,
            stderr=(self.workdir / "gunicorn.log").open("a"),
        )  # fmt: skip
        if not wait_up(self.base, timeout=120):
            raise RuntimeError(f"gateway did not start: {self.workdir / 'gunicorn.log'}")

    def start_workers(self, count: int, queue: str, provider: dict) -> None:
        from tests.gateway.sync.worker import Worker

        self.workers = [
            Worker(
                database_url=self.db_url,
                broker_url=self.redis_url,
                queue=queue,  # consumes every queue of gateway.queues.queue_names()
                provider_settings=provider,
                log_dir=self.workdir,
                concurrency=1,
                pool="solo",
                name=f"fleet{i}",
                env={
                    # the production default (the worker tests use 0): the backends live
                    # on, so their CPU can be read while they run
                    "DATABASE_CONN_MAX_AGE": "60",
                    "SYNC_FREQUENCY_MINUTES": str(self.args.frequency),
                    "SYNC_TICK_SECONDS": str(self.args.tick_seconds),
                },
            ).start()
            for i in range(count)
        ]

    def stop_run(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.workers = []
        if self.web is not None:
            self.web.terminate()
            self.web.wait(timeout=20)
            self.web = None

    def close(self) -> None:
        self.stop_run()
        for process in self.processes:
            process.terminate()


# -- the sandboxes' books --------------------------------------------------------------------
def seed(stack: Stack, args: argparse.Namespace) -> None:
    counts = mix(args.records)
    print(
        f"== seeding {args.xero_orgs} Xero organisations "
        f"({counts['invoices']} invoices, {counts['contacts']} contacts, "
        f"{counts['payments']} payments each)",
        flush=True,
    )
    answer = requests.post(
        f"{stack.xero.base_url}/_sandbox/fleet",
        json={"organisations": args.xero_orgs, **counts},
        timeout=3600,
    ).json()
    print(f"   {answer['organisations']} organisations in {answer['seconds']:.1f}s", flush=True)
    if args.big_account:
        big = mix(args.big_account)
        answer = requests.post(
            f"{stack.xero.base_url}/_sandbox/fleet",
            json={"organisations": args.xero_orgs + 1, **big},
            timeout=3600,
        ).json()
        print(f"   the big organisation ({args.big_account} records) in {answer['seconds']:.1f}s")
    if stack.qbo is not None:
        answer = requests.post(
            f"{stack.qbo.base_url}/_sandbox/fleet",
            json={"companies": args.qbo_companies, "invoices": int(args.records * MIX["invoices"])},
            timeout=3600,
        ).json()
        print(
            f"   {answer['companies']} QuickBooks companies (the demo company's books + "
            f"{int(args.records * MIX['invoices'])} invoices each) in {answer['seconds']:.1f}s",
            flush=True,
        )
    print("   sandbox limits: xero " + json.dumps(stack.xero.control._call("GET", "/limits")))
    if stack.qbo is not None:
        print("   quickbooks " + json.dumps(stack.qbo.control._call("GET", "/limits")))


def xero_tenants(count: int, first: int = 1) -> list[str]:
    return [f"fleet-{i:05d}" for i in range(first, first + count)]


def counters(stack: Stack) -> dict[str, int]:
    """API calls and real 429s each sandbox counted since its counters were reset."""
    x = stack.xero.control.counters()
    out = {
        "xero_calls": sum(n for k, n in x["endpoints"].items() if " /api.xro/" in k),
        "xero_429": int(x["rate_limited_total"]),
    }
    if stack.qbo is not None:
        q = stack.qbo.control.counters()
        out["qbo_calls"] = sum(q["requests"].values())
        out["qbo_429"] = sum(n for k, n in q.get("rate_limited", {}).items() if k != "injected")
    return out


# -- the scheduler tick, from outside ---------------------------------------------------------
class Ticker:
    """Calls `services.tick()` every `interval` seconds (as `celery beat` would queue it) and
    records each call's duration, queries and outcome beside the fleet's size."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.rows: list[dict] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def once(self) -> dict:
        from django.db import connection

        from gateway.accounts.models import LinkedAccount
        from gateway.sync import services

        accounts = LinkedAccount.objects.count()
        queries = [0]

        def count(execute, sql, params, many, context):
            queries[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            started = time.perf_counter()
            outcome = services.tick()
            seconds = time.perf_counter() - started
        row = {
            "at": time.monotonic(),
            "accounts": accounts,
            "seconds": seconds,
            "queries": queries[0],
            **outcome,
        }
        self.rows.append(row)
        return row

    def start(self) -> Ticker:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=60)

    def _run(self) -> None:
        from django.db import connections

        while not self._stop.wait(self.interval):
            try:
                self.once()
            except Exception as exc:  # shown; the run goes on
                print(f"   tick failed: {exc}", flush=True)
            finally:
                connections.close_all()


# -- one run ---------------------------------------------------------------------------------
def fresh_database(db_url: str) -> None:
    """Drop, create and migrate the database (each run's queues are its own: see `run`)."""
    from django.core.management import call_command
    from django.db import connections

    connections.close_all()
    recreate_database(db_url)
    call_command("migrate", verbosity=0)


def xero_consent(x, tenants: list[str]):
    """The end user at Xero's consent page, ticking ``tenants`` (the sandbox's control plane
    records the consent as the page would) → the redirect back to the gateway."""

    def consent(params: dict) -> str:
        return x.control.authorize(
            client_id=x.client_id,
            redirect_uri=params["redirect_uri"],
            scope=params["scope"],
            tenants=tenants,
            state=params["state"],
            code_challenge=params["code_challenge"],
            code_challenge_method=params.get("code_challenge_method", "S256"),
        )["redirect_url"]

    return consent


def link_fleet(stack: Stack, args: argparse.Namespace, api_key: str, ticker: Ticker) -> None:
    """Every account, linked over HTTP; a tick measured after each consent."""
    tenants = xero_tenants(args.xero_orgs)
    started = time.perf_counter()
    for n, i in enumerate(range(0, len(tenants), args.per_consent)):
        chunk = tenants[i : i + args.per_consent]
        link(stack.base, api_key, "xero", f"practice-{n}", xero_consent(stack.xero, chunk))
        row = ticker.once()
        print(
            f"   linked {i + len(chunk)} Xero organisations "
            f"({time.perf_counter() - started:.0f}s); "
            f"tick at {row['accounts']} accounts: {row['seconds'] * 1000:.0f} ms, "
            f"{row['queries']} queries",
            flush=True,
        )
    if stack.qbo is not None:
        q = stack.qbo
        for index in range(1, args.qbo_companies + 1):
            company = f"fleet-{index:05d}"

            def consent(params: dict, company=company) -> str:
                return q.authorize(
                    company,
                    redirect_uri=params["redirect_uri"],
                    scope=params["scope"],
                    state=params["state"],
                    code_challenge=params["code_challenge"],
                )["redirect_url"]

            link(stack.base, api_key, "quickbooks", f"qbo-{company}", consent)
            if index % 50 == 0 or index == args.qbo_companies:
                row = ticker.once()
                print(
                    f"   linked {index} QuickBooks companies "
                    f"({time.perf_counter() - started:.0f}s); tick at {row['accounts']} "
                    f"accounts: {row['seconds'] * 1000:.0f} ms, {row['queries']} queries",
                    flush=True,
                )
    print(f"   linking took {time.perf_counter() - started:.1f}s", flush=True)


def wait_all_synced(expected: int, timeout: float, started: float) -> float | None:
    """Seconds (from `started`) until every account's first sync ended (succeeded, or failed:
    a failed one is retried by the tick after 15 minutes, so the wait ends there and the
    failures are reported); None: timed out."""
    from gateway.records.models import Record
    from gateway.sync.models import AccountState, AccountSync, SyncRun

    last_print = 0.0
    while True:
        states = Counter(AccountSync.objects.values_list("state", flat=True))
        done = AccountSync.objects.filter(last_success_at__isnull=False).count()
        now = time.perf_counter()
        failed = states.get(AccountState.FAILED, 0)
        if done >= expected or (done + failed >= expected and failed):
            if failed:
                errors = Counter(
                    SyncRun.objects.filter(status="failed").values_list("error", flat=True)
                )
                print(f"   {failed} accounts' first sync FAILED: {dict(errors.most_common(3))}")
            return now - started
        if now - last_print >= 15:
            last_print = now
            print(
                f"   {now - started:5.0f}s: {done}/{expected} synced, "
                f"{Record.objects.count()} records; states {dict(states)}",
                flush=True,
            )
        if now - started > timeout:
            print(f"   timed out; failed: {states.get(AccountState.FAILED, 0)}")
            return None
        time.sleep(2)


def stagger_schedule(frequency: int) -> int:
    """Spread every account's next incremental sync over one frequency period, as a fleet in
    its steady state has them (they were all linked within minutes)."""
    from django.utils import timezone

    from gateway.sync.models import AccountSync

    now = timezone.now()
    rows = list(AccountSync.objects.all())
    rng = random.Random(21)
    for sync in rows:
        sync.next_sync_at = now + timedelta(seconds=rng.uniform(0, frequency * 60))
    AccountSync.objects.bulk_update(rows, ["next_sync_at"], batch_size=1000)
    return len(rows)


class Changer:
    """Edits records in the sandboxes at `rate` a second, spread over the accounts; remembers
    when each edit was made (wall clock, after the sandbox answered)."""

    def __init__(self, stack: Stack, targets: list[tuple], rate: float) -> None:
        self.stack, self.targets, self.rate = stack, targets, rate
        self.made: list[tuple] = []  # (account_id, model, remote_id, at)
        self.failed = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> Changer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        rng = random.Random(4)
        http = requests.Session()
        interval = 1.0 / self.rate
        due = time.monotonic()
        n = 0
        while not self._stop.is_set():
            account_id, provider, tenant, model, remote_id = rng.choice(self.targets)
            n += 1
            if provider == "xero":
                collection = CHANGED[model][0]
                field = "Reference" if model == "invoice" else "EmailAddress"
                value = f"fleet {n}" if model == "invoice" else f"fleet{n}@bench.example"
                url = (
                    f"{self.stack.xero.base_url}/_sandbox/tenants/{tenant}/{collection}/{remote_id}"
                )
                answer = http.patch(url, params={"raw": "true"}, json={field: value}, timeout=30)
            else:
                entity = CHANGED[model][1]
                url = f"{self.stack.qbo.base_url}/_sandbox/companies/{tenant}/{entity}/{remote_id}"
                answer = http.patch(url, json={"PrivateNote": f"fleet {n}"}, timeout=30)
            if answer.status_code == 200:
                self.made.append((account_id, model, remote_id, time.time()))
            else:
                self.failed += 1
            due += interval
            self._stop.wait(max(due - time.monotonic(), 0))


def change_targets(args: argparse.Namespace, exclude: set) -> list[tuple]:
    """Per account a few invoices and contacts it holds (QuickBooks: invoices)."""
    from gateway.accounts.models import LinkedAccount
    from gateway.records.models import Record

    targets = []
    accounts = {a.pk: a for a in LinkedAccount.objects.exclude(pk__in=exclude)}
    rows = Record.objects.filter(
        linked_account_id__in=list(accounts), model__in=["invoice", "contact"]
    ).values_list("linked_account_id", "model", "remote_id")
    per: Counter = Counter()
    for account_id, model, remote_id in rows.iterator():
        account = accounts[account_id]
        if account.provider == "quickbooks" and (model != "invoice" or ":" in remote_id):
            continue
        if per[(account_id, model)] >= 5:
            continue
        per[(account_id, model)] += 1
        targets.append((account_id, account.provider, account.tenant_id, model, remote_id))
    return targets


def lags(made: list[tuple], since) -> tuple[list[float], int]:
    """Seconds from each edit to the first event for it stored after it; and how many edits
    have no event yet."""
    from gateway.events.models import Event

    first: dict[tuple, list[float]] = {}
    events = Event.objects.filter(
        created_at__gte=since, type__in=["invoice.updated", "contact.updated"]
    ).values_list("linked_account_id", "type", "data", "created_at")
    for account_id, kind, data, created in events.iterator():
        key = (account_id, kind.split(".")[0], json.loads(data).get("remote_id"))
        first.setdefault(key, []).append(created.timestamp())
    out, pending = [], 0
    for account_id, model, remote_id, at in made:
        after = [t for t in first.get((account_id, model, remote_id), []) if t >= at]
        if after:
            out.append(min(after) - at)
        else:
            pending += 1
    return out, pending


def fmt_s(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}s"


def run(stack: Stack, args: argparse.Namespace, workers: int, first_run: bool) -> dict:
    from bench.stack import setup_django

    queue = f"fleet-{uuid.uuid4().hex[:8]}"
    provider = stack.provider_settings()
    extra = {
        "SYNC_FREQUENCY_MINUTES": str(args.frequency),
        "SYNC_TICK_SECONDS": str(args.tick_seconds),
    }
    if first_run:
        env = setup_django(stack.db_url, stack.redis_url, queue, provider, **extra)
    else:
        env = {**stack.env, "LEDGERLINK_TEST_QUEUE": queue}
        os.environ.update(env)
    from django.conf import settings

    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    from gateway.queues import task_routes

    settings.CELERY_TASK_ROUTES = task_routes(prefix=f"{queue}-")
    from gateway.celery import app

    app.conf.update(
        task_always_eager=False,
        broker_url=stack.redis_url,
        task_default_queue=queue,
        task_routes=settings.CELERY_TASK_ROUTES,
    )
    stack.env = env
    fresh_database(stack.db_url)
    from django.db.models import Count

    from gateway.accounts.models import LinkedAccount
    from gateway.customers.services import create_customer
    from gateway.records.models import Record
    from gateway.sync.models import AccountSync, RunTrigger, SyncRun

    print(f"\n==== {workers} worker process(es)", flush=True)
    stack.xero.control.reset_counters()
    if stack.qbo is not None:
        stack.qbo.control.reset_counters()
    stack.start_web(env)
    stack.start_workers(workers, queue, provider)
    _, key = create_customer(f"Fleet {workers}", ["https://bench.example/done"])
    sampler = CpuSampler(stack.db_url.rsplit("/", 1)[1], interval=5.0).start()
    ticker = Ticker(args.tick_seconds)
    result: dict = {"workers": workers}
    try:
        print("== linking through the control plane", flush=True)
        cpu0 = sampler.read()
        t0 = time.perf_counter()
        m0 = time.monotonic()
        link_fleet(stack, args, key, ticker)
        expected = LinkedAccount.objects.count()
        ticker.start()
        print(f"== initial full syncs of {expected} accounts", flush=True)
        took = wait_all_synced(expected, args.sync_timeout, t0)
        cpu1 = sampler.read()
        records = Record.objects.count()
        initial = cpu_delta(cpu0, cpu1)
        result["failed"] = AccountSync.objects.filter(state="failed").count()
        calls0 = counters(stack)
        result.update(
            accounts=expected,
            records=records,
            synced_in=took,
            records_per_s=records / took if took else 0.0,
            accounts_per_s=expected / took if took else 0.0,
            initial_cpu=initial,
            initial_shares=sampler.shares(since=m0),
            initial_calls=calls0,
        )
        if took is None:
            return result
        print(
            f"   every account synced {took:.1f}s after the first link: {records} records "
            f"({records / took:.0f}/s), {expected / took:.1f} accounts/s; provider calls "
            + ", ".join(f"{k} {v}" for k, v in calls0.items()),
            flush=True,
        )
        worker_cpu = initial.get("celery workers", 0.0)
        pg_cpu = initial.get("postgresql", 0.0)
        print(
            f"   CPU per 1,000 records stored: workers {worker_cpu / records * 1000:.2f}s, "
            f"PostgreSQL {pg_cpu / records * 1000:.2f}s"
        )
        result["worker_cpu_per_1000"] = worker_cpu / records * 1000
        result["pg_cpu_per_1000"] = pg_cpu / records * 1000

        # -- the steady phase ------------------------------------------------------------------
        from django.utils import timezone

        staggered = stagger_schedule(args.frequency)
        big_ids: set = set()
        targets = change_targets(args, exclude=set())
        print(
            f"== steady phase: {args.seconds:.0f}s, {args.change_rate}/s edits over "
            f"{len({t[0] for t in targets})} accounts; {staggered} accounts' next syncs spread "
            f"over {args.frequency} min",
            flush=True,
        )
        stack.xero.control.reset_counters()
        if stack.qbo is not None:
            stack.qbo.control.reset_counters()
        since = timezone.now()
        cpu2 = sampler.read()
        m2 = time.monotonic()
        records2 = Record.objects.count()
        changer = Changer(stack, targets, args.change_rate).start()
        if args.big_account:
            tenant = f"fleet-{args.xero_orgs + 1:05d}"
            link(stack.base, key, "xero", "big", xero_consent(stack.xero, [tenant]))
            big_ids = set(
                LinkedAccount.objects.filter(end_user_id="big").values_list("pk", flat=True)
            )
            print(f"   linked the big organisation ({args.big_account} records)", flush=True)
        deadline = time.monotonic() + args.seconds
        while time.monotonic() < deadline:
            time.sleep(min(15, max(deadline - time.monotonic(), 0)))
            runs = SyncRun.objects.filter(queued_at__gte=since)
            big = (
                SyncRun.objects.filter(linked_account_id__in=big_ids).order_by("-queued_at").first()
            )
            print(
                f"   {time.monotonic() - m2:5.0f}s: {len(changer.made)} edits, "
                f"{runs.filter(status='succeeded').count()} runs done, "
                f"{runs.exclude(status__in=['succeeded', 'failed']).count()} queued/running"
                + (f"; big account {big.status}, {big.records} records" if big else ""),
                flush=True,
            )
        changer.stop()
        cpu3 = sampler.read()
        steady_cpu = cpu_delta(cpu2, cpu3)
        calls = counters(stack)
        hours = args.seconds / 3600
        lag, pending = lags(changer.made, since)
        others = SyncRun.objects.filter(
            queued_at__gte=since, trigger=RunTrigger.SCHEDULE, started_at__isnull=False
        ).exclude(linked_account_id__in=big_ids)
        waits = [(r.started_at - r.queued_at).total_seconds() for r in others]
        durations = [
            (r.finished_at - r.started_at).total_seconds()
            for r in others
            if r.finished_at is not None
        ]
        from gateway.sync.services import sync_models

        models = {
            a.provider: len(sync_models(a))
            for a in LinkedAccount.objects.order_by("provider").distinct("provider")
        }
        providers = dict(
            LinkedAccount.objects.exclude(pk__in=big_ids)
            .values("provider")
            .annotate(n=Count("pk"))
            .values_list("provider", "n")
        )
        done = others.filter(status="succeeded").values_list("linked_account__provider", "calls")
        incremental = [calls / models[provider] for provider, calls in done]
        passes = len(incremental)
        big_calls = sum(
            SyncRun.objects.filter(linked_account_id__in=big_ids).values_list("calls", flat=True)
        )
        total_calls = calls["xero_calls"] + calls.get("qbo_calls", 0) - big_calls
        accounts = sum(providers.values())
        per_hour = total_calls / accounts / hours if hours else 0.0
        # the fleet's floor: each account's models, weighted by the accounts of each provider
        floor = sum(
            calls_floor_per_hour(models[p], args.frequency) * n for p, n in providers.items()
        ) / max(accounts, 1)
        expected_passes = accounts * args.seconds / (args.frequency * 60)
        ticks = [r for r in ticker.rows if r["at"] >= m2]
        big_run = (
            SyncRun.objects.filter(linked_account_id__in=big_ids, mode="full")
            .order_by("queued_at")
            .first()
        )
        during = []
        if big_run is not None and big_run.started_at is not None:
            end = big_run.finished_at or timezone.now()
            during = [
                (r.started_at - r.queued_at).total_seconds()
                for r in others
                if big_run.started_at <= r.queued_at <= end
            ]
            result["big"] = {
                "status": big_run.status,
                "records": big_run.records,
                "calls": big_run.calls,
                "seconds": (end - big_run.started_at).total_seconds(),
                "waits_during": during,
            }
        result.update(
            lag=lag,
            pending=pending,
            edits=len(changer.made),
            edit_failures=changer.failed,
            waits=waits,
            durations=durations,
            passes=passes,
            calls_per_pass=(sum(incremental) / passes) if passes else None,
            providers=providers,
            big_calls=big_calls,
            models=models,
            calls=calls,
            calls_per_account_hour=per_hour,
            floor_per_hour=floor,
            expected_passes=expected_passes,
            steady_cpu=steady_cpu,
            steady_shares=sampler.shares(since=m2),
            ticks=ticker.rows,
            steady_ticks=ticks,
            records_steady=Record.objects.count() - records2,
        )
        print_steady(result, args)
        return result
    finally:
        ticker.stop()
        sampler.stop()
        stack.stop_run()


def print_steady(r: dict, args: argparse.Namespace) -> None:
    lag, waits = r["lag"], r["waits"]
    print(
        f"   sync lag (edit in the sandbox → its event stored), {len(lag)} edits synced: "
        f"p50 {fmt_s(percentile(lag, 0.5))}, p99 {fmt_s(percentile(lag, 0.99))}, max "
        f"{fmt_s(max(lag) if lag else None)}; {r['pending']} edits not synced yet (their "
        f"account's next pass is still ahead: lag is bounded by the {args.frequency}-minute "
        f"frequency); {r['edit_failures']} edits refused"
    )
    print(
        f"   scheduled runs: {r['passes']} incremental passes done (expected at the frequency "
        f"{r['expected_passes']:.0f}); queue wait p50 {fmt_s(percentile(waits, 0.5))}, p99 "
        f"{fmt_s(percentile(waits, 0.99))}, max {fmt_s(max(waits) if waits else None)}; "
        f"run p50 {fmt_s(percentile(r['durations'], 0.5))}"
    )
    per_pass = r["calls_per_pass"]
    print(
        f"   provider calls: {r['calls']} ({r['big_calls']} of them the big account's); per "
        f"account per hour {r['calls_per_account_hour']:.1f} (floor "
        f"{r['floor_per_hour']:.1f}: one call per model per pass, models {r['models']}, "
        f"{60 / args.frequency:.0f} passes an hour, accounts {r['providers']}); an incremental "
        "pass took "
        + (f"{per_pass:.2f}" if per_pass is not None else "-")
        + f" calls per model; 429s: xero {r['calls']['xero_429']}"
        + (f", quickbooks {r['calls']['qbo_429']}" if "qbo_429" in r["calls"] else "")
        + " (target 0)"
    )
    big = r.get("big")
    if big:
        during = big["waits_during"]
        print(
            f"   fairness: the big account's full sync {big['status']} after "
            f"{big['seconds']:.0f}s ({big['records']} records, {big['calls']} calls); "
            f"{len(during)} other accounts' scheduled runs queued meanwhile waited p50 "
            f"{fmt_s(percentile(during, 0.5))}, p99 {fmt_s(percentile(during, 0.99))}, max "
            f"{fmt_s(max(during) if during else None)} (their frequency: {args.frequency} min)"
        )
    ticks = r["steady_ticks"]
    if ticks:
        worst = max(ticks, key=lambda t: t["seconds"])
        print(
            f"   tick at {worst['accounts']} accounts: median "
            f"{percentile([t['seconds'] for t in ticks], 0.5) * 1000:.0f} ms, worst "
            f"{worst['seconds'] * 1000:.0f} ms ({worst['queries']} queries, scheduled "
            f"{worst['scheduled']}); queries median "
            f"{percentile([t['queries'] for t in ticks], 0.5)} (target < 1 s)"
        )
    print_cpu("steady phase", r["steady_cpu"], r["steady_shares"], args.seconds)


def print_cpu(label: str, spent: dict, shares: dict, seconds: float) -> None:
    print(f"   CPU, {label} (seconds; mean / peak cores over 5-s samples):")
    for part in sorted(spent, key=lambda p: -spent[p]):
        mean, peak = shares.get(part, (0.0, 0.0))
        print(f"     {part:<24}{spent[part]:>9.1f}s   {mean:>5.2f} / {peak:>5.2f}")


def summary(results: list[dict], args: argparse.Namespace) -> None:
    print("\n==== summary")
    print(
        f"{'workers':>7}{'accounts':>9}{'records':>9}{'synced in':>11}{'records/s':>10}"
        f"{'wCPU/1k':>9}{'pgCPU/1k':>9}{'lag p50':>9}{'lag p99':>9}{'wait p99':>9}"
        f"{'calls/acct/h':>13}{'429s':>6}{'tick ms':>8}{'tick q':>7}"
    )
    for r in results:
        ticks = r.get("steady_ticks") or r.get("ticks") or []
        tick_ms = max((t["seconds"] for t in ticks), default=0) * 1000
        tick_q = max((t["queries"] for t in ticks), default=0)
        c = r.get("calls", {})
        print(
            f"{r['workers']:>7}{r.get('accounts', 0):>9}{r.get('records', 0):>9}"
            f"{fmt_s(r.get('synced_in')):>11}{r.get('records_per_s', 0):>10.0f}"
            f"{r.get('worker_cpu_per_1000', 0):>9.2f}{r.get('pg_cpu_per_1000', 0):>9.2f}"
            f"{fmt_s(percentile(r.get('lag', []), 0.5)):>9}"
            f"{fmt_s(percentile(r.get('lag', []), 0.99)):>9}"
            f"{fmt_s(percentile(r.get('waits', []), 0.99)):>9}"
            f"{r.get('calls_per_account_hour', 0):>13.1f}"
            f"{c.get('xero_429', 0) + c.get('qbo_429', 0):>6}{tick_ms:>8.0f}{tick_q:>7}"
        )
        print_cpu(
            f"initial syncs, {r['workers']} worker(s)",
            r.get("initial_cpu", {}),
            r.get("initial_shares", {}),
            r.get("synced_in") or 0,
        )
    if len(results) > 1:
        print(ratio_line("initial sync throughput (records/s) vs 1 worker",
                         {r["workers"]: r.get("records_per_s", 0) for r in results}))  # fmt: skip
    rows = sorted({(t["accounts"], t["seconds"], t["queries"]) for t in results[0]["ticks"]})
    if rows:
        print("tick as the fleet grows (first run): accounts, ms, queries")
        for accounts, seconds, queries in rows[:: max(1, len(rows) // 12)]:
            print(f"   {accounts:>6} {seconds * 1000:>8.0f} {queries:>7}")


def main() -> int:
    args = parse_args()
    db_url = os.environ.get("DATABASE_URL") or DEFAULT_DB
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/4"
    if not db_url.startswith(("postgres://", "postgresql://")):
        print("bench/fleet.py needs DATABASE_URL=postgres://…")
        return 2
    # SIGTERM ends the run like Ctrl-C: the sandboxes, gunicorn and the workers are stopped.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    stack = Stack(args, db_url, redis_url)
    results = []
    try:
        seed(stack, args)
        for n, workers in enumerate(args.worker_counts):
            results.append(run(stack, args, workers, first_run=n == 0))
    finally:
        stack.close()
    summary(results, args)
    bad = sum(r.get("calls", {}).get("xero_429", 0) + r.get("calls", {}).get("qbo_429", 0)
              for r in results)  # fmt: skip
    return 0 if all(r.get("synced_in") for r in results) and not bad else 3


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark: a full sync of a large Xero organisation, sandbox → Celery worker → PostgreSQL;
then what an incremental sync with no change costs per model, on Xero and on QuickBooks.

Seeds the sandbox with 100,000 invoices (3 line items each), 10,000 contacts and 20,000
payments, links the organisation, runs one full sync in a real `celery -A gateway worker`
(Redis broker, solo pool) and prints records/s per model and end to end, the provider calls
per model (target: one per 1,000 records, at least one), and the worker's peak memory (target
< 300 MB).

Then, with nothing changed at the provider, it runs incremental syncs right after the full one
and counts the provider calls of each model with the sandbox's own counters: one incremental
sync of each model alone (counters reset before each, so every call is that model's), and one
incremental sync of every model, whose total must be the sum. The floor is one call per model
(a pass has to ask the provider whether anything changed); the figure for the reference models
(company_info, tax_rate, account, tracking_category, item) is "at most one provider call per
model". The same is measured on the QuickBooks sandbox's demo company (plus
`--qbo-invoices` bulk invoices), whose models read several entities or a companion.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ledgerlink_syncbench \\
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/sync.py [--invoices N ...]

The database named in DATABASE_URL is dropped and recreated. The sandboxes' rate limits are
raised for the run (the real Xero allows 60 calls a minute per organisation).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ledgerlink_syncbench"
#: The models the catalogue added in issue 14 (served from reference data).
REFERENCE_MODELS = ("company_info", "tax_rate", "account", "tracking_category", "item")
_FROM = re.compile(r"\bFROM\s+(\w+)", re.IGNORECASE)
#: The QuickBooks connector's reads of the payments applying credit notes (their ``applied_to``),
#: counted with the credit notes rather than the payments.
_CREDIT_JOIN = re.compile(
    r"\bFROM\s+(Payment|BillPayment)\s+WHERE\s+(CustomerRef|VendorRef)\s*=", re.IGNORECASE
)

from bench.stack import link_sandbox_account, setup_django, xero_settings  # noqa: E402


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--invoices", type=int, default=100_000)
    p.add_argument("--contacts", type=int, default=10_000)
    p.add_argument("--payments", type=int, default=20_000)
    p.add_argument("--qbo-invoices", type=int, default=2_500)
    p.add_argument("--no-quickbooks", action="store_true", help="skip the QuickBooks part")
    p.add_argument("--timeout", type=float, default=1200)
    return p.parse_args()


def run_sync(account, mode: str, timeout: float, models: list[str] | None = None):
    """Queue a sync of `account` and wait for it; the finished SyncRun (None: timed out)."""
    from gateway.sync import services
    from gateway.sync.models import RunTrigger, SyncRun

    started = time.perf_counter()
    run = services.request_sync(account, mode, RunTrigger.API, models=models)
    while True:
        run = SyncRun.objects.get(pk=run.pk)
        if run.status in ("succeeded", "failed"):
            return run
        if time.perf_counter() - started > timeout:
            return None
        time.sleep(0.1)


def xero_calls(counters: dict, model: str) -> dict[str, int]:
    """The Xero sandbox's calls for `model`'s resource: {endpoint: calls}."""
    from connectors.xero.spec import RESOURCES

    spec = RESOURCES[model]
    return {
        endpoint: n
        for endpoint, n in counters["endpoints"].items()
        for source in spec.sources
        if endpoint == f"GET /api.xro/2.0/{source.path}"
        or endpoint.startswith(f"GET /api.xro/2.0/{source.path}/")
    }


def xero_api_calls(counters: dict) -> dict[str, int]:
    """Every accounting API call the Xero sandbox counted (token calls left out)."""
    return {k: n for k, n in counters["endpoints"].items() if " /api.xro/" in k}


def qbo_api_calls(counters: dict) -> dict[str, int]:
    """Every API call the QuickBooks sandbox counted, queries split by entity
    (``query CompanyInfo``, ``preferences``, ``cdc``) and batch calls by what they carried
    (``batch CompanyInfo+Preferences``, ``batch Invoice+Bill+cdc``). Its query and batch logs
    keep the last 500 each."""
    calls: Counter[str] = Counter()
    for kind, n in counters["requests"].items():
        if kind not in ("query", "batch"):
            calls[kind] += n
    for b in counters.get("batches", []):
        calls[batch_key(b["items"])] += 1
    logged = len(counters.get("batches", []))
    if logged != counters["requests"].get("batch", 0):
        calls["batch (not in the sandbox's 500-entry log)"] += (
            counters["requests"].get("batch", 0) - logged
        )
    for q in counters["queries"]:
        found = _FROM.search(q.get("query") or "")
        join = _CREDIT_JOIN.search(q.get("query") or "")
        calls[
            f"credit join {join.group(1)}" if join else f"query {found.group(1) if found else '?'}"
        ] += 1
    if sum(1 for q in counters["queries"]) != counters["requests"].get("query", 0):
        calls["query (not in the sandbox's 500-entry log)"] += counters["requests"].get(
            "query", 0
        ) - len(counters["queries"])
    return dict(calls)


def batch_key(items: list[str]) -> str:
    """``batch Invoice+Bill+cdc`` for a batch call's items (as the sandbox logs them)."""
    if items and all(_CREDIT_JOIN.search(item) for item in items):
        return "batch credit join"
    names = []
    for item in items:
        found = _FROM.search(item)
        names.append(found.group(1) if found else "cdc" if item.startswith("CDCQuery") else "?")
    return "batch " + "+".join(names)


def qbo_model_calls(calls: dict[str, int], model: str) -> dict[str, int]:
    """The calls of `calls` that read `model` (its entities, its companion, its deletion feed,
    and the batch calls carrying them)."""
    from connectors.quickbooks.spec import RESOURCES

    spec = RESOURCES[model]
    mine = {f"query {s.query.entity}" for s in spec.sources if s.query is not None}
    names = {s.query.entity for s in spec.sources if s.query is not None}
    companion = spec.companion
    if companion is not None:
        found = _FROM.search(companion.query or companion.params.get("query", ""))
        mine.add(f"query {found.group(1)}" if found else companion.path)
        mine.add(companion.path)
        if found:
            names.add(found.group(1))
    if spec.deletions is not None:
        names.add("cdc")

    def batch_of_mine(key: str) -> bool:
        parts = set(key.removeprefix("batch ").split("+"))
        return key.startswith("batch ") and parts <= names and bool(parts & names - {"cdc"})

    def credit_join(key: str) -> bool:
        return model == "credit_note" and key.startswith(("credit join ", "batch credit join"))

    return {k: n for k, n in calls.items() if k in mine or batch_of_mine(k) or credit_join(k)}


def incremental_per_model(label, account, models, counters_of, reset, timeout) -> bool:
    """One incremental sync per model alone, then one of every model; prints calls per model
    against the floor (one). False when a sync failed or the total is not the sum."""
    print(f"== {label}: incremental sync right after the full one, nothing changed")
    print(f"{'model':<19}{'calls':>6}{'floor':>6}{'ratio':>7}  provider calls")
    total = 0
    worst_reference = 0
    for model in models:
        reset()
        run = run_sync(account, "incremental", timeout, [model])
        if run is None or run.status != "succeeded":
            print(f"{model}: incremental sync failed: {run and run.error}")
            return False
        calls = counters_of()
        n = sum(calls.values())
        total += n
        if model in REFERENCE_MODELS:
            worst_reference = max(worst_reference, n)
        detail = ", ".join(f"{k} ×{v}" for k, v in sorted(calls.items()))
        mark = " (reference)" if model in REFERENCE_MODELS else ""
        print(f"{model:<19}{n:>6}{1:>6}{n / 1:>7.1f}  {detail}{mark}")
        if n != run.calls:
            print(f"   the gateway counted {run.calls} calls for this run, the sandbox {n}")
    reset()
    run = run_sync(account, "incremental", timeout)
    if run is None or run.status != "succeeded":
        print(f"incremental sync of every model failed: {run and run.error}")
        return False
    whole = sum(counters_of().values())
    print(
        f"every model in one incremental sync: {whole} calls (sum of the above {total}; "
        f"floor {len(models)}, ratio {whole / len(models):.2f}; gateway counted {run.calls})"
    )
    verdict = "met" if worst_reference <= 1 else "NOT met"
    print(
        f"reference models: at most {worst_reference} call(s) per model "
        f"(target: at most one): {verdict}"
    )
    return whole == total


def qbo_link(sandbox, customer):
    """A linked account on the QuickBooks sandbox's US company, with tokens from its consent."""
    from gateway.accounts.models import Grant, LinkedAccount

    tokens, realm = sandbox.connect("us")
    grant = Grant.objects.create(
        customer=customer,
        provider="quickbooks",
        end_user_id="bench-qbo",
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        access_expires_at=datetime.now(UTC) + timedelta(seconds=int(tokens["expires_in"])),
        refreshed_at=datetime.now(UTC),
        scope=tokens.get("scope", ""),
        token_extra=json.dumps({"realm_id": realm}),
    )
    return LinkedAccount.objects.create(
        customer=customer,
        grant=grant,
        provider="quickbooks",
        tenant_id=realm,
        end_user_id="bench-qbo",
    )


def main() -> int:
    args = parse_args()
    db_url = os.environ.get("DATABASE_URL") or DEFAULT_DB
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    if not db_url.startswith(("postgres://", "postgresql://")):
        print("bench/sync.py needs DATABASE_URL=postgres://…")
        return 2
    from tests.plugins.quickbooks_sandbox import QuickBooksSandbox
    from tests.plugins.quickbooks_sandbox import _start as start_quickbooks
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
    processes = [sandbox_process]
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
    qbo = None
    if not args.no_quickbooks:
        qbo_process, qbo_url = start_quickbooks(workdir / "qbo.sqlite3", workdir / "qbo.log")
        processes.append(qbo_process)
        qbo = QuickBooksSandbox(qbo_url)
        qbo.control.reset(invoices=args.qbo_invoices)
        qbo.control.set_limits(minute=100_000, concurrent=10, batch_minute=100_000)
        provider["quickbooks"] = qbo.provider_settings(
            rate_limits={"tenant_per_minute": 100_000, "tenant_concurrent": 10}
        )
    setup_django(db_url, redis_url, queue, provider)

    from gateway.sync.models import ModelCheckpoint
    from gateway.sync.services import sync_models
    from tests.gateway.sync.worker import Worker

    customer, _, account = link_sandbox_account(sandbox, "Bench Co")
    qbo_account = qbo_link(qbo, customer) if qbo is not None else None
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
    ok = True
    try:
        sandbox.control.reset_counters()
        from gateway.celery import app

        app.conf.update(task_always_eager=False, broker_url=redis_url, task_default_queue=queue)
        print("== full sync")
        started = time.perf_counter()
        run = run_sync(account, "full", args.timeout)
        if run is None:
            print("timed out")
            return 1
        elapsed = time.perf_counter() - started
        if run.status != "succeeded":
            print(f"sync failed: {run.error}\n{worker.log()[-3000:]}")
            return 1
        counters = sandbox.control.counters()
        peak = worker.peak_rss_mb()

        models = sync_models(account)
        checkpoints = {c.model: c for c in ModelCheckpoint.objects.filter(linked_account=account)}
        previous = run.started_at
        print(
            f"{'model':<19}{'records':>8}{'seconds':>9}{'records/s':>11}{'calls':>7}{'target':>7}"
        )
        for model in models:
            c = checkpoints[model]
            seconds = (c.last_success_at - previous).total_seconds()
            previous = c.last_success_at
            calls = sum(xero_calls(counters, model).values())
            target = max(math.ceil(c.records_seen / 1000), 1)
            rate = c.records_seen / seconds if seconds > 0 else 0
            print(
                f"{model:<19}{c.records_seen:>8}{seconds:>9.2f}{rate:>11.0f}"
                f"{calls:>7}{target:>7}" + ("" if calls <= target else "  over the target")
            )
            ok = ok and calls <= target
        total = run.records
        invoice_seconds = (
            checkpoints["invoice"].last_success_at - checkpoints["contact"].last_success_at
        ).total_seconds()
        print(
            f"total: {total} records in {elapsed:.1f}s end to end = {total / elapsed:.0f} records/s"
        )
        print(
            f"invoices: {checkpoints['invoice'].records_seen / invoice_seconds:.0f}/s "
            "(target >= 2000)"
        )
        print(f"provider calls: {run.calls} (sandbox saw {sum(xero_api_calls(counters).values())})")
        print(f"peak worker memory: {peak:.0f} MB (target < 300)")

        ok = (
            incremental_per_model(
                "Xero",
                account,
                models,
                lambda: xero_api_calls(sandbox.control.counters()),
                sandbox.control.reset_counters,
                args.timeout,
            )
            and ok
        )

        if qbo is not None and qbo_account is not None:
            qbo_models = sync_models(qbo_account)
            qbo.control.reset_counters()
            print(f"== QuickBooks full sync (demo company + {args.qbo_invoices} invoices)")
            run = run_sync(qbo_account, "full", args.timeout)
            if run is None or run.status != "succeeded":
                print(f"QuickBooks sync failed: {run and run.error}\n{worker.log()[-3000:]}")
                return 1
            calls = qbo_api_calls(qbo.control.counters())
            checkpoints = {
                c.model: c for c in ModelCheckpoint.objects.filter(linked_account=qbo_account)
            }
            print(f"{'model':<19}{'records':>8}{'calls':>7}{'1/1000':>7}  provider calls")
            for model in qbo_models:
                mine = qbo_model_calls(calls, model)
                n = sum(mine.values())
                seen = checkpoints[model].records_seen
                detail = ", ".join(f"{k} ×{v}" for k, v in sorted(mine.items()))
                print(f"{model:<19}{seen:>8}{n:>7}{max(math.ceil(seen / 1000), 1):>7}  {detail}")
            print(f"provider calls: {run.calls} (sandbox saw {sum(calls.values())})")
            print(
                "   (a model of several QuickBooks entities, or with a companion, starts with one "
                "batch call carrying every entity's first page and the companion; a full page "
                "goes on with plain queries)"
            )
            ok = (
                incremental_per_model(
                    "QuickBooks",
                    qbo_account,
                    qbo_models,
                    lambda: qbo_api_calls(qbo.control.counters()),
                    qbo.control.reset_counters,
                    args.timeout,
                )
                and ok
            )
    finally:
        worker.stop()
        for process in processes:
            process.terminate()
    return 0 if ok else 3


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark: a full sync of a large Xero organisation, sandbox → Celery worker → PostgreSQL,
every catalogue model the provider serves; then what an incremental sync with no change costs
per model, on Xero and on QuickBooks.

Seeds the Xero sandbox with 100,000 invoices (3 line items each), 10,000 contacts and 20,000
payments, and a proportionate number of the other documents (credit notes, purchase orders,
manual journals, RECEIVE and SPEND bank transactions, bank transfers; `--credit-notes` …), the
reference data as the demo organisation has it; links the organisation, runs one full sync in a
real `celery -A gateway worker` (Redis broker, solo pool) and prints per model: records,
provider calls, pages, the expected calls (the count the provider's documentation implies for
the model's paging: `ceil(n / page size)` for page-numbered reads, `n // 100 + 1` for Xero's
Journals read by offset, one call for a resource read whole, a QuickBooks batch call and the
query pages after it; see bench/expected_calls.py) and records/s; end to end records/s, the
worker's peak memory (target < 300 MB). The sandbox's own counters check the calls the gateway
counted per model (per provider path; models sharing one are checked together).

Then, with nothing changed at the provider, it runs incremental syncs right after the full one
and counts the provider calls of each model with the sandbox's own counters: one incremental
sync of each model alone (counters reset before each, so every call is that model's), and one
incremental sync of every model, whose total must be the sum. The floor is one call per model
(a pass has to ask the provider whether anything changed); the figure for the reference models
(company_info, tax_rate, account, tracking_category, item) is "at most one provider call per
model". The same is measured on the QuickBooks sandbox's demo company (plus `--qbo-invoices`
bulk invoices and `--qbo-documents` of each other document), whose models read several
entities or a companion; there each model's full sync runs alone, so the sandbox's call log
gives its calls and pages exactly.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ledgerlink_syncbench \\
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/sync.py [--invoices N ...]

Exits 3 when a model takes more calls than expected, the gateway's and the sandbox's counts
disagree, a model did not sync, or the incremental totals disagree. The database named in
DATABASE_URL is dropped and recreated. The sandboxes' rate limits are raised for the run (the
real Xero allows 60 calls a minute per organisation).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ledgerlink_syncbench"
#: The models the catalogue added in issue 14 (served from reference data).
REFERENCE_MODELS = ("company_info", "tax_rate", "account", "tracking_category", "item")
#: The sandboxes' bulk documents (``reset(documents=…)``) and the flag giving each count.
DOCUMENT_FLAGS = {
    "credit_notes": "credit_notes",
    "purchase_orders": "purchase_orders",
    "manual_journals": "journal_entries",
    "bank_transactions": "bank_transactions",
    "expenses": "expenses",
    "bank_transfers": "bank_transfers",
}

from bench.expected_calls import expected_calls, page_size  # noqa: E402
from bench.provider_counts import (  # noqa: E402
    path_groups,
    qbo_api_calls,
    qbo_model_calls,
    qbo_pages,
    xero_api_calls,
    xero_path_calls,
)
from bench.stack import link_sandbox_account, setup_django, xero_settings  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--invoices", type=int, default=100_000)
    p.add_argument("--contacts", type=int, default=10_000)
    p.add_argument("--payments", type=int, default=20_000)
    p.add_argument("--credit-notes", type=int, default=2_000, help="Xero sales credit notes")
    p.add_argument("--purchase-orders", type=int, default=1_000)
    p.add_argument(
        "--journal-entries", type=int, default=1_000, help="Xero manual journals (posted)"
    )
    p.add_argument(
        "--bank-transactions", type=int, default=2_000, help="Xero RECEIVE bank transactions"
    )
    p.add_argument(
        "--expenses", type=int, default=2_000, help="Xero SPEND bank transactions (expenses)"
    )
    p.add_argument("--bank-transfers", type=int, default=500)
    p.add_argument("--qbo-invoices", type=int, default=2_500)
    p.add_argument(
        "--qbo-documents",
        type=int,
        default=1_200,
        help="QuickBooks: this many of each other document (CreditMemo, PurchaseOrder, "
        "JournalEntry, Deposit, Purchase, Transfer)",
    )
    p.add_argument("--no-quickbooks", action="store_true", help="skip the QuickBooks part")
    p.add_argument("--timeout", type=float, default=1200)
    return p.parse_args(argv)


def xero_documents(args: argparse.Namespace) -> dict[str, int]:
    """The Xero sandbox's bulk document counts from the flags."""
    return {kind: getattr(args, flag) for kind, flag in DOCUMENT_FLAGS.items()}


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


def incremental_per_model(label, account, models, counters_of, reset, timeout) -> bool:
    """One incremental sync per model alone, then one of every model; prints calls per model
    against the floor (one). False when a sync failed, the whole run took more calls than the
    models alone, or the gateway's count and the sandbox's differ."""
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
    if whole < total:
        print(
            f"   ({total - whole} fewer than the sum: a companion read whole by an earlier model "
            "of the same run is not read again, e.g. Xero's chart of accounts for the items)"
        )
    verdict = "met" if worst_reference <= 1 else "NOT met"
    print(
        f"reference models: at most {worst_reference} call(s) per model "
        f"(target: at most one): {verdict}"
    )
    return whole <= total and whole == run.calls


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


def _not_served(models: list[str], provider: str) -> None:
    from unified_models import CATALOGUE

    for entry in CATALOGUE:
        if entry.name not in models:
            print(f"{entry.name:<27}not served by {provider}")


def xero_full_sync_table(account, run, counters: dict, models: list[str]) -> tuple[bool, dict]:
    """Per model: records, calls (the gateway's count), pages, expected calls, records/s;
    the sandbox's per-path counts checked against the gateway's. (ok, seconds per model)"""
    from gateway.accounts.connections import provider_for
    from gateway.sync.models import ModelCheckpoint

    resources = provider_for(account).resources
    checkpoints = {c.model: c for c in ModelCheckpoint.objects.filter(linked_account=account)}
    print(
        f"{'model':<27}{'records':>8}{'calls':>7}{'pages':>7}{'expected':>9}{'page':>6}"
        f"{'seconds':>9}{'records/s':>11}"
    )
    ok = True
    previous = run.started_at
    seconds: dict[str, float] = {}
    read_whole: set[str] = set()
    for model in models:
        c = checkpoints.get(model)
        if c is None or c.state != "done" or c.last_success_at is None:
            state = f"{c.state} {c.last_error}" if c else "no checkpoint"
            print(f"{model:<27}not synced: {state}")
            ok = False
            continue
        spec = resources[model]
        seconds[model] = (c.last_success_at - previous).total_seconds()
        previous = c.last_success_at
        expected = expected_calls(spec, [c.records_seen], companions_read=frozenset(read_whole))
        if all(page_size(s) is None for s in spec.sources):
            read_whole |= {s.path for s in spec.sources}
        calls = c.calls_today
        size = page_size(spec)
        rate = c.records_seen / seconds[model] if seconds[model] > 0 else 0
        print(
            f"{model:<27}{c.records_seen:>8}{calls:>7}{calls:>7}{expected:>9}"
            f"{size or 'whole':>6}{seconds[model]:>9.2f}{rate:>11.0f}"
            + ("" if calls <= expected else "  MORE CALLS THAN EXPECTED")
        )
        ok = ok and calls <= expected
    _not_served(models, "Xero")
    print("   (Xero answers one page a call; page: records a page holds, 'whole': read whole)")
    for group, paths in path_groups({m: resources[m] for m in models if m in checkpoints}):
        gateway = sum(checkpoints[m].calls_today for m in group)
        counted = sum(xero_path_calls(counters, p) for p in paths)
        if gateway != counted:
            print(
                f"   {'+'.join(group)}: the gateway counted {gateway} calls, the sandbox {counted}"
            )
            ok = False
    return ok, seconds


def qbo_full_sync_per_model(qbo, account, models: list[str], timeout: float) -> bool:
    """Each model's full sync alone, the sandbox's counters reset before it: calls and pages
    from its call log, against the expected calls for the rows it holds per entity."""
    from gateway.accounts.connections import provider_for
    from gateway.sync.models import ModelCheckpoint

    provider = provider_for(account)
    resources, batch = provider.resources, provider.batch
    print(
        f"{'model':<27}{'records':>8}{'calls':>7}{'pages':>7}{'expected':>9}{'seconds':>9}"
        f"{'records/s':>11}  provider calls"
    )
    ok = True
    total_calls = total_records = 0
    total_seconds = 0.0
    for model in models:
        spec = resources[model]
        qbo.control.reset_counters()
        run = run_sync(account, "full", timeout, [model])
        if run is None or run.status != "succeeded":
            print(f"{model}: QuickBooks full sync failed: {run and run.error}")
            return False
        counters = qbo.control.counters()
        calls = qbo_api_calls(counters)
        n = sum(calls.values())
        mine = qbo_model_calls(calls, spec)
        c = ModelCheckpoint.objects.get(linked_account=account, model=model)
        rows = [
            len(qbo.control.records(account.tenant_id, s.query.entity))
            if s.query is not None
            else c.records_seen
            for s in spec.sources
        ]
        expected = expected_calls(spec, rows, batch)
        if model == "credit_note":
            # Credit notes with used credit: the payments applying them are read beside each
            # page (one batch call per page, README "Credit notes": applied_to).
            expected += math.ceil(c.records_seen / 1000) if c.records_seen else 0
        seconds = (run.finished_at - run.started_at).total_seconds()
        detail = ", ".join(f"{k} ×{v}" for k, v in sorted(calls.items()))
        print(
            f"{model:<27}{c.records_seen:>8}{n:>7}{qbo_pages(counters, spec):>7}{expected:>9}"
            f"{seconds:>9.2f}{c.records_seen / seconds if seconds > 0 else 0:>11.0f}  {detail}"
            + ("" if n <= expected else "  MORE CALLS THAN EXPECTED")
        )
        if n != run.calls or sum(mine.values()) != n:
            print(
                f"   the gateway counted {run.calls} calls, the sandbox {n} "
                f"({sum(mine.values())} of them this model's)"
            )
            ok = False
        ok = ok and n <= expected
        total_calls += n
        total_records += c.records_seen
        total_seconds += seconds
    _not_served(models, "QuickBooks")
    print(
        f"all {len(models)} models: {total_records} records, {total_calls} calls, "
        f"{total_seconds:.1f}s in the runs"
    )
    print(
        "   (a model of several QuickBooks entities, or with a companion, starts with one batch "
        "call carrying every entity's first rows and the companion, the batch's 1,000 rows "
        "shared between them; a full share goes on with plain queries of 1,000)"
    )
    return ok


def main() -> int:
    args = parse_args()
    processes: list = []
    try:
        return _main(args, processes)
    finally:  # the sandboxes go whatever happened (a failed seed too)
        for process in processes:
            process.terminate()


def _main(args: argparse.Namespace, processes: list) -> int:
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
    documents = xero_documents(args)
    print(
        f"== seeding the sandbox ({args.invoices} invoices, {args.contacts} contacts, "
        f"{args.payments} payments, "
        + ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in documents.items())
        + ")"
    )
    started = time.perf_counter()
    sandbox_process, sandbox_url = _start(workdir / "sandbox.sqlite3", workdir / "sandbox.log")
    processes.append(sandbox_process)
    sandbox = XeroSandbox(sandbox_url)
    sandbox.control.reset(
        invoices=args.invoices,
        contacts=args.contacts,
        payments=args.payments,
        tenant="uk",
        documents=documents,
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
        qbo.control.reset(
            invoices=args.qbo_invoices,
            documents=dict.fromkeys(DOCUMENT_FLAGS, args.qbo_documents),
        )
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
        from django.db import connection

        from bench.sync_cost_run import BackendSampler, cpu_seconds, tree

        connection.close()  # its backend (the polling below) is not the sync's
        sampler = BackendSampler(db_url, db_url.rpartition("/")[2])
        worker_cpu = {p: cpu_seconds(p) or 0.0 for p in tree(worker.process.pid)}
        sampler.start()
        started = time.perf_counter()
        run = run_sync(account, "full", args.timeout)
        if run is None:
            print("timed out")
            return 1
        elapsed = time.perf_counter() - started
        worker_seconds = sum(
            (cpu_seconds(p) or 0.0) - worker_cpu.get(p, 0.0) for p in tree(worker.process.pid)
        )
        db_seconds = sampler.stop()
        if run.status != "succeeded":
            print(f"sync failed: {run.error}\n{worker.log()[-3000:]}")
            return 1
        counters = sandbox.control.counters()
        peak = worker.peak_rss_mb()

        models = sync_models(account)
        table_ok, seconds = xero_full_sync_table(account, run, counters, models)
        ok = ok and table_ok
        checkpoints = {c.model: c for c in ModelCheckpoint.objects.filter(linked_account=account)}
        total = run.records
        print(
            f"total: {total} records in {elapsed:.1f}s end to end = {total / elapsed:.0f} records/s"
        )
        if seconds.get("invoice"):
            print(
                f"invoices: {checkpoints['invoice'].records_seen / seconds['invoice']:.0f}/s "
                "(target >= 2000)"
            )
        per_k = 1000 / max(total, 1)
        print(
            f"CPU per 1,000 records: worker {worker_seconds * per_k:.3f} s + PostgreSQL "
            f"{db_seconds * per_k:.3f} s = {(worker_seconds + db_seconds) * per_k:.3f} s "
            "(PostgreSQL: the database's backends, this script's polling included; "
            "bench/sync_cost.py measures invoices alone, side by side)"
        )
        api_calls = sum(xero_api_calls(counters).values())
        print(f"provider calls: {run.calls} (sandbox saw {api_calls})")
        ok = ok and run.calls == api_calls
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
            print(
                f"== QuickBooks full sync, one model at a time (demo company + "
                f"{args.qbo_invoices} invoices + {args.qbo_documents} of each other document)"
            )
            ok = qbo_full_sync_per_model(qbo, qbo_account, qbo_models, args.timeout) and ok
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
    return 0 if ok else 3


if __name__ == "__main__":
    raise SystemExit(main())

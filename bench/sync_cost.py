"""Benchmark: CPU seconds (worker plus PostgreSQL) per 1,000 invoices of a full sync (issue 21).

Seeds the Xero sandbox once (`--invoices`, 3 line items each, and a tenth as many contacts),
then runs, `--rounds` times, one full sync of the invoices (the contacts synced first,
unmeasured) in a real Celery worker (solo pool) on a fresh database, and prints per run:
invoices/s, the worker's CPU seconds (its process tree, /proc utime+stime) and PostgreSQL's
(the backends connected to the run's database, sampled from pg_stat_activity and /proc),
each per 1,000 invoices (and the sandbox's, the provider side, not part of the cost: it
serves the contacts' sync too). With `--baseline <checkout>` (e.g. a `git worktree` of the commit
before a change, its `.venv` linked to this one's) the same sync runs with that checkout's
code too, alternating (base, this, this, base, ...) on the same sandbox data, and the ratio
of the medians is printed. Each run is bench/sync_cost_run.py in its own process with the
checkout first on sys.path.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ll_cost_bench \\
    REDIS_URL=redis://127.0.0.1:6379/6 .venv/bin/python bench/sync_cost.py \\
        [--invoices 20000] [--rounds 2] [--baseline /work/wt/cost-base]

Databases `<name>_head` and `<name>_base` (from DATABASE_URL) are dropped and recreated.
PostgreSQL's background processes (WAL writer, checkpointer) are shared with anything else the
server does and are not counted. Exits 3 when a run fails or a run's record or event count
differs from the others'.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.stack import machine, xero_settings  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ll_cost_bench"


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--invoices", type=int, default=20_000)
    p.add_argument("--contacts", type=int, help="default: a tenth of the invoices")
    p.add_argument("--rounds", type=int, default=2, help="runs of each checkout")
    p.add_argument(
        "--baseline",
        type=Path,
        action="append",
        help="another checkout to run side by side (repeat it to compare several, e.g. to "
        "bisect: each is named by its directory)",
    )
    p.add_argument("--endpoint", action="store_true", help="a webhook endpoint wants every event")
    p.add_argument("--timeout", type=float, default=1800)
    return p.parse_args()


def one_run(checkout: Path, spec: dict) -> dict:
    python = checkout / ".venv" / "bin" / "python"
    if not python.exists():
        python = Path(sys.executable)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(checkout)
    out = subprocess.run(
        [str(python), str(ROOT / "bench" / "sync_cost_run.py"), str(checkout), json.dumps(spec)],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode or not lines:
        return {"status": f"exit {out.returncode}", "error": (out.stdout + out.stderr)[-3000:]}
    return json.loads(lines[-1])


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process (the sandbox: its provider side, not counted in the cost)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def per_thousand(result: dict, key: str) -> float:
    return result[key] * 1000 / max(result["records"], 1)


def main() -> int:
    args = parse_args()
    db_url = os.environ.get("DATABASE_URL") or DEFAULT_DB
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    from tests.plugins.sandbox import XeroSandbox, _start

    workdir = Path(tempfile.mkdtemp(prefix="ledgerlink-cost-"))
    contacts = args.contacts if args.contacts is not None else max(args.invoices // 10, 1)
    print(f"== {machine()}")
    print(f"== seeding the sandbox ({args.invoices} invoices, {contacts} contacts)")
    process, url = _start(workdir / "sandbox.sqlite3", workdir / "sandbox.log")
    ok = True
    try:
        sandbox = XeroSandbox(url)
        sandbox.control.reset(
            invoices=args.invoices, contacts=contacts, payments=0, tenant="uk", documents={}
        )
        sandbox.control.set_limits(
            minute=1_000_000, day=10_000_000, concurrent=10, app_minute=1_000_000
        )
        limits = {
            "tenant_per_minute": 1_000_000,
            "tenant_per_day": 10_000_000,
            "tenant_concurrent": 10,
            "app_per_minute": 1_000_000,
        }
        provider = xero_settings(sandbox, limits)
        checkouts = {"head": ROOT}
        if args.baseline and len(args.baseline) == 1:
            checkouts = {"base": args.baseline[0].resolve(), "head": ROOT}
        elif args.baseline:
            checkouts = {p.resolve().name: p.resolve() for p in args.baseline} | {"head": ROOT}
        order = []
        for r in range(args.rounds):  # base, head, head, base, ...
            names = list(checkouts)
            order += names if r % 2 == 0 else names[::-1]
        results: dict[str, list[dict]] = {name: [] for name in checkouts}
        width = max(6, *(len(name) + 1 for name in checkouts))
        print(
            f"{'run':<5}{'code':<{width}}{'invoices':>9}{'events':>8}{'seconds':>9}{'inv/s':>7}"
            f"{'worker s/1k':>12}{'db s/1k':>9}{'total s/1k':>11}{'sandbox s':>11}  load"
        )
        for index, name in enumerate(order, 1):
            base, _, db = db_url.rpartition("/")
            spec = {
                "database_url": f"{base}/{db}_{name.replace('-', '_')}",
                "redis_url": redis_url,
                "provider": provider,
                "tokens": sandbox.connect(tenants=["uk"]),
                "tenant_id": sandbox.tenant_id("uk"),
                "models": ["invoice"],
                "warm": ["contact"],
                "endpoint": args.endpoint,
                "timeout": args.timeout,
            }
            sandbox_cpu = cpu_seconds(process.pid)
            result = one_run(checkouts[name], spec)
            result["sandbox_cpu"] = cpu_seconds(process.pid) - sandbox_cpu
            load = Path("/proc/loadavg").read_text().split()[0]
            if result.get("status") != "succeeded":
                print(
                    f"{index:<5}{name:<{width}}FAILED {result.get('status')}: {result.get('error')}"
                )
                ok = False
                continue
            results[name].append(result)
            w, d = per_thousand(result, "worker_cpu"), per_thousand(result, "db_cpu")
            print(
                f"{index:<5}{name:<{width}}{result['records']:>9}{result['events']:>8}"
                f"{result['seconds']:>9.1f}{result['records'] / result['seconds']:>7.0f}"
                f"{w:>12.3f}{d:>9.3f}{w + d:>11.3f}"
                f"{per_thousand(result, 'sandbox_cpu'):>11.3f}  {load}",
                flush=True,
            )
        medians = {}
        for name, runs in results.items():
            if not runs:
                continue
            medians[name] = {
                "worker": statistics.median(per_thousand(r, "worker_cpu") for r in runs),
                "db": statistics.median(per_thousand(r, "db_cpu") for r in runs),
                "rate": statistics.median(r["records"] / r["seconds"] for r in runs),
            }
            m = medians[name]
            print(
                f"{name}: median worker {m['worker']:.3f} + PostgreSQL {m['db']:.3f} = "
                f"{m['worker'] + m['db']:.3f} CPU s per 1,000 invoices; {m['rate']:.0f} invoices/s"
            )
        for name in [n for n in medians if n != "head"] if "head" in medians else []:
            b, h = medians[name], medians["head"]
            ratio = (h["worker"] + h["db"]) / (b["worker"] + b["db"])
            print(
                f"head / {name}: CPU per 1,000 invoices {ratio:.2f} "
                f"(worker {h['worker'] / b['worker']:.2f}, PostgreSQL {h['db'] / b['db']:.2f}); "
                f"invoices/s {h['rate'] / b['rate']:.2f}"
            )
        counts = {(r["records"], r["events"]) for runs in results.values() for r in runs}
        if len(counts) > 1:
            print(f"runs disagree on (records, events): {sorted(counts)}")
            ok = False
        print(f"== {machine()}")
    finally:
        process.terminate()
    return 0 if ok else 3


if __name__ == "__main__":
    raise SystemExit(main())

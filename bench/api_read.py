"""Read throughput of `GET /v1/invoices?page_size=100` over 100,000 stored invoices, and the
latency of filtered and ordered list queries.

Runs the gateway under gunicorn on PostgreSQL and, in the same run and under the same load,
a bare floor: a minimal WSGI app doing one SQL query for the same page plus JSON encoding.
Prints requests/s, p50 and p99 for both. Then, one request at a time, each filtered or ordered
query of `QUERIES` (overdue, several statuses ordered by due date, `q`, an amount range, one
contact, ...) and the unfiltered first page: p50 and p95 of each, and each one's p50 over the
unfiltered page's. The invoices vary (due dates over 33 months, five statuses, three
currencies, amounts, 1,000 contacts) so the filters select realistic shares.

    .venv/bin/python bench/api_read.py [--invoices 100000] [--seconds 20] [--connections 8]
    .venv/bin/python bench/api_read.py --invoices 1000000 --skip-load   # issue 18's queries

Needs PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/ledgerlink_bench;
the database is dropped and recreated). Targets: (issue 5) ≥300 requests/s on 2 cores and the
gateway's p50 within 3x of the floor's; (issue 18) each filtered query's p50 ≤ 50 ms over
1,000,000 invoices.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ledgerlink_bench"

from bench import cpu_split  # noqa: E402
from bench.stack import machine, recreate_database  # noqa: E402


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--rounds", type=int, default=4,
        help="Gateway and floor take turns this many times (each --seconds in all).",
    )  # fmt: skip
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--keep", action="store_true", help="Reuse an already seeded database.")
    parser.add_argument("--skip-load", action="store_true", help="Only the query latencies.")
    parser.add_argument("--requests", type=int, default=200, help="Requests per query.")
    parser.add_argument(
        "--store-invoices", type=int, default=100_000,
        help="Seed this many through the store; copy them in SQL up to --invoices "
        "(bench/multiply_invoices.py). 0: every invoice through the store.",
    )  # fmt: skip
    parser.add_argument(
        "--gunicorn-workers", type=lambda v: [int(n) for n in v.split(",")],
        help="Also run the gateway alone with each of these worker counts (e.g. 1,2,4).",
    )  # fmt: skip
    parser.add_argument(
        "--scale-out-only", action="store_true",
        help="With --gunicorn-workers: only the scale-out (no floor, no query latencies).",
    )  # fmt: skip
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL"),
        help="The gateway's Redis (throttle counters); default: a per-process cache.",
    )  # fmt: skip
    parser.add_argument(
        "--toast-compression", choices=["lz4", "pglz"],
        help="Store the documents with this TOAST compression (default: the migrations').",
    )  # fmt: skip
    return parser.parse_args()


def environment(database_url: str, redis_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "CELERY_"))}
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update(
        LEDGERLINK_ENV="development",
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="gateway.settings",
        API_RATE_LIMIT="1000000/min",
        LOG_LEVEL="WARNING",
    )
    return env


SEED = """
import sys, time
from datetime import date, timedelta
from decimal import Decimal
import django
django.setup()
from gateway.accounts.models import LinkedAccount
from gateway.customers.models import Customer
from gateway.customers.services import create_customer, issue_api_key
from gateway.records.store import upsert_records
from tests.gateway.builders import contact, invoice, make_linked_account

STATUSES = ["OPEN"] * 10 + ["PAID"] * 6 + ["PARTIALLY_PAID"] * 2 + ["DRAFT", "VOID"]
CURRENCIES = ["GBP"] * 7 + ["EUR"] * 2 + ["USD"]


def varied(n):
    status = STATUSES[n * 7 % 20]
    total = Decimal(n * 7919 % 100000) / 100 + 1
    balance = {"PAID": 0, "VOID": 0, "PARTIALLY_PAID": total / 2}.get(status, total)
    due = date(2025, 1, 1) + timedelta(days=n * 104729 % 1000)
    return invoice(
        f"i{n:07d}", f"c{n % 1000}", number=f"INV-{n:07d}", reference=f"PO {n * 13 % 99991}",
        status=status, total_amount=total, balance=balance, due_date=due,
        issue_date=due - timedelta(days=30), currency=CURRENCIES[n % 10],
    )


total = int(sys.argv[1])
through_store = int(sys.argv[2]) or total
account = LinkedAccount.objects.filter(tenant_id="bench-tenant").first()
if account is None:
    customer, key = create_customer("Bench Co")
    account = make_linked_account(customer, provider="xero", tenant_id="bench-tenant")
    upsert_records(account, "contact", [contact(f"c{i}") for i in range(1000)])
else:
    _, key = issue_api_key(account.customer, name="bench")
stored = account.records.filter(model="invoice").count()
started = time.perf_counter()
for start in range(stored, min(total, through_store), 1000):
    batch = [varied(n) for n in range(start, min(start + 1000, total, through_store))]
    upsert_records(account, "invoice", batch)
    if start % 100000 == 0:
        print(f"  {start} invoices, {time.perf_counter() - started:.0f}s", file=sys.stderr)
print(f"seeded {max(0, min(total, through_store) - stored)} invoices through the store in "
      f"{time.perf_counter() - started:.1f}s", file=sys.stderr)
from django.db import connection
with connection.cursor() as cursor:  # what autovacuum would do after a bulk load
    cursor.execute("ANALYZE records_record")
print(key)
print(account.id)
"""


def seed(args: argparse.Namespace, env: dict[str, str]) -> tuple[str, str]:
    """Seed up to `--store-invoices` through the store and the rest in SQL (copies); with
    `--keep`, only what is missing. Returns (API key, linked account id)."""
    import psycopg

    from bench import multiply_invoices

    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip
    through_store = min(args.store_invoices or args.invoices, args.invoices)
    out = subprocess.run(
        [sys.executable, "-c", SEED, str(args.invoices), str(through_store)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    sys.stderr.write(out.stderr)
    key, account_id = out.stdout.split()
    if args.toast_compression and not args.keep:  # the store stages rows lz4-compressed
        multiply_invoices.recompress(args.database_url, args.toast_compression)
    with psycopg.connect(args.database_url) as conn:
        stored = conn.execute(
            "SELECT count(*) FROM records_record "
            "WHERE linked_account_id = %s AND model = 'invoice'",
            (account_id,),
        ).fetchone()[0]
    if stored < args.invoices:
        seconds = multiply_invoices.multiply(
            args.database_url, account_id, through_store, args.invoices
        )
        print(
            f"  copied {args.invoices - stored} invoices in SQL in {seconds:.0f}s", file=sys.stderr
        )
    print("  " + multiply_invoices.storage(args.database_url, account_id), file=sys.stderr)
    return key, account_id


def serve(app: str, port: int, env: dict[str, str], workers: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--log-level", "warning",
        ],
        cwd=ROOT, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 180  # a loaded machine boots Django slowly
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{app} did not start")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=60)  # a loaded machine shuts workers down slowly
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _client(args: tuple[int, str, dict[str, str], float]) -> tuple[list[float], float]:
    port, path, headers, seconds = args
    cpu = time.process_time()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200 or not body.startswith(b'{"next"'):
            raise SystemExit(f"bad response {response.status}: {body[:200]!r}")
        latencies.append(time.perf_counter() - started)
    return latencies, time.process_time() - cpu


def load(
    port: int,
    path: str,
    headers: dict[str, str],
    seconds: float,
    connections: int,
    split: cpu_split.CpuSplit | None = None,
) -> dict:
    _client((port, path, headers, 1.0))  # warm up every worker's connection and caches
    with multiprocessing.Pool(connections) as pool:
        pool.map(_client, [(port, path, headers, 0.5)] * connections)  # and every worker
        if split is not None:
            split.start()
        started = time.perf_counter()
        results = pool.map(_client, [(port, path, headers, seconds)] * connections)
        elapsed = time.perf_counter() - started
    latencies = [x for r, _ in results for x in r]
    cpu = split.stop(elapsed, sum(c for _, c in results)) if split is not None else {}
    return summary(latencies, elapsed, [(cpu, elapsed)] if cpu else [])


def summary(latencies: list[float], elapsed: float, cpus: list[tuple[dict, float]]) -> dict:
    latencies = sorted(latencies)
    figures = {
        "latencies": latencies,
        "elapsed": elapsed,
        "cpus": cpus,
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
    }
    if cpus:
        figures["cpu"] = {
            name: sum(c[name] * e for c, e in cpus) / sum(e for _, e in cpus) for name in cpus[0][0]
        }
        # The CPU this stack spent per request (server, PostgreSQL, Redis, load client): what
        # the other work on a shared machine changes least.
        own = sum(v for k, v in figures["cpu"].items() if k not in {"other", "idle"})
        figures["cpu_ms"] = own * elapsed * (os.cpu_count() or 1) / len(latencies) * 1000
    return figures


def alternate(servers: dict, path: str, seconds: float, connections: int, rounds: int) -> dict:
    """Each server in turn, `rounds` times for `seconds / rounds`: on a shared machine both
    meet the same other work, so their ratio holds even when the load around them changes."""
    runs: dict[str, list[dict]] = {name: [] for name in servers}
    for _ in range(rounds):
        for name, (port, headers, split) in servers.items():
            runs[name].append(load(port, path, headers, seconds / rounds, connections, split))
    return {
        name: summary(
            [x for r in results for x in r["latencies"]],
            sum(r["elapsed"] for r in results),
            [c for r in results for c in r["cpus"]],
        )
        for name, results in runs.items()
    }


def serial_cpu(servers: dict, path: str, requests: int, rounds: int = 3) -> dict[str, dict]:
    """One request at a time on one connection (no queueing, no other client): each server's
    own CPU per request (its gunicorn processes, from /proc) and wall time, in alternating
    rounds. The figure a busy machine disturbs least."""
    totals = {name: [0.0, 0.0, 0] for name in servers}
    for _ in range(rounds):
        for name, (port, headers, server) in servers.items():
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            for _ in range(20):  # warm
                conn.request("GET", path, headers=headers)
                conn.getresponse().read()
            pids = cpu_split.descendants(server.pid)
            before = {pid: cpu_split._ticks(pid) for pid in pids}
            started = time.perf_counter()
            for _ in range(requests // rounds):
                conn.request("GET", path, headers=headers)
                conn.getresponse().read()
            totals[name][0] += time.perf_counter() - started
            totals[name][1] += sum(cpu_split._ticks(p) - before[p] for p in pids) / cpu_split._TICK
            totals[name][2] += requests // rounds
    return {
        name: {"wall_ms": wall / n * 1000, "cpu_ms": cpu / n * 1000}
        for name, (wall, cpu, n) in totals.items()
    }


def cpu_groups(server: subprocess.Popen, database_url: str) -> cpu_split.CpuSplit:
    database = database_url.rpartition("/")[2]
    return cpu_split.CpuSplit(
        {
            "gunicorn": lambda: cpu_split.descendants(server.pid),
            "postgres": lambda: cpu_split.matching("postgres: ", f" {database} "),
            "redis": lambda: cpu_split.matching("redis-server"),
        }
    )


def scale_out(args: argparse.Namespace, env: dict[str, str], headers: dict[str, str]) -> None:
    """The gateway alone with each worker count: throughput against the first, and the CPU."""
    path = "/v1/invoices?page_size=100"
    runs = {}
    print(
        f"api_read scale-out: GET {path}, {args.connections} connections, {args.seconds:.0f}s "
        f"each, {os.cpu_count()} cores shared by gunicorn, PostgreSQL, Redis and the load client; "
        "CPU as a share of all cores:",
        flush=True,
    )
    for workers in args.gunicorn_workers:
        server = serve("gateway.wsgi", 8933, env, workers)
        try:
            split = cpu_groups(server, args.database_url)
            runs[workers] = f = load(8933, path, headers, args.seconds, args.connections, split)
        finally:
            stop(server)
        first = runs[args.gunicorn_workers[0]]
        print(
            f"  x{workers}: {f['rps']:7.1f} req/s ({f['rps'] / first['rps']:4.2f}x of "
            f"x{args.gunicorn_workers[0]})  p50 {f['p50_ms']:6.2f} ms  "
            f"{f['cpu_ms']:.2f} ms CPU/request  CPU: " + cpu_split.describe(f["cpu"]),
            flush=True,
        )


#: Issue 18's questions (`{contact}`: one contact's id; `{cursor}`: the second page's cursor).
QUERIES = {
    "unfiltered": "/v1/invoices?page_size=100",
    "overdue": "/v1/invoices?page_size=100&overdue=true",
    "overdue, by due date": "/v1/invoices?page_size=100&overdue=true&order_by=due_date",
    "status x2, by due date": "/v1/invoices?page_size=100&status=OPEN,PARTIALLY_PAID"
    "&order_by=due_date",
    "… its second page": "{cursor}",
    "q (number)": "/v1/invoices?page_size=100&q=inv-00123",
    "q (reference)": "/v1/invoices?page_size=100&q=po%2077",
    "total_amount range": "/v1/invoices?page_size=100&total_amount_gte=100&total_amount_lte=200",
    "by -total_amount": "/v1/invoices?page_size=100&order_by=-total_amount",
    "contact_id": "/v1/invoices?page_size=100&contact_id={contact}",
    "contact_id + currency": "/v1/invoices?page_size=100&contact_id={contact}&currency=EUR,USD",
}


def _get(port: int, path: str, headers: dict[str, str]) -> dict:
    import json

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"{path}: {response.status} {body[:300]!r}")
    return json.loads(body)


def query_latencies(port: int, headers: dict[str, str], requests: int) -> dict[str, dict]:
    """p50/p95 of each query, one request at a time (after two warm-up requests)."""
    from urllib.parse import quote

    contact = _get(port, "/v1/contacts?remote_id=c7", headers)["results"][0]["id"]
    first = _get(port, QUERIES["status x2, by due date"], headers)
    cursor = QUERIES["status x2, by due date"] + "&cursor=" + quote(first["next"])
    figures = {}
    for name, template in QUERIES.items():
        path = template.format(contact=contact, cursor=cursor)
        count = len(_get(port, path, headers)["results"])
        _get(port, path, headers)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies = []
        for _ in range(requests):
            started = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            latencies.append(time.perf_counter() - started)
        latencies.sort()
        figures[name] = {
            "path": path.split("&cursor=")[0] + ("&cursor=…" if "&cursor=" in path else ""),
            "results": count,
            "p50_ms": statistics.median(latencies) * 1000,
            "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        }
    return figures


def main() -> int:
    args = parse_args()
    print(f"api_read on {machine()}", flush=True)
    env = environment(args.database_url, args.redis_url)
    if not args.keep:
        recreate_database(args.database_url)
    key, account_id = seed(args, env)
    env_floor = {**env, "BENCH_ACCOUNT_ID": account_id}
    headers = {"Authorization": f"Bearer {key}", "X-Linked-Account": account_id}
    if args.scale_out_only and args.gunicorn_workers:
        scale_out(args, env, headers)
        print(f"  {machine()}")
        return 0
    gateway = serve("gateway.wsgi", 8931, env, args.workers)
    floor = serve("bench.floor_app:application", 8932, env_floor, args.workers)
    figures = {}
    try:
        path = "/v1/invoices?page_size=100"
        if not args.skip_load:
            figures = alternate(
                {
                    "gateway": (8931, headers, cpu_groups(gateway, args.database_url)),
                    "floor": (8932, {}, cpu_groups(floor, args.database_url)),
                },
                path, args.seconds, args.connections, args.rounds,
            )  # fmt: skip
            serial = serial_cpu(
                {"gateway": (8931, headers, gateway), "floor": (8932, {}, floor)}, path, 600
            )
        queries = query_latencies(8931, headers, args.requests)
    finally:
        for process in (gateway, floor):
            stop(process)
    base = queries["unfiltered"]["p50_ms"]
    print(
        f"api_read queries over {args.invoices} invoices, one request at a time, "
        f"{args.requests} each, {os.cpu_count()} cores (target p50 <= 50 ms):"
    )
    for name, f in queries.items():
        print(
            f"  {name:24s} p50 {f['p50_ms']:6.1f} ms  p95 {f['p95_ms']:6.1f} ms  "
            f"{f['p50_ms'] / base:5.2f}x unfiltered  ({f['results']} results)  {f['path']}"
        )
    if not figures:
        return 0
    print(
        f"api_read: GET /v1/invoices?page_size=100 over {args.invoices} invoices, "
        f"{args.connections} connections, {args.seconds:.0f}s each, gunicorn x{args.workers}, "
        f"{os.cpu_count()} cores"
    )
    for name, f in figures.items():
        print(
            f"  {name:8s} {f['rps']:8.1f} req/s   p50 {f['p50_ms']:7.2f} ms   "
            f"p99 {f['p99_ms']:7.2f} ms   ({f['requests']} requests)\n"
            f"           CPU: {cpu_split.describe(f['cpu'])}; "
            f"{f['cpu_ms']:.2f} ms CPU per request (server + PostgreSQL + Redis + client)"
        )
    ratio = figures["gateway"]["p50_ms"] / figures["floor"]["p50_ms"]
    print(
        f"  gateway p50 / floor p50 = {ratio:.2f}x (issue 5: <= 3x, issue 21: <= 1.5x); "
        "target >= 300 req/s"
    )
    cpu_ratio = figures["gateway"]["cpu_ms"] / figures["floor"]["cpu_ms"]
    print(f"  gateway CPU per request / floor's = {cpu_ratio:.2f}x")
    print("  one request at a time (600 each, one connection), the server's own CPU:")
    for name, f in serial.items():
        print(f"  {name:8s} {f['wall_ms']:6.2f} ms wall   {f['cpu_ms']:5.2f} ms CPU per request")
    print(f"  gateway / floor: {serial['gateway']['cpu_ms'] / serial['floor']['cpu_ms']:.2f}x CPU")
    print(f"  {machine()}", flush=True)
    if args.gunicorn_workers:
        scale_out(args, env, headers)
        print(f"  {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

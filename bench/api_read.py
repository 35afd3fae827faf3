"""Read throughput of `GET /v1/invoices?page_size=100` over 100,000 stored invoices.

Runs the gateway under gunicorn on PostgreSQL and, in the same run and under the same load,
a bare floor: a minimal WSGI app doing one SQL query for the same page plus JSON encoding.
Prints requests/s, p50 and p99 for both.

    .venv/bin/python bench/api_read.py [--invoices 100000] [--seconds 20] [--connections 8]

Needs PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/ledgerlink_bench;
the database is dropped and recreated). Targets (issue 5): ≥300 requests/s on 2 cores and the
gateway's p50 within 3x of the floor's.
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

from bench.stack import recreate_database  # noqa: E402


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--keep", action="store_true", help="Reuse an already seeded database.")
    return parser.parse_args()


def environment(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "CELERY_"))}
    env.update(
        LEDGERLINK_ENV="development",
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="gateway.settings",
        API_RATE_LIMIT="1000000/min",
        LOG_LEVEL="WARNING",
    )
    return env


SEED = """
import itertools, sys, time
import django
django.setup()
from gateway.customers.services import create_customer
from gateway.records.store import upsert_records
from tests.gateway.builders import contact, invoice, make_linked_account

total = int(sys.argv[1])
customer, key = create_customer("Bench Co")
account = make_linked_account(customer, provider="xero", tenant_id="bench-tenant")
upsert_records(account, "contact", [contact(f"c{i}") for i in range(1000)])
started = time.perf_counter()
for start in range(0, total, 1000):
    batch = [invoice(f"i{n:07d}", f"c{n % 1000}") for n in range(start, min(start + 1000, total))]
    upsert_records(account, "invoice", batch)
print(f"seeded {total} invoices in {time.perf_counter() - started:.1f}s", file=sys.stderr)
print(key)
print(account.id)
"""


def seed(env: dict[str, str], invoices: int) -> tuple[str, str]:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip
    out = subprocess.run(
        [sys.executable, "-c", SEED, str(invoices)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    sys.stderr.write(out.stderr)
    key, account_id = out.stdout.split()
    return key, account_id


def serve(app: str, port: int, env: dict[str, str], workers: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--log-level", "warning",
        ],
        cwd=ROOT, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 30
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


def _client(args: tuple[int, str, dict[str, str], float]) -> list[float]:
    port, path, headers, seconds = args
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
    return latencies


def load(port: int, path: str, headers: dict[str, str], seconds: float, connections: int) -> dict:
    _client((port, path, headers, 1.0))  # warm up every worker's connection and caches
    with multiprocessing.Pool(connections) as pool:
        started = time.perf_counter()
        results = pool.map(_client, [(port, path, headers, seconds)] * connections)
        elapsed = time.perf_counter() - started
    latencies = sorted(x for r in results for x in r)
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
    }


def main() -> int:
    args = parse_args()
    env = environment(args.database_url)
    if not args.keep:
        recreate_database(args.database_url)
    key, account_id = seed(env, args.invoices)
    env_floor = {**env, "BENCH_ACCOUNT_ID": account_id}
    headers = {"Authorization": f"Bearer {key}", "X-Linked-Account": account_id}
    gateway = serve("gateway.wsgi", 8931, env, args.workers)
    floor = serve("bench.floor_app:application", 8932, env_floor, args.workers)
    try:
        path = "/v1/invoices?page_size=100"
        figures = {
            "gateway": load(8931, path, headers, args.seconds, args.connections),
            "floor": load(8932, path, {}, args.seconds, args.connections),
        }
    finally:
        for process in (gateway, floor):
            process.terminate()
            process.wait(timeout=10)
    print(
        f"api_read: GET /v1/invoices?page_size=100 over {args.invoices} invoices, "
        f"{args.connections} connections, {args.seconds:.0f}s each, gunicorn x{args.workers}, "
        f"{os.cpu_count()} cores"
    )
    for name, f in figures.items():
        print(
            f"  {name:8s} {f['rps']:8.1f} req/s   p50 {f['p50_ms']:7.2f} ms   "
            f"p99 {f['p99_ms']:7.2f} ms   ({f['requests']} requests)"
        )
    ratio = figures["gateway"]["p50_ms"] / figures["floor"]["p50_ms"]
    print(f"  gateway p50 / floor p50 = {ratio:.2f}x (target <= 3x); target >= 300 req/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Connector read throughput and memory.

    .venv/bin/python bench/connector_read.py        # sandbox read, then mapping (default sizes)
    .venv/bin/python bench/connector_read.py --mapping-only
    .venv/bin/python bench/connector_read.py --invoices 100000 --contacts 2000 --payments 5000
    .venv/bin/python bench/connector_read.py --sandbox-url http://127.0.0.1:8765  # already running

Sandbox read first (so ru_maxrss is the read's peak), then mapping.

1. Mapping alone: Xero invoice pages (1,000 invoices, 3 line items each) → unified ``Invoice``;
   records/s for JSON decode + map and for map only (target ≥ 20,000 invoices/s).
2. Full read against the Xero sandbox (started here as its own process on a free port with a
   throwaway database unless ``--sandbox-url`` is given): consent, token exchange, then every
   contact, invoice and payment page by page (each page mapped, then released). Prints
   records/s, HTTP calls made, sandbox 429s, and the peak memory of this process (ru_maxrss, and
   tracemalloc's peak of Python allocations during the read; target 100k invoices < 250 MB).
"""

from __future__ import annotations

import argparse
import base64
import gc
import hashlib
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from connectors.credentials import InMemoryCredentialStore  # noqa: E402
from connectors.jsonutil import dumps, loads  # noqa: E402
from connectors.oauth import new_code_verifier, new_state  # noqa: E402
from connectors.registry import build_registry  # noqa: E402
from connectors.xero.dates import format_ms_date  # noqa: E402
from connectors.xero.mappers import invoice_from_xero  # noqa: E402

DEMO_CLIENT_ID = "ledgerlink-demo"
DEMO_SECRET = "demo-secret-not-for-production-0000"
DEMO_REDIRECT = "http://127.0.0.1:8000/connect/callback"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- 1. mapping ------------------------------------------------------------------------------
def synthetic_invoice(i: int) -> dict:
    base = 1_700_000_000_000 + i * 1000
    return {
        "Type": "ACCREC" if i % 3 else "ACCPAY",
        "InvoiceID": f"{i:08x}-ed94-4dd7-9eaa-aa22dfdf06f2",
        "InvoiceNumber": f"INV-{i:06d}",
        "Reference": f"PO {i}",
        "Payments": [],
        "CreditNotes": [],
        "AmountDue": Decimal("115.00"),
        "AmountPaid": Decimal("0.00"),
        "AmountCredited": Decimal("0.00"),
        "CurrencyRate": Decimal("1.000000"),
        "IsDiscounted": False,
        "HasAttachments": False,
        "Contact": {"ContactID": "a3675fc4-f8dd-4f03-ba5b-f1870566bcd7", "Name": "Barney Rubble"},
        "DateString": "2024-11-02T00:00:00",
        "Date": format_ms_date(__import__("datetime").date(2024, 1 + i % 12, 1 + i % 28)),
        "DueDate": format_ms_date(__import__("datetime").date(2024, 1 + i % 12, 1 + i % 28)),
        "Status": ("DRAFT", "AUTHORISED", "PAID", "VOIDED")[i % 4],
        "LineAmountTypes": "Exclusive",
        "LineItems": [
            {
                "LineItemID": f"{i:08x}-7739-4246-9288-72afe939d2d{j}",
                "ItemCode": f"ITEM-{j}",
                "Description": f"Line {j} of invoice {i}",
                "Quantity": Decimal("1.0000"),
                "UnitAmount": Decimal("33.3333"),
                "TaxType": "OUTPUT2",
                "TaxAmount": Decimal("5.00"),
                "LineAmount": Decimal("33.33"),
                "AccountCode": "200",
                "Tracking": [],
            }
            for j in range(3)
        ],
        "SubTotal": Decimal("100.00"),
        "TotalTax": Decimal("15.00"),
        "Total": Decimal("115.00"),
        "UpdatedDateUTC": f"/Date({base}+0000)/",
        "CurrencyCode": "GBP",
    }


def bench_mapping(n: int) -> None:
    pages = max(n // 1000, 1)
    bodies = [
        dumps({"Invoices": [synthetic_invoice(p * 1000 + i) for i in range(1000)]})
        for p in range(min(pages, 5))
    ]
    decoded = [loads(b)["Invoices"] for b in bodies]
    invoice_from_xero(decoded[0][0])  # warm up

    started = time.perf_counter()
    for p in range(pages):
        records = [invoice_from_xero(r) for r in decoded[p % len(decoded)]]
        del records
    map_only = pages * 1000 / (time.perf_counter() - started)

    started = time.perf_counter()
    for p in range(pages):
        records = [invoice_from_xero(r) for r in loads(bodies[p % len(bodies)])["Invoices"]]
        del records
    with_decode = pages * 1000 / (time.perf_counter() - started)
    print(f"mapping: {pages * 1000:,} invoices x 3 lines")
    print(f"  map only          {map_only:>10,.0f} invoices/s   (target >= 20,000)")
    print(f"  JSON decode + map {with_decode:>10,.0f} invoices/s")


# -- 2. full read against the sandbox ---------------------------------------------------------
class SandboxProcess:
    def __init__(self, args: argparse.Namespace):
        self.tmp = tempfile.TemporaryDirectory(prefix="ll-bench-")
        cmd = [
            sys.executable, "-m", "sandbox.xero", "--host", "127.0.0.1", "--port", "0",
            "--db", os.path.join(self.tmp.name, "sandbox.sqlite3"), "--reset",
            "--seed-invoices", str(args.invoices), "--seed-contacts", str(args.contacts),
            "--seed-payments", str(args.payments),
            "--rate-minute", str(args.rate_minute), "--rate-app-minute", str(args.rate_minute * 10),
        ]  # fmt: skip
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.url = self._wait_for_url()

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + 300
        assert self.proc.stdout is not None
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line and self.proc.poll() is not None:
                raise RuntimeError(f"sandbox exited with {self.proc.returncode}")
            if line.startswith("SANDBOX_URL="):
                return line.split("=", 1)[1].strip()
        raise RuntimeError("sandbox did not start in time")

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.tmp.cleanup()


def connect(base: str, rate_minute: int):
    settings = {
        "client_id": DEMO_CLIENT_ID,
        "client_secret": DEMO_SECRET,
        "authorize_url": f"{base}/identity/connect/authorize",
        "token_url": f"{base}/connect/token",
        "revoke_url": f"{base}/connect/revocation",
        "connections_url": f"{base}/connections",
        "api_url": f"{base}/api.xro/2.0",
        "rate_limits": {"tenant_per_minute": rate_minute, "app_per_minute": rate_minute * 10},
    }
    provider = build_registry({"xero": "connectors.xero.XeroProvider"}, {"xero": settings}).get(
        "xero"
    )
    verifier, state = new_code_verifier(), new_state()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    consent = requests.post(
        f"{base}/_sandbox/authorize",
        json={
            "client_id": DEMO_CLIENT_ID,
            "redirect_uri": DEMO_REDIRECT,
            "state": state,
            "code_challenge": challenge.decode(),
            "code_challenge_method": "S256",
            "tenants": ["uk"],
        },
        timeout=30,
    )
    consent.raise_for_status()
    creds = provider.exchange_code(consent.json()["code"], DEMO_REDIRECT, verifier)
    tenant = provider.list_tenants(creds)[0]
    return provider.connect(InMemoryCredentialStore(creds), tenant.id)


def full_read(connector) -> tuple[dict[str, int], float]:
    counts: dict[str, int] = {}
    started = time.perf_counter()
    for model in ("contact", "invoice", "payment"):
        n = 0
        for page in connector.list(model):
            n += len(page.records)  # a sync would store the page here, then drop it
        counts[model] = n
    return counts, time.perf_counter() - started


def bench_sandbox(args: argparse.Namespace) -> None:
    sandbox = None if args.sandbox_url else SandboxProcess(args)
    base = args.sandbox_url or sandbox.url
    try:
        connector = connect(base, args.rate_minute)
        requests.post(f"{base}/_sandbox/counters/reset", timeout=10)
        gc.collect()
        rss_before = rss_mb()
        counts, seconds = full_read(connector)
        rss_after = rss_mb()
        calls = connector.calls
        sandbox_counters = requests.get(f"{base}/_sandbox/counters", timeout=10).json()
        total = sum(counts.values())
        print(f"sandbox read ({base}):")
        print(f"  records           {counts}")
        print(f"  throughput        {total / seconds:>10,.0f} records/s  ({seconds:.1f}s)")
        print(
            f"  HTTP calls        {calls} (sandbox saw {sandbox_counters['calls']}, "
            f"429s {sandbox_counters['rate_limited_total']})"
        )
        print(f"  peak RSS          {rss_after:,.0f} MB (before the read {rss_before:,.0f} MB)")
        if args.tracemalloc:
            connector = connect(base, args.rate_minute)
            tracemalloc.start()
            full_read(connector)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(f"  tracemalloc peak  {peak / 2**20:,.0f} MB of Python allocations during a read")
    finally:
        if sandbox is not None:
            sandbox.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--mapping-invoices", type=int, default=100_000)
    p.add_argument("--mapping-only", action="store_true")
    p.add_argument("--sandbox-url", default=None, help="use a running sandbox (demo app, uk org)")
    p.add_argument("--invoices", type=int, default=100_000)
    p.add_argument("--contacts", type=int, default=2_000)
    p.add_argument("--payments", type=int, default=5_000)
    p.add_argument(
        "--rate-minute",
        type=int,
        default=1_000,
        help="per-tenant calls/min for sandbox and limiter (Xero: 60)",
    )
    p.add_argument("--tracemalloc", action="store_true", help="second read under tracemalloc")
    args = p.parse_args(argv)
    if not args.mapping_only:
        bench_sandbox(args)  # first, so the process's peak RSS is the read's
    bench_mapping(args.mapping_invoices)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Memory of the gateway process while a 10 MB attachment streams through `GET …/content`.

Runs the Xero sandbox (its own process) and the gateway under gunicorn with ONE worker on
PostgreSQL, puts a 10 MB file (Xero's API limit, 10 MiB exactly) on a sandbox invoice, then,
in the same run and against the same worker:

- streaming: `GET /v1/attachments/{id}/content` (the file is read from Xero chunk by chunk
  and written to the client as it comes);
- peer, non-streaming: the same file through `POST /v1/passthrough` (the gateway reads the
  provider's whole answer, then base64-encodes it into one JSON envelope);
- and an upload of a file of the same size through `POST /v1/attachments` (multipart, spooled
  to a temporary file by Django, streamed on to Xero).

For each, the worker's peak RSS is reset (`/proc/<pid>/clear_refs`, 5) just before the call and
read (`VmHWM`) after it; the growth is peak minus the RSS at the reset. Prints the growth and
its ratio to the file size for both, the bytes' SHA-256 check and the transfer time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ledgerlink_attachbench \\
        .venv/bin/python bench/attachments.py [--megabytes 10] [--rounds 3]

The database is dropped and recreated. Linux only (reads /proc). Target (issue 15): the
streaming growth far below the file size.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ledgerlink_attachbench"

from bench.stack import free_port, setup_django, xero_settings  # noqa: E402

SCOPE = (
    "openid profile email offline_access accounting.invoices accounting.payments "
    "accounting.contacts accounting.settings accounting.attachments"
)


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--megabytes", type=int, default=10, help="file size in MiB (Xero: ≤ 10)")
    p.add_argument("--rounds", type=int, default=3, help="downloads per mode (worst is kept)")
    return p.parse_args()


def _status(pid: int) -> dict[str, int]:
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0]) * 1024
    return values


def _reset_peak(pid: int) -> int:
    """Reset the worker's peak RSS to its current RSS; return that RSS (bytes)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")
    return _status(pid)["VmRSS"]


def _worker_pid(master: int) -> int:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("gunicorn started no worker")


def _wait_for(base_url: str, timeout: float = 90.0) -> bool:
    """True once `/healthz` answers (slow answers are waited for: a loaded machine)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base_url}/healthz", timeout=10).status_code in (200, 503):
                return True
        except requests.RequestException:
            time.sleep(0.3)
    return False


def _measure(pid: int, call) -> tuple[int, float, object]:
    """(peak RSS growth in bytes, seconds, the call's result)."""
    base = _reset_peak(pid)
    started = time.perf_counter()
    result = call()
    seconds = time.perf_counter() - started
    return _status(pid)["VmHWM"] - base, seconds, result


def main() -> int:
    args = parse_args()
    db_url = os.environ.get("DATABASE_URL") or DEFAULT_DB
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    if not Path("/proc/self/clear_refs").exists():
        print("bench/attachments.py reads /proc (Linux only)")
        return 2
    from tests.plugins.sandbox import XeroSandbox, _start

    workdir = Path(tempfile.mkdtemp(prefix="ledgerlink-attachbench-"))
    sandbox_process, sandbox_url = _start(workdir / "sandbox.sqlite3", workdir / "sandbox.log")
    gateway = None
    try:
        sandbox = XeroSandbox(sandbox_url)
        sandbox.control.reset()
        big = 1_000_000
        sandbox.control.set_limits(minute=big, day=big, concurrent=50, app_minute=big)
        limits = {"tenant_per_minute": big, "tenant_per_day": big, "app_per_minute": big}
        env = setup_django(
            db_url,
            redis_url,
            f"ledgerlink-attachbench-{uuid.uuid4().hex[:8]}",
            xero_settings(sandbox, limits),
            API_RATE_LIMIT="1000000/min",
            LOG_LEVEL="WARNING",
        )
        from datetime import UTC, datetime, timedelta

        from gateway.accounts.connections import connector_for
        from gateway.accounts.models import Grant, LinkedAccount
        from gateway.customers.services import create_customer
        from gateway.records.store import upsert_records

        customer, key = create_customer("Attachment Bench", ["https://bench.example/done"])
        tokens = sandbox.connect(tenants=["uk"], scope=SCOPE)
        grant = Grant.objects.create(
            customer=customer,
            provider="xero",
            end_user_id="bench",
            access_token=tokens["access_token"],
            refresh_token=tokens["refresh_token"],
            access_expires_at=datetime.now(UTC) + timedelta(seconds=tokens["expires_in"]),
            refreshed_at=datetime.now(UTC),
            scope=tokens["scope"],
        )
        account = LinkedAccount.objects.create(
            customer=customer,
            grant=grant,
            provider="xero",
            tenant_id=sandbox.tenant_id("uk"),
            end_user_id="bench",
        )
        for page in connector_for(account).list("invoice"):
            upsert_records(account, "invoice", page.records)
        from gateway.records.models import Record

        invoice = Record.objects.filter(linked_account=account, model="invoice").first()
        size = args.megabytes * 1024 * 1024
        content = os.urandom(size)
        digest = hashlib.sha256(content).hexdigest()
        api = sandbox.api(tokens["access_token"], "uk")
        put = api.put(
            f"Invoices/{invoice.remote_id}/Attachments/bench.pdf",
            data=content,
            headers={"Content-Type": "application/pdf"},
            timeout=120,
        )
        assert put.status_code == 200, put.text[:300]
        del content

        port = free_port()
        import subprocess

        gateway = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "gateway.wsgi",
                "--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "120",
                "--log-level", "warning",
            ],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=open(workdir / "gateway.log", "w"),  # noqa: SIM115 (the process owns it)
        )  # fmt: skip
        base_url = f"http://127.0.0.1:{port}"
        if not _wait_for(base_url):
            print("gateway did not start; see", workdir / "gateway.log")
            return 1
        worker = _worker_pid(gateway.pid)
        http = requests.Session()
        http.headers.update({"Authorization": f"Bearer {key}", "X-Linked-Account": str(account.id)})
        listed = http.get(
            f"{base_url}/v1/attachments", params={"record_id": str(invoice.id)}, timeout=60
        )
        assert listed.status_code == 200, listed.text[:300]
        attachment = next(a for a in listed.json()["results"] if a["file_name"] == "bench.pdf")
        content_url = f"{base_url}/v1/attachments/{attachment['id']}/content"

        def stream() -> str:
            h = hashlib.sha256()
            with http.get(content_url, stream=True, timeout=120) as response:
                assert response.status_code == 200, response.status_code
                for chunk in response.iter_content(256 * 1024):
                    h.update(chunk)
            return h.hexdigest()

        def buffered() -> str:
            response = http.post(
                f"{base_url}/v1/passthrough",
                json={
                    "method": "GET",
                    "path": f"/Invoices/{invoice.remote_id}/Attachments/{attachment['remote_id']}",
                },
                timeout=120,
            )
            assert response.status_code == 200, response.text[:300]
            return hashlib.sha256(base64.b64decode(response.json()["body_base64"])).hexdigest()

        # Each mode is warmed once (imports, connection pools, first allocations) just before
        # it is measured; streaming goes first, so no freed buffer of the peer can hide its
        # growth.
        results = {}
        for name, call in (("streaming GET …/content", stream), ("buffered passthrough", buffered)):
            call()
            worst = (0, 0.0)
            for _ in range(args.rounds):
                growth, seconds, got = _measure(worker, call)
                assert got == digest, f"{name}: bytes differ"
                worst = max(worst, (growth, seconds))
            results[name] = worst
        # Uploads: the same file through POST /v1/attachments (multipart; Django spools it to a
        # temporary file, the connector streams it on to Xero).
        upload_path = workdir / "upload.pdf"
        with open(upload_path, "wb") as handle:
            for _ in range(args.megabytes):
                handle.write(os.urandom(1024 * 1024))

        def upload() -> str:
            with open(upload_path, "rb") as handle:
                response = http.post(
                    f"{base_url}/v1/attachments",
                    data={"record_id": str(invoice.id)},
                    files={"file": ("upload.pdf", handle, "application/pdf")},
                    timeout=120,
                )
            assert response.status_code == 201, response.text[:300]
            return response.json()["size"]

        upload()
        worst = (0, 0.0)
        for _ in range(args.rounds):
            growth, seconds, got = _measure(worker, upload)
            assert got == size, f"upload: {got} bytes stored"
            worst = max(worst, (growth, seconds))
        results["streaming POST (upload)"] = worst
        mib = 1024 * 1024
        print(f"file: {size / mib:.1f} MiB (sha256 equal on every download)")
        print(f"{'mode':28} {'peak RSS growth':>16} {'growth/file':>12} {'seconds':>8}")
        for name, (growth, seconds) in results.items():
            print(f"{name:28} {growth / mib:13.1f} MiB {growth / size:12.3f} {seconds:8.2f}")
        streamed = results["streaming GET …/content"][0]
        peer = results["buffered passthrough"][0]
        print(
            f"streaming grows {streamed / size:.1%} of the file; the buffered peer "
            f"{peer / size:.0%} ({peer / max(streamed, 1):.0f}x the streaming growth)"
        )
        return 0 if streamed < size / 4 else 1
    finally:
        if gateway is not None:
            gateway.terminate()
            gateway.wait(timeout=10)
        sandbox_process.terminate()
        sandbox_process.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())

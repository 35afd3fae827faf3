"""Shared set-up for the benchmarks that run the whole stack: a fresh PostgreSQL database,
Django configured like a worker, provider settings for a sandbox, a linked sandbox account."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def recreate_database(url: str) -> None:
    """Drop and create the database `url` names (benchmarks start from nothing)."""
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def xero_settings(sandbox: Any, rate_limits: dict[str, int]) -> dict[str, dict[str, Any]]:
    """The gateway's provider settings pointing the Xero connector at `sandbox`."""
    return {
        "xero": {
            "client_id": sandbox.client_id,
            "client_secret": sandbox.client_secret,
            "authorize_url": sandbox.authorize_url,
            "token_url": sandbox.token_url,
            "revoke_url": sandbox.revocation_url,
            "connections_url": sandbox.connections_url,
            "api_url": sandbox.api_url,
            "webhook_key": sandbox.webhook_key,
            "rate_limits": rate_limits,
        }
    }


def setup_django(
    db_url: str, redis_url: str, queue: str, provider: dict, **extra_env: str
) -> dict[str, str]:
    """Configure this process like the benchmark's workers (the settings module the worker
    tests use), on a fresh database, migrated. Returns the environment it set."""
    env = {
        "DJANGO_SETTINGS_MODULE": "tests.gateway.sync.worker_settings",
        "LEDGERLINK_ENV": "test",
        "DATABASE_URL": db_url,
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "LEDGERLINK_TEST_QUEUE": queue,
        "LEDGERLINK_TEST_PROVIDER_SETTINGS": json.dumps(provider),
        **extra_env,
    }
    os.environ.update(env)
    recreate_database(db_url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return env


def link_sandbox_account(sandbox: Any, customer_name: str, tenant: str = "uk"):
    """A customer (and its API key) with one linked account on the sandbox's `tenant`,
    holding real tokens from the sandbox's consent. Returns (customer, key, account)."""
    from gateway.accounts.models import Grant, LinkedAccount
    from gateway.customers.services import create_customer

    customer, key = create_customer(customer_name, ["https://bench.example/done"])
    tokens = sandbox.connect(tenants=[tenant])
    grant = Grant.objects.create(
        customer=customer,
        provider="xero",
        end_user_id="bench",
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        access_expires_at=datetime.now(UTC) + timedelta(seconds=tokens["expires_in"]),
        refreshed_at=datetime.now(UTC),
    )
    account = LinkedAccount.objects.create(
        customer=customer,
        grant=grant,
        provider="xero",
        tenant_id=sandbox.tenant_id(tenant),
        end_user_id="bench",
    )
    return customer, key, account


def start_gateway(env: dict[str, str], log_path) -> tuple[subprocess.Popen, str]:
    """gunicorn (2 workers) serving the gateway with `env` on a free port: (process, base URL).
    Wait for it with `wait_for_gateway`."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "gateway.wsgi",
            "--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=open(log_path, "w"),  # noqa: SIM115 (the process owns it)
    )  # fmt: skip
    return process, f"http://127.0.0.1:{port}"


def wait_for_gateway(base_url: str, timeout: float = 30.0) -> bool:
    """True once `/healthz` answers (200, or 503 while a dependency warms up)."""
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base_url}/healthz", timeout=2).status_code in (200, 503):
                return True
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    return False


def machine() -> str:
    """The CPU model and load average, to print beside every figure."""
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{model}, {os.cpu_count()} cores, load average {load} (1, 5, 15 min)"

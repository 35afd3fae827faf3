"""`bench/sync.py` end to end at a tiny size: it runs, syncs every catalogue model on both
sandboxes, and holds each to its expected calls (exit 0)."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest

from tests.plugins.sandbox import ROOT
from tests.services import require_redis
from unified_models import CATALOGUE

pytestmark = pytest.mark.slow

TINY = [
    "--invoices", "120", "--contacts", "30", "--payments", "20", "--credit-notes", "12",
    "--purchase-orders", "8", "--journal-entries", "6", "--bank-transactions", "7",
    "--expenses", "5", "--bank-transfers", "3", "--qbo-invoices", "30", "--qbo-documents", "6",
]  # fmt: skip


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("the sync benchmark needs PostgreSQL under CI")
        pytest.skip("the sync benchmark needs PostgreSQL")
    base, _, name = url.rpartition("/")
    return f"{base}/{name}_benchsmoke_{uuid.uuid4().hex[:8]}"


def test_the_sync_benchmark_covers_every_model_within_its_expected_calls():
    database_url, redis_url = _database_url(), require_redis()
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url}
    try:
        done = subprocess.run(
            [sys.executable, "bench/sync.py", *TINY],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        import psycopg

        base, _, name = database_url.rpartition("/")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    out = done.stdout
    assert done.returncode == 0, out[-4000:] + done.stderr[-2000:]
    assert "MORE CALLS THAN EXPECTED" not in out
    xero, _, quickbooks = out.partition("== QuickBooks full sync")
    for entry in CATALOGUE:  # a row per model in both full-sync tables (or "not served")
        for part in (xero, quickbooks):
            assert any(line.split()[:1] == [entry.name] for line in part.splitlines()), entry.name
    assert "provider calls: " in xero and "peak worker memory" in xero

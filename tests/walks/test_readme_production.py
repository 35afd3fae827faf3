"""The README's PostgreSQL/Redis/Celery section, walked as written from a fresh clone.

`scripts/walk_readme.py` runs the section's shell block in a `git clone` (its own database,
Redis database and ports), checks `/healthz`, `/v1/providers` with the key the block created
and that every process it started still runs, then stops them. About a minute, most of it
`make install` in the clone; PostgreSQL and Redis are required (skipped without them, failed
under CI).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.services import redis_available

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = os.environ.get("WALK_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_DB = os.environ.get("WALK_REDIS_DB", "15")

pytestmark = pytest.mark.slow


def postgres_available() -> bool:
    try:
        import psycopg

        psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=3).close()
        return True
    except Exception:
        return False


def test_the_production_section_works_as_written():
    missing = [
        name
        for name, ok in (
            ("PostgreSQL", postgres_available()),
            ("Redis", redis_available(f"redis://127.0.0.1:6379/{REDIS_DB}")),
        )
        if not ok
    ]
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{', '.join(missing)} unreachable under CI")
        pytest.skip(f"{', '.join(missing)} unreachable")
    walk = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "walk_readme.py"),
            *("--postgres", POSTGRES, "--redis-db", REDIS_DB, "--timeout", "150"),
        ],
        capture_output=True,
        text=True,
        timeout=200,
    )
    assert walk.returncode == 0, walk.stdout[-8000:] + walk.stderr[-4000:]

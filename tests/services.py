"""Reachability of the real services the suite runs against under CI."""

from __future__ import annotations

import os

import pytest


def redis_url() -> str:
    return os.environ.get("REDIS_URL", "")


def redis_available(url: str | None = None) -> bool:
    url = url or redis_url() or "redis://127.0.0.1:6379/0"
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:
        return False


def require_ci_services() -> None:
    """Fail (never skip) when CI is missing PostgreSQL or Redis."""
    problems = []
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        problems.append("DATABASE_URL must point at PostgreSQL under CI")
    else:
        try:
            import psycopg

            dsn = database_url.rsplit("/", 1)[0] + "/postgres"
            psycopg.connect(dsn, connect_timeout=3).close()
        except Exception as exc:
            problems.append(f"PostgreSQL unreachable: {exc}")
    if not redis_url():
        problems.append("REDIS_URL must be set under CI")
    elif not redis_available():
        problems.append(f"Redis unreachable at {redis_url()}")
    if problems:
        pytest.exit("CI services missing: " + "; ".join(problems), returncode=3)


def require_redis() -> str:
    """The Redis URL for a test that needs Redis: skipped locally if absent, failed under CI."""
    url = redis_url() or "redis://127.0.0.1:6379/0"
    if not redis_available(url):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Redis unreachable at {url} under CI")
        pytest.skip(f"Redis unreachable at {url}")
    return url

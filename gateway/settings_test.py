"""Test settings: the same reader, with the test defaults filled in.

`DATABASE_URL` and `REDIS_URL` are honoured, so one suite runs on SQLite (default) or on
PostgreSQL and Redis (CI).
"""

import os

os.environ.setdefault("LEDGERLINK_ENV", "test")


def _own_redis_db(url: str, worker: str) -> str:
    """Parallel pytest workers (xdist `gw0`, `gw1`, …) get a Redis database each: one worker's
    reset of the shared rate limiter must not free the slots another worker's test holds."""
    base, _, db = url.rstrip("/").rpartition("/")
    number = int(db) if db.isdigit() else 0
    return f"{base}/{(number + 1 + int(worker.removeprefix('gw'))) % 16}"


if os.environ.get("REDIS_URL") and os.environ.get("PYTEST_XDIST_WORKER", "").startswith("gw"):
    os.environ["REDIS_URL"] = _own_redis_db(
        os.environ["REDIS_URL"], os.environ["PYTEST_XDIST_WORKER"]
    )

from gateway.settings import *  # noqa: E402, F403
from gateway.settings import (  # noqa: E402
    LEDGERLINK_PROVIDER_SETTINGS,
    LEDGERLINK_PROVIDERS,
    REST_FRAMEWORK,
)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
AUTH_FAILURE_LIMIT = 0  # many tests present wrong keys on purpose; the limit has its own test
API_KEY_CACHE_SECONDS = 0  # tests create and revoke keys freely; the cache has its own test
# Usage counts are written by the tests that read them (a flush would add queries to the tests
# that count them).
API_USAGE_FLUSH_SECONDS = 10**9
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api_key": "100000/min"}}
# Both providers configured as an operator would (only configured providers are offered); the
# sandbox fixtures replace these with their demo apps, and tests of unconfigured ones clear them.
LEDGERLINK_PROVIDER_SETTINGS = {
    name: {
        "client_id": f"test-{name}-client",
        "client_secret": f"test-{name}-secret",
        **LEDGERLINK_PROVIDER_SETTINGS.get(name, {}),
    }
    for name in LEDGERLINK_PROVIDERS
}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: threads in tests then wait on locks like real processes.
    # One file per test process, so two suites running side by side never share it.
    VAR_DIR.mkdir(exist_ok=True)  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(VAR_DIR / f"test-ledgerlink-{os.getpid()}.sqlite3")  # noqa: F405
    }

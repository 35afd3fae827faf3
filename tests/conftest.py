"""Suite-wide fixtures and the services check.

Under CI (`CI=true`) the suite must run on the real PostgreSQL and Redis: a service that
cannot be reached fails the run at start-up instead of letting tests skip.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.services import require_ci_services

pytest_plugins = [
    f"tests.plugins.{name}"
    for name in ("sandbox", "quickbooks_sandbox")
    if (Path(__file__).parent / "plugins" / f"{name}.py").exists()
]


def pytest_sessionstart(session: pytest.Session) -> None:
    if os.environ.get("CI", "").lower() == "true":
        require_ci_services()


@pytest.fixture(autouse=True)
def _fresh_provider_rate_limits():
    """Every test starts with the shared provider rate limiter empty. With Redis its state
    outlives a test, and the sandboxes' organisations have fixed ids: one test's calls would
    otherwise spend the next one's per-minute budget, and an API request (which waits at most
    PROVIDER_WAIT_SECONDS) would be answered 429."""
    url = os.environ.get("REDIS_URL")
    if url:
        from connectors.limiter import RedisLimiter

        limiter = RedisLimiter.from_url(url)
        limiter.reset()
        limiter.client.close()
    yield


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def customer_with_key(db):
    """A customer and the plaintext of its first API key."""
    from tests.factories import make_customer

    return make_customer("Acme Analytics")


@pytest.fixture
def authed_client(customer_with_key):
    from rest_framework.test import APIClient

    customer, key = customer_with_key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    client.customer = customer
    return client

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from connectors.credentials import Credentials, InMemoryCredentialStore
from connectors.limiter import InProcessLimiter
from connectors.xero import XeroProvider

from .fakes import FakeServer, FakeTokenEndpoint

TENANT = "tenant-1"


@pytest.fixture
def fake() -> Iterator[FakeServer]:
    with FakeServer() as server:
        yield server


@pytest.fixture
def token_endpoint(fake: FakeServer) -> FakeTokenEndpoint:
    endpoint = FakeTokenEndpoint()
    fake.route("POST", "/connect/token", endpoint)
    return endpoint


def xero_settings(base_url: str, **extra: object) -> dict[str, object]:
    return {
        "client_id": "client-id",
        "client_secret": "client-secret",
        "authorize_url": f"{base_url}/identity/connect/authorize",
        "token_url": f"{base_url}/connect/token",
        "revoke_url": f"{base_url}/connect/revocation",
        "connections_url": f"{base_url}/connections",
        "api_url": f"{base_url}/api.xro/2.0",
        # fast tests: tiny backoffs
        "http": {"backoff_initial": 0.01, "backoff_max": 0.05, "read_timeout": 5},
        **extra,
    }


@pytest.fixture
def limiter() -> InProcessLimiter:
    return InProcessLimiter()


@pytest.fixture
def provider(fake: FakeServer, token_endpoint: FakeTokenEndpoint, limiter) -> XeroProvider:
    return XeroProvider(xero_settings(fake.base_url), limiter=limiter)


def fresh_credentials(access: str = "a0", refresh: str = "r0", minutes: float = 30) -> Credentials:
    return Credentials(
        access_token=access,
        refresh_token=refresh,
        expires_at=datetime.now(UTC) + timedelta(minutes=minutes),
        scope=("accounting.transactions",),
    )


@pytest.fixture
def store() -> InMemoryCredentialStore:
    return InMemoryCredentialStore(fresh_credentials())

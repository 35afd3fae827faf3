"""Rows and fixtures shared by the sync and events tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gateway.accounts.models import Grant, LinkedAccount
from tests.factories import make_customer
from tests.gateway.sync import fakes

WEBHOOK_KEY = "fake-webhook-key"


def make_linked_account(customer, tenant_id: str = "tenant-1", provider: str = "fake", **extra):
    grant = Grant.objects.create(
        customer=customer,
        provider=provider,
        end_user_id=extra.pop("end_user_id", "user-1"),
        access_token="access-0",
        refresh_token="refresh-0",
        access_expires_at=datetime.now(UTC) + timedelta(minutes=30),
        refreshed_at=extra.pop("refreshed_at", datetime.now(UTC)),
    )
    return LinkedAccount.objects.create(
        customer=customer,
        grant=grant,
        provider=provider,
        tenant_id=tenant_id,
        tenant_name=f"Org {tenant_id}",
        end_user_id=grant.end_user_id,
        **extra,
    )


@pytest.fixture
def fake_provider(settings):
    settings.LEDGERLINK_PROVIDERS = {"fake": "tests.gateway.sync.fakes.FakeProvider"}
    settings.LEDGERLINK_PROVIDER_SETTINGS = {"fake": {"webhook_key": WEBHOOK_KEY}}
    fakes.REMOTE.clear()
    yield fakes
    fakes.REMOTE.clear()


@pytest.fixture
def other_customer(db):
    return make_customer("Other Co")

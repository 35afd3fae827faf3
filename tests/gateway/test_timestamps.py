"""Every timestamp on the wire has one format: ISO 8601 in UTC ending in `Z`."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from tests.gateway.builders import make_linked_account

pytestmark = pytest.mark.django_db

ISO_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def timestamps(value, path="$"):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from timestamps(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from timestamps(item, f"{path}[{index}]")
    elif isinstance(value, str) and ISO_DATETIME.match(value):
        yield path, value


def test_every_response_writes_timestamps_with_z(account_client, customer_with_key):
    account = account_client.account
    account.last_sync_at = datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=UTC)
    account.save(update_fields=["last_sync_at"])
    customer, _ = customer_with_key
    make_linked_account(customer, provider="fake")
    invoice_id = account_client.get("/v1/invoices").json()["results"][0]["id"]
    base = f"/v1/linked-accounts/{account.id}"
    responses = {
        "invoices": account_client.get("/v1/invoices?expand=contact"),
        "invoice": account_client.get(f"/v1/invoices/{invoice_id}"),
        "contacts": account_client.get("/v1/contacts"),
        "payments": account_client.get("/v1/payments"),
        "linked accounts": account_client.get("/v1/linked-accounts"),
        "linked account": account_client.get(base),
        "sync": account_client.post(f"{base}/sync", {"mode": "full"}, format="json"),
        "sync status": account_client.get(f"{base}/sync-status"),
        "sync settings": account_client.get(f"{base}/sync-settings"),
        "events": account_client.get("/v1/events?after=0"),
        "link token": account_client.post(
            "/v1/link-tokens",
            {"end_user_id": "u1", "redirect_url": "https://app.example.com/integrations/done"},
            format="json",
        ),
    }
    seen = []
    for name, response in responses.items():
        assert response.status_code < 400, (name, response.content)
        seen += [(name, path, value) for path, value in timestamps(response.json())]
    assert {name for name, _, _ in seen} >= {
        "invoices", "invoice", "contacts", "linked account", "events", "link token",
    }  # fmt: skip
    offsets = [(name, path, value) for name, path, value in seen if not value.endswith("Z")]
    assert offsets == []

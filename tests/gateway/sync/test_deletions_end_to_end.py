"""A record deleted outright at the provider (QuickBooks: gone from every query) is flagged
`remote_was_deleted` by the next incremental sync, through the sandbox and the unified API.
So is what was derived from it and is read whole on every sync: the deleted bill's ledger
transaction vanishes from QuickBooks' journal report, and the whole read's last page names
every id it returned (`Page.complete_remote_ids`)."""

from __future__ import annotations

import pytest

from gateway.events.models import Event
from gateway.sync import services
from gateway.sync.models import RunStatus, RunTrigger, SyncMode

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_quickbooks_deletion_reaches_the_unified_api(
    quickbooks_account, quickbooks_settings, authed_client
):
    account, sandbox = quickbooks_account, quickbooks_settings
    services.request_sync(account, SyncMode.FULL, RunTrigger.API)
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    listed = authed_client.get("/v1/invoices", {"page_size": 100}).json()["results"]
    bill = next(r for r in listed if r["remote_id"] == "Bill:2")
    assert bill["remote_was_deleted"] is False

    sandbox.control.delete("us", "Bill", "2")
    Event.objects.filter(linked_account=account).delete()
    run = services.request_sync(account, SyncMode.INCREMENTAL, RunTrigger.API)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error

    fetched = authed_client.get(f"/v1/invoices/{bill['id']}").json()
    assert fetched["remote_was_deleted"] is True
    remaining = authed_client.get("/v1/invoices", {"page_size": 100}).json()["results"]
    assert "Bill:2" not in {r["remote_id"] for r in remaining}  # deleted ones are hidden
    types = list(
        Event.objects.filter(linked_account=account)
        .order_by("sequence")
        .values_list("type", flat=True)
    )
    assert types == ["invoice.deleted", "general_ledger_transaction.deleted", "sync.completed"]
    ledger = authed_client.get(
        "/v1/general-ledger-transactions", {"page_size": 1000, "include_deleted": "true"}
    ).json()["results"]
    gone = [t for t in ledger if t["remote_was_deleted"]]
    assert [t["source_remote_id"] for t in gone] == ["Bill:2"], gone
    assert len(ledger) > len(gone)  # the other documents' ledger lines stay

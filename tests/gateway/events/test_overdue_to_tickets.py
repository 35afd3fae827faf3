"""examples/overdue_to_tickets.py end to end on both sandboxes through the gateway: a full sync,
the example's receiver registered for `invoice.overdue`, the scheduled task run (twice, and
once more "after a restart") at a frozen instant past every due date: one ticket per owed
invoice, none for paid, draft or void ones, none again for a replayed delivery, and a forged
delivery refused."""

from __future__ import annotations

import importlib.util
import sys
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import urllib3

from gateway.events import invoice_events
from gateway.sync import services
from gateway.sync.models import RunStatus, RunTrigger, SyncMode

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "overdue_to_tickets.py"


def _example():
    spec = importlib.util.spec_from_file_location("overdue_to_tickets", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(params=["xero", "quickbooks"])
def client(request, authed_client):
    account = request.getfixturevalue(f"{request.param}_account")
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    authed_client.account = account
    run = services.request_sync(account, SyncMode.FULL, RunTrigger.API)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    return authed_client


def _invoices(client) -> list[dict]:
    found, cursor = [], None
    while True:
        params = {"page_size": 100, **({"cursor": cursor} if cursor else {})}
        page = client.get("/v1/invoices", params).json()
        found += page["results"]
        cursor = page.get("next")
        if not cursor:
            return found


def _owed(invoice: dict) -> bool:
    return (
        invoice["status"] in ("OPEN", "PARTIALLY_PAID")
        and not invoice["remote_was_deleted"]
        and invoice["due_date"] is not None
        and Decimal(invoice["balance"] or 0) > 0
    )


def test_one_ticket_per_overdue_invoice(client):
    example = _example()
    invoices = _invoices(client)
    owed = {i["id"] for i in invoices if _owed(i)}
    assert owed and len(owed) < len(invoices)  # the demo books have paid invoices too
    latest = max(date.fromisoformat(i["due_date"]) for i in invoices if i["due_date"])
    frozen = datetime.combine(latest + timedelta(days=2), datetime.min.time(), tzinfo=UTC)

    def post(path, body):
        response = client.post(path, body, format="json")
        assert response.status_code == 201, response.content
        return response.json()

    desk = example.TicketDesk()
    receiver = example.Receiver(desk).start()
    try:
        endpoint = example.register(post, receiver.url)
        receiver.secret = endpoint["secret"]
        first = invoice_events.emit_due(frozen)
        assert invoice_events.emit_due(frozen) == 0
        assert invoice_events.emit_due(frozen + timedelta(hours=6)) == 0  # a restarted beat
        assert first >= len(owed)  # (and their "due soon", which the endpoint does not want)
        assert {t.invoice_id for t in desk.tickets} == owed
        assert len(desk.tickets) == len(owed)

        log = client.get("/v1/webhook-deliveries", {"page_size": 200}).json()["results"]
        assert {d["event_type"] for d in log} == {"invoice.overdue"}
        assert all(d["status"] == "succeeded" for d in log)
        replay = client.post(f"/v1/webhook-deliveries/{log[0]['id']}/replay")
        assert replay.status_code == 202 and replay.json()["status"] == "succeeded"
        assert len(desk.tickets) == len(owed)  # the same event id: no second ticket

        forged = urllib3.request(
            "POST",
            receiver.url,
            body=b'{"type": "invoice.overdue"}',
            headers={
                "Ledgerlink-Event-Id": "x",
                "Ledgerlink-Timestamp": str(int(frozen.timestamp())),
                "Ledgerlink-Signature": "v1=00",
            },
        )
        assert forged.status == 401 and receiver.refused == 1
    finally:
        receiver.shutdown()
        receiver.server_close()
    summary = desk.tickets[0].summary
    assert summary.startswith("Chase overdue invoice ") and "due " in summary

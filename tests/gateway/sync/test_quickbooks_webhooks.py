"""QuickBooks webhooks end to end: a change in the QuickBooks sandbox → its signed webhook (classic
or CloudEvents) → `/webhooks/quickbooks/` on a live gateway → a targeted fetch → the event at
the SaaS app's endpoint; a deletion marks the record deleted; a burst becomes incremental reads.
Eager Celery: the gateway processes each delivery while answering it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest
import requests

from gateway.events.models import Event
from gateway.records.models import Record
from gateway.sync import services
from gateway.sync.models import InboundEvent, RunTrigger, SyncRun
from tests.gateway.events.receiver import Receiver

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def qbo(settings, live_server, quickbooks_account, quickbooks_sandbox):
    """The linked US company, synced once, the sandbox's webhooks pointed at the gateway."""
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    run = services.request_sync(quickbooks_account, "full", RunTrigger.API)
    assert SyncRun.objects.get(pk=run.pk).status == "succeeded"
    control = quickbooks_sandbox.control
    # Eager Celery: the gateway fetches while answering, slower than Intuit's 3 seconds.
    control.webhook_config(retry_delays=[], batch_window=0.05, timeout=60)
    return quickbooks_account, control, f"{live_server.url}/webhooks/quickbooks/"


def received_events(receiver: Receiver, count: int) -> list[dict]:
    hits = receiver.wait_for(count, timeout=30)
    assert len(hits) >= count, hits
    return [json.loads(hit.body) for hit in hits]


@pytest.mark.parametrize("webhook_format", ["classic", "cloudevents"])
def test_a_change_in_quickbooks_reaches_the_saas_app(
    qbo, authed_client, quickbooks_sandbox, webhook_format
):
    account, control, hook_url = qbo
    control.set_webhook(hook_url, webhook_format=webhook_format)
    bill = Record.objects.filter(
        linked_account=account, model="invoice", remote_id__startswith="Bill:"
    )
    remote_id = bill.values_list("remote_id", flat=True).first()
    with Receiver() as receiver:
        response = authed_client.post(
            "/v1/webhook-endpoints",
            {"url": receiver.url, "event_types": ["invoice.updated"]},
            format="json",
        )
        assert response.status_code == 201, response.content
        control.edit("us", "Bill", remote_id.removeprefix("Bill:"), DocNumber="HOOK-1")
        assert control.flush_webhooks()
        deliveries = control.deliveries()
        assert [(d["format"], d["status"]) for d in deliveries] == [(webhook_format, 200)]
        body = received_events(receiver, 1)[0]
    assert body["type"] == "invoice.updated"
    assert body["data"]["remote_id"] == remote_id
    assert body["data"]["number"] == "HOOK-1"
    inbound = InboundEvent.objects.get()
    assert (inbound.provider, inbound.tenant_id, inbound.model, inbound.status) == (
        "quickbooks",
        account.tenant_id,
        "invoice",
        "done",
    )
    # A targeted fetch: no sync ran after the first one.
    assert SyncRun.objects.filter(linked_account=account).count() == 1

    # The same delivery captured and replayed: accepted (Intuit resends too), nothing happens.
    payload = deliveries[0]["payload"].encode()
    events, queries = Event.objects.count(), len(control.counters()["queries"])
    token = quickbooks_sandbox.webhook_verifier_token
    signature = base64.b64encode(hmac.new(token.encode(), payload, hashlib.sha256).digest())
    replay = requests.post(hook_url, data=payload, headers={"intuit-signature": signature})
    assert replay.status_code == 200
    assert InboundEvent.objects.count() == 1
    assert (Event.objects.count(), len(control.counters()["queries"])) == (events, queries)


def test_a_deleted_and_a_voided_record(qbo):
    account, control, hook_url = qbo
    control.set_webhook(hook_url)
    invoices = Record.objects.filter(linked_account=account, model="invoice")
    gone = invoices.filter(remote_id__startswith="Bill:").values_list("remote_id", flat=True)[0]
    payment = (
        Record.objects.filter(linked_account=account, model="payment")
        .exclude(remote_id__contains=":")
        .values_list("remote_id", flat=True)[0]
    )
    Event.objects.all().delete()
    control.delete("us", "Bill", gone.removeprefix("Bill:"))
    control.void("us", "Payment", payment)
    assert control.flush_webhooks()
    assert [d["status"] for d in control.deliveries()] == [200]
    assert invoices.get(remote_id=gone).remote_was_deleted
    assert set(Event.objects.values_list("type", flat=True)) == {
        "invoice.deleted",
        "payment.updated",
    }
    voided = Record.objects.get(linked_account=account, model="payment", remote_id=payment)
    assert json.loads(voided.document)["total_amount"] in ("0", "0.00")


def test_forged_signatures_reach_nothing(qbo):
    account, control, hook_url = qbo
    control.set_webhook(hook_url, webhook_verifier_token="not-the-gateways-token")
    invoice = Record.objects.filter(linked_account=account, model="invoice").first()
    control.edit("us", "Invoice", invoice.remote_id, DocNumber="FORGED")
    assert control.flush_webhooks()
    assert [d["status"] for d in control.deliveries()] == [401]
    assert not InboundEvent.objects.exists()


BURST = 1000


@pytest.fixture
def bulk_account(settings, live_server, customer_with_key, quickbooks_settings):
    """A linked US company holding BURST more invoices, synced once, webhooks to the gateway."""
    from datetime import timedelta

    from tests.gateway.builders import make_linked_account

    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    sandbox = quickbooks_settings
    sandbox.control.reset(invoices=BURST)
    tokens, realm = sandbox.connect("us")
    account = make_linked_account(
        customer_with_key[0],
        provider="quickbooks",
        tenant_id=realm,
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        expires_in=timedelta(seconds=int(tokens["expires_in"])),
    )
    account.grant.token_extra = json.dumps({"realm_id": realm})
    account.grant.save(update_fields=["token_extra"])
    services.request_sync(account, "full", RunTrigger.API)
    sandbox.control.set_webhook(f"{live_server.url}/webhooks/quickbooks/")
    sandbox.control.webhook_config(retry_delays=[], timeout=60)  # eager: fetched in the answer
    return account, sandbox.control


@pytest.mark.slow
def test_a_burst_of_1000_changes_becomes_incremental_reads(bulk_account, settings):
    account, control = bulk_account
    assert settings.SYNC_WEBHOOK_TARGETED_MAX < 100
    invoices = [i["Id"] for i in control.records("us", "Invoice")][-BURST:]
    control.reset_counters()
    # Intuit gathers minutes of changes in its notifications: hold them until all are made,
    # then they go out 100 entities a delivery.
    control.webhook_config(batch_window=600)
    for qbo_id in invoices:
        control.edit("us", "Invoice", qbo_id, DocNumber=f"BURST-{qbo_id}")
    control.webhook_config(batch_window=0.05)
    assert control.flush_webhooks(timeout=120)
    deliveries = control.deliveries()
    assert all(d["status"] == 200 for d in deliveries), deliveries[-1]
    assert sum(d["entities"] for d in deliveries) == BURST
    runs = SyncRun.objects.filter(linked_account=account, trigger="webhook")
    assert runs.exists()
    assert {(r.mode, tuple(r.only_models), r.status) for r in runs} == {
        ("incremental", ("invoice",), "succeeded")
    }
    stored = dict(
        Record.objects.filter(
            linked_account=account, model="invoice", remote_id__in=invoices
        ).values_list("remote_id", "document")
    )
    assert {rid: json.loads(doc)["number"] for rid, doc in stored.items()} == {
        rid: f"BURST-{rid}" for rid in invoices
    }
    # Read as queries of changed invoices, never one query per invoice.
    counters = control.counters()
    statements = [str(q) for q in counters["queries"]] + [
        str(item) for b in counters["batches"] for item in b["items"]
    ]
    assert any("LastUpdatedTime >=" in q for q in statements), statements[:5]
    assert not [q for q in statements if "Id = '" in q]
    assert InboundEvent.objects.filter(status="done").count() == BURST
    # Each change is one event for the SaaS app.
    updated = Event.objects.filter(linked_account=account, type="invoice.updated")
    assert updated.count() == BURST


# -- in a real worker (Redis broker, PostgreSQL), as the Xero webhook test in test_worker.py ---
@pytest.mark.slow
def test_quickbooks_webhook_to_signed_delivery_in_a_worker(
    live, quickbooks_sandbox, customer_with_key, live_server, authed_client
):
    from datetime import timedelta

    from gateway.events.delivery import verify_signature
    from tests.gateway.builders import make_linked_account
    from tests.gateway.sync.worker import Worker

    providers = {"xero": live.provider, "quickbooks": quickbooks_sandbox.provider_settings()}
    live.settings.LEDGERLINK_PROVIDER_SETTINGS = providers
    worker = Worker(
        database_url=live.db_url,
        broker_url=live.redis_url,
        queue=live.queue,
        provider_settings=providers,
        log_dir=live.tmp_path,
        name="qbo",
    )
    live.workers.append(worker)
    worker.start()
    tokens, realm = quickbooks_sandbox.connect("us")
    account = make_linked_account(
        customer_with_key[0],
        provider="quickbooks",
        tenant_id=realm,
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        expires_in=timedelta(seconds=int(tokens["expires_in"])),
    )
    account.grant.token_extra = json.dumps({"realm_id": realm})
    account.grant.save(update_fields=["token_extra"])
    live.wait_for_run(services.request_sync(account, "full", RunTrigger.API).id)

    control = quickbooks_sandbox.control
    control.set_webhook(f"{live_server.url}/webhooks/quickbooks/", webhook_format="cloudevents")
    control.webhook_config(retry_delays=[], batch_window=0.05, timeout=10)  # a loaded machine
    with Receiver() as receiver:
        response = authed_client.post(
            "/v1/webhook-endpoints",
            {"url": receiver.url, "event_types": ["invoice.updated"]},
            format="json",
        )
        secret = response.json()["secret"]
        invoice = Record.objects.filter(
            linked_account=account, model="invoice", remote_id__startswith="Bill:"
        ).first()
        control.edit("us", "Bill", invoice.remote_id.removeprefix("Bill:"), DocNumber="W-1")
        assert control.flush_webhooks()
        assert [d["status"] for d in control.deliveries()] == [200]
        hit = receiver.wait_for(1, timeout=60)[0]
    body = json.loads(hit.body)
    assert (body["type"], body["data"]["remote_id"], body["data"]["number"]) == (
        "invoice.updated",
        invoice.remote_id,
        "W-1",
    )
    assert verify_signature(
        secret,
        hit.headers["ledgerlink-event-id"],
        hit.headers["ledgerlink-timestamp"],
        hit.body,
        hit.headers["ledgerlink-signature"],
    )
    assert SyncRun.objects.filter(linked_account=account).count() == 1  # a targeted fetch

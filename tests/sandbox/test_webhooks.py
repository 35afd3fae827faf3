"""Webhooks: Xero's payload, signature, batching, retries and intent-to-receive."""

from __future__ import annotations

import json

import pytest

from .schemas import validate


@pytest.fixture
def hooked(xero_sandbox, xero_webhook_receiver):
    """The demo app with its webhook pointed at a local receiver, connected to UK."""
    xero_sandbox.control.update_app(xero_sandbox.client_id, webhook_url=xero_webhook_receiver.url)
    xero_sandbox.control.webhook_config(retry_delays=[0.05, 0.1], batch_window=0.02)
    tokens = xero_sandbox.connect(tenants=["uk"])
    return xero_sandbox.api(tokens["access_token"], "uk"), xero_webhook_receiver


def test_api_writes_send_signed_events(xero_sandbox, hooked):
    api, receiver = hooked
    contact = api.put("Contacts", json={"Name": "Hook Ltd"}).json()["Contacts"][0]
    invoice = api.put(
        "Invoices", json={"Type": "ACCREC", "Contact": {"ContactID": contact["ContactID"]}}
    ).json()["Invoices"][0]
    assert xero_sandbox.control.flush_webhooks()
    events = receiver.events()
    assert all(r["valid"] for r in receiver.requests)
    kinds = [(e["eventCategory"], e["eventType"], e["resourceId"]) for e in events]
    assert ("CONTACT", "CREATE", contact["ContactID"]) in kinds
    assert ("INVOICE", "CREATE", invoice["InvoiceID"]) in kinds
    assert ("CONTACT", "UPDATE", contact["ContactID"]) in kinds  # became a customer
    payload = json.loads(receiver.requests[0]["body"])
    validate(payload, "WebhookEvent", spec_name="xero-webhooks.yaml", strict=False)
    assert payload["firstEventSequence"] == 1 and len(payload["entropy"]) == 20
    event = next(e for e in events if e["eventCategory"] == "INVOICE")
    assert event["tenantId"] == xero_sandbox.tenants["uk"] and event["tenantType"] == "ORGANISATION"
    assert event["resourceUrl"] == f"{xero_sandbox.api_url}/Invoices/{invoice['InvoiceID']}"


def test_control_plane_edits_fire_update_events(xero_sandbox, hooked):
    api, receiver = hooked
    invoice = api.get("Invoices/HP-2044").json()["Invoices"][0]
    edited = xero_sandbox.control.edit(
        "uk", "Invoices", invoice["InvoiceID"], Reference="Changed by a user"
    )
    assert edited["Reference"] == "Changed by a user"
    assert edited["UpdatedDateUTC"] != invoice["UpdatedDateUTC"]
    credit = api.get("CreditNotes", params={"where": 'Status=="DRAFT"'}).json()["CreditNotes"][0]
    xero_sandbox.control.delete("uk", "CreditNotes", credit["CreditNoteID"])
    contact = api.get("Contacts/C0002").json()["Contacts"][0]
    xero_sandbox.control.archive("uk", "Contacts", contact["ContactID"])
    xero_sandbox.control.flush_webhooks()
    events = [(e["eventCategory"], e["eventType"], e["resourceId"]) for e in receiver.events()]
    assert events == [
        ("INVOICE", "UPDATE", invoice["InvoiceID"]),
        ("CREDITNOTE", "UPDATE", credit["CreditNoteID"]),
        ("CONTACT", "UPDATE", contact["ContactID"]),
    ]
    credit_event = receiver.events()[1]
    assert credit_event["data"] == {"Type": "ACCPAYCREDIT", "Status": "DELETED"}
    sequences = [
        (json.loads(r["body"])["firstEventSequence"], json.loads(r["body"])["lastEventSequence"])
        for r in receiver.requests
    ]
    assert sequences[0][0] == 1 and all(a <= b for a, b in sequences)


def test_events_only_for_connected_tenants(xero_sandbox, hooked):
    _, receiver = hooked
    us_invoice = xero_sandbox.control.create(
        "us", "Invoices", Type="ACCREC", Contact={"Name": "Boom FM"}, LineItems=[]
    )
    assert us_invoice["InvoiceID"]
    xero_sandbox.control.flush_webhooks()
    assert receiver.requests == []


def test_retries_when_the_receiver_fails(xero_sandbox, hooked):
    api, receiver = hooked
    receiver.force_status = [500, 503]
    api.put("Contacts", json={"Name": "Retry Co"})
    assert xero_sandbox.control.flush_webhooks(include_retries=True)
    assert [r["answered"] for r in receiver.requests] == [500, 503, None]
    assert len({r["body"] for r in receiver.requests}) == 1  # same payload retried
    deliveries = xero_sandbox.control.deliveries()
    assert [(d["attempt"], d["ok"]) for d in deliveries] == [(1, False), (2, False), (3, True)]
    assert xero_sandbox.control.counters()["webhooks"] == {"failed": 2, "delivered": 1}


def test_gives_up_after_the_retry_schedule(xero_sandbox, hooked):
    api, receiver = hooked
    receiver.force_status = [500] * 5
    api.put("Contacts", json={"Name": "Never Co"})
    xero_sandbox.control.flush_webhooks(include_retries=True)
    deliveries = xero_sandbox.control.deliveries()
    assert len(deliveries) == 3 and not deliveries[-1]["will_retry"]


def test_intent_to_receive(xero_sandbox, hooked):
    _, receiver = hooked
    result = xero_sandbox.control.intent_to_receive()
    assert result["passed"] is True
    assert [c["status"] for c in result["checks"]] == [200, 401]
    body = json.loads(receiver.requests[0]["body"])
    assert body["events"] == [] and body["firstEventSequence"] == 0
    receiver.force_status = [200, 200]  # a receiver that does not check signatures
    assert xero_sandbox.control.intent_to_receive()["passed"] is False


def test_intent_to_receive_without_webhook(xero_sandbox):
    assert xero_sandbox.control.intent_to_receive()["passed"] is False

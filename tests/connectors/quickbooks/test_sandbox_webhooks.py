"""The QuickBooks sandbox's webhooks: every write notified, signed with the app's verifier
token, in the app's format (classic or CloudEvents), batched, retried, only for connected
companies; and the connector reads what it sends."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from connectors.quickbooks import QuickBooksProvider


@dataclass
class Receiver:
    """Records POSTs; 200 for a valid ``intuit-signature``, 401 otherwise (or a forced status)."""

    token: str
    url: str = ""
    requests: list[dict] = field(default_factory=list)
    force_status: list[int] = field(default_factory=list)

    def bodies(self) -> list[Any]:
        return [json.loads(r["body"]) for r in self.requests if r["valid"]]

    def entities(self) -> list[tuple[str, str, str, str]]:
        """(realm, name, id, operation) of every classic entity received."""
        return [
            (n["realmId"], e["name"], e["id"], e["operation"])
            for body in self.bodies()
            for n in body["eventNotifications"]
            for e in n["dataChangeEvent"]["entities"]
        ]


@pytest.fixture
def receiver(quickbooks_sandbox) -> Iterator[Receiver]:
    rec = Receiver(token=quickbooks_sandbox.webhook_verifier_token)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            digest = hmac.new(rec.token.encode(), body, hashlib.sha256).digest()
            valid = hmac.compare_digest(
                base64.b64encode(digest).decode(), self.headers.get("intuit-signature", "")
            )
            with lock:
                forced = rec.force_status.pop(0) if rec.force_status else None
                rec.requests.append({"body": body.decode(), "valid": valid, "answered": forced})
            self.send_response(forced or (200 if valid else 401))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    rec.url = f"http://127.0.0.1:{server.server_port}/webhooks/quickbooks/"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield rec
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def hooked(quickbooks_sandbox, receiver):
    """The demo app's webhook pointed at the receiver, connected to the US company."""
    quickbooks_sandbox.control.set_webhook(receiver.url)
    quickbooks_sandbox.control.webhook_config(retry_delays=[0.05, 0.1], batch_window=0.05)
    tokens, realm = quickbooks_sandbox.connect("us")
    api = quickbooks_sandbox.api(tokens["access_token"], "us")
    return api, realm


def post(api, entity: str, body: dict) -> dict:
    response = api.http.post(
        f"{api.base}/{entity.lower()}", params={"minorversion": 75}, json=body, timeout=30
    )
    assert response.status_code == 200, response.text
    return response.json()[entity]


def test_api_writes_and_user_edits_are_notified_in_one_signed_batch(
    quickbooks_sandbox, hooked, receiver
):
    api, realm = hooked
    control = quickbooks_sandbox.control
    control.webhook_config(batch_window=2.0)  # Intuit gathers changes of a few minutes
    account = post(
        api,
        "Account",
        {"Name": "Webhook Test", "AccountType": "Expense", "AccountSubType": "Travel"},
    )
    invoice = control.records("us", "Invoice")[0]
    control.edit("us", "Invoice", invoice["Id"], PrivateNote="changed by a user")
    bill = control.records("us", "Bill")[0]
    control.delete("us", "Bill", bill["Id"])
    payment = control.records("us", "Payment")[0]
    control.void("us", "Payment", payment["Id"])
    assert control.flush_webhooks()
    assert receiver.requests and all(r["valid"] for r in receiver.requests)
    assert receiver.entities() == [
        (realm, "Account", account["Id"], "Create"),
        (realm, "Invoice", invoice["Id"], "Update"),
        (realm, "Bill", bill["Id"], "Delete"),
        (realm, "Payment", payment["Id"], "Void"),
    ]
    # Batched as Intuit does: changes within the window share a delivery.
    assert len(receiver.requests) == 1
    entity = receiver.bodies()[0]["eventNotifications"][0]["dataChangeEvent"]["entities"][0]
    assert entity["lastUpdated"].endswith("Z")


def test_the_connector_reads_what_the_sandbox_sends_in_both_formats(
    quickbooks_sandbox, hooked, receiver
):
    _, realm = hooked
    control = quickbooks_sandbox.control
    control.webhook_config(batch_window=1.0)  # both edits in one delivery
    for fmt in ("classic", "cloudevents"):
        control.set_webhook(receiver.url, webhook_format=fmt)
        bill = control.records("us", "Bill")[0]
        control.edit("us", "Bill", bill["Id"], PrivateNote=f"via {fmt}")
        vendor = control.records("us", "Vendor")[0]
        control.edit("us", "Vendor", vendor["Id"], CompanyName=f"Vendor via {fmt}")
        assert control.flush_webhooks()
        raw = receiver.requests[-1]["body"].encode()
        assert QuickBooksProvider.verify_webhook(
            raw,
            {"intuit-signature": _sign(raw, quickbooks_sandbox.webhook_verifier_token)},
            quickbooks_sandbox.webhook_verifier_token,
        )
        batch = QuickBooksProvider.parse_webhook(raw)
        assert batch.rejected == []
        assert [(e.tenant_id, e.model, e.remote_id, e.event_type) for e in batch.events] == [
            (realm, "invoice", f"Bill:{bill['Id']}", "UPDATE"),
            (realm, "contact", f"Vendor:{vendor['Id']}", "UPDATE"),
        ]
    cloud = json.loads(receiver.requests[-1]["body"])
    assert isinstance(cloud, list) and cloud[0]["specversion"] == "1.0"
    assert cloud[0]["type"] == "qbo.bill.updated.v1" and cloud[0]["intuitaccountid"] == realm


def _sign(body: bytes, token: str) -> str:
    return base64.b64encode(hmac.new(token.encode(), body, hashlib.sha256).digest()).decode()


def test_only_connected_companies_and_subscribed_entities(quickbooks_sandbox, hooked, receiver):
    control = quickbooks_sandbox.control
    uk_invoice = control.records("uk", "Invoice")[0]
    control.edit("uk", "Invoice", uk_invoice["Id"], PrivateNote="not connected")
    code = control.records("us", "TaxCode")
    if code:  # not a webhook entity at Intuit
        control.edit("us", "TaxCode", code[0]["Id"], Description="x")
    assert control.flush_webhooks()
    assert receiver.requests == []


def test_one_company_a_delivery(quickbooks_sandbox, hooked, receiver):
    _, us_realm = hooked
    control = quickbooks_sandbox.control
    _, uk_realm = quickbooks_sandbox.connect("uk")
    control.webhook_config(batch_window=0.3)
    for company in ("us", "uk", "us"):
        invoice = control.records(company, "Invoice")[0]
        control.edit(company, "Invoice", invoice["Id"], PrivateNote="two companies")
    assert control.flush_webhooks()
    realms = [[n["realmId"] for n in body["eventNotifications"]] for body in receiver.bodies()]
    assert sorted(realms) == sorted([[us_realm], [uk_realm]])
    assert len(receiver.entities()) == 3


def test_many_changes_are_split_into_deliveries(quickbooks_sandbox, hooked, receiver):
    control = quickbooks_sandbox.control
    control.webhook_config(max_entities=3, batch_window=0.3)
    invoices = control.records("us", "Invoice")[:7]
    for invoice in invoices:
        control.edit("us", "Invoice", invoice["Id"], PrivateNote="bulk")
    assert control.flush_webhooks()
    assert [e[2] for e in receiver.entities()] == [i["Id"] for i in invoices]
    sizes = [
        len(n["dataChangeEvent"]["entities"])
        for body in receiver.bodies()
        for n in body["eventNotifications"]
    ]
    assert max(sizes) <= 3 and sum(sizes) == 7


def test_retries_the_same_bytes_then_gives_up(quickbooks_sandbox, hooked, receiver):
    control = quickbooks_sandbox.control
    receiver.force_status = [500, 503]
    invoice = control.records("us", "Invoice")[0]
    control.edit("us", "Invoice", invoice["Id"], PrivateNote="retry")
    assert control.flush_webhooks(include_retries=True)
    assert [r["answered"] for r in receiver.requests] == [500, 503, None]
    assert len({r["body"] for r in receiver.requests}) == 1
    log = control.deliveries()
    assert [(d["attempt"], d["ok"], d["will_retry"]) for d in log] == [
        (1, False, True),
        (2, False, True),
        (3, True, False),
    ]
    receiver.force_status = [500] * 5
    control.edit("us", "Invoice", invoice["Id"], PrivateNote="never")
    assert control.flush_webhooks(include_retries=True)
    assert len(control.deliveries()) == 6 and not control.deliveries()[-1]["will_retry"]


def test_a_wrong_token_is_refused_by_the_receiver(quickbooks_sandbox, hooked, receiver):
    control = quickbooks_sandbox.control
    control.set_webhook(receiver.url, webhook_verifier_token="someone-else")
    control.webhook_config(retry_delays=[])
    invoice = control.records("us", "Invoice")[0]
    control.edit("us", "Invoice", invoice["Id"], PrivateNote="forged")
    assert control.flush_webhooks()
    assert [r["valid"] for r in receiver.requests] == [False]
    assert control.deliveries()[0]["status"] == 401


def test_seeding_and_resets_send_nothing(quickbooks_sandbox, hooked, receiver):
    quickbooks_sandbox.control.reset(invoices=50)
    time.sleep(0.2)
    assert receiver.requests == []
    assert quickbooks_sandbox.control.apps()[0]["webhook_url"] is None  # reset: no endpoint


def test_bad_webhook_format_is_refused(quickbooks_sandbox):
    with pytest.raises(AssertionError, match="400"):
        quickbooks_sandbox.control.set_webhook("http://127.0.0.1:9/", webhook_format="xml")

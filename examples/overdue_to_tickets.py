"""A ticket when an invoice becomes overdue: the seed's Jira flow, against a local receiver.

1. Start a local HTTP receiver, then register it with Ledgerlink as a webhook endpoint for
   ``invoice.overdue`` (``POST /v1/webhook-endpoints``); the signing secret is shown once.
2. Each delivery is verified before it is trusted: ``Ledgerlink-Signature`` is
   ``v1=<hex HMAC-SHA256(secret, "{event id}.{timestamp}.{raw body}")>``, compared in constant
   time, and a timestamp more than five minutes away is refused (a replayed capture).
3. One ticket per overdue invoice, exactly once: Ledgerlink emits ``invoice.overdue`` once per
   invoice and due date, and a retried or replayed delivery carries the same
   ``Ledgerlink-Event-Id``; the desk deduplicates on both. Tickets are printed and kept in
   memory here; ``TicketDesk.create`` is where Jira's ``POST /rest/api/3/issue`` would go.

Run against a gateway (``make demo`` starts one with its sandboxes; development allows
webhook URLs on 127.0.0.1)::

    python examples/overdue_to_tickets.py --api http://127.0.0.1:8000 --key <API key> \\
        [--host 127.0.0.1 --port 8765]

Only ``requests`` is needed (and only by ``main``): the tests drive ``register`` through
Django's test client.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Post = Callable[[str, dict[str, Any]], Any]
EVENT_TYPE = "invoice.overdue"
TOLERANCE_SECONDS = 300


def verify(secret: str, headers: Mapping[str, str], body: bytes) -> bool:
    """The README's receiver check: the signature over the raw body, and a recent timestamp."""
    event_id = headers.get("Ledgerlink-Event-Id", "")
    timestamp = headers.get("Ledgerlink-Timestamp", "")
    if not secret or not event_id or not timestamp.isdigit():
        return False
    if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    signed = f"{event_id}.{timestamp}.".encode() + body
    expected = "v1=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    offered = headers.get("Ledgerlink-Signature", "").split(",")
    return any(hmac.compare_digest(expected, s.strip()) for s in offered)


@dataclass
class Ticket:
    key: str
    summary: str
    invoice_id: str
    due_date: str | None
    linked_account_id: str


@dataclass
class TicketDesk:
    """Opens one ticket per (invoice, due date); remembers the events it has handled."""

    project: str = "AR"
    tickets: list[Ticket] = field(default_factory=list)
    seen_events: set[str] = field(default_factory=set)
    _by_invoice: dict[tuple[str, str | None], Ticket] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def handle(self, event: dict[str, Any]) -> Ticket | None:
        """The ticket this event opened; None for a repeat or another type."""
        if event.get("type") != EVENT_TYPE:
            return None
        invoice = event["data"]
        with self._lock:
            if event["id"] in self.seen_events:
                return None
            self.seen_events.add(event["id"])
            key = (invoice["id"], invoice.get("due_date"))
            if key in self._by_invoice:
                return None
            ticket = self.create(invoice, event["linked_account_id"])
            self._by_invoice[key] = ticket
            self.tickets.append(ticket)
        return ticket

    def create(self, invoice: dict[str, Any], linked_account_id: str) -> Ticket:
        """Here a real integration calls Jira (or any tracker); this one numbers tickets."""
        label = invoice.get("number") or invoice["id"]
        amount = f"{invoice.get('balance')} {invoice.get('currency') or ''}".strip()
        ticket = Ticket(
            key=f"{self.project}-{len(self.tickets) + 1}",
            summary=f"Chase overdue invoice {label}: {amount} due {invoice.get('due_date')}",
            invoice_id=invoice["id"],
            due_date=invoice.get("due_date"),
            linked_account_id=linked_account_id,
        )
        print(f"{ticket.key}  {ticket.summary}", flush=True)
        return ticket


class Receiver(ThreadingHTTPServer):
    """The local endpoint: 401 for anything unsigned or stale, 200 once handled (repeats too,
    so Ledgerlink stops retrying them)."""

    daemon_threads = True

    def __init__(self, desk: TicketDesk, host: str = "127.0.0.1", port: int = 0) -> None:
        self.desk = desk
        #: Set once the endpoint is registered (its secret is shown only then).
        self.secret = ""
        self.refused = 0
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/ledgerlink"

    def start(self) -> Receiver:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self


class _Handler(BaseHTTPRequestHandler):
    server: Receiver
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if not verify(self.server.secret, self.headers, body):
            self.server.refused += 1
            self._answer(401)
            return
        self.server.desk.handle(json.loads(body))
        self._answer(200)

    def _answer(self, status: int) -> None:
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()


def register(post: Post, url: str) -> dict[str, Any]:
    """A webhook endpoint for `invoice.overdue` at `url`; the response holds its `secret`."""
    return post(
        "/v1/webhook-endpoints",
        {"url": url, "event_types": [EVENT_TYPE], "description": "Overdue invoices → tickets"},
    )


def main() -> None:
    import requests

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api", default="http://127.0.0.1:8000")
    parser.add_argument("--key", required=True, help="a Ledgerlink API key")
    parser.add_argument("--host", default="127.0.0.1", help="where the receiver listens")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {args.key}"
    api = args.api.rstrip("/")

    def post(path: str, body: dict[str, Any]) -> Any:
        response = session.post(api + path, json=body, timeout=30)
        response.raise_for_status()
        return response.json()

    receiver = Receiver(TicketDesk(), args.host, args.port).start()
    endpoint = register(post, receiver.url)
    receiver.secret = endpoint["secret"]
    print(f"Listening on {receiver.url} (endpoint {endpoint['id']}); Ctrl-C to stop.")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        session.delete(f"{api}/v1/webhook-endpoints/{endpoint['id']}", timeout=30)
        receiver.shutdown()


if __name__ == "__main__":
    main()

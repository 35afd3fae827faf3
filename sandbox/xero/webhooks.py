"""Webhook delivery: Xero's payload, ``x-xero-signature`` signing, batching, retries,
and the intent-to-receive check."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import string
import threading
import time
from collections import deque
from dataclasses import dataclass, field

import requests

from .apps import AppRegistry
from .clock import Clock
from .counters import Counters
from .jsonutil import dumps
from .ledger import Event
from .oauth import Identity
from .xdates import event_date

RESOURCE_PATHS = {"INVOICE": "Invoices", "CONTACT": "Contacts", "CREDITNOTE": "CreditNotes"}


def sign(key: str, body: bytes) -> str:
    """``x-xero-signature``: base64(HMAC-SHA256(webhook key, raw body))."""
    return base64.b64encode(hmac.new(key.encode(), body, hashlib.sha256).digest()).decode()


def entropy() -> str:
    return "".join(secrets.choice(string.ascii_uppercase) for _ in range(20))


@dataclass
class Batch:
    client_id: str
    events: list[dict]
    first: int
    last: int
    attempt: int = 0
    due: float = 0.0
    body: bytes | None = None  # fixed at the first attempt, re-sent as is
    id: str = field(default_factory=lambda: secrets.token_hex(8))


class WebhookDispatcher:
    """Queues events per app and delivers them from a background thread."""

    def __init__(
        self,
        apps: AppRegistry,
        identity: Identity,
        clock: Clock,
        counters: Counters,
        api_base: str = "https://api.xero.com",
    ) -> None:
        self.apps, self.identity, self.clock, self.counters = apps, identity, clock, counters
        self.api_base = api_base
        self.retry_delays: list[float] = [1, 5, 30, 120, 600, 3600]
        self.batch_window = 0.05
        self.timeout = 5.0
        self.enabled = True
        self._cond = threading.Condition()
        self._pending: dict[str, list[dict]] = {}
        self._retry: deque[Batch] = deque()
        self._busy = 0
        self._sequence: dict[str, int] = {}
        self.deliveries: deque[dict] = deque(maxlen=5000)
        self._thread = threading.Thread(target=self._run, name="xero-webhooks", daemon=True)
        self._thread.start()

    def reset(self) -> None:
        with self._cond:
            self._pending.clear()
            self._retry.clear()
            self.deliveries.clear()
            self._sequence.clear()
            self.retry_delays = [1, 5, 30, 120, 600, 3600]

    # -- producing ------------------------------------------------------------------

    def publish(self, events: list[Event]) -> None:
        """Queue events for every app with a webhook that is connected to the tenant."""
        if not events or not self.enabled:
            return
        apps = [a for a in self.apps.all() if a.get("webhook_url") and a.get("webhook_key")]
        if not apps:
            return
        with self._cond:
            for app in apps:
                for event in events:
                    if not self.identity.can_reach(app["client_id"], event.tenant_id):
                        continue
                    self._pending.setdefault(app["client_id"], []).append(self._event_json(event))
            self._cond.notify_all()

    def _event_json(self, event: Event) -> dict:
        out = {
            "resourceUrl": (
                f"{self.api_base}/api.xro/2.0/{RESOURCE_PATHS[event.category]}/{event.resource_id}"
            ),
            "resourceId": event.resource_id,
            "eventDateUtc": event_date(event.ms),
            "eventType": event.event_type,
            "eventCategory": event.category,
            "tenantId": event.tenant_id,
            "tenantType": "ORGANISATION",
        }
        if event.data:
            out["data"] = event.data
        return out

    # -- delivering -----------------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._ready_retry():
                    self._cond.wait(timeout=self._next_wait())
                if self._pending:
                    self._cond.wait(timeout=self.batch_window)
                batches = self._take_batches()
                self._busy += len(batches)
            for batch in batches:
                try:
                    self._deliver(batch)
                finally:
                    with self._cond:
                        self._busy -= 1
                        self._cond.notify_all()

    def _ready_retry(self) -> bool:
        return bool(self._retry) and min(b.due for b in self._retry) <= time.monotonic()

    def _next_wait(self) -> float:
        if not self._retry:
            return 1.0
        return max(min(b.due for b in self._retry) - time.monotonic(), 0.01)

    def _take_batches(self) -> list[Batch]:
        batches = []
        for client_id, events in self._pending.items():
            for start in range(0, len(events), 100):
                chunk = events[start : start + 100]
                seq = self._sequence.get(client_id, 0)
                self._sequence[client_id] = seq + len(chunk)
                batches.append(Batch(client_id, chunk, seq + 1, seq + len(chunk)))
        self._pending.clear()
        now = time.monotonic()
        ready = [b for b in self._retry if b.due <= now]
        for b in ready:
            self._retry.remove(b)
        return batches + ready

    def _deliver(self, batch: Batch) -> None:
        app = self.apps.get(batch.client_id)
        if not app or not app.get("webhook_url") or not app.get("webhook_key"):
            return
        if batch.body is None:
            batch.body = dumps(
                {
                    "events": batch.events,
                    "firstEventSequence": batch.first,
                    "lastEventSequence": batch.last,
                    "entropy": entropy(),
                }
            )
        body = batch.body
        status, error = self._post(app["webhook_url"], body, sign(app["webhook_key"], body))
        batch.attempt += 1
        ok = status is not None and 200 <= status < 300
        self.counters.add("webhooks", "delivered" if ok else "failed")
        record = {
            "id": batch.id,
            "client_id": batch.client_id,
            "url": app["webhook_url"],
            "attempt": batch.attempt,
            "status": status,
            "ok": ok,
            "error": error,
            "events": len(batch.events),
            "first_sequence": batch.first,
            "last_sequence": batch.last,
            "sent_at": self.clock.now().isoformat(),
            "payload": body.decode(),
        }
        will_retry = not ok and batch.attempt <= len(self.retry_delays)
        record["will_retry"] = will_retry
        self.deliveries.append(record)
        if will_retry:
            batch.due = time.monotonic() + self.retry_delays[batch.attempt - 1]
            with self._cond:
                self._retry.append(batch)
                self._cond.notify_all()

    def _post(self, url: str, body: bytes, signature: str) -> tuple[int | None, str | None]:
        try:
            response = requests.post(
                url,
                data=body,
                headers={
                    "Content-Type": "application/json",
                    "x-xero-signature": signature,
                    "User-Agent": "Xero-Webhooks-Sandbox",
                },
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            return None, type(exc).__name__
        return response.status_code, None

    def flush(self, timeout: float = 10.0, include_retries: bool = False) -> bool:
        """Wait until queued events are delivered (and retries done, if asked)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._pending or self._busy or (include_retries and self._retry):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(timeout=min(remaining, 0.05))
        return True

    # -- intent to receive ----------------------------------------------------------

    def intent_to_receive(self, client_id: str) -> dict:
        """Xero's handshake: a correctly signed empty payload must get 200, a bad one 401."""
        app = self.apps.get(client_id)
        if not app or not app.get("webhook_url") or not app.get("webhook_key"):
            return {"passed": False, "error": "app has no webhook_url/webhook_key", "checks": []}
        checks = []
        for signed_ok in (True, False):
            body = dumps(
                {
                    "events": [],
                    "firstEventSequence": 0,
                    "lastEventSequence": 0,
                    "entropy": entropy(),
                }
            )
            key = app["webhook_key"] if signed_ok else secrets.token_hex(16)
            status, error = self._post(app["webhook_url"], body, sign(key, body))
            expected = 200 if signed_ok else 401
            checks.append(
                {
                    "signature": "valid" if signed_ok else "invalid",
                    "expected": expected,
                    "status": status,
                    "error": error,
                    "passed": status == expected,
                }
            )
        passed = all(c["passed"] for c in checks)
        self.counters.add("webhooks", "intent_passed" if passed else "intent_failed")
        return {"passed": passed, "checks": checks}

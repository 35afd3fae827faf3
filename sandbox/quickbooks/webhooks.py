"""Webhook delivery as Intuit does it: every change to a company's books (API writes and
control-plane edits alike) is POSTed to each app with a webhook URL that is connected to the
company, signed ``intuit-signature: base64(HMAC-SHA256(verifier token, raw body))``.

An app's webhooks are configured like its other settings (``PATCH /_sandbox/apps/{client_id}``
with ``webhook_url``, ``webhook_verifier_token``, ``webhook_format``); the demo app has a
verifier token and no URL until a test or the demo registers one. ``webhook_format`` is
``classic`` (the default: ``{"eventNotifications": [{"realmId", "dataChangeEvent":
{"entities": [{"name", "id", "operation", "lastUpdated"}]}}]}``, one notification per company)
or ``cloudevents`` (a JSON array of CloudEvents, ``type`` ``qbo.<entity>.<verb>.v1``).

Changes are batched as Intuit batches them: everything that happened to one company within
``batch_window`` seconds goes in one delivery (Intuit sends one realm at a time), at most
``max_entities`` entities each. A delivery answered with anything but 2xx within ``timeout``
seconds (Intuit: 3) is sent again, the same bytes, after each of ``retry_delays`` in turn
(Intuit's 10 s, 20 s, 30 s, 5 min, 20 min, 2 h, 4 h, 6 h), then dropped. Every attempt is logged
(``GET /_sandbox/webhooks/deliveries``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import requests

from .clock import Clock
from .store import Store

FORMATS = ("classic", "cloudevents")
#: Intuit's schedule (webhooks best practices): 10 s, 20 s, 30 s, 5 min, 20 min, 2 h, 4 h, 6 h,
#: then every 6 h; the sandbox stops after the last.
RETRY_DELAYS = (10.0, 20.0, 30.0, 300.0, 1200.0, 7200.0, 14400.0, 21600.0)
#: Intuit wants a 200 within 3 seconds; a slower answer counts as a failure.
TIMEOUT = 3.0
BATCH_WINDOW = 0.05
MAX_ENTITIES = 100

#: The entities Intuit sends webhooks for (its "supported API entities" table), of those the
#: sandbox keeps: changes to others (Attachable, TaxCode, TaxRate…) are not notified.
ENTITIES = frozenset(
    {
        "Account",
        "Bill",
        "BillPayment",
        "Class",
        "CreditMemo",
        "Customer",
        "Department",
        "Deposit",
        "Invoice",
        "Item",
        "JournalEntry",
        "Payment",
        "Purchase",
        "PurchaseOrder",
        "RefundReceipt",
        "Transfer",
        "Vendor",
        "VendorCredit",
    }
)

#: Operation (classic spelling) → the CloudEvents verb.
VERBS = {
    "Create": "created",
    "Update": "updated",
    "Delete": "deleted",
    "Merge": "merged",
    "Void": "voided",
    "Emailed": "emailed",
}


def sign(token: str, body: bytes) -> str:
    return base64.b64encode(hmac.new(token.encode(), body, hashlib.sha256).digest()).decode()


@dataclass(frozen=True)
class Change:
    realm: str
    entity: str
    id: str
    operation: str  # Create, Update, Delete, Void (classic spelling)
    last_updated: str  # UTC, milliseconds, "Z"


@dataclass
class Delivery:
    client_id: str
    changes: list[Change]
    attempt: int = 0
    due: float = 0.0
    body: bytes | None = None  # fixed at the first attempt, re-sent as is
    id: str = field(default_factory=lambda: secrets.token_hex(8))


def utc_stamp(stamp: str | None, fallback: datetime) -> str:
    """A QuickBooks ``LastUpdatedTime`` (``2025-01-10T09:15:00-08:00``) as Intuit's webhooks
    write it (``2025-01-10T17:15:00.000Z``)."""
    try:
        when = datetime.fromisoformat(stamp) if stamp else fallback
    except ValueError:
        when = fallback
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class WebhookDispatcher:
    """Queues changes and delivers them from a background thread."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store, self.clock = store, clock
        self._cond = threading.Condition()
        self._pending: list[Change] = []
        self._retry: deque[Delivery] = deque()
        self._busy = 0
        self.deliveries: deque[dict[str, Any]] = deque(maxlen=5000)
        self.configure()
        self.http = requests.Session()
        self._thread = threading.Thread(target=self._run, name="qbo-webhooks", daemon=True)
        self._thread.start()

    def configure(
        self,
        retry_delays: list[float] | tuple[float, ...] = RETRY_DELAYS,
        batch_window: float = BATCH_WINDOW,
        max_entities: int = MAX_ENTITIES,
        enabled: bool = True,
        timeout: float = TIMEOUT,
    ) -> dict[str, Any]:
        self.retry_delays = [float(d) for d in retry_delays]
        self.timeout = float(timeout)
        self.batch_window = float(batch_window)
        self.max_entities = max(int(max_entities), 1)
        self.enabled = bool(enabled)
        if hasattr(self, "_thread"):
            with self._cond:
                self._cond.notify_all()
        return self.settings()

    def settings(self) -> dict[str, Any]:
        return {
            "retry_delays": self.retry_delays,
            "batch_window": self.batch_window,
            "max_entities": self.max_entities,
            "enabled": self.enabled,
            "timeout": self.timeout,
        }

    def reset(self) -> None:
        with self._cond:
            self._pending.clear()
            self._retry.clear()
            self.deliveries.clear()
            self.configure()

    # -- producing (Store.on_change) --------------------------------------------------------
    def changed(self, realm: str, entity: str, entity_id: str, operation: str, stamp: str | None):
        if not self.enabled or entity not in ENTITIES:
            return
        change = Change(
            realm, entity, str(entity_id), operation, utc_stamp(stamp, self.clock.now())
        )
        with self._cond:
            self._pending.append(change)
            self._cond.notify_all()

    # -- delivering ---------------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._ready_retry():
                    self._cond.wait(timeout=self._next_wait())
                if self._pending:  # the aggregation window (new changes do not end it; a
                    # shorter ``batch_window`` set meanwhile does)
                    opened = time.monotonic()
                    while (left := opened + self.batch_window - time.monotonic()) > 0:
                        self._cond.wait(timeout=left)
                changes, self._pending = self._pending, []
                retries = self._take_retries()
                self._busy += 1
            try:
                for delivery in self._batches(changes) + retries:
                    self._deliver(delivery)
            finally:
                with self._cond:
                    self._busy -= 1
                    self._cond.notify_all()

    def _ready_retry(self) -> bool:
        return bool(self._retry) and min(d.due for d in self._retry) <= time.monotonic()

    def _next_wait(self) -> float:
        if not self._retry:
            return 1.0
        return max(min(d.due for d in self._retry) - time.monotonic(), 0.01)

    def _take_retries(self) -> list[Delivery]:
        now = time.monotonic()
        ready = [d for d in self._retry if d.due <= now]
        for d in ready:
            self._retry.remove(d)
        return ready

    def _batches(self, changes: list[Change]) -> list[Delivery]:
        """Per app with a webhook and per company it is connected to (Intuit sends one realm
        at a time), deliveries of at most ``max_entities`` changes."""
        if not changes:
            return []
        out = []
        for app in self._subscribers():
            realms = self._connected_realms(app["client_id"])
            by_realm: dict[str, list[Change]] = {}
            for c in changes:
                if c.realm in realms:
                    by_realm.setdefault(c.realm, []).append(c)
            for mine in by_realm.values():
                for start in range(0, len(mine), self.max_entities):
                    chunk = mine[start : start + self.max_entities]
                    out.append(Delivery(app["client_id"], chunk))
        return out

    def _subscribers(self) -> list[dict[str, Any]]:
        rows = self.store.query(
            "SELECT * FROM webhooks WHERE url IS NOT NULL AND url != '' AND verifier_token != ''"
        )
        return [dict(r) for r in rows]

    def _connected_realms(self, client_id: str) -> set[str]:
        """Intuit only notifies about companies connected to the app (a consent not revoked)."""
        rows = self.store.query(
            "SELECT DISTINCT realm FROM grants WHERE client_id = ? AND revoked = 0", client_id
        )
        return {r["realm"] for r in rows}

    def _deliver(self, delivery: Delivery) -> None:
        row = self.store.one("SELECT * FROM webhooks WHERE client_id = ?", delivery.client_id)
        if row is None or not row["url"] or not row["verifier_token"]:
            return
        if delivery.body is None:
            payload = (
                cloud_events(delivery.changes, delivery.client_id)
                if row["format"] == "cloudevents"
                else classic(delivery.changes)
            )
            delivery.body = json.dumps(payload, separators=(",", ":")).encode()
        started = time.monotonic()
        status, error = self._post(
            row["url"], delivery.body, sign(row["verifier_token"], delivery.body)
        )
        answered_in = round((time.monotonic() - started) * 1000)
        delivery.attempt += 1
        ok = status is not None and 200 <= status < 300
        will_retry = not ok and delivery.attempt <= len(self.retry_delays)
        self.deliveries.append(
            {
                "id": delivery.id,
                "client_id": delivery.client_id,
                "url": row["url"],
                "format": row["format"],
                "attempt": delivery.attempt,
                "status": status,
                "ms": answered_in,
                "ok": ok,
                "error": error,
                "entities": len(delivery.changes),
                "sent_at": self.clock.now().isoformat(),
                "will_retry": will_retry,
                "payload": delivery.body.decode(),
            }
        )
        if will_retry:
            delivery.due = time.monotonic() + self.retry_delays[delivery.attempt - 1]
            with self._cond:
                self._retry.append(delivery)
                self._cond.notify_all()

    def _post(self, url: str, body: bytes, signature: str) -> tuple[int | None, str | None]:
        try:
            response = self.http.post(
                url,
                data=body,
                headers={
                    "Content-Type": "application/json",
                    "intuit-signature": signature,
                    "User-Agent": "Intuit-Webhooks-Sandbox",
                },
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            return None, type(exc).__name__
        return response.status_code, None

    def flush(self, timeout: float = 10.0, include_retries: bool = False) -> bool:
        """Wait until queued changes are delivered (and retries done, if asked)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._pending or self._busy or (include_retries and self._retry):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(timeout=min(remaining, 0.05))
        return True


# -- the two formats -----------------------------------------------------------------------------
def classic(changes: list[Change]) -> dict[str, Any]:
    """One notification per company, its entities in the order they changed."""
    by_realm: dict[str, list[dict[str, str]]] = {}
    for c in changes:
        by_realm.setdefault(c.realm, []).append(
            {"name": c.entity, "id": c.id, "operation": c.operation, "lastUpdated": c.last_updated}
        )
    return {
        "eventNotifications": [
            {"realmId": realm, "dataChangeEvent": {"entities": entities}}
            for realm, entities in by_realm.items()
        ]
    }


def cloud_events(changes: list[Change], client_id: str) -> list[dict[str, Any]]:
    source = "intuit." + base64.b64encode(hashlib.sha256(client_id.encode()).digest()).decode()
    return [
        {
            "specversion": "1.0",
            "id": f"{uuid.uuid4()}-{c.entity}-{c.id}",
            "source": source,
            "type": f"qbo.{c.entity.lower()}.{VERBS[c.operation]}.v1",
            "datacontenttype": "application/json",
            "time": c.last_updated,
            "intuitentityid": c.id,
            "intuitaccountid": c.realm,
            "data": {},
        }
        for c in changes
    ]

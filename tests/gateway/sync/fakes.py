"""An in-memory provider for the sync and events service tests (eager Celery, SQLite).

`REMOTE` holds each tenant's records; `FakeConnector.list` pages them oldest change first with
the real `ListCursor`, so checkpoints, resumes and incremental reads behave like a spec
connector's. Faults are injected with `Remote.fail` (called before each page and each get).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from connectors.base import Connector, Credentials, Page, Provider, WebhookBatch, WebhookEvent
from connectors.cursor import ListCursor
from connectors.errors import NotFound, NotSupported, RelinkRequired
from connectors.specs import OAuthSpec, ResourceSpec
from unified_models import Contact, Invoice, InvoiceStatus, InvoiceType, Payment

MODELS = ("contact", "invoice", "payment")
EPOCH = datetime(2025, 1, 1, tzinfo=UTC)


class Remote:
    def __init__(self) -> None:
        self.records: dict[str, dict[str, dict[str, Any]]] = {m: {} for m in MODELS}
        self.removed: dict[str, dict[str, datetime]] = {m: {} for m in MODELS}
        self.clock = EPOCH
        self.page_size = 3
        self.calls = 0
        self.list_calls: list[tuple[str, int, datetime | None]] = []
        self.gets: list[tuple[str, str]] = []
        #: fail(kind, model, page_or_id) -> an exception to raise, or None.
        self.fail: Callable[[str, str, Any], Exception | None] = lambda *a: None
        self.refresh_error: Exception | None = None
        self.refreshes = 0

    def put(self, model: str, remote_id: str, **fields: Any) -> None:
        self.clock += timedelta(seconds=1)
        current = self.records[model].get(remote_id, {})
        self.records[model][remote_id] = {**current, **fields, "remote_updated_at": self.clock}

    def delete(self, model: str, remote_id: str) -> None:
        self.put(model, remote_id, remote_was_deleted=True)

    def remove(self, model: str, remote_id: str) -> None:
        """Deleted outright: gone from lists, reported at the end of incremental reads."""
        self.clock += timedelta(seconds=1)
        del self.records[model][remote_id]
        self.removed[model][remote_id] = self.clock

    def record(self, model: str, remote_id: str) -> Any:
        data = self.records[model][remote_id]
        common = {
            "remote_id": remote_id,
            "remote_updated_at": data["remote_updated_at"],
            "remote_was_deleted": data.get("remote_was_deleted", False),
        }
        if model == "contact":
            return Contact(**common, name=data.get("name", remote_id), is_customer=True)
        if model == "invoice":
            return Invoice(
                **common,
                type=InvoiceType.ACCOUNTS_RECEIVABLE,
                number=data.get("number", remote_id),
                contact_remote_id=data.get("contact"),
                status=data.get("status", InvoiceStatus.OPEN),
                total_amount=data.get("total", "10.00"),
                currency="GBP",
            )
        return Payment(
            **common, contact_remote_id=data.get("contact"), total_amount=data.get("total", "5")
        )


REMOTE: dict[str, Remote] = {}


def remote(tenant_id: str) -> Remote:
    return REMOTE.setdefault(tenant_id, Remote())


class FakeConnector(Connector):
    def __init__(self, provider: FakeProvider, store: Any, tenant_id: str) -> None:
        self.provider = provider
        self.tenant_id = tenant_id
        self.store = store

    @property
    def remote(self) -> Remote:
        return remote(self.tenant_id)

    def list(
        self, model: str, *, modified_since: datetime | None = None, cursor: str | None = None
    ) -> Iterator[Page]:
        state = ListCursor.decode(cursor) if cursor else ListCursor(model, 1, modified_since)
        return self._pages(model, state)

    def _pages(self, model: str, state: ListCursor) -> Iterator[Page]:
        page = state.page
        while True:
            r = self.remote
            r.calls += 1
            r.list_calls.append((model, page, state.modified_since))
            error = r.fail("list", model, page)
            if error is not None:
                raise error
            rows = sorted(
                (
                    (data["remote_updated_at"], rid)
                    for rid, data in r.records[model].items()
                    if state.modified_since is None
                    or data["remote_updated_at"] >= state.modified_since
                ),
            )
            size = r.page_size
            chunk = rows[(page - 1) * size : page * size]
            records = [r.record(model, rid) for _, rid in chunk]
            last = len(chunk) < size or page * size >= len(rows)
            yield Page(
                model=model,
                records=records,
                next_cursor=None
                if last
                else ListCursor(model, page + 1, state.modified_since).encode(),
                calls=1,
                max_remote_updated_at=max((t for t, _ in chunk), default=None),
                deleted_remote_ids=tuple(
                    rid
                    for rid, at in r.removed[model].items()
                    if last and state.modified_since is not None and at >= state.modified_since
                ),
            )
            if last:
                return
            page += 1

    def get(self, model: str, remote_id: str) -> Any:
        r = self.remote
        r.calls += 1
        r.gets.append((model, remote_id))
        error = r.fail("get", model, remote_id)
        if error is not None:
            raise error
        if remote_id not in r.records[model]:
            raise NotFound(f"{model} {remote_id}")
        return r.record(model, remote_id)

    def create(self, *a: Any, **k: Any) -> Any:
        raise NotSupported("read-only fake")

    update = delete = passthrough = create


def _spec(model: str) -> ResourceSpec:
    return ResourceSpec(
        model=model,
        path=model,
        records_field=model,
        primary_key="id",
        to_unified=lambda row: row,
        operations=frozenset({"list", "get"}),
    )


class FakeProvider(Provider):
    key = "fake"
    name = "Fake Books"
    oauth_spec = OAuthSpec(
        authorize_url="http://127.0.0.1:9/authorize",
        token_url="http://127.0.0.1:9/token",
        scopes=("offline_access",),
    )
    api_url = "http://127.0.0.1:9/api"
    resources = {m: _spec(m) for m in MODELS}

    def connect(self, credential_store: Any, tenant_id: str) -> FakeConnector:
        return FakeConnector(self, credential_store, tenant_id)

    def refresh(self, credentials: Credentials) -> Credentials:
        r = remote("__oauth__")
        r.refreshes += 1
        if r.refresh_error is not None:
            raise r.refresh_error
        return credentials.replace(
            access_token=f"access-{r.refreshes}",
            refresh_token=f"refresh-{r.refreshes}",
            expires_at=datetime.now(UTC) + timedelta(minutes=30),
        )

    @classmethod
    def verify_webhook(cls, raw_body: bytes, headers: Mapping[str, str], key: str) -> bool:
        received = next((v for k, v in headers.items() if k.lower() == "x-fake-signature"), "")
        return bool(key) and hmac.compare_digest(sign(raw_body, key), received)

    @classmethod
    def parse_webhook(cls, raw_body: bytes) -> WebhookBatch:
        payload = json.loads(raw_body)
        return WebhookBatch(
            [
                WebhookEvent(
                    tenant_id=e["tenant"],
                    model=e.get("model"),
                    remote_id=e["id"],
                    event_type=e.get("type", "UPDATE"),
                    occurred_at=datetime.fromisoformat(e["at"]) if e.get("at") else EPOCH,
                    raw=e,
                )
                for e in payload["events"]
            ]
        )


def sign(raw_body: bytes, key: str) -> str:
    return hmac.new(key.encode(), raw_body, hashlib.sha256).hexdigest()


def relink_error() -> RelinkRequired:
    return RelinkRequired("invalid_grant: refresh token expired")

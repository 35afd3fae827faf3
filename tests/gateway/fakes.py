"""An in-memory provider for gateway tests that need no sandbox (a test double, not a stub).

It keeps records per tenant, honours idempotency keys, rejects invalid writes like a provider
would (ValidationFailed with unified paths) and counts calls, so gateway behaviour (idempotency,
read-after-write, error translation) is tested against something that can disagree.
"""

from __future__ import annotations

import itertools
import threading
from collections import defaultdict
from datetime import UTC, datetime
from decimal import Decimal

from connectors.base import Connector, PassthroughResponse, Provider
from connectors.errors import NotFound, ValidationFailed
from connectors.specs import OAuthSpec, ResourceSpec
from unified_models import Contact, Invoice, InvoiceStatus, Payment

_MODELS = {"contact": Contact, "invoice": Invoice, "payment": Payment}
_OPS = {
    "contact": {"list", "get", "create", "update"},
    "invoice": {"list", "get", "create", "update", "delete"},
    "payment": {"list", "get", "create", "delete"},
}


class FakeBackend:
    """State shared by every FakeProvider instance (the registry is rebuilt per settings)."""

    lock = threading.Lock()
    records: dict[tuple[str, str], dict[str, dict]] = defaultdict(dict)
    idempotency: dict[str, object] = {}
    calls: list[tuple[str, str]] = []
    ids = itertools.count(1)

    @classmethod
    def reset(cls) -> None:
        with cls.lock:
            cls.records.clear()
            cls.idempotency.clear()
            cls.calls.clear()


class FakeConnector(Connector):
    def __init__(self, provider: FakeProvider, tenant_id: str):
        self.provider = provider
        self.tenant_id = tenant_id

    def _store(self, model: str) -> dict[str, dict]:
        return FakeBackend.records[(self.tenant_id, model)]

    def _record(self, model: str, data: dict):
        return _MODELS[model].model_validate(data)

    def list(self, model, *, modified_since=None, cursor=None):
        raise NotImplementedError

    def get(self, model, remote_id):
        FakeBackend.calls.append(("get", model))
        try:
            return self._record(model, self._store(model)[remote_id])
        except KeyError:
            raise NotFound(f"{model} {remote_id}") from None

    def create(self, model, data, *, idempotency_key=None):
        with FakeBackend.lock:
            FakeBackend.calls.append(("create", model))
            if idempotency_key and idempotency_key in FakeBackend.idempotency:
                return FakeBackend.idempotency[idempotency_key]
            record = self._build(model, None, data)
            if idempotency_key:
                FakeBackend.idempotency[idempotency_key] = record
            return record

    def update(self, model, remote_id, data, *, idempotency_key=None):
        with FakeBackend.lock:
            FakeBackend.calls.append(("update", model))
            if remote_id not in self._store(model):
                raise NotFound(f"{model} {remote_id}")
            return self._build(model, remote_id, data)

    def delete(self, model, remote_id):
        with FakeBackend.lock:
            FakeBackend.calls.append(("delete", model))
            stored = self._store(model).get(remote_id)
            if stored is None:
                raise NotFound(f"{model} {remote_id}")
            stored["status"] = "VOID"
            stored["remote_updated_at"] = datetime.now(UTC).isoformat()
            return self._record(model, stored)

    def passthrough(self, method, path, *, query=None, body=None, headers=None):
        FakeBackend.calls.append(("passthrough", path))
        return PassthroughResponse(
            200,
            {"Content-Type": "application/json", "Set-Cookie": "secret=1"},
            b'{"Amount": 12.50}',
        )

    def _build(self, model: str, remote_id: str | None, data) -> object:
        changes = data.model_dump(exclude_unset=True, exclude={"contact", "account"})
        if getattr(data, "applied_to", None):
            changes["applied_to"] = [a.model_dump() for a in data.applied_to]
        for index, line in enumerate(changes.get("line_items") or []):
            if line.get("quantity") is not None and line["quantity"] <= 0:
                raise ValidationFailed(
                    "Quantity must be positive",
                    details=[{"field": f"line_items[{index}].quantity", "message": "Must be > 0"}],
                )
        store = self._store(model)
        remote_id = remote_id or f"{model}-{next(FakeBackend.ids)}"
        current = dict(store.get(remote_id) or {"remote_id": remote_id})
        current.update({k: v for k, v in changes.items() if v is not None})
        if model == "invoice":
            current.setdefault("status", InvoiceStatus.DRAFT.value)
            lines = [
                {k: v for k, v in li.items() if v is not None}
                for li in current.get("line_items") or []
            ]
            current["line_items"] = lines
            current["total_amount"] = sum(
                (
                    Decimal(li.get("quantity") or 0) * Decimal(li.get("unit_price") or 0)
                    for li in lines
                ),
                Decimal("0"),
            )
        current["remote_updated_at"] = datetime.now(UTC).isoformat()
        store[remote_id] = current
        return self._record(model, current)


class FakeProvider(Provider):
    key = "fake"
    name = "Fake Books"
    tenant_concept = "ledger"
    oauth_spec = OAuthSpec(
        authorize_url="http://fake.invalid/authorize",
        token_url="http://fake.invalid/token",
    )
    api_url = "http://fake.invalid/api"
    required_settings = ()  # an in-memory backend: nothing to configure
    resources = {
        model: ResourceSpec(
            model=model,
            path=model,
            records_field=model,
            primary_key="id",
            to_unified=lambda raw: raw,
            operations=frozenset(ops),
        )
        for model, ops in _OPS.items()
    }

    def connect(self, credential_store, tenant_id):
        credential_store.load()
        return FakeConnector(self, tenant_id)

    def list_tenants(self, credentials):
        return []  # no connections endpoint: a grant reaches only what its accounts name

"""One write suite for every provider: each unified write (create, update, delete or void,
idempotent replay, idempotency conflict, validation error, unknown reference) runs against the
Xero and the QuickBooks sandbox through the public API, and every result is read back through
a sync. The test code is the same for both: bodies are built from the books' own synced records
(a customer, a supplier, a revenue, an expense and a bank account, an item), never from provider
ids. Refusals must happen before any call reaches the provider."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from connectors.http import ApiClient
from gateway.sync import services
from gateway.sync.models import RunStatus, RunTrigger, SyncMode

pytestmark = pytest.mark.django_db(transaction=True)

PROVIDERS = ("xero", "quickbooks")
TODAY = date.today()


#: What every case's bodies refer to (synced first); each case then syncs only its own model.
BASE_MODELS = ("company_info", "tax_rate", "account", "item", "contact")


def _sync(account, mode=SyncMode.INCREMENTAL, models=None) -> None:
    run = services.request_sync(account, mode, RunTrigger.API, models=models)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error


@dataclass
class Books:
    """The linked account's synced books, read through the unified API."""

    client: Any
    account: Any
    provider: str
    home_currency: str = ""
    _cache: dict[str, list[dict]] = field(default_factory=dict)

    def all(self, plural: str, **params: Any) -> list[dict]:
        out, cursor = [], None
        while True:
            query = {"page_size": 100, **params, **({"cursor": cursor} if cursor else {})}
            response = self.client.get(f"/v1/{plural}", query)
            assert response.status_code == 200, response.content
            body = response.json()
            out += body["results"]
            cursor = body["next"]
            if not cursor:
                return out

    def cached(self, plural: str) -> list[dict]:
        if plural not in self._cache:
            self._cache[plural] = self.all(plural)
        return self._cache[plural]

    def _home(self, record: dict) -> bool:
        return record.get("currency") in (None, self.home_currency)

    def contact(self, role: str) -> dict:
        """An active contact in the home currency that is a customer (or a supplier)."""
        flag = "is_customer" if role == "customer" else "is_supplier"
        return next(
            c
            for c in self.cached("contacts")
            if c.get(flag)
            and c["status"] == "ACTIVE"
            and self._home(c)
            and not c["remote_was_deleted"]
        )

    def account_of(self, classification: str, kind: str | None = None) -> dict:
        return next(
            a
            for a in self.cached("accounts")
            if a["status"] == "ACTIVE"
            and a["classification"] == classification
            and (kind is None or a["type"] == kind)
            and (kind != "BANK" or self._home(a))
        )

    def banks(self) -> list[dict]:
        return [
            a
            for a in self.cached("accounts")
            if a["status"] == "ACTIVE" and a["type"] == "BANK" and self._home(a)
        ]

    def item(self) -> dict:
        return next(
            i
            for i in self.cached("items")
            if i["status"] in (None, "ACTIVE")
            and (i.get("sale_account") or i.get("sale_account_code"))
            and i.get("sale_unit_price")
        )


def _tag() -> str:
    return uuid.uuid4().hex[:8]


def _invoice(books: Books, receivable: bool = True) -> dict:
    if receivable:
        line = {"description": "Suite work", "quantity": "2", "unit_price": "50.00"}
        line["item"] = books.item()["id"]
    else:
        line = {"description": "Suite supplies", "quantity": "2", "unit_price": "50.00"}
        line["account"] = books.account_of("EXPENSE")["id"]
    return {
        "type": "ACCOUNTS_RECEIVABLE" if receivable else "ACCOUNTS_PAYABLE",
        "contact": books.contact("customer" if receivable else "supplier")["id"],
        "number": f"WS-{_tag()}",
        "issue_date": TODAY.isoformat(),
        "due_date": (TODAY + timedelta(days=30)).isoformat(),
        "status": "OPEN",
        "line_items": [line],
    }


def _payment(books: Books) -> dict:
    invoice = books.client.post("/v1/invoices", _invoice(books), format="json")
    assert invoice.status_code == 201, invoice.content
    return {
        "transaction_date": TODAY.isoformat(),
        "account": books.banks()[0]["id"],
        "total_amount": "40.00",
        "reference": f"WS-{_tag()}",
        "applied_to": [{"related_object_id": invoice.json()["id"], "applied_amount": "40.00"}],
    }


@dataclass(frozen=True)
class Case:
    """One unified model's writes, as the suite exercises them."""

    id: str
    model: str
    plural: str
    build: Callable[[Books], dict]
    #: A PATCH body and how the read-back shows it (None: the model is not updated).
    change: dict | None = None
    #: A create body change the gateway refuses, and the field it names.
    invalid: tuple[dict, str] = ({"issue_date": "not a date"}, "issue_date")
    #: The reference field that, set to an unknown id, is refused (None: no reference).
    reference: str | None = "contact"
    deletes: bool = False


CASES = (
    Case(
        "contact",
        "contact",
        "contacts",
        lambda b: {"name": f"Write suite {_tag()}", "email_address": f"{_tag()}@suite.example"},
        change={"email_address": "changed@suite.example"},
        invalid=({"name": ""}, "name"),
        reference=None,
        deletes=True,
    ),
    Case(
        "invoice_receivable",
        "invoice",
        "invoices",
        _invoice,
        change={"due_date": (TODAY + timedelta(days=60)).isoformat()},
        deletes=True,
    ),
    Case(
        "invoice_payable",
        "invoice",
        "invoices",
        lambda b: _invoice(b, receivable=False),
        change={"due_date": (TODAY + timedelta(days=45)).isoformat()},
        deletes=True,
    ),
    Case(
        "payment",
        "payment",
        "payments",
        _payment,
        invalid=({"transaction_date": "not a date"}, "transaction_date"),
        reference="account",
        deletes=True,
    ),
    Case(
        "account",
        "account",
        "accounts",
        # Six characters: a short code could be one the books hold already (Xero refuses it).
        lambda b: {"name": f"Suite costs {_tag()}", "code": f"9{_tag()[:5]}", "type": "EXPENSE"},
        change={"description": "Changed by the write suite"},
        invalid=({"type": "NOT_A_TYPE"}, "type"),
        reference=None,
    ),
    Case(
        "item",
        "item",
        "items",
        lambda b: {
            "name": f"Suite item {_tag()}",
            "code": f"WS-{_tag()}",
            "sale_unit_price": "12.00",
            "sale_account": b.account_of("REVENUE")["id"],
        },
        change={"sale_unit_price": "13.50"},
        invalid=({"sale_unit_price": "twelve"}, "sale_unit_price"),
        reference="sale_account",
    ),
    Case(
        "credit_note",
        "credit_note",
        "credit-notes",
        lambda b: {
            "type": "ACCOUNTS_RECEIVABLE",
            "contact": b.contact("customer")["id"],
            "issue_date": TODAY.isoformat(),
            "line_items": [
                {
                    "description": "Suite refund",
                    "quantity": "1",
                    "unit_price": "10.00",
                    "item": b.item()["id"],
                }
            ],
        },
        change={"issue_date": (TODAY - timedelta(days=1)).isoformat()},
        deletes=True,
    ),
    Case(
        "purchase_order",
        "purchase_order",
        "purchase-orders",
        lambda b: {
            "contact": b.contact("supplier")["id"],
            "issue_date": TODAY.isoformat(),
            "line_items": [
                {
                    "description": "Suite order",
                    "quantity": "3",
                    "unit_price": "20.00",
                    "account": b.account_of("EXPENSE")["id"],
                }
            ],
        },
        change={"delivery_date": (TODAY + timedelta(days=20)).isoformat()},
    ),
    Case(
        "journal_entry",
        "journal_entry",
        "journal-entries",
        lambda b: {
            "transaction_date": TODAY.isoformat(),
            "memo": f"Write suite {_tag()}",
            "lines": [
                {
                    "description": "Suite",
                    "debit_amount": "25.00",
                    "account": b.account_of("EXPENSE")["id"],
                },
                {"description": "Suite", "credit_amount": "25.00", "account": b.banks()[0]["id"]},
            ],
        },
        change={"memo": "Changed by the write suite"},
        invalid=({"transaction_date": "not a date"}, "transaction_date"),
        reference="lines[0].account",
    ),
    Case(
        "expense",
        "expense",
        "expenses",
        lambda b: {
            "transaction_date": TODAY.isoformat(),
            "account": b.banks()[0]["id"],
            "contact": b.contact("supplier")["id"],
            "line_items": [
                {
                    "description": "Taxi",
                    "unit_price": "48.00",
                    "account": b.account_of("EXPENSE")["id"],
                }
            ],
        },
        invalid=({"transaction_date": "not a date"}, "transaction_date"),
    ),
    Case(
        "bank_transfer",
        "bank_transfer",
        "bank-transfers",
        lambda b: {
            "transaction_date": TODAY.isoformat(),
            "from_account": b.banks()[0]["id"],
            "to_account": b.banks()[1]["id"],
            "amount": "15.00",
        },
        invalid=({"amount": "fifteen"}, "amount"),
        reference="from_account",
    ),
)


@pytest.fixture(params=PROVIDERS)
def books(request, authed_client) -> Books:
    provider = request.param
    account = request.getfixturevalue(f"{provider}_account")
    _sync(account, SyncMode.FULL, BASE_MODELS)
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    books = Books(authed_client, account, provider)
    (info,) = books.all("company-info")
    books.home_currency = info["currency"]
    return books


@pytest.fixture
def provider_calls(monkeypatch) -> list[tuple[str, str]]:
    """Every (method, path) the connectors send to a provider from here on."""
    calls: list[tuple[str, str]] = []
    real = ApiClient.request

    def counted(self, method, path, *args, **kwargs):
        calls.append((method, path))
        return real(self, method, path, *args, **kwargs)

    monkeypatch.setattr(ApiClient, "request", counted)
    return calls


def _writes(calls: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [c for c in calls if c[0] in ("POST", "PUT", "DELETE") and "query" not in c[1]]


def _create(books: Books, case: Case, body: dict | None = None, key: str | None = None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return books.client.post(
        f"/v1/{case.plural}",
        body if body is not None else case.build(books),
        format="json",
        **headers,
    )


def _models(case: Case) -> list[str]:
    """The models a case writes (a payment's invoice too)."""
    return [case.model, "invoice"] if case.model == "payment" else [case.model]


def _prepare(books: Books, case: Case) -> None:
    _sync(books.account, SyncMode.FULL, _models(case))


def _read_back(books: Books, case: Case, record_id: str) -> dict:
    _sync(books.account, models=_models(case))
    response = books.client.get(f"/v1/{case.plural}/{record_id}")
    assert response.status_code == 200, response.content
    return response.json()


def _offered(books: Books, case: Case, operation: str) -> bool:
    providers = books.client.get("/v1/providers").json()["results"]
    mine = next(p for p in providers if p["key"] == books.provider)
    return operation in mine["models"][case.model]


def _same(created: dict, synced: dict) -> None:
    """The record a write returned is the record a sync reads back."""
    for key in ("remote_id", "contact", "type", "status", "currency", "number", "name"):
        if key in created:
            assert synced.get(key) == created[key], key
    for key in ("total_amount", "amount", "sale_unit_price"):
        if created.get(key) is not None:
            assert Decimal(synced[key]) == Decimal(created[key]), key
    for key in ("line_items", "lines"):
        if key in created:
            assert len(synced[key]) == len(created[key]), key


def _offered_everywhere(books: Books, case: Case) -> None:
    assert _offered(books, case, "create")
    assert _offered(books, case, "update") == (case.change is not None)
    assert _offered(books, case, "delete") == case.deletes


def _changed_as_asked(case: Case, updated: dict, synced: dict) -> None:
    for key, value in (case.change or {}).items():
        if key.endswith("price"):
            assert Decimal(synced[key]) == Decimal(value) == Decimal(updated[key]), key
        else:
            assert synced[key] == value == updated[key], key


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_create_update_delete_each_read_back_through_a_sync(books, case):
    _offered_everywhere(books, case)
    _prepare(books, case)
    created = _create(books, case)
    assert created.status_code == 201, created.content
    record = created.json()
    assert record["remote_id"] and not record["remote_was_deleted"]
    record_id = record["id"]
    _same(record, _read_back(books, case, record_id))

    if case.change is not None:
        updated = books.client.patch(f"/v1/{case.plural}/{record_id}", case.change, format="json")
        assert updated.status_code == 200, updated.content
        synced = _read_back(books, case, record_id)
        _changed_as_asked(case, updated.json(), synced)
        _same({k: v for k, v in record.items() if k not in case.change}, synced)

    if case.deletes:
        deleted = books.client.delete(f"/v1/{case.plural}/{record_id}")
        assert deleted.status_code == 200, deleted.content
        synced = _read_back(books, case, record_id)
        for gone in (deleted.json(), synced):
            # Contacts are archived, approved documents voided, the rest deleted: as the
            # provider allows, but never left open.
            assert gone["remote_was_deleted"] or gone["status"] in ("VOID", "ARCHIVED", "DELETED")
        again = books.client.delete(f"/v1/{case.plural}/{record_id}")
        assert again.status_code == 200, again.content


def test_deleting_a_payment_reopens_its_invoice(books):
    case = next(c for c in CASES if c.id == "payment")
    _prepare(books, case)
    invoices = Case("invoice", "invoice", "invoices", _invoice)
    body = case.build(books)
    invoice_id = body["applied_to"][0]["related_object_id"]
    before = _read_back(books, invoices, invoice_id)
    paid = _create(books, case, body)
    assert paid.status_code == 201, paid.content
    part_paid = _read_back(books, invoices, invoice_id)
    assert Decimal(part_paid["balance"]) == Decimal(before["balance"]) - Decimal("40.00")
    assert books.client.delete(f"/v1/payments/{paid.json()['id']}").status_code == 200
    reopened = _read_back(books, invoices, invoice_id)
    assert Decimal(reopened["balance"]) == Decimal(before["balance"])


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_replays_conflicts_and_bad_input_never_reach_the_provider_twice(
    books, case, provider_calls
):
    _prepare(books, case)
    # An idempotent replay answers the first write's record; the provider saw one write.
    body, key = case.build(books), f"suite-{_tag()}"
    before = len(books.all(case.plural))
    first = _create(books, case, body, key)
    assert first.status_code == 201, first.content
    writes = len(_writes(provider_calls))
    replay = _create(books, case, body, key)
    assert replay.status_code in (200, 201), replay.content
    assert replay.json()["id"] == first.json()["id"]
    # The same key with another body: a conflict.
    other = _create(books, case, {**body, "reference": "another body"}, key)
    assert other.status_code == 409, other.content
    assert other.json()["error"]["type"] == "conflict"
    assert len(_writes(provider_calls)) == writes
    _sync(books.account, models=_models(case))
    assert len(books.all(case.plural)) == before + 1

    # A body the gateway can tell is wrong, and an id of nothing it knows: 4xx naming the
    # field, and not one call to the provider.
    provider_calls.clear()
    change, wanted = case.invalid
    refused = _create(books, case, {**case.build(books), **change})
    assert refused.status_code in (400, 422), refused.content
    assert any(d["field"] == wanted for d in refused.json()["error"]["details"]), refused.content
    if case.reference:
        body = case.build(books)
        provider_calls.clear()
        _set(body, case.reference, str(uuid.uuid4()))
        refused = _create(books, case, body)
        assert refused.status_code in (400, 422), refused.content
        fields = [d["field"] for d in refused.json()["error"]["details"]]
        assert case.reference in fields, refused.content
    assert _writes(provider_calls) == []


def _set(body: dict, path: str, value: str) -> None:
    """Set ``lines[0].account``-style paths."""
    node: Any = body
    parts = path.replace("]", "").replace("[", ".").split(".")
    for part in parts[:-1]:
        node = node[int(part)] if part.isdigit() else node[part]
    node[parts[-1]] = value

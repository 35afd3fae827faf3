"""The query surface of the list endpoints (issue 18): ranges, comma-separated values, overdue,
customer/supplier, `q` and `order_by` with keyset cursors, all declared in the catalogue; the
same answers as filtering the documents in Python; 400s for bad values."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.exceptions import ValidationError

from gateway.records import selectors
from gateway.records import today as today_module
from gateway.records.models import Record
from gateway.records.ordering import OrderedCursor
from gateway.records.store import upsert_records
from tests.gateway.builders import contact, invoice, payment
from unified_models import CATALOGUE, CompanyInfo, CreditNote

pytestmark = pytest.mark.django_db

STATUSES = ["DRAFT", "OPEN", "PARTIALLY_PAID", "PAID", "VOID"]
CURRENCIES = ["GBP", "EUR", "USD"]


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def error(response, status: int = 400) -> dict:
    assert response.status_code == status, response.content
    return response.json()["error"]


def ids(client, path, **params) -> list[str]:
    return [r["remote_id"] for r in results(client.get(path, {"page_size": 1000, **params}))]


def listed(account, model, **params) -> list[str]:
    """The list endpoint's answer without its provider check (the fake provider offers few
    models; the query surface is the store's)."""
    body = json.loads(selectors.list_page(account, model, QueryDict(urlencode(params))))
    return [r["remote_id"] for r in body["results"]]


def _varied(n: int, rng: random.Random, contacts: int = 4):
    """An invoice with every filtered field drawn at random, some left empty."""
    total = Decimal(rng.randint(0, 50000)) / 100
    status = rng.choice(STATUSES)
    balance = Decimal(0) if status == "PAID" else total  # a void one may keep its balance
    due = date(2026, 1, 1) + timedelta(days=rng.randint(0, 700))
    return invoice(
        f"v{n:03d}",
        f"c{rng.randrange(contacts)}",
        number=None if n % 11 == 0 else f"INV-{rng.randint(0, 999):03d}",
        reference=rng.choice([None, "Order Alpha", "order beta", f"PO-{n}"]),
        status=status,
        currency=rng.choice(CURRENCIES),
        total_amount=None if n % 13 == 0 else total,
        balance=None if n % 17 == 0 else balance,
        due_date=None if n % 7 == 0 else due,
        issue_date=due - timedelta(days=rng.choice([0, 14, 30])),
    )


@pytest.fixture
def books(account_client):
    """The account's store plus 80 varied invoices and a contact that is a supplier."""
    rng = random.Random(18)
    upsert_records(account_client.account, "invoice", [_varied(n, rng) for n in range(80)])
    upsert_records(
        account_client.account,
        "contact",
        [
            contact("c3", name="Acme Supplies", is_customer=False, is_supplier=True),
            contact("c4", name="Both Ways Ltd", is_supplier=True, email_address="ap@both.example"),
        ],
    )
    return account_client


def test_ranges_multi_values_and_text(books):
    get = lambda **p: set(ids(books, "/v1/invoices", **p))  # noqa: E731
    docs = results(books.get("/v1/invoices", {"page_size": 1000}))
    by = lambda pred: {d["remote_id"] for d in docs if pred(d)}  # noqa: E731
    dec = lambda d, f: Decimal(d[f]) if d[f] is not None else None  # noqa: E731

    assert get(status="OPEN,PARTIALLY_PAID") == by(
        lambda d: d["status"] in {"OPEN", "PARTIALLY_PAID"}
    )
    assert get(status="PAID") == by(lambda d: d["status"] == "PAID")
    assert get(currency="EUR,USD") == by(lambda d: d["currency"] in {"EUR", "USD"})
    assert get(due_date_after="2026-06-01", due_date_before="2026-12-31") == by(
        lambda d: d["due_date"] and "2026-06-01" <= d["due_date"] <= "2026-12-31"
    )
    assert get(total_amount_gte="100", total_amount_lte="250.50") == by(
        lambda d: (
            dec(d, "total_amount") is not None
            and Decimal(100) <= dec(d, "total_amount") <= Decimal("250.50")
        )
    )
    assert get(balance_gt="0") == by(lambda d: (dec(d, "balance") or 0) > 0)
    assert get(balance_lt="10", balance_gte="0") == by(
        lambda d: dec(d, "balance") is not None and 0 <= dec(d, "balance") < 10
    )
    assert get(q="ORDER") == by(lambda d: "order" in (d["reference"] or "").lower())
    assert get(q="inv-00") == by(lambda d: "inv-00" in (d["number"] or "").lower())
    contacts = {r["remote_id"]: r["id"] for r in results(books.get("/v1/contacts"))}
    both = f"{contacts['c0']},{contacts['c2']}"
    assert get(contact_id=both) == by(lambda d: d["contact"] in {contacts["c0"], contacts["c2"]})
    assert get(status="OPEN", currency="GBP", balance_gt="100") == by(
        lambda d: d["status"] == "OPEN" and d["currency"] == "GBP" and dec(d, "balance") > 100
    )


def test_overdue_is_a_balance_past_its_due_date(books):
    docs = results(books.get("/v1/invoices", {"page_size": 1000}))
    today = datetime.now(UTC).date().isoformat()

    def overdue(d):
        late = bool(d["due_date"]) and d["due_date"] < today
        owed = d["status"] not in ("DRAFT", "SUBMITTED", "VOID")
        return late and owed and Decimal(d["balance"] or 0) > 0

    overdue_ids = {d["remote_id"] for d in docs if overdue(d)}
    assert overdue_ids and len(overdue_ids) < len(docs)
    unowed = {  # late with a balance, but a draft or void: never overdue
        d["remote_id"]
        for d in docs
        if d["status"] in ("DRAFT", "VOID")
        and d["due_date"]
        and d["due_date"] < today
        and Decimal(d["balance"] or 0) > 0
    }
    assert unowed and not unowed & overdue_ids
    assert set(ids(books, "/v1/invoices", overdue="true")) == overdue_ids
    assert set(ids(books, "/v1/invoices", overdue="false")) == {
        d["remote_id"] for d in docs if not overdue(d)
    }


def test_overdue_uses_the_companys_time_zone(account_client):
    """At 22:30 UTC on 1 June it is already 2 June in Auckland: an invoice due on 1 June is
    overdue there, not yet in London (23:30, summer time)."""
    acct = account_client.account
    upsert_records(acct, "invoice", [invoice("due-jun-1", "c0", due_date=date(2026, 6, 1))])
    moment = datetime(2026, 6, 1, 22, 30, tzinfo=UTC)

    def overdue_now(zone):
        upsert_records(acct, "company_info", [CompanyInfo(remote_id="org", timezone=zone)])
        with mock.patch.object(today_module.timezone, "now", return_value=moment):
            return "due-jun-1" in ids(account_client, "/v1/invoices", overdue="true")

    assert overdue_now("NEWZEALANDSTANDARDTIME")  # Xero's Windows name
    assert overdue_now("Pacific/Auckland")
    assert not overdue_now("GMTSTANDARDTIME")
    assert not overdue_now("NOT A ZONE")  # unknown: UTC


def test_customers_and_suppliers(books):
    get = lambda **p: set(ids(books, "/v1/contacts", **p))  # noqa: E731
    assert get(is_supplier="true") == {"c3", "c4"}
    assert get(is_supplier="false") == {"c0", "c1", "c2"}
    assert get(is_customer="false") == {"c3"}
    assert get(is_customer="true", is_supplier="true") == {"c4"}
    assert get(q="acme") == {"c3"}
    assert get(q="AP@BOTH") == {"c4"}
    names = [r["name"] for r in results(books.get("/v1/contacts", {"order_by": "-name"}))]
    assert names == sorted(names, reverse=True)


def test_other_models_take_their_declared_filters(account_client):
    acct = account_client.account
    upsert_records(
        acct,
        "payment",
        [payment("p-big", "i0", "c0", total_amount=Decimal("900.00"), reference="Wire 77")],
    )
    assert ids(account_client, "/v1/payments", total_amount_gt="100") == ["p-big"]
    assert ids(account_client, "/v1/payments", q="wire") == ["p-big"]
    assert ids(account_client, "/v1/payments", order_by="-total_amount")[0] == "p-big"
    upsert_records(
        acct,
        "credit_note",
        [
            CreditNote(
                remote_id=f"cn{n}",
                type="ACCOUNTS_RECEIVABLE",
                number=f"CN-{n}",
                total_amount=Decimal(n * 10),
                remaining_credit=Decimal(n),
                currency="GBP",
            )
            for n in range(4)
        ],
    )
    assert listed(acct, "credit_note", remaining_credit_gt="1") == ["cn2", "cn3"]
    assert listed(acct, "credit_note", order_by="-remaining_credit") == [
        "cn3",
        "cn2",
        "cn1",
        "cn0",
    ]
    # Every declared filter and order is accepted by its endpoint.
    samples = {
        "choice": None,
        "uuid": "7b0c1f0e-3f7a-4b8e-9d61-2b1f4f0d9a11",
        "date": "2026-01-01",
        "string": "GBP",
        "decimal": "1.5",
        "boolean": "true",
        "overdue": "false",
        "search": "x",
    }
    for entry in CATALOGUE:
        if "list" not in entry.operations or entry.name in {"company_info"}:
            continue
        for flt in entry.filters:
            value = (
                next(iter(flt.choices)).value
                if flt.kind == "choice"
                else ("2026-01-01T00:00:00Z" if flt.kind == "datetime" else samples[flt.kind])
            )
            listed(acct, entry.name, **{flt.name: value})
        for field in entry.order_fields:
            for order in (field, f"-{field}"):
                listed(acct, entry.name, order_by=order)


def _walk(client, params, page_size):
    """Every page forward, then every page back from the end: the ids in each direction."""
    forward, cursor, pages = [], None, []
    while True:
        query = {**params, "page_size": page_size, **({"cursor": cursor} if cursor else {})}
        body = client.get("/v1/invoices", query).json()
        pages.append(body)
        forward += [r["remote_id"] for r in body["results"]]
        if not body["next"]:
            break
        cursor = body["next"]
    backward, cursor = [], pages[-1]["previous"]
    while cursor:
        body = client.get("/v1/invoices", {**params, "page_size": page_size, "cursor": cursor})
        body = body.json()
        backward = [r["remote_id"] for r in body["results"]] + backward
        cursor = body["previous"]
    return forward, backward + [r["remote_id"] for r in pages[-1]["results"]]


def _expected_order(docs, field, descending):
    """Values ascending with records lacking one last, ties by stored order; `-`: reversed."""

    def key(pair):
        position, doc = pair
        value = doc[field]
        if value is not None and field in ("total_amount", "balance"):
            value = Decimal(value)
        return (value is None, value if value is not None else 0, position)

    ordered = [doc["remote_id"] for _, doc in sorted(enumerate(docs), key=key)]
    return ordered[::-1] if descending else ordered


@pytest.mark.parametrize("field", ["due_date", "issue_date", "total_amount", "balance", "number"])
@pytest.mark.parametrize("descending", [False, True])
def test_order_by_pages_every_record_once_in_order(books, field, descending):
    """Many records share a value (issue dates, amounts of 0, no number...): keyset cursors on
    (value, seq) still give each record exactly once, both ways, in the order asked."""
    docs = results(books.get("/v1/invoices", {"page_size": 1000}))  # stored (seq) order
    expected = _expected_order(docs, field, descending)
    order = f"-{field}" if descending else field
    for page_size in (1, 7, 30):
        forward, backward = _walk(books, {"order_by": order}, page_size)
        assert forward == expected
        assert backward == expected
    filtered = [d for d in docs if d["status"] in ("OPEN", "PAID")]
    forward, _ = _walk(books, {"order_by": order, "status": "OPEN,PAID"}, 6)
    assert forward == _expected_order(filtered, field, descending)


def test_order_by_stays_correct_while_records_change(books):
    """A record whose value moves after a page was read is seen at most once on the next pages
    and the others keep their places."""
    first = books.get("/v1/invoices", {"order_by": "due_date", "page_size": 10}).json()
    seen = [r["remote_id"] for r in first["results"]]
    upsert_records(books.account, "invoice", [invoice(seen[0], "c0", due_date=date(2099, 1, 1))])
    rest, cursor = [], first["next"]
    while cursor:
        body = books.get(
            "/v1/invoices", {"order_by": "due_date", "page_size": 10, "cursor": cursor}
        ).json()
        rest += [r["remote_id"] for r in body["results"]]
        cursor = body["next"]
    everything = seen + rest
    assert everything.count(seen[0]) == 2  # moved past the cursor: seen again at its new place
    assert len(set(everything)) == len(results(books.get("/v1/invoices", {"page_size": 1000})))


_FILTER_VALUES = {
    "status": st.lists(st.sampled_from(STATUSES), min_size=1, max_size=3, unique=True),
    "currency": st.lists(st.sampled_from(CURRENCIES), min_size=1, max_size=2, unique=True),
    "contact": st.lists(st.sampled_from(["c0", "c1", "c2", "c3"]), min_size=1, max_size=2),
    "due_date_after": st.dates(date(2025, 12, 1), date(2028, 1, 1)),
    "due_date_before": st.dates(date(2025, 12, 1), date(2028, 1, 1)),
    "issue_date_after": st.dates(date(2025, 12, 1), date(2028, 1, 1)),
    "total_amount_gte": st.integers(0, 50000).map(lambda c: Decimal(c) / 100),
    "total_amount_lt": st.integers(0, 50000).map(lambda c: Decimal(c) / 100),
    "balance_gt": st.integers(0, 50000).map(lambda c: Decimal(c) / 100),
    "balance_lte": st.integers(0, 50000).map(lambda c: Decimal(c) / 100),
    "overdue": st.booleans(),
    "q": st.sampled_from(["inv-0", "INV-1", "order", "beta", "po-1", "a", "zz"]),
}


def _matches(doc, name, value, contacts, today) -> bool:
    def amount(field):
        return Decimal(doc[field]) if doc[field] is not None else None

    if name == "status":
        return doc["status"] in value
    if name == "currency":
        return doc["currency"] in value
    if name == "contact":
        return doc["contact"] in {contacts[c] for c in value}
    if name.endswith(("_after", "_before")):
        field = name.rsplit("_", 1)[0]
        if doc[field] is None:
            return False
        return (
            doc[field] >= value.isoformat()
            if name.endswith("_after")
            else (doc[field] <= value.isoformat())
        )
    if name == "overdue":
        due, balance = doc["due_date"], amount("balance")
        late = due is not None and due < today and balance is not None and balance > 0
        owed = doc["status"] not in ("DRAFT", "SUBMITTED", "VOID")
        return (late and owed) == value
    if name == "q":
        text = [doc["number"], doc["reference"]]
        return any(value.lower() in (t or "").lower() for t in text)
    field, op = name.rsplit("_", 1)
    number = amount(field)
    if number is None:
        return False
    return {
        "gt": number > value,
        "gte": number >= value,
        "lt": number < value,
        "lte": number <= value,
    }[op]


def _param(name, value, contacts):
    if name == "contact":
        return "contact_id", ",".join(contacts[c] for c in value)
    if isinstance(value, list):
        return name, ",".join(value)
    if isinstance(value, bool):
        return name, str(value).lower()
    return name, str(value)


def test_random_filter_combinations_match_python(books):
    docs = results(books.get("/v1/invoices", {"page_size": 1000}))
    contacts = {r["remote_id"]: r["id"] for r in results(books.get("/v1/contacts"))}
    today = datetime.now(UTC).date().isoformat()
    orders = [None, *(o for f in ("due_date", "total_amount", "number") for o in (f, f"-{f}"))]

    @settings(
        max_examples=120,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        chosen=st.dictionaries(
            st.sampled_from(sorted(_FILTER_VALUES)), st.none(), max_size=4
        ).flatmap(lambda names: st.fixed_dictionaries({n: _FILTER_VALUES[n] for n in names})),
        order=st.sampled_from(orders),
    )
    def check(chosen, order):
        params = dict(_param(n, v, contacts) for n, v in chosen.items())
        if order:
            params["order_by"] = order
        got = ids(books, "/v1/invoices", **params)
        kept = [
            d for d in docs if all(_matches(d, n, v, contacts, today) for n, v in chosen.items())
        ]
        if order:
            field = order.lstrip("-")
            assert got == _expected_order(kept, field, order.startswith("-")), params
        else:
            assert got == [d["remote_id"] for d in kept], params

    check()


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/v1/invoices", {"status": "OPEN,NOPE"}, "status"),
        ("/v1/invoices", {"status": "OPEN,"}, "status"),
        ("/v1/invoices", {"status": ",".join(["OPEN"] * 101)}, "status"),
        ("/v1/invoices", {"contact_id": "7b0c1f0e-3f7a-4b8e-9d61-2b1f4f0d9a11,nope"}, "contact_id"),
        ("/v1/invoices", {"total_amount_gte": "ten"}, "total_amount_gte"),
        ("/v1/invoices", {"total_amount_gte": "NaN"}, "total_amount_gte"),
        ("/v1/invoices", {"balance_gt": "1e400"}, "balance_gt"),
        ("/v1/invoices", {"balance_gt": ""}, "balance_gt"),
        ("/v1/invoices", {"balance_gt": "1e-999999"}, "balance_gt"),
        ("/v1/invoices", {"q": "a\x00b"}, "q"),
        ("/v1/invoices", {"currency": "GB\x00P"}, "currency"),
        ("/v1/invoices", {"due_date_before": "2026-02-30"}, "due_date_before"),
        ("/v1/invoices", {"overdue": "yes"}, "overdue"),
        ("/v1/invoices", {"overdue": "1"}, "overdue"),
        ("/v1/invoices", {"q": ""}, "q"),
        ("/v1/invoices", {"q": "x" * 201}, "q"),
        ("/v1/invoices", {"order_by": "memo"}, "order_by"),
        ("/v1/invoices", {"order_by": "--due_date"}, "order_by"),
        ("/v1/invoices", {"is_customer": "true"}, "is_customer"),
        ("/v1/invoices", {"due_date_after_x": "2026-01-01"}, "due_date_after_x"),
        ("/v1/contacts", {"is_supplier": "maybe"}, "is_supplier"),
        ("/v1/contacts", {"overdue": "true"}, "overdue"),
        ("/v1/contacts", {"order_by": "due_date"}, "order_by"),
        ("/v1/contacts", {"due_date_before": "2026-01-01"}, "due_date_before"),
    ],
)
def test_bad_values_and_unknown_fields_are_400(account_client, path, params, field):
    err = error(account_client.get(path, params))
    assert err["type"] == "validation_error"
    assert [d["field"] for d in err["details"]] == [field]


def test_models_without_ordering_refuse_order_by(account_client):
    with pytest.raises(ValidationError) as refused:
        listed(account_client.account, "tax_rate", order_by="name")
    assert set(refused.value.detail) == {"order_by"}


def test_cursors_belong_to_their_order(books):
    by_due = books.get("/v1/invoices", {"order_by": "due_date", "page_size": 5}).json()["next"]
    plain = books.get("/v1/invoices", {"page_size": 5}).json()["next"]
    for params in (
        {"order_by": "-due_date", "cursor": by_due},
        {"order_by": "total_amount", "cursor": by_due},
        {"cursor": by_due},
        {"order_by": "due_date", "cursor": plain},
        {
            "order_by": "due_date",
            "cursor": "bzpbImR1ZV9kYXRlIiwgdHJ1ZSwgZmFsc2UsICJub3QtYS1kYXRlIiwgMV0",
        },
    ):
        err = error(books.get("/v1/invoices", {"page_size": 5, **params}))
        assert err["details"][0]["field"] == "cursor"
    for value in ("1e-999999", "1e40", "ten"):  # crafted: what the column cannot hold
        crafted = OrderedCursor("total_amount", True, value, 5).encode()
        err = error(books.get("/v1/invoices", {"order_by": "total_amount", "cursor": crafted}))
        assert err["details"][0]["field"] == "cursor"


def test_columns_are_filled_on_both_write_paths(account_client):
    """Small batches go through the ORM, large ones through COPY on PostgreSQL: both fill the
    typed columns from the document."""
    acct = account_client.account
    for count in (3, 120):
        batch = [
            invoice(
                f"w{count}-{n}",
                "c0",
                due_date=date(2027, 1, 2),
                total_amount=Decimal("12.34"),
                balance=Decimal("5"),
                currency="EUR",
                number=f"N-{n}",
                reference="Ref Text",
            )
            for n in range(count)
        ]
        upsert_records(acct, "invoice", batch)
        row = Record.objects.get(linked_account=acct, model="invoice", remote_id=f"w{count}-1")
        assert (row.due_date, row.total_amount, row.balance, row.currency, row.number) == (
            date(2027, 1, 2),
            Decimal("12.34"),
            Decimal("5"),
            "EUR",
            "N-1",
        )
        assert row.search == "n-1\nref text"
    row = Record.objects.get(linked_account=acct, model="contact", remote_id="c0")
    assert (row.is_customer, row.is_supplier, row.name) == (True, False, "Contact c0")


def test_migration_backfills_the_columns_from_documents(account_client):
    import importlib

    from django.apps import apps

    backfill = importlib.import_module("gateway.records.migrations.0004_filter_columns").backfill
    acct = account_client.account
    Record.objects.filter(linked_account=acct).update(
        due_date=None, total_amount=None, balance=None, currency="", number=None, search=""
    )
    backfill(apps, None)
    row = Record.objects.get(linked_account=acct, model="invoice", remote_id="i1")
    assert (row.due_date, row.total_amount, row.currency, row.number) == (
        date(2026, 3, 31),
        Decimal("73.80"),
        "GBP",
        "INV-i1",
    )
    assert "inv-i1" in row.search


def test_the_catalogue_refuses_what_the_store_cannot_answer():
    from unified_models import CatalogueEntry, Contact, Filter

    with pytest.raises(ValueError, match="cannot order by"):
        CatalogueEntry(name="thing", plural="things", record=Contact, ordering=("currency",))
    with pytest.raises(ValueError, match="needs search fields"):
        CatalogueEntry(
            name="thing",
            plural="things",
            record=Contact,
            filters=(Filter("q", "search", "search"),),
        )
    with pytest.raises(ValueError, match="lookup"):
        Filter("x", "status", lookup="like")

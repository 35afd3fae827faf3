"""`/v1/invoices/summary` and `/v1/contacts/outstanding`: SQL aggregates over the stored invoices,
with the list's filters, per currency, scoped to the caller's linked account."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from gateway.records.aggregates import money
from gateway.records.models import Record
from gateway.records.store import upsert_records
from tests.factories import make_customer
from tests.gateway.builders import contact, invoice, make_linked_account
from unified_models import InvoiceStatus, InvoiceType

pytestmark = pytest.mark.django_db

AR, AP = InvoiceType.ACCOUNTS_RECEIVABLE, InvoiceType.ACCOUNTS_PAYABLE
PAST, LATER, FUTURE = date(2026, 1, 15), date(2026, 2, 20), date(2099, 1, 1)


def _invoice(remote_id, contact_id, *, total, balance, currency="GBP", status="OPEN", **extra):
    return invoice(
        remote_id,
        contact_id,
        currency=currency,
        total_amount=Decimal(total),
        balance=Decimal(balance),
        status=InvoiceStatus(status),
        **extra,
    )


#: (remote id, contact, type, currency, status, total, balance, issue date, due date)
BOOKS = [
    ("i1", "c1", AR, "GBP", "OPEN", "100.00", "100.00", date(2026, 1, 1), PAST),
    ("i2", "c1", AR, "GBP", "PARTIALLY_PAID", "250.50", "50.25", date(2026, 1, 20), LATER),
    ("i3", "c1", AR, "USD", "OPEN", "80.00", "80.00", date(2026, 2, 3), FUTURE),
    ("i4", "c2", AR, "GBP", "OPEN", "40.00", "40.00", date(2026, 2, 10), FUTURE),
    ("i5", "c2", AR, "GBP", "PAID", "60.00", "0.00", date(2026, 2, 11), PAST),
    ("i6", "c2", AR, "GBP", "DRAFT", "999.00", "999.00", date(2026, 2, 12), PAST),
    ("i7", "c3", AP, "GBP", "OPEN", "300.00", "300.00", date(2026, 1, 5), PAST),
    ("i8", "c3", AP, "EUR", "VOID", "70.00", "70.00", date(2026, 1, 6), PAST),
]


def seed(account):
    upsert_records(account, "contact", [contact(c) for c in ("c1", "c2", "c3")])
    upsert_records(
        account,
        "invoice",
        [
            _invoice(
                rid,
                cid,
                type=kind,
                currency=cur,
                status=status,
                total=total,
                balance=balance,
                issue_date=issued,
                due_date=due,
            )
            for rid, cid, kind, cur, status, total, balance, issued, due in BOOKS
        ],
    )


@pytest.fixture
def books(customer_with_key, fake_provider):
    customer, key = customer_with_key
    account = make_linked_account(customer)
    seed(account)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_X_LINKED_ACCOUNT=str(account.id))
    return client, account


def get(client, path, expect=200, **params):
    response = client.get(path, params)
    assert response.status_code == expect, response.content
    return response.json()


def contact_id(account, remote_id):
    return str(Record.objects.get(linked_account=account, model="contact", remote_id=remote_id).id)


def test_money_strings():
    assert money(Decimal("1200.5000000000")) == "1200.50"
    assert money(Decimal("0E-10")) == "0.00"
    assert money(Decimal("3.14159")) == "3.14159"
    assert money(None) is None


def test_summary_by_currency_never_adds_currencies(books):
    client, _ = books
    body = get(client, "/v1/invoices/summary")
    assert body["group_by"] == "currency" and body["truncated"] is False
    assert body["results"] == [
        {
            "group": "EUR",
            "currency": "EUR",
            "count": 1,
            "total_amount": "70.00",
            "balance": "70.00",
        },
        {
            "group": "GBP",
            "currency": "GBP",
            "count": 6,
            "total_amount": "1749.50",
            "balance": "1489.25",
        },
        {
            "group": "USD",
            "currency": "USD",
            "count": 1,
            "total_amount": "80.00",
            "balance": "80.00",
        },
    ]


def test_summary_by_status_with_the_lists_filters(books):
    client, _ = books
    body = get(client, "/v1/invoices/summary", group_by="status", type="ACCOUNTS_RECEIVABLE")
    rows = {(r["group"], r["currency"]): (r["count"], r["total_amount"], r["balance"])
            for r in body["results"]}  # fmt: skip
    assert rows == {
        ("DRAFT", "GBP"): (1, "999.00", "999.00"),
        ("OPEN", "GBP"): (2, "140.00", "140.00"),
        ("OPEN", "USD"): (1, "80.00", "80.00"),
        ("PAID", "GBP"): (1, "60.00", "0.00"),
        ("PARTIALLY_PAID", "GBP"): (1, "250.50", "50.25"),
    }


def test_summary_by_contact_and_by_month(books):
    client, account = books
    by_contact = get(client, "/v1/invoices/summary", group_by="contact", currency="GBP")
    counts = {r["group"]: r["count"] for r in by_contact["results"]}
    assert counts == {
        contact_id(account, "c1"): 2,
        contact_id(account, "c2"): 3,
        contact_id(account, "c3"): 1,
    }
    by_month = get(client, "/v1/invoices/summary", group_by="month")
    months = {(r["group"], r["currency"]): r["count"] for r in by_month["results"]}
    assert months == {
        ("2026-01", "GBP"): 3,
        ("2026-01", "EUR"): 1,
        ("2026-02", "GBP"): 3,
        ("2026-02", "USD"): 1,
    }


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"status": "OPEN"},
        {"type": "ACCOUNTS_PAYABLE"},
        {"issue_date_after": "2026-01-20", "issue_date_before": "2026-02-10"},
        {"overdue": "true"},
        {"overdue": "false", "currency": "GBP"},
        {"status": "OPEN,PARTIALLY_PAID", "balance_gt": "45"},
        {"due_date_before": "2026-02-01"},
    ],
)
def test_summary_counts_what_the_list_returns(books, params):
    client, _ = books
    listed = get(client, "/v1/invoices", page_size=1000, **params)["results"]
    summary = get(client, "/v1/invoices/summary", group_by="currency", **params)["results"]
    expected: dict[str, list] = {}
    for record in listed:
        row = expected.setdefault(record["currency"], [0, Decimal(0), Decimal(0)])
        row[0] += 1
        row[1] += Decimal(record["total_amount"])
        row[2] += Decimal(record["balance"])
    assert {r["currency"]: [r["count"], Decimal(r["total_amount"]), Decimal(r["balance"])]
            for r in summary} == expected  # fmt: skip


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"group_by": "customer"}, "group_by"),
        ({"status": "LATE"}, "status"),
        ({"issue_date_after": "yesterday"}, "issue_date_after"),
        ({"page_size": "10"}, "page_size"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_summary_refuses_bad_queries(books, params, field):
    client, _ = books
    error = get(client, "/v1/invoices/summary", 400, **params)["error"]
    assert error["type"] == "validation_error"
    assert [d["field"] for d in error["details"]] == [field]


def test_outstanding_receivables_per_contact_and_currency(books):
    client, account = books
    body = get(client, "/v1/contacts/outstanding", type="ACCOUNTS_RECEIVABLE")
    c1, c2 = contact_id(account, "c1"), contact_id(account, "c2")
    rows = [
        (r["contact_id"], r["contact_name"], r["currency"], r["invoice_count"], r["balance"],
         r["overdue_count"], r["overdue_balance"], r["oldest_due_date"])
        for r in body["results"]
    ]  # fmt: skip
    # Drafts, paid and void invoices owe nothing; the largest balance first.
    assert rows == [
        (c1, "Contact c1", "GBP", 2, "150.25", 2, "150.25", "2026-01-15"),
        (c1, "Contact c1", "USD", 1, "80.00", 0, "0.00", "2099-01-01"),
        (c2, "Contact c2", "GBP", 1, "40.00", 0, "0.00", "2099-01-01"),
    ]
    assert body["as_of"] == datetime.now(UTC).date().isoformat()  # no company time zone: UTC
    assert all(r["type"] == "ACCOUNTS_RECEIVABLE" for r in body["results"])


def test_overdue_receivables_and_payables(books):
    client, account = books
    overdue = get(client, "/v1/contacts/outstanding", type="ACCOUNTS_RECEIVABLE", overdue="true")
    assert [(r["currency"], r["balance"], r["overdue_balance"]) for r in overdue["results"]] == [
        ("GBP", "150.25", "150.25")
    ]
    payables = get(client, "/v1/contacts/outstanding", type="ACCOUNTS_PAYABLE")["results"]
    assert [(r["contact_id"], r["balance"], r["type"]) for r in payables] == [
        (contact_id(account, "c3"), "300.00", "ACCOUNTS_PAYABLE")
    ]


def test_outstanding_limit(books):
    client, _ = books
    body = get(client, "/v1/contacts/outstanding", limit=1)
    assert len(body["results"]) == 1 and body["truncated"] is True
    assert body["results"][0]["balance"] == "300.00"
    for bad in ("0", "1001", "x"):
        error = get(client, "/v1/contacts/outstanding", 400, limit=bad)["error"]
        assert [d["field"] for d in error["details"]] == ["limit"]
    error = get(client, "/v1/contacts/outstanding", 400, group_by="status")["error"]
    assert [d["field"] for d in error["details"]] == ["group_by"]


def test_isolation_across_customers_and_accounts(books, customer_with_key):
    client, account = books
    customer, _ = customer_with_key
    other_account = make_linked_account(customer)
    upsert_records(other_account, "contact", [contact("c9")])
    upsert_records(
        other_account,
        "invoice",
        [_invoice("x1", "c9", total="5.00", balance="5.00", due_date=PAST)],
    )
    # The same customer's other account: its own books only.
    key = client._credentials["HTTP_AUTHORIZATION"]
    client.credentials(HTTP_AUTHORIZATION=key, HTTP_X_LINKED_ACCOUNT=str(other_account.id))
    assert get(client, "/v1/invoices/summary")["results"] == [
        {"group": "GBP", "currency": "GBP", "count": 1, "total_amount": "5.00", "balance": "5.00"}
    ]

    _, stranger_key = make_customer("Stranger Ltd")
    outsider = APIClient()
    outsider.credentials(
        HTTP_AUTHORIZATION=f"Bearer {stranger_key}", HTTP_X_LINKED_ACCOUNT=str(account.id)
    )
    for path in ("/v1/invoices/summary", "/v1/contacts/outstanding"):
        response = outsider.get(path)
        assert response.status_code == 404, response.content
        assert response.json()["error"]["type"] == "not_found"
        assert "Contact c1" not in response.content.decode()
    anonymous = APIClient().get("/v1/invoices/summary", HTTP_X_LINKED_ACCOUNT=str(account.id))
    assert anonymous.status_code == 401
    no_header = APIClient()
    no_header.credentials(HTTP_AUTHORIZATION=f"Bearer {stranger_key}")
    assert no_header.get("/v1/contacts/outstanding").status_code == 400

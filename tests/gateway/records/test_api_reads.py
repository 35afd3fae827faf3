"""Reads: cursor pagination, filters, options, and bad input answered with 400/404."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from gateway.records.store import upsert_records
from tests.gateway.builders import contact, invoice

pytestmark = pytest.mark.django_db


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def error(response, status):
    assert response.status_code == status, response.content
    body = response.json()["error"]
    assert body["request_id"] == response["X-Request-ID"]
    return body


def test_list_invoices_shape(account_client):
    body = account_client.get("/v1/invoices").json()
    assert set(body) == {"next", "previous", "last_sync_at", "results"}
    assert len(body["results"]) == 5
    first = body["results"][0]
    assert first["type"] == "ACCOUNTS_RECEIVABLE"
    assert first["total_amount"] == "73.80"
    assert "remote_data" not in first
    assert len(first["line_items"]) == 3


def test_cursor_pagination_walks_every_record_once_both_ways(account_client):
    upsert_records(account_client.account, "contact", [contact(f"x{i:03d}") for i in range(247)])
    seen, pages, cursor = [], 0, None
    while True:
        params = {"page_size": 100, **({"cursor": cursor} if cursor else {})}
        body = account_client.get("/v1/contacts", params).json()
        seen += [r["id"] for r in body["results"]]
        pages += 1
        if not body["next"]:
            break
        cursor = body["next"]
    assert pages == 3 and len(seen) == len(set(seen)) == 250
    back = account_client.get("/v1/contacts", {"page_size": 100, "cursor": body["previous"]})
    assert [r["id"] for r in results(back)] == seen[100:200]


def test_page_size_bounds(account_client):
    assert len(results(account_client.get("/v1/contacts", {"page_size": 1}))) == 1
    assert len(results(account_client.get("/v1/contacts", {"page_size": 1000}))) == 3
    for bad in ("0", "1001", "abc", "-5"):
        err = error(account_client.get("/v1/contacts", {"page_size": bad}), 400)
        assert err["details"][0]["field"] == "page_size"


@pytest.mark.parametrize("cursor", ["garbage", "bjotMQ", "eDox", "cDphYmM", "%%%"])
def test_bad_cursor_is_400(account_client, cursor):
    err = error(account_client.get("/v1/invoices", {"cursor": cursor}), 400)
    assert err["type"] == "validation_error" and err["details"][0]["field"] == "cursor"


def test_filters(account_client):
    acct = account_client.account
    upsert_records(
        acct,
        "invoice",
        [
            invoice(
                "bill-1", "c1", type="ACCOUNTS_PAYABLE", status="PAID", issue_date=date(2025, 1, 5)
            ),
            invoice(
                "void-1", "c2", status="VOID", remote_updated_at=datetime(2027, 1, 1, tzinfo=UTC)
            ),
        ],
    )
    get = lambda **p: [r["remote_id"] for r in results(account_client.get("/v1/invoices", p))]  # noqa: E731
    assert get(type="ACCOUNTS_PAYABLE") == ["bill-1"]
    assert get(status="VOID") == ["void-1"]
    assert get(remote_id="i3") == ["i3"]
    assert get(issue_date_before="2025-12-31") == ["bill-1"]
    assert "bill-1" not in get(issue_date_after="2026-01-01")
    assert get(remote_updated_after="2026-12-01T00:00:00Z") == ["void-1"]
    contact_id = results(account_client.get("/v1/contacts", {"remote_id": "c2"}))[0]["id"]
    assert set(get(contact_id=contact_id)) == {"i2", "void-1"}
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    assert get(modified_after=future) == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "NOT_A_STATUS"}, "status"),
        ({"type": "BOGUS"}, "type"),
        ({"contact_id": "not-a-uuid"}, "contact_id"),
        ({"issue_date_after": "2026-13-45"}, "issue_date_after"),
        ({"modified_after": "yesterday"}, "modified_after"),
        ({"include_deleted": "maybe"}, "include_deleted"),
        ({"include_remote_data": "2"}, "include_remote_data"),
        ({"expand": "line_items"}, "expand"),
        ({"modifed_after": "2026-01-01"}, "modifed_after"),
        # Empty values would silently drop the filter and widen the query.
        ({"remote_updated_after": ""}, "remote_updated_after"),
        ({"status": ""}, "status"),
        ({"remote_id": ""}, "remote_id"),
        ({"issue_date_before": ""}, "issue_date_before"),
        # Dates are YYYY-MM-DD; datetimes RFC 3339 with an offset PostgreSQL can hold.
        ({"issue_date_after": "2026-01-01T00:00:00"}, "issue_date_after"),
        ({"issue_date_after": "01/31/2026"}, "issue_date_after"),
        ({"issue_date_after": "2026-1-1"}, "issue_date_after"),
        ({"modified_after": "2026-01-01"}, "modified_after"),
        ({"modified_after": "2026-01-01T00:00:00"}, "modified_after"),
        ({"remote_updated_after": "2026-01-01T00:00:00+16:00"}, "remote_updated_after"),
        ({"remote_updated_after": "2026-01-01T00:00:00-23:59"}, "remote_updated_after"),
        ({"remote_updated_after": "2026-01-01T00:00:00+05:30:15"}, "remote_updated_after"),
    ],
)
def test_bad_filters_are_400_with_the_field(account_client, params, field):
    err = error(account_client.get("/v1/invoices", params), 400)
    assert err["type"] == "validation_error"
    assert [d["field"] for d in err["details"]] == [field]


@pytest.mark.parametrize(
    "stamp", ["2026-12-01T00:00:00Z", "2026-12-01T15:59:00+15:59", "2026-11-30T08:00:00.5-15:59"]
)
def test_datetime_filters_take_any_offset_postgresql_holds(account_client, stamp):
    response = account_client.get("/v1/invoices", {"remote_updated_after": stamp})
    assert response.status_code == 200, response.content


def test_deleted_records_are_hidden_unless_asked(account_client):
    upsert_records(
        account_client.account, "invoice", [invoice("i0", "c0", remote_was_deleted=True)]
    )
    ids = lambda **p: {r["remote_id"] for r in results(account_client.get("/v1/invoices", p))}  # noqa: E731
    assert "i0" not in ids()
    assert "i0" in ids(include_deleted="true")


def test_include_remote_data_keeps_provider_numbers_exact(account_client):
    raw = account_client.get("/v1/invoices", {"include_remote_data": "true", "remote_id": "i1"})
    assert b'"remote_data":{"InvoiceID":"i1","Total":73.80}' in raw.content
    one = results(raw)[0]
    retrieved = account_client.get(f"/v1/invoices/{one['id']}", {"include_remote_data": "true"})
    assert retrieved.json()["remote_data"]["InvoiceID"] == "i1"


def test_expand_contact(account_client):
    inv = results(account_client.get("/v1/invoices", {"expand": "contact", "remote_id": "i1"}))[0]
    assert inv["contact"]["remote_id"] == "c1" and inv["contact"]["name"] == "Contact c1"
    pay = results(account_client.get("/v1/payments", {"expand": "contact"}))[0]
    assert isinstance(pay["contact"], dict)


def test_retrieve_and_404s(account_client):
    listed = results(account_client.get("/v1/payments"))
    one = account_client.get(f"/v1/payments/{listed[0]['id']}").json()
    assert one == listed[0]
    assert error(account_client.get("/v1/payments/not-a-uuid"), 404)["type"] == "not_found"
    invoice_id = results(account_client.get("/v1/invoices"))[0]["id"]
    error(account_client.get(f"/v1/payments/{invoice_id}"), 404)  # right id, wrong model


def test_linked_account_header_required_and_checked(authed_client, account):
    err = error(authed_client.get("/v1/invoices"), 400)
    assert err["details"][0]["field"] == "X-Linked-Account"
    for value in ("nope", "00000000-0000-0000-0000-000000000000"):
        error(authed_client.get("/v1/invoices", HTTP_X_LINKED_ACCOUNT=value), 404)


def test_list_states_freshness(account_client):
    acct = account_client.account
    assert account_client.get("/v1/contacts").json()["last_sync_at"] is None
    acct.last_sync_at = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
    acct.save()
    assert account_client.get("/v1/contacts").json()["last_sync_at"].startswith("2026-11-24T09:30")

"""The unfiltered list page by written SQL returns what the queryset path returns."""

from __future__ import annotations

import pytest

from gateway.core.cursor import Cursor, paginate, paginate_with
from gateway.records import plain_pages
from gateway.records.models import Record
from gateway.records.store import mark_deleted, upsert_records
from tests.gateway.builders import contact, make_linked_account

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("include_deleted", [False, True])
@pytest.mark.parametrize("fields", [("document",), ("document", "remote_data")])
def test_same_pages_both_ways(customer_with_key, include_deleted, fields):
    customer, _ = customer_with_key
    account = make_linked_account(customer)
    other = make_linked_account(customer)
    upsert_records(account, "contact", [contact(f"c{i}") for i in range(7)])
    upsert_records(other, "contact", [contact(f"c{i}") for i in range(3)])
    mark_deleted(account, "contact", "c2")
    queryset = Record.objects.filter(linked_account=account, model="contact")
    if not include_deleted:
        queryset = queryset.filter(remote_was_deleted=False)
    fetch = plain_pages.fetcher(account.id, "contact", fields, include_deleted)
    seqs = list(queryset.order_by("seq").values_list("seq", flat=True))
    cursors = [None, Cursor(True, seqs[1]), Cursor(False, seqs[-1]), Cursor(True, seqs[-1])]
    for cursor in cursors:
        expected = paginate(queryset, cursor, 2, fields)
        got = paginate_with(fetch, cursor, 2)
        assert [tuple(r) for r in got.rows] == [tuple(r) for r in expected.rows]
        assert (got.next, got.previous) == (expected.next, expected.previous)


def test_the_account_is_read_with_its_page(customer_with_key, django_assert_num_queries):
    from datetime import UTC, datetime

    from gateway.records.selectors import list_page, owned_list_page
    from tests.factories import make_customer

    customer, _ = customer_with_key
    synced = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)
    account = make_linked_account(customer, last_sync_at=synced)
    empty = make_linked_account(customer)
    upsert_records(account, "contact", [contact(f"c{i}") for i in range(5)])
    mark_deleted(account, "contact", "c1")
    seqs = list(
        Record.objects.filter(linked_account=account, model="contact", remote_was_deleted=False)
        .order_by("seq")
        .values_list("seq", flat=True)
    )
    for cursor in [None, Cursor(True, seqs[0]), Cursor(False, seqs[-1])]:
        params = {"page_size": "2", **({"cursor": cursor.encode()} if cursor else {})}
        with django_assert_num_queries(1):
            found, body = owned_list_page(account.id, customer.id, "contact", cursor, 2)
        assert (found.id, found.provider, found.last_sync_at) == (account.id, "fake", synced)
        assert body == list_page(account, "contact", params)
    # Past the last record, and an account with nothing stored: the account read alone.
    past = Cursor(True, seqs[-1])
    with django_assert_num_queries(2):
        found, body = owned_list_page(account.id, customer.id, "contact", past, 2)
    assert found.last_sync_at == synced
    assert body == list_page(account, "contact", {"page_size": "2", "cursor": past.encode()})
    found, body = owned_list_page(empty.id, customer.id, "contact", None, 2)
    assert found.last_sync_at is None and body == list_page(empty, "contact", {"page_size": "2"})
    # Another customer's account: nothing, not even its rows.
    other, _ = make_customer("Neighbour Co")
    assert owned_list_page(account.id, other.id, "contact", None, 2) is None


def test_postgresql_keeps_one_plan_for_the_list_statements(customer_with_key):
    """The statements every list call runs are planned once per connection, not per call: their
    model, flag and LIMIT are written in, so the generic plan wins after psycopg's five custom
    ones (with them as parameters PostgreSQL re-planned each call, forever)."""
    from django.db import connection

    from gateway.accounts.selectors import linked_account_for
    from gateway.records.selectors import list_page, owned_list_page

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements and their plans are PostgreSQL's")
    customer, _ = customer_with_key
    account = make_linked_account(customer)
    upsert_records(account, "contact", [contact(f"c{i}") for i in range(5)])
    for _ in range(12):
        linked_account_for(customer, str(account.id))
        list_page(account, "contact", {"page_size": "2"})
        owned_list_page(account.id, customer.id, "contact", None, 2)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements "
            "WHERE from_sql = false"
        )
        plans = cursor.fetchall()
    assert len(plans) == 3, plans
    for statement, generic, custom in plans:
        assert generic >= 6 and custom <= 6, (statement, generic, custom)


def test_prepared_statements_show_in_the_query_log(customer_with_key):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gateway.records.selectors import list_page

    customer, _ = customer_with_key
    account = make_linked_account(customer)
    for _ in range(3):  # prepared on the first, executed by name after
        with CaptureQueriesContext(connection) as queries:
            list_page(account, "contact", {"page_size": "2"})
        [query] = queries.captured_queries
        assert 'FROM "records_record"' in query["sql"]

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

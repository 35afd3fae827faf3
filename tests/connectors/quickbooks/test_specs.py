"""The generic spec pieces QuickBooks needed: query-endpoint lists (QuerySpec), several provider
resources behind one unified model (ResourceSpec.union), list cursors that know the part, and a
per-tenant API base URL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from connectors.cursor import InvalidCursor, ListCursor
from connectors.quickbooks import QuickBooksProvider
from connectors.specs import QuerySpec, ResourceSpec


def spec(entity: str, prefix: str = "", **kw) -> ResourceSpec:
    return ResourceSpec(
        model="invoice",
        path="query",
        records_field=f"QueryResponse.{entity}",
        primary_key="Id",
        to_unified=lambda row: row,
        query=QuerySpec(entity=entity, **kw),
        id_prefix=prefix,
    )


def test_query_statements():
    q = QuerySpec(entity="Customer", where=("Active IN (true, false)",), page_size=500)
    assert q.statement(position=q.position(3)) == (
        "SELECT * FROM Customer WHERE Active IN (true, false) "
        "ORDERBY Id STARTPOSITION 1001 MAXRESULTS 500"
    )
    since = datetime(2025, 2, 1, 8, 30, tzinfo=UTC)
    assert "AND MetaData.LastUpdatedTime >= '2025-02-01T08:30:00+00:00' ORDERBY" in q.statement(
        position=1, modified_since=since
    )
    assert q.statement(remote_id="42") == (
        "SELECT * FROM Customer WHERE Active IN (true, false) AND Id = '42'"
    )
    for hostile in ("1' OR Id > '0", "", "x" * 101, "1\\"):
        with pytest.raises(ValueError):
            q.statement(remote_id=hostile)
    with pytest.raises(ValueError):
        QuerySpec(entity="Item", updated_field=None).statement(position=1, modified_since=since)


def test_union_of_resources():
    union = ResourceSpec.union(spec("Invoice"), spec("Bill", "Bill:"))
    assert [p.query.entity for p in union.sources] == ["Invoice", "Bill"]
    assert union.operations == frozenset({"list", "get"}) and union.id_prefix == ""
    assert union.source_for("17")[0].query.entity == "Invoice"
    assert union.source_for("Bill:17") == (union.parts[1], "17")
    plain = spec("Invoice")
    assert plain.sources == (plain,) and plain.source_for("9") == (plain, "9")
    with pytest.raises(ValueError):
        ResourceSpec.union(spec("Invoice"))
    with pytest.raises(ValueError):  # two parts without a prefix
        ResourceSpec.union(spec("Invoice"), spec("Bill"))
    with pytest.raises(ValueError):  # one prefix shadows the other
        ResourceSpec.union(spec("Bill", "Bill:"), spec("BillPayment", "Bill:Payment:"))
    with pytest.raises(KeyError):
        ResourceSpec.union(spec("A", "A:"), spec("B", "B:")).source_for("7")


def test_list_cursor_part_round_trip():
    since = datetime(2025, 1, 1, tzinfo=UTC)
    cursor = ListCursor("invoice", 2, since, part=1)
    assert ListCursor.decode(cursor.encode()) == cursor
    # cursors of single-resource models are unchanged (no part field)
    assert "r" not in ListCursor("invoice", 2).encode() and ListCursor.decode(
        ListCursor("invoice", 2).encode()
    ) == ListCursor("invoice", 2)


def test_a_cursor_for_a_part_that_does_not_exist_is_invalid():
    from connectors.credentials import Credentials, InMemoryCredentialStore

    provider = QuickBooksProvider({"api_url": "http://127.0.0.1:9/v3/company/{tenant_id}"})
    creds = Credentials(access_token="a", expires_at=datetime(2100, 1, 1, tzinfo=UTC))
    conn = provider.connect(InMemoryCredentialStore(creds), "123")
    with pytest.raises(InvalidCursor):
        conn.list("invoice", cursor=ListCursor("invoice", 1, part=2).encode())


def test_tenant_api_url():
    provider = QuickBooksProvider({})
    assert provider.tenant_api_url("9341453050298464") == (
        "https://quickbooks.api.intuit.com/v3/company/9341453050298464"
    )
    assert provider.tenant_api_url("a/b") == "https://quickbooks.api.intuit.com/v3/company/a%2Fb"

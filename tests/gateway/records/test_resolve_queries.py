"""Write-side reference resolution asks the store once per target model, not once per line."""

from __future__ import annotations

import pytest

from gateway.core.errors import UnknownReference
from gateway.records.ids import record_id
from gateway.records.store import upsert_records
from gateway.records.writes import parse_input, resolve_references
from tests.factories import make_customer
from tests.gateway.builders import make_linked_account
from unified_models import Account, Item

pytestmark = pytest.mark.django_db

LINES = 40


def _stored(account):
    upsert_records(
        account,
        "account",
        [Account(remote_id=f"A{i}", name=f"Sales {i}", code=str(200 + i)) for i in range(3)],
    )
    upsert_records(account, "item", [Item(remote_id=f"I{i}", name=f"Item {i}") for i in range(3)])
    return (
        [str(record_id(account.id, "account", f"A{i}")) for i in range(3)],
        [str(record_id(account.id, "item", f"I{i}")) for i in range(3)],
    )


def test_many_lines_resolve_in_one_query_per_target(django_assert_max_num_queries):
    customer, _ = make_customer("Resolver Ltd")
    account = make_linked_account(customer)
    accounts, items = _stored(account)
    body = {
        "line_items": [
            {"description": f"line {n}", "account": accounts[n % 3], "item": items[n % 3]}
            for n in range(LINES)
        ]
    }
    data = parse_input("invoice", body)
    with django_assert_max_num_queries(2):
        resolve_references(account, "invoice", data)
    assert [line.account_remote_id for line in data.line_items[:4]] == ["A0", "A1", "A2", "A0"]
    assert [line.item_remote_id for line in data.line_items[:4]] == ["I0", "I1", "I2", "I0"]


def test_unknown_and_foreign_ids_are_each_named():
    customer, _ = make_customer("Resolver Ltd")
    account = make_linked_account(customer)
    other = make_linked_account(customer, tenant_id="other-tenant", end_user_id="end-user-2")
    accounts, _ = _stored(account)
    foreign, _ = _stored(other)
    body = {
        "line_items": [
            {"description": "mine", "account": accounts[0]},
            {"description": "theirs", "account": foreign[1]},
            {"description": "nobody's", "account": "00000000-0000-5000-8000-000000000001"},
        ]
    }
    data = parse_input("invoice", body)
    with pytest.raises(UnknownReference) as refused:
        resolve_references(account, "invoice", data)
    assert [d["field"] for d in refused.value.details] == [
        "line_items[1].account",
        "line_items[2].account",
    ]

"""The QuickBooks connector joins credit notes' ``applied_to`` from the payments that apply them,
at the cost mappers_credit documents: one batch call per page with used credits (one plain query
for a single contact), none for a read where no used credit changed; it allocates and deletes
against the sandbox."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from connectors.errors import ValidationFailed
from tests.connectors.quickbooks.test_sandbox import link, read_all
from unified_models import CreditNoteAllocationInput


def dumped(records):
    return sorted(r.model_dump_json() for r in records)


def apply_cad_memo(sandbox) -> None:
    """Credit memo 3 (CAD, customer 8) applied to invoice 8 at QuickBooks, so two customers'
    credits have applications."""
    conn = link(sandbox).connector()
    conn.perform_action(
        "credit_note",
        "allocations",
        "3",
        CreditNoteAllocationInput(invoice_remote_id="8", amount=Decimal("20.00")),
    )


def test_a_full_read_joins_every_used_credit_in_one_more_call(quickbooks_sandbox):
    ctl = quickbooks_sandbox.control
    apply_cad_memo(quickbooks_sandbox)
    conn = link(quickbooks_sandbox).connector()
    ctl.reset_counters()
    records, calls, _ = read_all(conn, "credit_note")
    assert calls == 2 and ctl.counters()["requests"] == {"batch": 2}
    joins = ctl.counters()["batches"][-1]["items"]
    # One query per contact with used credit (the seed's, ours on customer 8), in one batch.
    contacts = [re.search(r"FROM (\w+) WHERE \w+ = '(\w+)'", q).groups() for q in joins]
    assert len(set(contacts)) == len(contacts)
    assert {("Payment", "1"), ("Payment", "8")} <= set(contacts)
    by_id = {r.remote_id: r for r in records}
    for remote_id, invoice, value in (("2", "1", "43.20"), ("3", "8", "20.00")):
        (applied,) = by_id[remote_id].applied_to
        assert (applied.invoice_remote_id, str(applied.applied_amount)) == (invoice, value)
    assert by_id["1"].applied_to == [] and by_id["VendorCredit:1"].applied_to == []
    # The join is the same whatever way it is read: plain queries give the same records.
    conn.provider.batch = None
    plain, plain_calls, _ = read_all(conn, "credit_note")
    assert plain_calls == 3 + len(contacts)  # three entities, then one query per contact
    assert dumped(plain) == dumped(records)


def test_full_pages_of_payments_go_on_with_plain_queries(quickbooks_sandbox):
    ctl = quickbooks_sandbox.control
    apply_cad_memo(quickbooks_sandbox)
    conn = link(quickbooks_sandbox).connector()
    expected, _, _ = read_all(conn, "credit_note")
    # One row per batch item: each customer's first payment, then the rest by plain queries.
    conn.provider.batch = replace(conn.provider.batch, max_rows=2)
    ctl.reset_counters()
    records, _, _ = read_all(conn, "credit_note")
    assert dumped(records) == dumped(expected)
    queries = [q["query"] for q in ctl.counters()["queries"]]
    assert any("CustomerRef = '1' STARTPOSITION 2" in q for q in queries), queries


def test_an_incremental_read_with_no_change_costs_no_join(quickbooks_sandbox):
    """After an allocation the newest credit is a used one: QuickBooks' inclusive query returns
    it again on every read, but it is not joined again (nothing changed)."""
    ctl = quickbooks_sandbox.control
    conn = link(quickbooks_sandbox).connector()
    conn.perform_action(
        "credit_note",
        "allocations",
        "1",
        CreditNoteAllocationInput(invoice_remote_id="10", amount=Decimal("5.00")),
    )
    records, _, pages = read_all(conn, "credit_note")
    newest = max(p.max_remote_updated_at for p in pages if p.max_remote_updated_at)
    assert next(r for r in records if r.remote_id == "1").remote_updated_at == newest
    ctl.reset_counters()
    again, calls, _ = read_all(conn, "credit_note", modified_since=newest)
    assert calls == 1 and ctl.counters()["requests"] == {"batch": 1}
    assert "1" not in {r.remote_id for r in again}  # stored as it is by the last read
    # A change after the bookmark is read and joined.
    ctl.advance_clock(5)
    conn.perform_action(
        "credit_note",
        "allocations",
        "1",
        CreditNoteAllocationInput(invoice_remote_id="10", amount=Decimal("1.00")),
    )
    ctl.reset_counters()
    changed, calls, _ = read_all(conn, "credit_note", modified_since=newest + timedelta(seconds=1))
    (memo,) = [r for r in changed if r.remote_id == "1"]
    assert [str(a.applied_amount) for a in memo.applied_to] == ["5.00", "1.00"]
    assert calls == 2  # the credits' batch, then the one customer's payments


def test_allocate_refuses_the_other_side_before_writing(quickbooks_sandbox):
    ctl = quickbooks_sandbox.control
    conn = link(quickbooks_sandbox).connector()
    before = ctl.records("us", "Payment")
    with pytest.raises(ValidationFailed) as info:
        conn.perform_action(
            "credit_note",
            "allocations",
            "1",
            CreditNoteAllocationInput(invoice_remote_id="Bill:1", amount=Decimal("1.00")),
        )
    assert info.value.details[0]["field"] == "invoice"
    with pytest.raises(ValidationFailed):
        conn.perform_action(
            "credit_note",
            "allocations",
            "VendorCredit:1",
            CreditNoteAllocationInput(invoice_remote_id="10", amount=Decimal("1.00")),
        )
    assert ctl.records("us", "Payment") == before
    # QuickBooks' own refusal: a ValidationFault on the amount.
    with pytest.raises(ValidationFailed) as info:
        conn.perform_action(
            "credit_note",
            "allocations",
            "1",
            CreditNoteAllocationInput(invoice_remote_id="10", amount=Decimal("50.01")),
        )
    assert info.value.details[0]["field"] == "amount"
    assert ctl.records("us", "Payment") == before


def test_delete_removes_an_unused_credit_and_refuses_a_used_one(quickbooks_sandbox):
    ctl = quickbooks_sandbox.control
    conn = link(quickbooks_sandbox).connector()
    assert conn.delete("credit_note", "1") is None
    assert "1" not in {m["Id"] for m in ctl.records("us", "CreditMemo")}
    with pytest.raises(ValidationFailed):
        conn.delete("credit_note", "2")
    assert "2" in {m["Id"] for m in ctl.records("us", "CreditMemo")}

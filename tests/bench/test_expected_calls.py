"""The expected provider calls the sync benchmark holds each model to, from the real specs."""

from __future__ import annotations

import pytest

from bench.expected_calls import expected_calls, page_size, part_calls
from connectors.quickbooks.spec import BATCH
from connectors.quickbooks.spec import RESOURCES as QBO
from connectors.xero.spec import RESOURCES as XERO


@pytest.mark.parametrize(
    ("records", "calls"), [(0, 1), (1, 1), (1000, 1), (1001, 2), (10_010, 11), (100_015, 101)]
)
def test_xero_pages_by_number_with_the_page_count(records, calls):
    # Xero reports pagination.pageCount: a full last page needs no empty call after it.
    assert expected_calls(XERO["contact"], [records]) == calls


@pytest.mark.parametrize(("journals", "calls"), [(0, 1), (99, 1), (100, 2), (476, 5), (3000, 31)])
def test_xero_journals_page_by_offset_100_a_call(journals, calls):
    spec = XERO["general_ledger_transaction"]
    assert page_size(spec) == 100
    # The last page is the first short one: a full page is followed by one empty answer.
    assert expected_calls(spec, [journals]) == calls


def test_xero_whole_reads_and_the_item_companion():
    assert expected_calls(XERO["tax_rate"], [6]) == 1
    assert expected_calls(XERO["bank_transfer"], [5000]) == 1  # not paged by Xero
    assert page_size(XERO["bank_transfer"]) is None
    # Items name accounts by code: the chart is read beside them, unless the run read it whole.
    assert expected_calls(XERO["item"], [6]) == 2
    assert expected_calls(XERO["item"], [6], companions_read=frozenset({"Accounts"})) == 1
    assert expected_calls(XERO["item"], [0]) == 1  # no rows: nothing to resolve


@pytest.mark.parametrize(("rows", "calls"), [(0, 1), (999, 1), (1000, 2), (2500, 3)])
def test_quickbooks_single_queries_page_by_position(rows, calls):
    assert part_calls(QBO["account"], rows) == calls
    assert expected_calls(QBO["account"], [rows], BATCH) == calls


@pytest.mark.parametrize(
    ("rows", "calls"),
    [
        ([10, 3], 1),  # both parts fit their share of the batch
        ([499, 499], 1),
        ([500, 0], 2),  # a full share goes on with a (here empty) query
        ([518, 3], 2),
        ([2515, 10], 4),  # 500 in the batch, then 1000 + 1000 + 15
    ],
)
def test_quickbooks_unions_start_with_one_batch(rows, calls):
    assert expected_calls(QBO["invoice"], rows, BATCH) == calls


def test_quickbooks_companions_ride_in_the_batch_and_reports_are_one_call():
    assert expected_calls(QBO["tax_rate"], [4], BATCH) == 1
    assert expected_calls(QBO["company_info"], [1], BATCH) == 1
    assert expected_calls(QBO["credit_note"], [400, 400, 400], BATCH) == 4  # share 333 each
    assert expected_calls(QBO["general_ledger_transaction"], [5000], BATCH) == 1
    # Without the batch, each part pages alone.
    assert expected_calls(QBO["invoice"], [10, 3]) == 2


def test_row_counts_must_match_the_parts():
    with pytest.raises(ValueError, match="parts"):
        expected_calls(QBO["invoice"], [10], BATCH)

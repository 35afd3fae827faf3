"""QuickBooks journal entries (JournalEntry, both ways) and the ledger view (JournalReport, one
general ledger transaction per posted transaction), against the QuickBooks sandbox, which keeps
the double entry: every posted document's ledger lines balance."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from connectors.errors import ValidationFailed
from connectors.jsonutil import loads
from connectors.quickbooks import mappers_journal as mj
from unified_models import JournalEntryInput, JournalEntryStatus, LedgerSourceType

from .test_sandbox import link, read_all

FIXTURES = Path(__file__).parents[2] / "fixtures" / "quickbooks"
GOLDEN = FIXTURES / "golden"


@pytest.fixture
def wired(quickbooks_sandbox):
    return link(quickbooks_sandbox).connector()


def _record(api_body: dict, name: str) -> None:
    """Write a recorded payload (only when RECORD_FIXTURES is set)."""
    if os.environ.get("RECORD_FIXTURES"):
        (FIXTURES / f"{name}.json").write_text(json.dumps(api_body, indent=2) + "\n")


def test_seeded_journal_entries_read_with_debits_credits_contacts_and_classes(wired):
    entries, calls, pages = read_all(wired, "journal_entry")
    assert (calls, len(pages)) == (1, 1) and len(entries) == 2
    accrual = next(e for e in entries if e.number == "JE-1")
    assert accrual.status is JournalEntryStatus.POSTED and accrual.memo.startswith("Insurance")
    debit, credit = accrual.lines
    assert (debit.debit_amount, debit.account_remote_id) == (Decimal("150.00"), "11")
    assert (credit.credit_amount, credit.account_remote_id) == (Decimal("150.00"), "33")
    assert credit.contact_remote_id.startswith("Vendor:")
    assert debit.tracking_categories[0].category_remote_id == "5000000000000018"
    assert accrual.total_debit == accrual.total_credit == Decimal("150.00")


def test_journal_entry_create_by_account_number_and_sparse_update(wired):
    created = wired.create(
        "journal_entry",
        JournalEntryInput(
            number="JE-9",
            transaction_date="2024-03-31",
            memo="Reclass",
            lines=[
                {"debit_amount": "19.99", "account_code": "6100", "description": "Fix"},
                {"credit_amount": "19.99", "account_remote_id": "35"},
            ],
        ),
    )
    assert created.number == "JE-9" and [li.account_remote_id for li in created.lines] == [
        "11",
        "35",
    ]
    updated = wired.update("journal_entry", created.remote_id, JournalEntryInput(memo="Reclass!"))
    assert updated.memo == "Reclass!" and len(updated.lines) == 2  # sparse: lines kept
    assert wired.get("journal_entry", created.remote_id).memo == "Reclass!"


def test_unknown_account_number_is_refused_before_writing(wired):
    before = len(read_all(wired, "journal_entry")[0])
    with pytest.raises(ValidationFailed) as caught:
        wired.create(
            "journal_entry",
            JournalEntryInput(
                memo="x",
                lines=[
                    {"debit_amount": "1", "account_code": "9999"},
                    {"credit_amount": "1", "account_remote_id": "35"},
                ],
            ),
        )
    assert caught.value.details[0]["field"] == "lines[0].account_code"
    assert len(read_all(wired, "journal_entry")[0]) == before


def test_sandbox_refuses_an_unbalanced_entry_as_intuit_does(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("us")
    api = quickbooks_sandbox.api(tokens["access_token"], realm)
    body = {
        "Line": [
            {
                "Amount": 100,
                "DetailType": "JournalEntryLineDetail",
                "JournalEntryLineDetail": {"PostingType": "Debit", "AccountRef": {"value": "11"}},
            },
            {
                "Amount": 90,
                "DetailType": "JournalEntryLineDetail",
                "JournalEntryLineDetail": {"PostingType": "Credit", "AccountRef": {"value": "35"}},
            },
        ]
    }
    response = api.http.post(
        f"{api.base}/journalentry", json=body, params={"minorversion": 75}, timeout=30
    )
    assert response.status_code == 400
    error = response.json()["Fault"]["Error"][0]
    assert error["code"] == "6000" and "must be balanced" in error["Detail"]
    _record(response.json(), "journal_sandbox_post_journalentry_400")
    listed = api.query("SELECT * FROM JournalEntry")["QueryResponse"]["JournalEntry"]
    assert len(listed) == 2


def test_unbalanced_input_never_reaches_the_connector():
    with pytest.raises(ValidationError):
        JournalEntryInput(
            memo="x",
            lines=[{"debit_amount": "100", "account_remote_id": "11"}, {"credit_amount": "90"}],
        )


@pytest.mark.xfail(
    strict=True,
    reason="the QuickBooks sandbox's JournalReport does not post credit memos yet, while the "
    "seeded credit applied to an invoice lowers its balance (issue 15 left open)",
)
def test_every_posted_transaction_is_one_balanced_ledger_transaction(wired, quickbooks_sandbox):
    ledger, calls, pages = read_all(wired, "general_ledger_transaction")
    assert (calls, len(pages)) == (1, 1)
    for tx in ledger:
        assert tx.total_debit == tx.total_credit > 0, tx.remote_id
        assert sum((li.net_amount for li in tx.lines), Decimal(0)) == 0
    kinds = {tx.source_type_raw for tx in ledger}
    assert {"Invoice", "Bill", "Payment", "Journal Entry"} <= kinds
    invoices = {i.remote_id for i in read_all(wired, "invoice")[0]}
    payments = {p.remote_id for p in read_all(wired, "payment")[0]}
    journals = {j.remote_id for j in read_all(wired, "journal_entry")[0]}
    for tx in ledger:
        target = {
            LedgerSourceType.INVOICE: invoices,
            LedgerSourceType.PAYMENT: payments,
            LedgerSourceType.JOURNAL_ENTRY: journals,
        }[tx.source_type]
        assert tx.source_remote_id in target, tx.remote_id
    # The books balance as a whole, and A/R holds what the open invoices owe.
    receivable = sum(
        (li.net_amount for tx in ledger for li in tx.lines if li.account_remote_id == "84"),
        Decimal(0),
    )
    open_invoices = [
        i for i in read_all(wired, "invoice")[0] if not i.remote_id.startswith("Bill:")
    ]
    owed = sum(
        ((i.balance or 0) * (i.exchange_rate or 1) for i in open_invoices), Decimal(0)
    ).quantize(Decimal("0.01"))
    # A payment's unapplied part is a credit the customer holds: it sits in A/R too.
    unapplied = sum(
        (
            Decimal(str(p.remote_data.get("UnappliedAmt") or 0))
            for p in read_all(wired, "payment")[0]
            if not p.remote_id.startswith("BillPayment:")
        ),
        Decimal(0),
    )
    assert receivable == owed - unapplied


def test_a_new_journal_entry_appears_in_the_ledger(wired):
    created = wired.create(
        "journal_entry",
        JournalEntryInput(
            transaction_date="2024-04-30",
            memo="Accrual",
            lines=[
                {"debit_amount": "12.00", "account_remote_id": "24"},
                {"credit_amount": "12.00", "account_remote_id": "35"},
            ],
        ),
    )
    ledger = read_all(wired, "general_ledger_transaction")[0]
    # QuickBooks ids are unique per entity only: the source is its type and id together.
    mine = [
        t
        for t in ledger
        if t.source_remote_id == created.remote_id
        and t.source_type is LedgerSourceType.JOURNAL_ENTRY
    ]
    assert len(mine) == 1 and mine[0].remote_id == f"Journal Entry:{created.remote_id}"
    assert {li.account_remote_id: li.net_amount for li in mine[0].lines} == {
        "24": Decimal("12.00"),
        "35": Decimal("-12.00"),
    }


# -- goldens from recorded payloads ------------------------------------------------------------


def test_record_sandbox_payloads(quickbooks_sandbox):
    """Records the fixtures the golden test reads (only with RECORD_FIXTURES=1)."""
    tokens, realm = quickbooks_sandbox.connect("us")
    api = quickbooks_sandbox.api(tokens["access_token"], realm)
    _record(api.query("SELECT * FROM JournalEntry"), "journal_sandbox_query_journalentry")
    report = api.http.get(
        f"{api.base}/reports/JournalReport",
        params={
            "columns": ",".join(mj.REPORT_COLUMNS),
            "start_date": "1900-01-01",
            "end_date": "2099-12-31",
            "minorversion": 75,
        },
        timeout=30,
    )
    assert report.status_code == 200
    _record(report.json(), "journal_sandbox_report_journalreport")


GOLDEN_CASES = {
    "journal_sandbox_query_journalentry": (
        ("QueryResponse", "JournalEntry"),
        mj.journal_entry_from_qbo,
    ),
    "journal_sandbox_report_journalreport": (("Rows", "Row"), mj.ledger_section_from_qbo),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_fixture_maps_to_golden(name):
    (first, second), mapper = GOLDEN_CASES[name]
    rows = loads((FIXTURES / f"{name}.json").read_bytes())[first][second]
    got = [mapper(r).model_dump(mode="json", exclude={"remote_data"}) for r in rows]
    golden = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDENS"):
        golden.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
    assert golden.exists(), f"no golden for {name}: review, then run with UPDATE_GOLDENS=1"
    assert got == json.loads(golden.read_text())


def test_write_body():
    data = JournalEntryInput(
        memo="m",
        lines=[
            {
                "debit_amount": "5",
                "account_remote_id": "11",
                "contact_remote_id": "Vendor:7",
                "tracking_categories": [{"category_remote_id": "Department:2"}],
            },
            {"credit_amount": "5", "account_remote_id": "35", "contact_remote_id": "58"},
        ],
    )
    body = mj.journal_entry_to_qbo(data, remote_id="4", sync_token="2")
    assert body["Id"] == "4" and body["SyncToken"] == "2" and body["sparse"] is True
    first, second = body["Line"]
    assert first["JournalEntryLineDetail"] == {
        "PostingType": "Debit",
        "AccountRef": {"value": "11"},
        "Entity": {"Type": "Vendor", "EntityRef": {"value": "7"}},
        "DepartmentRef": {"value": "2"},
    }
    assert second["JournalEntryLineDetail"]["Entity"] == {
        "Type": "Customer",
        "EntityRef": {"value": "58"},
    }
    assert second["Amount"] == Decimal("5")

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
    assert (calls, len(pages)) == (1, 1) and len(entries) == 3
    accrual = next(e for e in entries if e.number == "JE-1")
    assert accrual.status is JournalEntryStatus.POSTED and accrual.memo.startswith("Insurance")
    debit, credit = accrual.lines
    assert (debit.debit_amount, debit.account_remote_id) == (Decimal("150.00"), "11")
    assert (credit.credit_amount, credit.account_remote_id) == (Decimal("150.00"), "33")
    assert credit.contact_remote_id.startswith("Vendor:")
    assert debit.tracking_categories[0].category_remote_id == "5000000000000018"
    assert accrual.total_debit == accrual.total_credit == Decimal("150.00")
    fee = next(e for e in entries if e.number == "JE-3")  # in the foreign bank's currency
    assert (fee.currency, fee.exchange_rate) == ("CAD", Decimal("0.7412"))
    assert fee.total_debit == fee.total_credit == Decimal("15.00")


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
    assert len(listed) == 3


def test_unbalanced_input_never_reaches_the_connector():
    with pytest.raises(ValidationError):
        JournalEntryInput(
            memo="x",
            lines=[{"debit_amount": "100", "account_remote_id": "11"}, {"credit_amount": "90"}],
        )


CENT = Decimal("0.01")
RECEIVABLE, PAYABLE = "84", "33"
#: Every kind of posting document each seeded company holds, as the JournalReport names it.
KINDS = {
    "Invoice",
    "Bill",
    "Payment",
    "Bill Payment (Check)",
    "Journal Entry",
    "Credit Memo",
    "Vendor Credit",
    "Refund",
    "Expense",
    "Check",
    "Credit Card Expense",
    "Credit Card Credit",
    "Deposit",
    "Transfer",
}


def _home(value, rate) -> Decimal:
    return (Decimal(value or 0) * Decimal(rate or 1)).quantize(CENT)


def _moves(ledger, account: str) -> Decimal:
    return sum(
        (li.net_amount for tx in ledger for li in tx.lines if li.account_remote_id == account),
        Decimal(0),
    )


@pytest.fixture(params=["us", "uk"])
def books(request, quickbooks_sandbox):
    """Each seeded company, linked: (connector, {model: records}, ledger)."""
    conn = link(quickbooks_sandbox, request.param).connector()
    ledger, calls, pages = read_all(conn, "general_ledger_transaction")
    assert (calls, len(pages)) == (1, 1)
    models = (
        "invoice",
        "payment",
        "journal_entry",
        "credit_note",
        "expense",
        "bank_transaction",
        "bank_transfer",
        "account",
    )
    return conn, {m: read_all(conn, m)[0] for m in models}, ledger


def test_every_posted_transaction_is_one_balanced_ledger_transaction(books):
    _, records, ledger = books
    for tx in ledger:
        assert tx.total_debit == tx.total_credit > 0, tx.remote_id
        assert sum((li.net_amount for li in tx.lines), Decimal(0)) == 0
    assert {tx.source_type_raw for tx in ledger} >= KINDS
    # Each posted (not voided) document is the source of exactly one ledger transaction, and
    # every ledger transaction's source is a document the connector serves.
    posted = {
        LedgerSourceType.INVOICE: [r for r in records["invoice"] if r.total_amount],
        LedgerSourceType.PAYMENT: [r for r in records["payment"] if r.total_amount],
        LedgerSourceType.JOURNAL_ENTRY: records["journal_entry"],
        LedgerSourceType.CREDIT_NOTE: [r for r in records["credit_note"] if r.total_amount],
        LedgerSourceType.EXPENSE: [r for r in records["expense"] if r.total_amount],
        LedgerSourceType.BANK_TRANSACTION: [
            r
            for r in records["bank_transaction"]
            if r.remote_id.startswith("Deposit:") and r.total_amount
        ],
        LedgerSourceType.BANK_TRANSFER: records["bank_transfer"],
    }
    sources = [(tx.source_type, tx.source_remote_id) for tx in ledger]
    assert len(sources) == len(set(sources))
    assert set(sources) == {(kind, r.remote_id) for kind, rs in posted.items() for r in rs}
    # The voided purchase and the zero-total payment that applies a credit memo post nothing.
    assert any(not r.total_amount for r in records["expense"])
    assert any(not r.total_amount for r in records["payment"])


def test_the_books_balance_as_a_whole(books):
    _, _, ledger = books
    lines = [li for tx in ledger for li in tx.lines]
    assert sum((li.net_amount for li in lines), Decimal(0)) == 0
    assert sum((li.debit_amount or 0 for li in lines), Decimal(0)) == sum(
        (li.credit_amount or 0 for li in lines), Decimal(0)
    )


def _journal_moves(records, account: str) -> Decimal:
    """What journal entries put straight on an account (on A/R or A/P with a name, QuickBooks
    keeps them as open items of that customer or vendor)."""
    return sum(
        (
            _home(li.net_amount, je.exchange_rate)
            for je in records["journal_entry"]
            for li in je.lines
            if li.account_remote_id == account
        ),
        Decimal(0),
    )


def test_receivable_is_open_invoices_less_unapplied_credits(books):
    _, records, ledger = books
    open_invoices = sum(
        (
            _home(i.balance, i.exchange_rate)
            for i in records["invoice"]
            if i.type == "ACCOUNTS_RECEIVABLE"
        ),
        Decimal(0),
    )
    # A payment's unapplied part and a credit memo's remaining credit are what the customer
    # holds: both sit in A/R against what the invoices owe.
    unapplied = sum(
        (
            _home(p.remote_data.get("UnappliedAmt"), p.exchange_rate)
            for p in records["payment"]
            if p.type == "ACCOUNTS_RECEIVABLE"
        ),
        Decimal(0),
    )
    credits = [c for c in records["credit_note"] if c.type == "ACCOUNTS_RECEIVABLE"]
    remaining = sum((_home(c.remaining_credit, c.exchange_rate) for c in credits), Decimal(0))
    assert remaining > 0 and any(0 < c.remaining_credit < c.total_amount for c in credits)
    expected = open_invoices - unapplied - remaining + _journal_moves(records, RECEIVABLE)
    assert _moves(ledger, RECEIVABLE) == expected
    # The chart of accounts says the same.
    account = next(a for a in records["account"] if a.remote_id == RECEIVABLE)
    assert _home(account.remote_data["CurrentBalance"], 1) == expected


def test_payable_is_open_bills_less_unapplied_vendor_credits(books):
    _, records, ledger = books
    open_bills = sum(
        (
            _home(i.balance, i.exchange_rate)
            for i in records["invoice"]
            if i.type == "ACCOUNTS_PAYABLE"
        ),
        Decimal(0),
    )
    credits = [c for c in records["credit_note"] if c.type == "ACCOUNTS_PAYABLE"]
    remaining = sum((_home(c.remaining_credit, c.exchange_rate) for c in credits), Decimal(0))
    assert remaining > 0
    # A/P is a credit balance: the ledger's net is negative by what is owed.
    expected = -open_bills + remaining + _journal_moves(records, PAYABLE)
    assert _moves(ledger, PAYABLE) == expected
    account = next(a for a in records["account"] if a.remote_id == PAYABLE)
    assert -_home(account.remote_data["CurrentBalance"], 1) == expected  # owed: positive


def test_each_bank_and_card_account_moves_by_its_documents(books):
    """A bank or card account's ledger movement, recomputed from the documents that name it:
    deposits and payments in, expenses and bill payments out (a card refund back in), transfers
    to and from, refunds paid out, journal lines on it."""
    _, records, ledger = books
    expected: dict[str, Decimal] = {}

    def move(account, value, rate=None) -> None:
        if account and value:
            expected[account] = expected.get(account, Decimal(0)) + _home(value, rate)

    for e in records["expense"]:
        move(
            e.account_remote_id, e.total_amount if e.is_refund else -e.total_amount, e.exchange_rate
        )
    for b in records["bank_transaction"]:
        if b.remote_id.startswith("Deposit:"):
            move(b.account_remote_id, b.total_amount, b.exchange_rate)
    for t in records["bank_transfer"]:
        move(t.to_account_remote_id, t.amount, t.exchange_rate)
        move(t.from_account_remote_id, -t.amount, t.exchange_rate)
    for p in records["payment"]:
        sign = 1 if p.type == "ACCOUNTS_RECEIVABLE" else -1
        move(p.account_remote_id, sign * (p.total_amount or 0), p.exchange_rate)
    for c in records["credit_note"]:
        if c.remote_id.startswith("RefundReceipt:"):
            paid_from = (c.remote_data.get("DepositToAccountRef") or {}).get("value")
            move(paid_from, -c.total_amount, c.exchange_rate)
    for je in records["journal_entry"]:
        for li in je.lines:
            move(li.account_remote_id, li.net_amount, je.exchange_rate)
    kinds = {a.remote_id: a.type_raw for a in records["account"]}
    banks = {a for a, kind in kinds.items() if kind in ("Bank", "Credit Card")}
    assert {"35", "41"} < banks and len(banks) >= 4  # checking, card, savings, foreign
    home = next(a.currency for a in records["account"] if a.remote_id == "35")
    foreign = [
        a.remote_id for a in records["account"] if a.remote_id in banks and a.currency != home
    ]
    assert foreign
    for account in banks:
        assert _moves(ledger, account) == expected.get(account, Decimal(0)), account
    assert all(expected.get(a) for a in ("35", "41", *foreign))


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

"""The QuickBooks sandbox's seed covers issue 15's list for credits, journals, banking and files
(sandbox/quickbooks/seed_cases.py and the seeds before it): every credit status QuickBooks can
be in, foreign currency, a partly allocated credit on each side, a refund, files of several
types on the new kinds of records; and an unbalanced journal entry is refused, never stored."""

from __future__ import annotations

from decimal import Decimal

import pytest

from unified_models import BankTransactionStatus, CreditNoteStatus, InvoiceType

from .test_sandbox import link, read_all


@pytest.fixture(params=["us", "uk"])
def company(request, quickbooks_sandbox):
    return request.param, link(quickbooks_sandbox, request.param).connector()


def test_credit_notes_in_every_status_with_a_refund(company):
    key, conn = company
    notes = read_all(conn, "credit_note")[0]
    sales = [n for n in notes if n.type is InvoiceType.ACCOUNTS_RECEIVABLE]
    assert {n.status for n in sales} == {
        CreditNoteStatus.OPEN,
        CreditNoteStatus.PARTIALLY_APPLIED,
        CreditNoteStatus.APPLIED,
        CreditNoteStatus.VOID,
    }
    refund = next(n for n in sales if n.remote_id.startswith("RefundReceipt:"))
    assert refund.status is CreditNoteStatus.APPLIED and refund.refunds
    applied = next(n for n in sales if n.number == "CM-1004")
    assert applied.status is CreditNoteStatus.APPLIED and applied.remaining_credit == 0
    voided = next(n for n in sales if n.number == "CM-1005")
    assert voided.status is CreditNoteStatus.VOID and voided.total_amount == 0
    supplier = {n.number: n for n in notes if n.type is InvoiceType.ACCOUNTS_PAYABLE}
    assert supplier["VC-501"].status is CreditNoteStatus.OPEN
    if key == "us":  # the UK books have no open bill to apply a credit to, nor a foreign vendor
        part = supplier["VC-502"]
        assert part.status is CreditNoteStatus.PARTIALLY_APPLIED
        assert (part.total_amount, part.remaining_credit) == (Decimal("60.00"), Decimal("35.00"))
        cad = supplier["VC-503"]
        assert (cad.currency, cad.exchange_rate) == ("CAD", Decimal("0.7412"))
        assert any(n.currency == "CAD" for n in sales)


def test_a_vendor_credit_applied_through_a_zero_total_bill_payment_lowers_the_bill(
    quickbooks_sandbox,
):
    conn = link(quickbooks_sandbox, "us").connector()  # the UK books have no open bill
    payments = read_all(conn, "payment")[0]
    (applying,) = [
        p
        for p in payments
        if any(a.related_object_remote_id == "VendorCredit:2" for a in p.applied_to)
    ]
    assert applying.total_amount == 0
    (bill_id,) = [
        a.related_object_remote_id
        for a in applying.applied_to
        if a.related_object_remote_id.startswith("Bill:")
    ]
    bill = conn.get("invoice", bill_id)
    assert bill.balance == bill.total_amount - Decimal("25.00")


def test_bank_documents_cover_void_refund_and_foreign_currency(company):
    _, conn = company
    expenses = read_all(conn, "expense")[0]
    assert any(e.status is BankTransactionStatus.VOID for e in expenses)
    assert any(e.is_refund for e in expenses)
    transactions = read_all(conn, "bank_transaction")[0]
    home = {t.currency for t in transactions if t.exchange_rate == 1}
    assert len(home) == 1
    foreign = {t.remote_id.split(":")[0] for t in transactions if t.currency not in home}
    assert foreign == {"Deposit", *{e.remote_id for e in expenses if e.currency not in home}}
    transfers = read_all(conn, "bank_transfer")[0]
    assert any(t.currency not in home for t in transfers)


def test_a_journal_entry_in_a_foreign_currency(company):
    _, conn = company
    entries = read_all(conn, "journal_entry")[0]
    fee = next(e for e in entries if e.number == "JE-3")
    assert fee.currency in ("CAD", "EUR") and fee.exchange_rate != 1
    assert fee.total_debit == fee.total_credit


def test_files_of_several_types_on_the_new_kinds_of_records(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("us")
    api = quickbooks_sandbox.api(tokens["access_token"], realm)
    files = api.query("SELECT * FROM Attachable")["QueryResponse"]["Attachable"]
    on = {f["AttachableRef"][0]["EntityRef"]["type"]: f["ContentType"] for f in files}
    assert {"CreditMemo", "PurchaseOrder", "Purchase", "JournalEntry"} <= set(on)
    assert len({f["ContentType"] for f in files}) >= 6
    assert on["JournalEntry"].endswith("spreadsheetml.sheet") and on["Purchase"] == "image/jpeg"

"""The books the sandbox's reports are computed from: every posting of every posted document.

**Decision (reports and the bulk seed).** Records loaded by the bulk seed (``seed_bulk``) bypass
the ledger and write no journals (``/Journals``). Reports are therefore NOT summed from the
journals table: they are computed from the postings every posted document implies *now*, with
the same rules the journals use (``journals._postings``: invoices and credit notes when
AUTHORISED or PAID, payments when AUTHORISED, manual journals when POSTED), plus the postings of
bank transactions and bank transfers (which write no journals in the sandbox). So the whole
organisation ties out, bulk records included: every document's postings balance, hence the
trial balance nets to zero and the balance sheet balances, whatever was loaded how.

Amounts are in the base currency (a foreign document at its ``CurrencyRate``), debit positive.
The sandbox books no realised currency gains: a foreign payment posts at the payment's rate.

**Cash basis** (``paymentsOnly=true``; ``postings(ledger, cash=True)``): an invoice or credit note
posts nothing when approved; each payment on it (and each dated allocation of a credit note,
overpayment or prepayment to an invoice) recognises the document's lines (income, expense, tax)
in proportion to what it settles, on its own date, against the bank (or, for an allocation, the
credit it uses up). Bank transactions and transfers post as on accrual; manual journals only
when ``ShowOnCashBasisReports``. Every such posting set balances, so the identities hold on the
cash basis too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .. import resources as R
from ..ledger import Ledger
from ..money import ZERO, dec, money
from ..xdates import parse_day
from . import journals

__all__ = ["Posting", "postings"]

#: Bank transaction types whose lines post like a bill (SPEND) or a sale (RECEIVE).
_BANK_AS = {"SPEND": "ACCPAY", "RECEIVE": "ACCREC"}
#: Overpayments and prepayments post to the contact's balance: (control account, bank sign).
_BANK_CREDITS = {
    "RECEIVE-OVERPAYMENT": ("DEBTORS", 1),
    "RECEIVE-PREPAYMENT": ("DEBTORS", 1),
    "SPEND-OVERPAYMENT": ("CREDITORS", -1),
    "SPEND-PREPAYMENT": ("CREDITORS", -1),
}


@dataclass(frozen=True)
class Posting:
    day: date
    account_id: str
    amount: Decimal  # base currency, debit positive
    #: Tracking option ids of the line (P&L lines of documents and journals only).
    options: frozenset[str]
    contact_id: str | None
    source_kind: str
    source_id: str


def _contact(doc: dict) -> str | None:
    contact = doc.get("Contact") or {}
    return str(contact["ContactID"]).lower() if contact.get("ContactID") else None


def _options(line: dict) -> frozenset[str]:
    return frozenset(
        str(t["TrackingOptionID"]).lower()
        for t in line.get("TrackingCategories") or ()
        if t.get("TrackingOptionID")
    )


def _emit(day, lines, contact, kind, source_id) -> Iterator[Posting]:
    for line in lines:
        # NetAmount excludes tax, which the document's GST line carries.
        amount = dec(line["NetAmount"]) or ZERO
        if amount:
            yield Posting(
                day,
                str(line["AccountID"]).lower(),
                amount,
                _options(line),
                contact,
                kind,
                source_id,
            )


def _bank_transaction(ledger: Ledger, doc: dict) -> list[dict]:
    kind = doc.get("Type", "")
    if doc.get("Status") != "AUTHORISED":
        return []
    bank = journals._account(
        ledger,
        (doc.get("BankAccount") or {}).get("Code"),
        (doc.get("BankAccount") or {}).get("AccountID"),
    )
    if bank is None:
        return []
    rate = dec(doc.get("CurrencyRate"), Decimal(1)) or Decimal(1)
    if kind in _BANK_AS:
        lines = journals._document_lines(ledger, doc, _BANK_AS[kind])
        rest = sum((line["NetAmount"] for line in lines), ZERO)
        return [*lines, journals._ledger_line(bank, -rest)] if lines else []
    if kind in _BANK_CREDITS:
        control, sign = _BANK_CREDITS[kind]
        total = journals._base(dec(doc.get("Total"), ZERO) or ZERO, rate)
        return [
            journals._ledger_line(bank, sign * total),
            journals._ledger_line(journals._system(ledger, control), -sign * total),
        ]
    return []  # -TRANSFER sides: posted once, from their BankTransfer


def _bank_transfer(ledger: Ledger, doc: dict, rates: dict[str, Decimal]) -> list[dict]:
    if doc.get("Status", "AUTHORISED") != "AUTHORISED":
        return []
    source = journals._account(
        ledger, doc["FromBankAccount"].get("Code"), doc["FromBankAccount"].get("AccountID")
    )
    target = journals._account(
        ledger, doc["ToBankAccount"].get("Code"), doc["ToBankAccount"].get("AccountID")
    )
    if source is None or target is None:
        return []
    rate = rates.get(str(doc.get("FromBankTransactionID") or "").lower(), Decimal(1))
    amount = money((dec(doc.get("Amount")) or ZERO) / rate)
    return [journals._ledger_line(source, -amount), journals._ledger_line(target, amount)]


def _scaled(lines: list[dict], control_id: str, fraction: Decimal) -> list[dict]:
    """The document's non-control lines times ``fraction`` (each rounded)."""
    return [
        dict(line, NetAmount=money(dec(line["NetAmount"]) * fraction))
        for line in lines
        if line["AccountID"].lower() != control_id
    ]


def _balanced(lines: list[dict], counter: dict, counter_amount: Decimal) -> list[dict]:
    """``lines`` plus the counter line; the rounding residue goes to the largest line."""
    lines = [line for line in lines if line["NetAmount"]]
    out = [*lines, journals._ledger_line(counter, counter_amount)]
    residue = sum((line["NetAmount"] for line in out), ZERO)
    if residue and lines:
        largest = max(lines, key=lambda line: abs(line["NetAmount"]))
        largest["NetAmount"] -= residue
    return out


def _cash_documents(ledger: Ledger) -> Iterator[tuple[str, dict, list[dict]]]:
    """(kind, payment or allocation info, its cash-basis lines) of every settlement."""
    docs: dict[str, tuple[str, dict, list[dict], Decimal]] = {}
    for resource, kind in ((R.INVOICES, "Invoice"), (R.CREDIT_NOTES, "CreditNote")):
        for doc in ledger.records.all_docs(resource):
            doc_type, lines = journals._postings(ledger, kind, doc)
            if not lines:
                continue
            control = journals._system(ledger, journals._CONTROL[doc_type])
            control_id = control["AccountID"].lower()
            posted = sum(
                (li["NetAmount"] for li in lines if li["AccountID"].lower() == control_id), ZERO
            )
            docs[str(doc[resource.id_field]).lower()] = (control_id, doc, lines, posted)
    for payment in ledger.records.all_docs(R.PAYMENTS):
        _, bank_lines = journals._postings(ledger, "Payment", payment)
        target = payment.get("Invoice") or payment.get("CreditNote") or {}
        found = docs.get(str(target.get("InvoiceID") or target.get("CreditNoteID") or "").lower())
        if not bank_lines or found is None or not found[3]:
            continue
        control_id, _, lines, posted = found
        bank = next(li for li in bank_lines if li["AccountID"].lower() != control_id)
        settled = -bank["NetAmount"]  # what the payment takes off the control account
        account = next(a for a in ledger.accounts.values() if a["AccountID"] == bank["AccountID"])
        yield (
            "Payment",
            payment,
            _balanced(
                _scaled(lines, control_id, abs(settled / posted)), account, bank["NetAmount"]
            ),
        )
    credits = {
        str(doc.get(key) or "").lower(): doc
        for doc in ledger.records.all_docs(R.BANK_TRANSACTIONS)
        if doc.get("Status") == "AUTHORISED"
        for key in ("OverpaymentID", "PrepaymentID")
        if doc.get(key)
    }
    for invoice_id, (control_id, doc, lines, posted) in docs.items():
        if "InvoiceID" not in doc or not posted:
            continue
        rate = dec(doc.get("CurrencyRate"), Decimal(1)) or Decimal(1)
        for field, id_field in (
            ("CreditNotes", "CreditNoteID"),
            ("Overpayments", "OverpaymentID"),
            ("Prepayments", "PrepaymentID"),
        ):
            for applied in doc.get(field) or ():
                amount = journals._base(dec(applied.get("AppliedAmount"), ZERO) or ZERO, rate)
                source_id = str(applied.get(id_field) or "").lower()
                if not amount or not applied.get("Date"):
                    continue
                recognised = _scaled(lines, control_id, abs(amount / posted))
                control = next(
                    a for a in ledger.accounts.values() if a["AccountID"].lower() == control_id
                )
                sign = 1 if posted > 0 else -1
                info = {"Date": applied["Date"], "ID": f"{invoice_id}:{source_id}"}
                if source_id in docs:  # a credit note: its lines are recognised as well
                    c_control, _, c_lines, c_posted = docs[source_id]
                    recognised += _scaled(c_lines, c_control, abs(amount / c_posted))
                    yield "Allocation", info, _balanced(recognised, control, ZERO)
                elif source_id in credits:  # an overpayment or prepayment used up
                    yield "Allocation", info, _balanced(recognised, control, sign * amount)


def postings(ledger: Ledger, cash: bool = False) -> list[Posting]:
    """Every posting of the organisation's books now (accrual basis, or with ``cash`` the cash
    basis), in no particular order (memoised while the books are unchanged)."""
    from .books_cache import memo

    return memo(ledger, ("postings", cash), lambda: _postings(ledger, cash))


def _postings(ledger: Ledger, cash: bool) -> list[Posting]:
    out: list[Posting] = []
    if cash:
        for kind, doc, lines in _cash_documents(ledger):
            day = parse_day(doc.get("Date")) or ledger.clock.now().date()
            source = str(doc.get("PaymentID") or doc.get("ID") or "").lower()
            out += _emit(day, lines, _contact(doc), kind, source)
        resources: tuple[R.Resource, ...] = (R.MANUAL_JOURNALS,)
    else:
        resources = (R.INVOICES, R.CREDIT_NOTES, R.PAYMENTS, R.MANUAL_JOURNALS)
    for resource in resources:
        for doc in ledger.records.all_docs(resource):
            if cash and doc.get("ShowOnCashBasisReports") is False:
                continue
            _, lines = journals._postings(ledger, resource.kind, doc)
            if not lines:
                continue
            day = parse_day(doc.get("Date")) or ledger.clock.now().date()
            contact = _contact(doc) or _contact(doc.get("Invoice") or doc.get("CreditNote") or {})
            out += _emit(day, lines, contact, resource.kind, str(doc[resource.id_field]).lower())
    rates: dict[str, Decimal] = {}
    for doc in ledger.records.all_docs(R.BANK_TRANSACTIONS):
        rates[str(doc["BankTransactionID"]).lower()] = dec(
            doc.get("CurrencyRate"), Decimal(1)
        ) or Decimal(1)
        lines = _bank_transaction(ledger, doc)
        day = parse_day(doc.get("Date")) or ledger.clock.now().date()
        out += _emit(day, lines, _contact(doc), "BankTransaction", doc["BankTransactionID"].lower())
    for doc in ledger.records.all_docs(R.BANK_TRANSFERS):
        lines = _bank_transfer(ledger, doc, rates)
        day = parse_day(doc.get("Date")) or ledger.clock.now().date()
        out += _emit(day, lines, None, "BankTransfer", doc["BankTransferID"].lower())
    return out

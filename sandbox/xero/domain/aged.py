"""Open items of a contact's receivables or payables on a date: what the aged reports list.

One item per invoice, credit note, overpayment or prepayment: its total (in the base currency, at
its ``CurrencyRate``; credits negative), what was paid on it by dated payments (at the payment's
rate, as the payment posts), and what was allocated to or from it by dated allocations (at the
invoice's rate, counted on both sides so allocations net to zero). ``Due = Total - Paid -
Credited``. Summed over every contact this equals the balance of the Accounts Receivable
(Payable) account on the balance sheet of the same date (``books.postings``): the identity the
tests check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .. import resources as R
from ..ledger import Ledger
from ..money import ZERO, dec, money
from ..xdates import parse_day
from . import journals

__all__ = ["Item", "open_items"]

_POSTED = ("AUTHORISED", "PAID")
#: side → (invoice type, credit note type, bank credit types, payment types)
_SIDES = {
    "receivables": ("ACCREC", "ACCRECCREDIT", ("RECEIVE-OVERPAYMENT", "RECEIVE-PREPAYMENT")),
    "payables": ("ACCPAY", "ACCPAYCREDIT", ("SPEND-OVERPAYMENT", "SPEND-PREPAYMENT")),
}


@dataclass
class Item:
    kind: str  # invoice | creditNote | overpayment | prepayment
    id: str
    number: str
    contact_id: str
    day: date
    due_day: date
    total: Decimal = ZERO
    paid: Decimal = ZERO
    credited: Decimal = ZERO

    @property
    def due(self) -> Decimal:
        return self.total - self.paid - self.credited


def _rate(doc: dict) -> Decimal:
    return dec(doc.get("CurrencyRate"), Decimal(1)) or Decimal(1)


def _base(value: object, rate: Decimal) -> Decimal:
    amount = dec(value, ZERO) or ZERO
    return money(amount / rate) if rate != 1 else money(amount)


def _on_or_before(value: object, as_of: date) -> bool:
    day = parse_day(value)
    return day is not None and day <= as_of


def open_items(ledger: Ledger, side: str, as_of: date, contact_id: str | None = None) -> list[Item]:
    """Every item of ``side`` (receivables | payables) with a figure on ``as_of``."""
    invoice_type, credit_type, bank_types = _SIDES[side]
    wanted = contact_id.lower() if contact_id else None
    items: dict[str, Item] = {}
    invoice_rates: dict[str, Decimal] = {}

    control = next(
        a["AccountID"].lower()
        for a in ledger.accounts.values()
        if a.get("SystemAccount") == ("DEBTORS" if side == "receivables" else "CREDITORS")
    )
    side_sign = 1 if side == "receivables" else -1

    def posted_total(kind: str, doc: dict) -> Decimal:
        """What the document posts to the control account (its lines rounded one by one)."""
        _, lines = journals._postings(ledger, kind, doc)
        return side_sign * sum(
            (dec(li["NetAmount"]) or ZERO for li in lines if li["AccountID"].lower() == control),
            ZERO,
        )

    def add(kind: str, doc: dict, id_field: str, number: str, sign: int) -> None:
        contact = str((doc.get("Contact") or {}).get("ContactID") or "").lower()
        if wanted and contact != wanted:
            return
        day = parse_day(doc.get("Date")) or as_of
        item = Item(
            kind,
            str(doc[id_field]).lower(),
            number,
            contact,
            day,
            parse_day(doc.get("DueDate")) or day,
        )
        if day <= as_of:
            if kind == "invoice":
                item.total = posted_total("Invoice", doc)
            elif kind == "creditNote":
                item.total = posted_total("CreditNote", doc)
            else:
                item.total = sign * _base(doc.get("Total"), _rate(doc))
        items[item.id] = item

    for doc in ledger.records.all_docs(R.INVOICES):
        if doc.get("Type") == invoice_type and doc.get("Status") in _POSTED:
            invoice_rates[str(doc["InvoiceID"]).lower()] = _rate(doc)
            add("invoice", doc, "InvoiceID", doc.get("InvoiceNumber") or "", 1)
    for doc in ledger.records.all_docs(R.CREDIT_NOTES):
        if doc.get("Type") == credit_type and doc.get("Status") in _POSTED:
            add("creditNote", doc, "CreditNoteID", doc.get("CreditNoteNumber") or "", -1)
    for doc in ledger.records.all_docs(R.BANK_TRANSACTIONS):
        if doc.get("Type") in bank_types and doc.get("Status") == "AUTHORISED":
            kind = "overpayment" if "OVER" in doc["Type"] else "prepayment"
            key = "OverpaymentID" if kind == "overpayment" else "PrepaymentID"
            doc = dict(doc, **{key: doc.get(key) or doc["BankTransactionID"]})
            add(kind, doc, key, doc.get("Reference") or "", -1)
    for doc in ledger.records.all_docs(R.PAYMENTS):
        if doc.get("Status") != "AUTHORISED" or not _on_or_before(doc.get("Date"), as_of):
            continue
        target = doc.get("Invoice") or doc.get("CreditNote") or {}
        target_id = str(target.get("InvoiceID") or target.get("CreditNoteID") or "").lower()
        item = items.get(target_id)
        if item is not None:
            paid = _base(doc.get("Amount"), _rate(doc))
            item.paid += paid if item.kind == "invoice" else -paid
    # Allocations, read from the invoice side (each lists what was applied to it, with a date).
    for doc in ledger.records.all_docs(R.INVOICES):
        invoice = items.get(str(doc.get("InvoiceID") or "").lower())
        if invoice is None:
            continue
        rate = invoice_rates.get(invoice.id, Decimal(1))
        for field, id_field in (
            ("CreditNotes", "CreditNoteID"),
            ("Overpayments", "OverpaymentID"),
            ("Prepayments", "PrepaymentID"),
        ):
            for applied in doc.get(field) or ():
                if not _on_or_before(applied.get("Date"), as_of):
                    continue
                amount = _base(applied.get("AppliedAmount"), rate)
                invoice.credited += amount
                source = items.get(str(applied.get(id_field) or "").lower())
                if source is not None:
                    source.credited -= amount
    return [i for i in items.values() if i.day <= as_of or i.due]

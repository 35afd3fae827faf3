"""Each posting document family's ledger lines, in the document's currency, before the control
line: ``ledger.postings`` converts them to home currency and adds the control line (the account
that takes the balance, or the rounding) so every transaction balances.

A family answers ``(lines, control account)``; ``lines`` are ``(account id, signed amount (debit
+), description)``. QuickBooks posts (the README's "QuickBooks: which documents post, and
how"):

- sales (Invoice; CreditMemo and RefundReceipt reversed): item lines to the item's income
  account, discounts to their account, tax to Sales Tax Payable; the control is A/R (Invoice,
  CreditMemo) or the bank the refund is paid from (RefundReceipt ``DepositToAccountRef``).
- purchases (Bill, Purchase; VendorCredit and a card credit reversed): account lines to their
  account, item lines to the item's expense account, tax to Sales Tax Payable; the control is
  A/P (Bill, VendorCredit) or the bank or card paid from (Purchase ``AccountRef``).
- money (Payment, BillPayment, Deposit, Transfer): Payment debits ``DepositToAccountRef``
  (Undeposited Funds by default) against A/R; BillPayment credits its bank or card against
  A/P; Deposit credits each line's account (a line linking a payment credits Undeposited Funds;
  tax credits Sales Tax Payable) against ``DepositToAccountRef``; Transfer debits
  ``ToAccountRef`` against ``FromAccountRef``.
- JournalEntry: its own lines, no control.

PurchaseOrder and Estimate post nothing (QuickBooks' non-posting transactions). A Payment that
applies a credit memo (``LinkedTxn`` CreditMemo) moves only its ``TotalAmt``: the credit and the
invoice it settles are both A/R, so applying one to the other nets to nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from .store import Store

__all__ = [
    "FAMILIES",
    "PAYABLE",
    "RECEIVABLE",
    "TAX",
    "UNDEPOSITED",
    "Line",
    "amount",
    "ref",
    "total",
]

RECEIVABLE, PAYABLE, TAX, UNDEPOSITED = "84", "33", "95", "4"

#: (account id or None when the document names none, document-currency amount, description)
Line = tuple[str | None, Decimal, str]
Family = Callable[[Store, str, dict], tuple[list[Line], str | None]]


def amount(value: Any) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else Decimal(0)


def ref(obj: Any, key: str) -> str | None:
    found = obj.get(key) if isinstance(obj, dict) else None
    return str(found["value"]) if isinstance(found, dict) and found.get("value") else None


def total(entity: str, doc: dict) -> Decimal:
    """The document's own total (a Transfer's ``Amount``): zero means voided (nothing posts)."""
    return amount(doc.get("Amount" if entity == "Transfer" else "TotalAmt"))


def _tax(doc: dict) -> Decimal:
    return amount((doc.get("TxnTaxDetail") or {}).get("TotalTax"))


def _item_account(store: Store, realm: str, detail: dict, key: str) -> str | None:
    found = ref(detail, "ItemAccountRef")
    if found:
        return found
    item = store.doc(realm, "Item", ref(detail, "ItemRef") or "") or {}
    return ref(item, key)


def _sales_rows(rows: list) -> Iterator[dict]:
    for row in rows or ():
        if row.get("DetailType") == "GroupLineDetail":
            yield from _sales_rows((row.get("GroupLineDetail") or {}).get("Line") or [])
        else:
            yield row


def _reversed(lines: list[Line]) -> list[Line]:
    return [(account, -value, memo) for account, value, memo in lines]


# -- sales -------------------------------------------------------------------------------------


def _sales(store: Store, realm: str, doc: dict) -> list[Line]:
    """An invoice's lines: income credit, discount debit, tax credit."""
    out: list[Line] = []
    for line in _sales_rows(doc.get("Line") or []):
        kind = line.get("DetailType")
        if kind == "SalesItemLineDetail":
            account = _item_account(store, realm, line[kind], "IncomeAccountRef")
            out.append((account, -amount(line.get("Amount")), line.get("Description") or ""))
        elif kind == "DiscountLineDetail":
            out.append((ref(line[kind], "DiscountAccountRef"), amount(line.get("Amount")), ""))
    out.append((TAX, -_tax(doc), ""))
    return out


def invoice(store: Store, realm: str, doc: dict) -> tuple[list[Line], str | None]:
    return _sales(store, realm, doc), ref(doc, "ARAccountRef") or RECEIVABLE


def credit_memo(store: Store, realm: str, doc: dict) -> tuple[list[Line], str | None]:
    """Income and tax debit, A/R credit: an invoice in reverse."""
    return _reversed(_sales(store, realm, doc)), ref(doc, "ARAccountRef") or RECEIVABLE


def refund_receipt(store: Store, realm: str, doc: dict) -> tuple[list[Line], str | None]:
    """Income and tax debit, the bank paid from (``DepositToAccountRef``) credit."""
    return _reversed(_sales(store, realm, doc)), ref(doc, "DepositToAccountRef") or UNDEPOSITED


# -- purchases ---------------------------------------------------------------------------------


def _expenses(store: Store, realm: str, doc: dict) -> list[Line]:
    """A bill's lines: expense debit, tax debit."""
    out: list[Line] = []
    for line in doc.get("Line") or ():
        kind = line.get("DetailType")
        if kind == "AccountBasedExpenseLineDetail":
            account = ref(line[kind], "AccountRef")
        elif kind == "ItemBasedExpenseLineDetail":
            account = _item_account(store, realm, line[kind], "ExpenseAccountRef")
        else:
            continue
        out.append((account, amount(line.get("Amount")), line.get("Description") or ""))
    out.append((TAX, _tax(doc), ""))
    return out


def bill(store: Store, realm: str, doc: dict) -> tuple[list[Line], str | None]:
    return _expenses(store, realm, doc), ref(doc, "APAccountRef") or PAYABLE


def vendor_credit(store: Store, realm: str, doc: dict) -> tuple[list[Line], str | None]:
    """A/P debit, expense lines (and tax) credit: a bill in reverse."""
    return _reversed(_expenses(store, realm, doc)), ref(doc, "APAccountRef") or PAYABLE


def purchase(store: Store, realm: str, doc: dict) -> tuple[list[Line], str | None]:
    """Expense lines debit, the bank or card (``AccountRef``) credit; a refund (``Credit``)
    the other way round."""
    lines = _expenses(store, realm, doc)
    return (_reversed(lines) if doc.get("Credit") is True else lines), ref(doc, "AccountRef")


# -- money -------------------------------------------------------------------------------------


def payment(store: Store, realm: str, doc: dict) -> tuple[list[Line], str | None]:
    deposit_to = ref(doc, "DepositToAccountRef") or UNDEPOSITED
    return [(deposit_to, amount(doc.get("TotalAmt")), "")], ref(doc, "ARAccountRef") or RECEIVABLE


def bill_payment(store: Store, realm: str, doc: dict) -> tuple[list[Line], str | None]:
    paid_from = ref(doc.get("CheckPayment") or {}, "BankAccountRef") or ref(
        doc.get("CreditCardPayment") or {}, "CCAccountRef"
    )
    return [(paid_from, -amount(doc.get("TotalAmt")), "")], ref(doc, "APAccountRef") or PAYABLE


def deposit(store: Store, realm: str, doc: dict) -> tuple[list[Line], str | None]:
    """Each line credits its account (a line that links a payment: Undeposited Funds, where the
    payment sat); tax credits Sales Tax Payable; the bank (``DepositToAccountRef``) debit."""
    out: list[Line] = []
    for line in doc.get("Line") or ():
        detail = line.get("DepositLineDetail")
        if isinstance(detail, dict) and ref(detail, "AccountRef"):
            account = ref(detail, "AccountRef")
        elif line.get("LinkedTxn"):
            account = UNDEPOSITED
        else:
            continue
        out.append((account, -amount(line.get("Amount")), line.get("Description") or ""))
    out.append((TAX, -_tax(doc), ""))
    return out, ref(doc, "DepositToAccountRef")


def transfer(store: Store, realm: str, doc: dict) -> tuple[list[Line], str | None]:
    """``ToAccountRef`` debit, ``FromAccountRef`` credit (``Amount`` in ``CurrencyRef``)."""
    to = ref(doc, "ToAccountRef")
    return [(to, amount(doc.get("Amount")), doc.get("PrivateNote") or "")], ref(
        doc, "FromAccountRef"
    )


def journal_entry(store: Store, realm: str, doc: dict) -> tuple[list[Line], str | None]:
    out: list[Line] = []
    for line in doc.get("Line") or ():
        detail = line.get("JournalEntryLineDetail") or {}
        sign = 1 if detail.get("PostingType") == "Debit" else -1
        value = sign * amount(line.get("Amount"))
        out.append((ref(detail, "AccountRef"), value, line.get("Description") or ""))
    return out, None


#: Every entity the sandbox serves that posts, and how.
FAMILIES: dict[str, Family] = {
    "Invoice": invoice,
    "CreditMemo": credit_memo,
    "RefundReceipt": refund_receipt,
    "Bill": bill,
    "VendorCredit": vendor_credit,
    "Purchase": purchase,
    "Payment": payment,
    "BillPayment": bill_payment,
    "Deposit": deposit,
    "Transfer": transfer,
    "JournalEntry": journal_entry,
}

"""The books' double entry: journal entries (written and checked as Intuit does) and the balanced
ledger lines every posted document produces, served as the ``JournalReport`` report.

Ledger lines per document family are in ``ledger_lines.py`` (Invoice, CreditMemo, RefundReceipt,
Bill, VendorCredit, Purchase, Payment, BillPayment, Deposit, Transfer, JournalEntry). Here they
are turned into home currency (foreign amounts x ``ExchangeRate``; the control line takes the
rounding so every transaction balances). Voided documents (total 0) post nothing, and neither do
PurchaseOrder and Estimate (non-posting).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .ledger_lines import (  # the control accounts, kept importable from here
    FAMILIES,
    PAYABLE,
    RECEIVABLE,
    TAX,
    UNDEPOSITED,
    total,
)
from .store import Store

__all__ = [
    "PAYABLE",
    "RECEIVABLE",
    "REPORT_COLUMNS",
    "REPORT_TYPES",
    "TAX",
    "UNDEPOSITED",
    "check_journal_entry",
    "journal_report",
    "postings",
    "report_type",
]

CENT = Decimal("0.01")
#: Report columns in Intuit's names (the connector asks for them in this order).
REPORT_COLUMNS = (
    ("tx_date", "Date", "Date"),
    ("txn_type", "Transaction Type", "String"),
    ("doc_num", "Num", "String"),
    ("name", "Name", "String"),
    ("memo", "Memo/Description", "String"),
    ("account_name", "Account", "String"),
    ("debt_amt", "Debit", "Money"),
    ("credt_amt", "Credit", "Money"),
)
#: Entities in the report (every one that posts), and the name the report gives their type
#: (``report_type`` names a Purchase by its PaymentType, a card BillPayment "(Credit Card)").
REPORT_TYPES = {
    "Invoice": "Invoice",
    "Bill": "Bill",
    "Payment": "Payment",
    "BillPayment": "Bill Payment (Check)",
    "JournalEntry": "Journal Entry",
    "CreditMemo": "Credit Memo",
    "VendorCredit": "Vendor Credit",
    "RefundReceipt": "Refund",
    "Purchase": "Expense",
    "Deposit": "Deposit",
    "Transfer": "Transfer",
}


class JournalFault(Exception):
    def __init__(self, code: str, message: str, detail: str, element: str | None = None):
        super().__init__(detail)
        self.code, self.message, self.detail, self.element = code, message, detail, element


def _d(value: Any) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else Decimal(0)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def check_journal_entry(store: Store, realm: str, doc: dict[str, Any]) -> None:
    """Intuit's checks on a JournalEntry: lines are JournalEntryLineDetail with a PostingType, a
    positive Amount and an active account; debits equal credits. Fills ``TotalAmt``."""
    lines = doc.get("Line")
    if not isinstance(lines, list) or not lines:
        raise JournalFault(
            "2020",
            "Required param missing, need to supply the required value for the API",
            "Required parameter Line is missing in the request",
            "Line",
        )
    debits = credits = Decimal(0)
    for line in lines:
        detail = line.get("JournalEntryLineDetail") if isinstance(line, dict) else None
        if not isinstance(detail, dict):
            raise JournalFault(
                "2020",
                "Required param missing, need to supply the required value for the API",
                "Required parameter JournalEntryLineDetail is missing in the request",
                "Line",
            )
        posting = detail.get("PostingType")
        if posting not in ("Debit", "Credit"):
            raise JournalFault(
                "2170", "Invalid Enumeration", f"Invalid Enumeration : {posting}", "PostingType"
            )
        account_id = (detail.get("AccountRef") or {}).get("value")
        account = store.doc(realm, "Account", str(account_id)) if account_id else None
        if account is None:
            raise JournalFault(
                "2500",
                "Invalid Reference Id",
                f"Invalid Reference Id : Accounts element id {account_id} not found",
                "AccountRef",
            )
        if not account.get("Active", True):
            raise JournalFault(
                "610",
                "Object Not Found",
                "Object Not Found : Something you're trying to use has been made inactive. "
                "Check the fields with accounts, customers, items, vendors or employees.",
                "AccountRef",
            )
        amount = _d(line.get("Amount"))
        if amount <= 0:
            raise JournalFault(
                "6000",
                "A business validation error has occurred while processing your request",
                "Business Validation Error: Journal entry line amounts must be positive.",
                "Line",
            )
        if posting == "Debit":
            debits += amount
        else:
            credits += amount
    if _cents(debits) != _cents(credits):
        raise JournalFault(
            "6000",
            "A business validation error has occurred while processing your request",
            "Business Validation Error: Journal Entry must be balanced. "
            f"Debits {_cents(debits)} and credits {_cents(credits)} differ.",
            "Line",
        )
    doc["TotalAmt"] = float(_cents(debits))  # JSON numbers, as the rest of the sandbox
    doc.setdefault("Adjustment", False)
    doc.setdefault("TxnTaxDetail", {})


# -- ledger lines ----------------------------------------------------------------------------------


def _account_name(store: Store, realm: str, account_id: str) -> str:
    account = store.doc(realm, "Account", account_id) or {}
    return str(account.get("FullyQualifiedName") or account.get("Name") or account_id)


def postings(store: Store, realm: str, entity: str, doc: dict) -> list[tuple[str, Decimal, str]]:
    """``[(account id, signed home-currency amount (debit +), description)]``, balanced; empty
    for an entity that does not post, a voided document, or one naming no control account."""
    family = FAMILIES.get(entity)
    if family is None or (entity != "JournalEntry" and total(entity, doc) == 0):
        return []
    rate = _d(doc.get("ExchangeRate")) or Decimal(1)
    lines, control = family(store, realm, doc)
    if control is None and entity != "JournalEntry":
        return []
    out = [(account, _cents(value * rate), memo) for account, value, memo in lines if account]
    out = [line for line in out if line[1]]
    if control is not None and out:
        out.append((control, -sum((v for _, v, _ in out), Decimal(0)), ""))
    return [line for line in out if line[1]]


def report_type(entity: str, doc: dict) -> str:
    """The transaction type Intuit's JournalReport prints for a document."""
    if entity == "Purchase":
        kind = doc.get("PaymentType")
        if kind == "CreditCard":
            return "Credit Card Credit" if doc.get("Credit") is True else "Credit Card Expense"
        return "Check" if kind == "Check" else "Expense"
    if entity == "BillPayment" and (
        doc.get("PayType") == "CreditCard" or doc.get("CreditCardPayment")
    ):
        return "Bill Payment (Credit Card)"
    return REPORT_TYPES[entity]


def _cell(value: Any, ident: str | None = None) -> dict[str, str]:
    cell = {"value": "" if value is None else str(value)}
    if ident:
        cell["id"] = ident
    return cell


def _name(doc: dict) -> tuple[str, str | None]:
    for key in ("CustomerRef", "VendorRef", "EntityRef"):
        ref = doc.get(key)
        if isinstance(ref, dict) and ref.get("value"):
            return str(ref.get("name") or ""), str(ref["value"])
    return "", None


def journal_report(store: Store, realm: str, start: date, end: date) -> dict[str, Any]:
    """Intuit's ``JournalReport`` shape: one section per posted transaction, dated in range."""
    sections = []
    for entity in REPORT_TYPES:
        for doc in store.docs(realm, entity):
            day = str(doc.get("TxnDate") or "")[:10]
            if not day or not (start.isoformat() <= day <= end.isoformat()):
                continue
            lines = postings(store, realm, entity, doc)
            if not lines:
                continue
            name, name_id = _name(doc)
            label = report_type(entity, doc)
            rows = []
            for account, value, memo in lines:
                rows.append(
                    {
                        "type": "Data",
                        "ColData": [
                            _cell(day),
                            _cell(label, str(doc["Id"])),
                            _cell(doc.get("DocNumber") or ""),
                            _cell(name, name_id),
                            _cell(memo),
                            _cell(_account_name(store, realm, account), account),
                            _cell(f"{value:.2f}" if value > 0 else ""),
                            _cell(f"{-value:.2f}" if value < 0 else ""),
                        ],
                    }
                )
            debit = sum((v for _, v, _ in lines if v > 0), Decimal(0))
            sections.append(
                (
                    day,
                    label,
                    int(doc["Id"]),
                    {
                        "type": "Section",
                        "Header": {"ColData": [_cell("") for _ in REPORT_COLUMNS]},
                        "Rows": {"Row": rows},
                        "Summary": {
                            "ColData": [_cell("") for _ in REPORT_COLUMNS[:-2]]
                            + [_cell(f"{debit:.2f}"), _cell(f"{debit:.2f}")]
                        },
                    },
                )
            )
    sections.sort(key=lambda s: (s[0], s[1], s[2]))
    return {
        "Header": {
            "ReportName": "JournalReport",
            "DateMacro": "",
            "StartPeriod": start.isoformat(),
            "EndPeriod": end.isoformat(),
            "Currency": "",
            "Option": [{"Name": "NoReportData", "Value": "false" if sections else "true"}],
        },
        "Columns": {
            "Column": [{"ColTitle": title, "ColType": kind} for _, title, kind in REPORT_COLUMNS]
        },
        "Rows": {"Row": [section for *_, section in sections]},
    }

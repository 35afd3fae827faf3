"""QuickBooks JournalEntry (journal entries, both ways) and the JournalReport (general ledger
transactions, read only): pure functions.

**JournalEntry.** Each ``Line`` is a ``JournalEntryLineDetail`` whose ``PostingType`` is Debit or
Credit and whose ``Amount`` is positive; ``Entity`` names a customer or vendor, ``ClassRef`` and
``DepartmentRef`` are tracking categories. QuickBooks journal entries are always posted.

**The ledger view.** QuickBooks has no list of system journals. Ledgerlink reads the
``JournalReport`` report (``GET reports/JournalReport``), which prints every posted transaction
(invoices, bills, payments, bill payments, journal entries, credit memos, vendor credits,
refunds, expenses, deposits, transfers) with its balanced ledger lines, one section per
transaction; each section is one general ledger transaction (``REPORT_SOURCES`` maps its type to
the unified source). The columns are asked for by name (``REPORT_COLUMNS``), so the mapper knows
where each value is. The report is neither paged nor incremental: every sync reads it whole (for
the date range in the spec).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from unified_models import (
    GeneralLedgerTransaction,
    JournalEntry,
    JournalEntryInput,
    JournalEntryStatus,
    LedgerSourceType,
)

from ..money import amount
from . import ids
from .mappers import _dec, _ref, _s, _tracking, _updated, parse_date
from .mappers_credit import REFUND_RECEIPT

__all__ = [
    "REPORT_COLUMNS",
    "journal_entry_from_qbo",
    "journal_entry_to_qbo",
    "ledger_section_from_qbo",
]

#: The JournalReport columns asked for, in this order (``columns=`` parameter).
REPORT_COLUMNS = (
    "tx_date",
    "txn_type",
    "doc_num",
    "name",
    "memo",
    "account_name",
    "debt_amt",
    "credt_amt",
)
#: Report transaction type → (unified source type, id prefix of the unified record it is). A
#: Purchase is named by its PaymentType ("Expense" is Cash, "Credit Card Credit" a card refund):
#: all are unified expenses (the same ids are bank transactions too); a Deposit is a bank
#: transaction, a RefundReceipt ("Refund") a credit note of its own.
REPORT_SOURCES: Mapping[str, tuple[LedgerSourceType, str]] = {
    "Invoice": (LedgerSourceType.INVOICE, ids.INVOICE),
    "Bill": (LedgerSourceType.INVOICE, ids.BILL),
    "Payment": (LedgerSourceType.PAYMENT, ids.PAYMENT),
    "Bill Payment (Check)": (LedgerSourceType.PAYMENT, ids.BILL_PAYMENT),
    "Bill Payment (Credit Card)": (LedgerSourceType.PAYMENT, ids.BILL_PAYMENT),
    "Journal Entry": (LedgerSourceType.JOURNAL_ENTRY, ""),
    "Credit Memo": (LedgerSourceType.CREDIT_NOTE, ids.CREDIT_MEMO),
    "Vendor Credit": (LedgerSourceType.CREDIT_NOTE, ids.VENDOR_CREDIT),
    "Refund": (LedgerSourceType.CREDIT_NOTE, REFUND_RECEIPT),
    "Expense": (LedgerSourceType.EXPENSE, ids.PURCHASE),
    "Check": (LedgerSourceType.EXPENSE, ids.PURCHASE),
    "Credit Card Expense": (LedgerSourceType.EXPENSE, ids.PURCHASE),
    "Credit Card Credit": (LedgerSourceType.EXPENSE, ids.PURCHASE),
    "Deposit": (LedgerSourceType.BANK_TRANSACTION, ids.DEPOSIT),
    "Transfer": (LedgerSourceType.BANK_TRANSFER, ids.TRANSFER),
}


def _entity(detail: Mapping[str, Any]) -> str | None:
    entity = detail.get("Entity")
    if not isinstance(entity, Mapping):
        return None
    own = _ref(entity, "EntityRef")
    prefix = ids.VENDOR if entity.get("Type") == "Vendor" else ids.CUSTOMER
    return ids.remote_id(prefix, own) if entity.get("Type") in ("Customer", "Vendor") else None


def _line(line: Mapping[str, Any], currency: str | None) -> dict[str, Any]:
    detail = line.get("JournalEntryLineDetail") or {}
    value = amount(line.get("Amount"), currency) or Decimal(0)
    debit = detail.get("PostingType") == "Debit"
    tracking = [
        t
        for t in (
            _tracking(detail.get("ClassRef"), ids.CLASS),
            _tracking(detail.get("DepartmentRef"), ids.DEPARTMENT),
        )
        if t
    ]
    return {
        "remote_id": _s(line.get("Id")),
        "description": _s(line.get("Description")),
        "net_amount": value if debit else -value,
        "debit_amount": value if debit else None,
        "credit_amount": None if debit else value,
        "tax_amount": amount(detail.get("TaxAmount"), currency),
        "account_remote_id": ids.remote_id(ids.ACCOUNT, _ref(detail, "AccountRef")),
        "account_name": _s((detail.get("AccountRef") or {}).get("name")),
        "tax_rate_remote_id": ids.remote_id(ids.TAX_CODE, _ref(detail, "TaxCodeRef")),
        "contact_remote_id": _entity(detail),
        "tracking_categories": tracking,
    }


def journal_entry_from_qbo(raw: Mapping[str, Any]) -> JournalEntry:
    currency = _ref(raw, "CurrencyRef")
    lines = [
        _line(li, currency)
        for li in raw.get("Line") or ()
        if li.get("DetailType") == "JournalEntryLineDetail"
    ]
    debit = sum((li["debit_amount"] or Decimal(0) for li in lines), Decimal("0.00"))
    credit = sum((li["credit_amount"] or Decimal(0) for li in lines), Decimal("0.00"))
    return JournalEntry.model_validate(
        {
            "remote_id": str(raw["Id"]),
            "remote_updated_at": _updated(raw),
            "remote_data": raw,
            "number": _s(raw.get("DocNumber")),
            "transaction_date": parse_date(raw.get("TxnDate")),
            "memo": _s(raw.get("PrivateNote")),
            "currency": currency,
            "exchange_rate": _dec(raw.get("ExchangeRate")),
            "status": JournalEntryStatus.POSTED,
            "status_raw": None,
            "total_debit": debit,
            "total_credit": credit,
            "lines": lines,
        }
    )


def _entity_out(contact_remote_id: str) -> dict[str, Any]:
    if contact_remote_id.startswith(ids.VENDOR):
        return {"Type": "Vendor", "EntityRef": {"value": contact_remote_id[len(ids.VENDOR) :]}}
    return {"Type": "Customer", "EntityRef": {"value": contact_remote_id}}


def _line_out(index: int, line: Any) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "PostingType": "Debit" if line.debit_amount is not None else "Credit",
        "AccountRef": {"value": line.account_remote_id},
    }
    if line.contact_remote_id:
        detail["Entity"] = _entity_out(line.contact_remote_id)
    if line.tax_rate_remote_id:
        detail["TaxCodeRef"] = {"value": line.tax_rate_remote_id}
    if line.tax_amount is not None:
        detail["TaxAmount"] = line.tax_amount
    for t in line.tracking_categories or ():
        category = t.category_remote_id or ""
        if category.startswith(ids.DEPARTMENT):
            detail["DepartmentRef"] = {"value": category[len(ids.DEPARTMENT) :]}
        elif category:
            detail["ClassRef"] = {"value": category}
    out: dict[str, Any] = {
        "Id": str(index),
        "Amount": line.debit_amount if line.debit_amount is not None else line.credit_amount,
        "DetailType": "JournalEntryLineDetail",
        "JournalEntryLineDetail": detail,
    }
    if line.description is not None:
        out["Description"] = line.description
    return out


def journal_entry_to_qbo(
    data: JournalEntryInput, *, remote_id: str | None = None, sync_token: str | None = None
) -> dict[str, Any]:
    """A QuickBooks JournalEntry body (a create, or a sparse update with the SyncToken). Lines
    name accounts by id (the connector looks codes up first)."""
    out: dict[str, Any] = {}
    if remote_id is not None:
        out.update({"Id": remote_id, "SyncToken": sync_token or "0", "sparse": True})
    fields = data.model_fields_set
    if "number" in fields and data.number is not None:
        out["DocNumber"] = data.number
    if "transaction_date" in fields and data.transaction_date is not None:
        out["TxnDate"] = data.transaction_date.isoformat()
    if "memo" in fields and data.memo is not None:
        out["PrivateNote"] = data.memo
    if data.currency is not None:
        out["CurrencyRef"] = {"value": data.currency}
    if data.exchange_rate is not None:
        out["ExchangeRate"] = data.exchange_rate
    if data.lines is not None:
        out["Line"] = [_line_out(i, line) for i, line in enumerate(data.lines)]
    return out


# -- the ledger view: JournalReport sections ------------------------------------------------


def _cells(row: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    data = row.get("ColData") or ()
    return {name: cell for name, cell in zip(REPORT_COLUMNS, data, strict=False)}


def _text(cell: Mapping[str, Any] | None) -> str | None:
    return _s(cell.get("value")) if isinstance(cell, Mapping) else None


def ledger_section_from_qbo(section: Mapping[str, Any]) -> GeneralLedgerTransaction:
    """One JournalReport section (one posted transaction) as a general ledger transaction.
    ``remote_id`` is ``<transaction type>:<QuickBooks id>`` (ids are unique per type only)."""
    rows = [
        r
        for r in (section.get("Rows") or {}).get("Row") or ()
        if isinstance(r, Mapping) and r.get("type", "Data") == "Data"
    ]
    first = _cells(rows[0]) if rows else {}
    txn = first.get("txn_type") or {}
    txn_type = _text(txn) or ""
    txn_id = _s(txn.get("id"))
    source_type, prefix = REPORT_SOURCES.get(txn_type, (LedgerSourceType.OTHER, ""))
    lines = []
    for row in rows:
        cells = _cells(row)
        debit = amount(_text(cells.get("debt_amt")), None)
        credit = amount(_text(cells.get("credt_amt")), None)
        account = cells.get("account_name") or {}
        net = (debit or Decimal(0)) - (credit or Decimal(0))
        lines.append(
            {
                "description": _text(cells.get("memo")),
                "net_amount": net,
                "debit_amount": debit,
                "credit_amount": credit,
                "account_remote_id": ids.remote_id(ids.ACCOUNT, _s(account.get("id"))),
                "account_name": _text(account),
            }
        )
    total_debit = sum((li["debit_amount"] or Decimal(0) for li in lines), Decimal("0.00"))
    total_credit = sum((li["credit_amount"] or Decimal(0) for li in lines), Decimal("0.00"))
    return GeneralLedgerTransaction.model_validate(
        {
            "remote_id": f"{txn_type}:{txn_id}",
            "remote_data": dict(section),
            "number": _text(first.get("doc_num")),
            "transaction_date": parse_date(_text(first.get("tx_date"))),
            "reference": _text(first.get("doc_num")),
            "source_type": source_type if txn_type else None,
            "source_type_raw": txn_type or None,
            "source_remote_id": (
                ids.remote_id(prefix, txn_id) if source_type is not LedgerSourceType.OTHER else None
            ),
            "total_debit": total_debit,
            "total_credit": total_credit,
            "lines": lines,
        }
    )

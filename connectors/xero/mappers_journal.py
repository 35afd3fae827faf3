"""Xero ManualJournals (journal entries, both ways) and Journals (general ledger transactions,
read only): pure functions.

Xero signs journal amounts: a positive ``LineAmount``/``NetAmount`` is a debit, a negative one a
credit. Journals are in the organisation's base currency; manual journals have no currency of
their own (they are always in the base currency too).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from unified_models import (
    GeneralLedgerTransaction,
    JournalEntry,
    JournalEntryInput,
    JournalEntryStatus,
    LedgerSourceType,
    TaxTreatment,
)

from ..money import amount
from .dates import format_date, parse_date, parse_datetime
from .mappers import _s, _tracking_from_xero, _tracking_to_xero

__all__ = [
    "JOURNAL_SOURCE_TYPES",
    "general_ledger_transaction_from_xero",
    "journal_entry_from_xero",
    "journal_entry_to_xero",
    "journal_validation_details",
]

MANUAL_JOURNAL_STATUSES = {
    "DRAFT": JournalEntryStatus.DRAFT,
    "POSTED": JournalEntryStatus.POSTED,
    "VOIDED": JournalEntryStatus.VOID,
    "ARCHIVED": JournalEntryStatus.ARCHIVED,
}
MANUAL_JOURNAL_STATUSES_OUT = {v: k for k, v in MANUAL_JOURNAL_STATUSES.items()}
LINE_AMOUNT_TYPES = {
    "Exclusive": TaxTreatment.EXCLUSIVE,
    "Inclusive": TaxTreatment.INCLUSIVE,
    "NoTax": TaxTreatment.NO_TAX,
}
LINE_AMOUNT_TYPES_OUT = {v: k for k, v in LINE_AMOUNT_TYPES.items()}

#: Xero Journal SourceType → unified source type (None: OTHER, no source reference).
JOURNAL_SOURCE_TYPES: Mapping[str, LedgerSourceType] = {
    "ACCREC": LedgerSourceType.INVOICE,
    "ACCPAY": LedgerSourceType.INVOICE,
    "ACCRECCREDIT": LedgerSourceType.CREDIT_NOTE,
    "ACCPAYCREDIT": LedgerSourceType.CREDIT_NOTE,
    "ACCRECPAYMENT": LedgerSourceType.PAYMENT,
    "ACCPAYPAYMENT": LedgerSourceType.PAYMENT,
    "ARCREDITPAYMENT": LedgerSourceType.PAYMENT,
    "APCREDITPAYMENT": LedgerSourceType.PAYMENT,
    "CASHREC": LedgerSourceType.BANK_TRANSACTION,
    "CASHPAID": LedgerSourceType.BANK_TRANSACTION,
    "TRANSFER": LedgerSourceType.BANK_TRANSFER,
    "EXPCLAIM": LedgerSourceType.EXPENSE,
    "MANJOURNAL": LedgerSourceType.JOURNAL_ENTRY,
}


def _sides(net: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
    """(debit, credit) of a signed amount: one of them set, both positive or zero."""
    if net is None:
        return None, None
    return (net, None) if net >= 0 else (None, -net)


def _totals(lines: list[dict[str, Any]]) -> tuple[Decimal, Decimal]:
    debit = sum((li["debit_amount"] or Decimal(0) for li in lines), Decimal("0.00"))
    credit = sum((li["credit_amount"] or Decimal(0) for li in lines), Decimal("0.00"))
    return debit, credit


def _manual_line(line: Mapping[str, Any], currency: str | None) -> dict[str, Any]:
    get = line.get
    net = amount(get("LineAmount"), currency)
    debit, credit = _sides(net)
    return {
        "description": _s(get("Description")),
        "net_amount": net,
        "debit_amount": debit,
        "credit_amount": credit,
        "tax_amount": amount(get("TaxAmount"), currency),
        "account_remote_id": _s(get("AccountID")),
        "account_code": _s(get("AccountCode")),
        "tax_rate_remote_id": _s(get("TaxType")),
        "tracking_categories": _tracking_from_xero(get("Tracking") or ()),
    }


def journal_entry_from_xero(raw: Mapping[str, Any], currency: str | None = None) -> JournalEntry:
    get = raw.get
    status_raw = get("Status")
    deleted = status_raw == "DELETED"
    lines = [_manual_line(li, currency) for li in get("JournalLines") or ()]
    debit, credit = _totals(lines)
    return JournalEntry.model_validate(
        {
            "remote_id": raw["ManualJournalID"],
            "remote_updated_at": parse_datetime(get("UpdatedDateUTC")),
            "remote_was_deleted": deleted,
            "remote_data": raw,
            "transaction_date": parse_date(get("Date")),
            "memo": _s(get("Narration")),
            "tax_treatment": LINE_AMOUNT_TYPES.get(get("LineAmountTypes") or ""),
            "status": None if deleted else MANUAL_JOURNAL_STATUSES.get(status_raw or ""),
            "status_raw": status_raw,
            "show_on_cash_basis_reports": get("ShowOnCashBasisReports"),
            "total_debit": debit,
            "total_credit": credit,
            "lines": lines,
        }
    )


def _manual_line_to_xero(line: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"LineAmount": line.signed}
    if line.account_code:
        out["AccountCode"] = line.account_code
    elif line.account_remote_id:
        out["AccountID"] = line.account_remote_id
    for field, key in (
        ("description", "Description"),
        ("tax_rate_remote_id", "TaxType"),
        ("tax_amount", "TaxAmount"),
    ):
        value = getattr(line, field)
        if value is not None:
            out[key] = value
    if line.tracking_categories:
        out["Tracking"] = _tracking_to_xero(line.tracking_categories)
    return out


def journal_entry_to_xero(
    data: JournalEntryInput, *, remote_id: str | None = None
) -> dict[str, Any]:
    """A Xero ManualJournal body (PUT creates, POST /ManualJournals/{id} updates). Xero has no
    journal number, currency or per-line contact: the connector refuses those first."""
    fields = data.model_fields_set
    out: dict[str, Any] = {}
    if remote_id:
        out["ManualJournalID"] = remote_id
    if "memo" in fields and data.memo is not None:
        out["Narration"] = data.memo
    if "transaction_date" in fields and data.transaction_date is not None:
        out["Date"] = format_date(data.transaction_date)
    if data.tax_treatment is not None:
        out["LineAmountTypes"] = LINE_AMOUNT_TYPES_OUT[data.tax_treatment]
    if data.status is not None:
        out["Status"] = MANUAL_JOURNAL_STATUSES_OUT[data.status]
    if data.show_on_cash_basis_reports is not None:
        out["ShowOnCashBasisReports"] = data.show_on_cash_basis_reports
    if data.lines is not None:
        out["JournalLines"] = [_manual_line_to_xero(li) for li in data.lines]
    return out


def _ledger_line(line: Mapping[str, Any]) -> dict[str, Any]:
    get = line.get
    net = amount(get("NetAmount"), None)
    debit, credit = _sides(net)
    return {
        "remote_id": _s(get("JournalLineID")),
        "description": _s(get("Description")),
        "net_amount": net,
        "debit_amount": debit,
        "credit_amount": credit,
        "tax_amount": amount(get("TaxAmount"), None),
        "gross_amount": amount(get("GrossAmount"), None),
        "account_remote_id": _s(get("AccountID")),
        "account_code": _s(get("AccountCode")),
        "account_name": _s(get("AccountName")),
        "account_type_raw": _s(get("AccountType")),
        "tax_rate_remote_id": _s(get("TaxType")),
        "tracking_categories": _tracking_from_xero(get("TrackingCategories") or ()),
    }


def general_ledger_transaction_from_xero(raw: Mapping[str, Any]) -> GeneralLedgerTransaction:
    """A Xero Journal. Journals never change once written (a change to a document writes a
    reversing journal and a new one), so ``remote_updated_at`` is when it was written."""
    get = raw.get
    created = parse_datetime(get("CreatedDateUTC"))
    source_raw = _s(get("SourceType"))
    source_type = JOURNAL_SOURCE_TYPES.get(source_raw or "", LedgerSourceType.OTHER)
    lines = [_ledger_line(li) for li in get("JournalLines") or ()]
    debit, credit = _totals(lines)
    number = get("JournalNumber")
    return GeneralLedgerTransaction.model_validate(
        {
            "remote_id": raw["JournalID"],
            "remote_updated_at": created,
            "remote_data": raw,
            "number": None if number is None else str(number),
            "transaction_date": parse_date(get("JournalDate")),
            "remote_created_at": created,
            "reference": _s(get("Reference")),
            "source_type": source_type if source_raw else None,
            "source_type_raw": source_raw,
            "source_remote_id": (
                _s(get("SourceID")) if source_type is not LedgerSourceType.OTHER else None
            ),
            "total_debit": debit,
            "total_credit": credit,
            "lines": lines,
        }
    )


_QUOTED = re.compile(r"'([^']*)'")
#: Xero message → unified field of a manual journal (first match wins).
_HINTS = (
    (re.compile(r"total debits|balance|two journal lines|journal lines", re.I), "lines"),
    (re.compile(r"account", re.I), "account_code"),
    (re.compile(r"tax ?type|tax", re.I), "tax_rate_remote_id"),
    (re.compile(r"tracking", re.I), "tracking_categories"),
    (re.compile(r"narration", re.I), "memo"),
    (re.compile(r"date", re.I), "transaction_date"),
    (re.compile(r"status|voided|posted|draft", re.I), "status"),
)
_LINE_FIELDS = {"account_code": ("AccountCode", "AccountID"), "tax_rate_remote_id": ("TaxType",)}


def journal_validation_details(body: Any) -> list[dict[str, str]]:
    """Xero's ValidationException on a manual journal → unified field paths; a line error names
    its line (``lines[1].account_code``) when the element echoes the line Xero quotes."""
    details: list[dict[str, str]] = []
    for element in (body.get("Elements") or ()) if isinstance(body, Mapping) else ():
        lines = element.get("JournalLines") or ()
        for error in element.get("ValidationErrors") or ():
            message = str(error.get("Message") or "")
            field = next((f for pattern, f in _HINTS if pattern.search(message)), "")
            keys = _LINE_FIELDS.get(field)
            if keys:
                quoted = set(_QUOTED.findall(message))
                index = next(
                    (
                        i
                        for i, line in enumerate(lines)
                        if isinstance(line, Mapping)
                        and any(str(line.get(k)) in quoted for k in keys)
                    ),
                    None,
                )
                field = f"lines[{index}].{field}" if index is not None else "lines"
            details.append({"field": field, "message": message})
    return details

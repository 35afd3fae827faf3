"""Xero CreditNotes ↔ unified credit notes, and allocations (pure functions).

Choices (documented for users):
- Type: ACCRECCREDIT → ACCOUNTS_RECEIVABLE, ACCPAYCREDIT → ACCOUNTS_PAYABLE.
- Status: DRAFT, SUBMITTED as they are; AUTHORISED → OPEN, or PARTIALLY_APPLIED when some credit
  was used (AppliedAmount > 0); PAID (no credit left) → APPLIED; VOIDED → VOID; DELETED →
  ``remote_was_deleted=True`` with ``status=None``.
- ``applied_to`` is Xero's ``Allocations`` (deleted allocations left out); ``refunds`` is
  Xero's ``Payments`` on the credit note (a payment on a credit note is money paid back).
- ``remaining_credit`` is RemainingCredit, ``applied_amount`` AppliedAmount.
- Lines map as invoice lines do (``mappers._line_from_xero``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from unified_models import (
    CreditNote,
    CreditNoteAllocationInput,
    CreditNoteInput,
    CreditNoteStatus,
    InvoiceType,
)

from ..money import amount
from .dates import format_date, format_ms_date, parse_date, parse_datetime
from .mappers import (
    LINE_AMOUNT_TYPES,
    LINE_AMOUNT_TYPES_OUT,
    _id,
    _line_from_xero,
    _line_to_xero,
    _put,
    _s,
    _values,
)

__all__ = [
    "allocation_to_xero",
    "credit_note_from_xero",
    "credit_note_status",
    "credit_note_to_xero",
    "credit_note_validation_details",
]

CREDIT_NOTE_TYPES = {
    "ACCRECCREDIT": InvoiceType.ACCOUNTS_RECEIVABLE,
    "ACCPAYCREDIT": InvoiceType.ACCOUNTS_PAYABLE,
}
CREDIT_NOTE_TYPES_OUT = {v: k for k, v in CREDIT_NOTE_TYPES.items()}

CREDIT_NOTE_STATUSES = {
    "DRAFT": CreditNoteStatus.DRAFT,
    "SUBMITTED": CreditNoteStatus.SUBMITTED,
    "AUTHORISED": CreditNoteStatus.OPEN,
    "PAID": CreditNoteStatus.APPLIED,
    "VOIDED": CreditNoteStatus.VOID,
}
CREDIT_NOTE_STATUSES_OUT = {
    CreditNoteStatus.DRAFT: "DRAFT",
    CreditNoteStatus.SUBMITTED: "SUBMITTED",
    CreditNoteStatus.OPEN: "AUTHORISED",
    CreditNoteStatus.VOID: "VOIDED",
}


def credit_note_status(raw_status: str | None, applied: Any) -> CreditNoteStatus | None:
    status = CREDIT_NOTE_STATUSES.get(raw_status or "")
    if status is CreditNoteStatus.OPEN and applied and Decimal(str(applied)) > 0:
        return CreditNoteStatus.PARTIALLY_APPLIED
    return status


def credit_note_from_xero(raw: Mapping[str, Any]) -> CreditNote:
    get = raw.get
    status_raw = get("Status")
    deleted = status_raw == "DELETED"
    currency = _s(get("CurrencyCode"))
    applied = get("AppliedAmount")
    return CreditNote.model_validate(
        {
            "remote_id": raw["CreditNoteID"],
            "remote_updated_at": parse_datetime(get("UpdatedDateUTC")),
            "remote_was_deleted": deleted,
            "remote_data": raw,
            "type": CREDIT_NOTE_TYPES[raw["Type"]],
            "number": _s(get("CreditNoteNumber")),
            "contact_remote_id": _id(get("Contact"), "ContactID"),
            "issue_date": parse_date(get("Date")),
            "due_date": parse_date(get("DueDate")),
            "reference": _s(get("Reference")),
            "currency": currency,
            "exchange_rate": get("CurrencyRate"),
            "tax_treatment": LINE_AMOUNT_TYPES.get(get("LineAmountTypes") or ""),
            "sub_total": amount(get("SubTotal"), currency),
            "total_tax_amount": amount(get("TotalTax"), currency),
            "total_amount": amount(get("Total"), currency),
            "applied_amount": amount(applied, currency),
            "remaining_credit": amount(get("RemainingCredit"), currency),
            "status": None if deleted else credit_note_status(status_raw, applied),
            "status_raw": status_raw,
            "line_items": [_line_from_xero(li, currency) for li in get("LineItems") or ()],
            "applied_to": [
                {
                    "remote_id": _s(a.get("AllocationID")),
                    "invoice_remote_id": _id(a.get("Invoice"), "InvoiceID"),
                    "applied_amount": amount(a.get("Amount"), currency),
                    "applied_date": parse_date(a.get("Date")),
                }
                for a in get("Allocations") or ()
                if not a.get("IsDeleted") and a.get("Amount") is not None
            ],
            "refunds": [
                {
                    "remote_id": _s(p.get("PaymentID")),
                    "payment_remote_id": _s(p.get("PaymentID")),
                    "amount": amount(p.get("Amount"), currency),
                    "refund_date": parse_date(p.get("Date")),
                }
                for p in get("Payments") or ()
            ],
        }
    )


def credit_note_to_xero(
    data: CreditNoteInput | CreditNote, *, remote_id: str | None = None
) -> dict[str, Any]:
    """A Xero CreditNote body (only the fields set on an input; every field of a record)."""
    v = _values(data)
    out: dict[str, Any] = {}
    _put(out, "CreditNoteID", remote_id or v.get("remote_id"))
    if v.get("type") is not None:
        out["Type"] = CREDIT_NOTE_TYPES_OUT[v["type"]]
    _put(out, "CreditNoteNumber", v.get("number"))
    if v.get("contact_remote_id"):
        out["Contact"] = {"ContactID": v["contact_remote_id"]}
    if "issue_date" in v:
        _put(out, "Date", format_date(v["issue_date"]))
    _put(out, "Reference", v.get("reference"))
    _put(out, "CurrencyCode", v.get("currency"))
    _put(out, "CurrencyRate", v.get("exchange_rate"))
    if v.get("tax_treatment") is not None:
        out["LineAmountTypes"] = LINE_AMOUNT_TYPES_OUT[v["tax_treatment"]]
    if v.get("remote_was_deleted"):
        out["Status"] = "DELETED"
    elif v.get("status") is not None:
        status = v["status"]
        out["Status"] = CREDIT_NOTE_STATUSES_OUT.get(status, "AUTHORISED")
        if status is CreditNoteStatus.APPLIED:
            out["Status"] = "PAID"
    if v.get("line_items") is not None:
        out["LineItems"] = [_line_to_xero(li) for li in v["line_items"]]
    if isinstance(data, CreditNote):  # read-only fields, for round trips and emulators
        _put(
            out, "UpdatedDateUTC", data.remote_updated_at and format_ms_date(data.remote_updated_at)
        )
        for field, key in (
            ("sub_total", "SubTotal"),
            ("total_tax_amount", "TotalTax"),
            ("total_amount", "Total"),
            ("applied_amount", "AppliedAmount"),
            ("remaining_credit", "RemainingCredit"),
        ):
            _put(out, key, v.get(field))
        out["Allocations"] = [
            {
                **({"AllocationID": a.remote_id} if a.remote_id else {}),
                "Amount": a.applied_amount,
                "Invoice": {"InvoiceID": a.invoice_remote_id},
                **({"Date": format_ms_date(a.applied_date)} if a.applied_date else {}),
            }
            for a in data.applied_to
        ]
        out["Payments"] = [
            {
                "PaymentID": r.payment_remote_id,
                **({"Amount": r.amount} if r.amount is not None else {}),
                **({"Date": format_ms_date(r.refund_date)} if r.refund_date else {}),
            }
            for r in data.refunds
        ]
    return out


def allocation_to_xero(data: CreditNoteAllocationInput) -> dict[str, Any]:
    """The body of ``PUT /CreditNotes/{id}/Allocations``."""
    row: dict[str, Any] = {"Invoice": {"InvoiceID": data.invoice_remote_id}, "Amount": data.amount}
    _put(row, "Date", format_date(data.date))
    return {"Allocations": [row]}


#: (pattern on Xero's message, unified field), first match wins.
_HINTS = (
    (re.compile(r"amount|outstanding|exceed|remaining", re.I), "amount"),
    (re.compile(r"invoice", re.I), "invoice"),
    (re.compile(r"credit ?note number", re.I), "number"),
    (re.compile(r"currency ?rate|exchange rate", re.I), "exchange_rate"),
    (re.compile(r"currency", re.I), "currency"),
    (re.compile(r"contact", re.I), "contact"),
    (re.compile(r"reference", re.I), "reference"),
    (re.compile(r"status|cannot be (voided|deleted|modified)|AUTHORISED", re.I), "status"),
    (re.compile(r"\bdate\b", re.I), "issue_date"),
    (re.compile(r"line ?items?|account code", re.I), "line_items"),
)


def credit_note_validation_details(body: Any) -> list[dict[str, str]]:
    """Xero ``ValidationException`` on a credit note or an allocation → ``[{field, message}]``
    (``field`` ``""`` when none can be named)."""
    if not isinstance(body, Mapping):
        return []
    details: list[dict[str, str]] = []
    for element in body.get("Elements") or ():
        if not isinstance(element, Mapping):
            continue
        for error in element.get("ValidationErrors") or ():
            message = str(error.get("Message") or "")
            field = next((f for p, f in _HINTS if p.search(message)), "")
            if {"field": field, "message": message} not in details:
                details.append({"field": field, "message": message})
    if not details and body.get("Message"):
        details.append({"field": "", "message": str(body["Message"])})
    return details

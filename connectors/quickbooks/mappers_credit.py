"""QuickBooks CreditMemo, VendorCredit and RefundReceipt ↔ unified credit notes (pure functions).

Choices (documented for users):
- ``CreditMemo`` → ACCOUNTS_RECEIVABLE credit note (remote id: QuickBooks' id, as payments'
  ``LinkedTxn`` name it); ``VendorCredit`` → ACCOUNTS_PAYABLE (``VendorCredit:<id>``).
- ``RefundReceipt`` → an ACCOUNTS_RECEIVABLE credit note of its own (``RefundReceipt:<id>``),
  read only: QuickBooks' refund is money paid back at once, never linked to a credit memo, so it
  is a credit note whose whole total is one refund (``refunds[0]``: its own id, TotalAmt,
  TxnDate), ``remaining_credit`` 0 and status APPLIED.
- Status (QuickBooks has none): voided (PrivateNote "Voided…", TotalAmt 0) → VOID; no credit left
  (``RemainingCredit``, or ``Balance`` on vendor credits, is 0) → APPLIED; some used →
  PARTIALLY_APPLIED; else OPEN. ``status_raw`` is null.
- ``applied_to`` is empty: QuickBooks records a credit's use on the Payment / BillPayment that
  applies it (their ``applied_to`` carry the CREDIT_NOTE id); ``applied_amount`` is
  ``TotalAmt - RemainingCredit``.
- Lines, tax, currency, memo as for invoices and bills (``mappers._lines``); memo is a credit
  memo's ``CustomerMemo``, a vendor credit's ``PrivateNote``.
- Writes: CreditMemo (AR) and VendorCredit (AP), create and sparse update; the unified
  ``status`` cannot be written (QuickBooks has no draft or approval).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from unified_models import CreditNote, CreditNoteStatus, InvoiceType

from ..errors import ValidationFailed
from ..money import amount
from . import ids
from .mappers import TAX_CALCULATION, _dec, _lines, _ref, _s, _updated, _voided, parse_date
from .mappers_reference import _update_header, _values

__all__ = [
    "REFUND_RECEIPT",
    "credit_memo_from_qbo",
    "credit_note_to_qbo",
    "refund_receipt_from_qbo",
    "vendor_credit_from_qbo",
]

#: Remote id prefix of refund receipts (credit memos and vendor credits: ``ids.py``).
REFUND_RECEIPT = "RefundReceipt:"
TAX_CALCULATION_OUT = {v: k for k, v in TAX_CALCULATION.items()}


def credit_status(raw: Mapping[str, Any], remaining: Decimal | None) -> CreditNoteStatus:
    if _voided(raw):
        return CreditNoteStatus.VOID
    total = _dec(raw.get("TotalAmt")) or Decimal(0)
    if remaining is None:
        remaining = total
    if remaining <= 0:
        return CreditNoteStatus.APPLIED
    if remaining < total:
        return CreditNoteStatus.PARTIALLY_APPLIED
    return CreditNoteStatus.OPEN


def _credit(
    raw: Mapping[str, Any],
    *,
    type_: InvoiceType,
    remote_id: str | None,
    contact_remote_id: str | None,
    memo: str | None,
    remaining: Any,
    refunds: list[dict[str, Any]] | None = None,
) -> CreditNote:
    currency = _ref(raw, "CurrencyRef")
    items, sub_total, _ = _lines(raw, currency)
    total = _dec(raw.get("TotalAmt"))
    left = _dec(remaining)
    status = credit_status(raw, left)
    if status is CreditNoteStatus.VOID:
        left = Decimal(0)
    applied = (total - left) if total is not None and left is not None else None
    if status is CreditNoteStatus.VOID:
        applied = Decimal(0)
    tax = raw.get("TxnTaxDetail")
    return CreditNote.model_validate(
        {
            "remote_id": remote_id,
            "remote_updated_at": _updated(raw),
            "remote_was_deleted": False,
            "remote_data": dict(raw),
            "type": type_,
            "number": _s(raw.get("DocNumber")),
            "contact_remote_id": contact_remote_id,
            "issue_date": parse_date(raw.get("TxnDate")),
            "memo": memo,
            "currency": currency,
            "exchange_rate": raw.get("ExchangeRate"),
            "tax_treatment": TAX_CALCULATION.get(raw.get("GlobalTaxCalculation") or ""),
            "sub_total": amount(sub_total, currency),
            "total_tax_amount": amount(
                tax.get("TotalTax") if isinstance(tax, Mapping) else None, currency
            ),
            "total_amount": amount(total, currency),
            "applied_amount": amount(applied, currency),
            "remaining_credit": amount(left, currency),
            "status": status,
            "status_raw": None,
            "line_items": items,
            "refunds": refunds or [],
        }
    )


def credit_memo_from_qbo(raw: Mapping[str, Any]) -> CreditNote:
    memo = raw.get("CustomerMemo")
    remaining = raw.get("RemainingCredit", raw.get("Balance"))
    return _credit(
        raw,
        type_=InvoiceType.ACCOUNTS_RECEIVABLE,
        remote_id=ids.remote_id(ids.CREDIT_MEMO, raw["Id"]),
        contact_remote_id=ids.remote_id(ids.CUSTOMER, _ref(raw, "CustomerRef")),
        memo=_s(memo.get("value")) if isinstance(memo, Mapping) else None,
        remaining=remaining,
    )


def vendor_credit_from_qbo(raw: Mapping[str, Any]) -> CreditNote:
    return _credit(
        raw,
        type_=InvoiceType.ACCOUNTS_PAYABLE,
        remote_id=ids.remote_id(ids.VENDOR_CREDIT, raw["Id"]),
        contact_remote_id=ids.remote_id(ids.VENDOR, _ref(raw, "VendorRef")),
        memo=_s(raw.get("PrivateNote")),
        remaining=raw.get("Balance"),
    )


def refund_receipt_from_qbo(raw: Mapping[str, Any]) -> CreditNote:
    memo = raw.get("CustomerMemo")
    remote_id = ids.remote_id(REFUND_RECEIPT, raw["Id"])
    currency = _ref(raw, "CurrencyRef")
    refunds = (
        []
        if _voided(raw)
        else [
            {
                "remote_id": remote_id,
                "amount": amount(raw.get("TotalAmt"), currency),
                "refund_date": parse_date(raw.get("TxnDate")),
            }
        ]
    )
    return _credit(
        raw,
        type_=InvoiceType.ACCOUNTS_RECEIVABLE,
        remote_id=remote_id,
        contact_remote_id=ids.remote_id(ids.CUSTOMER, _ref(raw, "CustomerRef")),
        memo=_s(memo.get("value")) if isinstance(memo, Mapping) else None,
        remaining=Decimal(0),
        refunds=refunds,
    )


def _refuse(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, details=[{"field": field, "message": message}])


def _line_to_qbo(line: Any, receivable: bool) -> dict[str, Any]:
    v = _values(line)
    qty = v.get("quantity")
    price = v.get("unit_price")
    total = (Decimal(1) if qty is None else qty) * price if price is not None else None
    if v.get("discount") or v.get("discount_rate"):
        raise _refuse("line_items", "QuickBooks has no per-line discount")
    out: dict[str, Any] = {}
    if v.get("remote_id"):
        out["Id"] = v["remote_id"]
    if v.get("description") is not None:
        out["Description"] = v["description"]
    if total is not None:
        out["Amount"] = total.quantize(Decimal("0.01"))
    detail: dict[str, Any] = {}
    if qty is not None:
        detail["Qty"] = qty
    if price is not None:
        detail["UnitPrice"] = price
    if v.get("tax_rate_remote_id"):
        detail["TaxCodeRef"] = {"value": v["tax_rate_remote_id"]}
    if receivable:
        if not v.get("item_remote_id"):
            raise _refuse("line_items", "QuickBooks credit memo lines name an item (item)")
        detail["ItemRef"] = {"value": v["item_remote_id"]}
        out["DetailType"] = "SalesItemLineDetail"
        out["SalesItemLineDetail"] = detail
    elif v.get("item_remote_id"):
        detail["ItemRef"] = {"value": v["item_remote_id"]}
        out["DetailType"] = "ItemBasedExpenseLineDetail"
        out["ItemBasedExpenseLineDetail"] = detail
    else:
        if not v.get("account_remote_id"):
            raise _refuse("line_items", "QuickBooks vendor credit lines name an account or item")
        detail = {"AccountRef": {"value": v["account_remote_id"]}, **detail}
        detail.pop("Qty", None)
        detail.pop("UnitPrice", None)
        out["DetailType"] = "AccountBasedExpenseLineDetail"
        out["AccountBasedExpenseLineDetail"] = detail
    return out


def credit_note_to_qbo(
    data: Any,
    *,
    receivable: bool,
    remote_id: str | None = None,
    sync_token: str | None = None,
) -> dict[str, Any]:
    """A CreditMemo (``receivable``) or VendorCredit body; ``remote_id`` is QuickBooks' own id."""
    v = _values(data)
    out = _update_header(remote_id, sync_token)
    if v.get("status") is not None and v["status"] is not CreditNoteStatus.OPEN:
        raise _refuse("status", "QuickBooks credit notes have no status to write")
    for field in ("reference", "exchange_rate"):
        if v.get(field) is not None:
            raise _refuse(field, f"QuickBooks credit notes have no {field} to write")
    if v.get("contact_remote_id"):
        contact = v["contact_remote_id"]
        if receivable:
            out["CustomerRef"] = {"value": contact}
        else:
            if not contact.startswith(ids.VENDOR):
                raise _refuse("contact", "A supplier credit names a vendor")
            out["VendorRef"] = {"value": contact[len(ids.VENDOR) :]}
    if v.get("number") is not None:
        out["DocNumber"] = v["number"]
    if v.get("issue_date") is not None:
        out["TxnDate"] = v["issue_date"].isoformat()
    if v.get("currency") is not None:
        out["CurrencyRef"] = {"value": v["currency"]}
    if v.get("tax_treatment") is not None:
        out["GlobalTaxCalculation"] = TAX_CALCULATION_OUT[v["tax_treatment"]]
    if v.get("memo") is not None:
        if receivable:
            out["CustomerMemo"] = {"value": v["memo"]}
        else:
            out["PrivateNote"] = v["memo"]
    if v.get("line_items") is not None:
        out["Line"] = [_line_to_qbo(line, receivable) for line in v["line_items"]]
    return out

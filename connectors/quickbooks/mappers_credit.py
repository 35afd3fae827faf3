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
- ``applied_amount`` is ``TotalAmt - RemainingCredit`` (vendor credits: ``- Balance``).
- ``applied_to``: QuickBooks records a credit's use only on the Payment / BillPayment that applies
  it (a line whose ``LinkedTxn`` is the CreditMemo / VendorCredit beside lines linking the
  invoices / bills; the credit itself links nothing), so the mapper cannot fill it from the credit
  alone: ``applications_from_payments`` reads it from those payments and the connector joins it
  (``QuickBooksConnector._with_applications``). How it is read: after each page of credit notes
  (and after a read by id), only for the credits that have some credit used (``applied_amount``
  > 0, not void), one query per customer / vendor of those credits (``SELECT * FROM Payment
  WHERE CustomerRef = '…'``, ``… BillPayment WHERE VendorRef = '…'``), all in one batch call
  (30 a call; one alone is a plain query). QuickBooks' query language cannot filter payments by
  the transactions they link, hence by contact. Why this and not a join with the payments of the
  same sync: payments sync after credit notes, and a credit is changed (``RemainingCredit`` and
  ``LastUpdatedTime`` move) whenever a payment applies it, so an incremental sync re-reads
  exactly the credits whose applications changed, and a sync with nothing changed costs no join
  call (the one call per model of BENCHMARKS.md holds): QuickBooks' queries are inclusive, so the
  newest credit of the last pass comes back on every incremental read; when it is a used one it
  is left out rather than joined again (the pass that set the gateway's bookmark stored it as it
  still is: see ``QuickBooksConnector._joined``). A full sync pays one extra call per page that
  has used credits. Left stale until the credit itself changes: an edit of an applying payment
  that leaves the credit untouched (e.g. its date).
  Each allocation: the invoice/bill the credit went to (remote id as ``ids.py``), the amount,
  ``applied_date`` the payment's ``TxnDate``, ``remote_id`` the payment's remote id. When one
  payment links several invoices and credits, QuickBooks does not say which credit paid which
  invoice: credits are spread over the invoices in line order (each credit fills the first
  invoice with something left, then the next); a line linking both a credit and an invoice pairs
  them directly. With one invoice (what ``allocations`` writes) this is exact.
- Allocating (``POST /v1/credit-notes/{id}/allocations``): ``allocation_to_qbo``, a Payment with a
  line linking the invoice and a line linking the credit memo, both of the amount, ``TotalAmt``
  0 (the credit pays it all); a BillPayment likewise for a vendor credit and a bill, ``PayType``
  Check from a bank account (QuickBooks requires one even when no money moves).
- Lines, tax, currency, memo as for invoices and bills (``mappers._lines``); memo is a credit
  memo's ``CustomerMemo``, a vendor credit's ``PrivateNote``.
- Writes: CreditMemo (AR) and VendorCredit (AP), create and sparse update; the unified
  ``status`` cannot be written (QuickBooks has no draft or approval).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
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
    "allocation_to_qbo",
    "applications_from_payments",
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


# -- applications: credit used by payments ---------------------------------------------------------
#: Payment entity → (the LinkedTxn type of its credits, of its charges, their id prefixes).
_APPLYING = {
    "Payment": ("CreditMemo", "Invoice", ids.CREDIT_MEMO, ids.INVOICE, ids.PAYMENT),
    "BillPayment": ("VendorCredit", "Bill", ids.VENDOR_CREDIT, ids.BILL, ids.BILL_PAYMENT),
}


def _linked_ids(line: Mapping[str, Any], txn_type: str) -> list[str]:
    return [
        str(t["TxnId"])
        for t in line.get("LinkedTxn") or ()
        if isinstance(t, Mapping) and t.get("TxnType") == txn_type and t.get("TxnId")
    ]


def _pairs(raw: Mapping[str, Any], credit: str, charge: str) -> list[tuple[str, str, Decimal]]:
    """``(credit id, invoice id, amount)`` of one payment: a line linking both pairs them;
    otherwise the credits are spread over the invoices in line order."""
    out: list[tuple[str, str, Decimal]] = []
    credits: list[list[Any]] = []
    charges: list[list[Any]] = []
    for line in raw.get("Line") or ():
        if not isinstance(line, Mapping):
            continue
        value = _dec(line.get("Amount")) or Decimal(0)
        if value <= 0:
            continue
        used, paid = _linked_ids(line, credit), _linked_ids(line, charge)
        if used and paid:
            out.append((used[0], paid[0], value))
            continue
        credits += [[txn, value] for txn in used]
        charges += [[txn, value] for txn in paid]
    c = i = 0
    while c < len(credits) and i < len(charges):
        take = min(credits[c][1], charges[i][1])
        out.append((credits[c][0], charges[i][0], take))
        credits[c][1] -= take
        charges[i][1] -= take
        c += credits[c][1] <= 0
        i += charges[i][1] <= 0
    return out


def applications_from_payments(
    payments: Iterable[tuple[str, Mapping[str, Any]]],
) -> dict[str, list[dict[str, Any]]]:
    """Credit note remote id → its allocations, from ``(entity, raw)`` Payments and
    BillPayments (see the module docstring), oldest payment first."""
    found: dict[str, list[dict[str, Any]]] = {}
    rows = sorted(
        ((entity, raw) for entity, raw in payments if entity in _APPLYING),
        key=lambda p: (str(p[1].get("TxnDate") or ""), int(str(p[1].get("Id") or 0))),
    )
    for entity, raw in rows:
        credit, charge, credit_prefix, charge_prefix, own_prefix = _APPLYING[entity]
        currency = _ref(raw, "CurrencyRef")
        for credit_id, charge_id, value in _pairs(raw, credit, charge):
            found.setdefault(f"{credit_prefix}{credit_id}", []).append(
                {
                    "remote_id": ids.remote_id(own_prefix, raw.get("Id")),
                    "invoice_remote_id": f"{charge_prefix}{charge_id}",
                    "applied_amount": amount(value, currency),
                    "applied_date": parse_date(raw.get("TxnDate")),
                }
            )
    return found


def allocation_to_qbo(
    *,
    receivable: bool,
    credit_id: str,
    invoice_id: str,
    contact_id: str,
    value: Decimal,
    currency: str | None,
    txn_date: date | None,
    bank_account_id: str | None = None,
) -> dict[str, Any]:
    """The Payment (``receivable``) or BillPayment applying ``value`` of a credit memo / vendor
    credit to an invoice / bill: QuickBooks' own ids, no prefixes."""
    credit, charge = ("CreditMemo", "Invoice") if receivable else ("VendorCredit", "Bill")
    line_amount = value.quantize(Decimal("0.01"))
    out: dict[str, Any] = {
        ("CustomerRef" if receivable else "VendorRef"): {"value": contact_id},
        "TotalAmt": Decimal("0.00"),
        "Line": [
            {"Amount": line_amount, "LinkedTxn": [{"TxnId": invoice_id, "TxnType": charge}]},
            {"Amount": line_amount, "LinkedTxn": [{"TxnId": credit_id, "TxnType": credit}]},
        ],
    }
    if currency:
        out["CurrencyRef"] = {"value": currency}
    if txn_date is not None:
        out["TxnDate"] = txn_date.isoformat()
    if not receivable:
        if not bank_account_id:
            raise _refuse("invoice", "QuickBooks needs a bank account to apply a vendor credit")
        out["PayType"] = "Check"
        out["CheckPayment"] = {"BankAccountRef": {"value": bank_account_id}}
    return out

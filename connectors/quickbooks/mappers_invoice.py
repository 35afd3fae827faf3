"""Unified invoice input → QuickBooks ``Invoice`` (ACCOUNTS_RECEIVABLE) or ``Bill``
(ACCOUNTS_PAYABLE) body (pure functions; reads are ``mappers.invoice_from_qbo``/``bill_from_qbo``).

Choices (documented for users):
- Header: ``contact`` → ``CustomerRef`` (a customer: an unprefixed id) or ``VendorRef`` (a
  vendor: ``Vendor:<id>``, the prefix dropped); ``number`` → ``DocNumber``; ``issue_date`` →
  ``TxnDate``; ``due_date`` → ``DueDate``; ``currency`` → ``CurrencyRef`` (QuickBooks refuses
  one other than the contact's); ``exchange_rate`` → ``ExchangeRate``; ``tax_treatment`` →
  ``GlobalTaxCalculation``; ``memo`` → an invoice's ``CustomerMemo`` (printed on it), a bill's
  ``PrivateNote`` (as they are read).
- Lines: an invoice line names an item (``SalesItemLineDetail``: ``ItemRef``, ``Qty``,
  ``UnitPrice``, ``TaxCodeRef``, ``ClassRef``), or, with only a description, is a
  ``DescriptionOnly`` line; a bill line with an item is an ``ItemBasedExpenseLineDetail``, else
  an ``AccountBasedExpenseLineDetail`` on its account (no quantity: the amount is quantity x
  unit price). ``Amount`` is quantity (default 1) x unit price, to the cent (QuickBooks checks
  it); without a unit price QuickBooks takes the item's. A tracking category that is a
  QuickBooks class becomes the line's ``ClassRef``.
- Refused with 422 before any call (QuickBooks cannot hold them): ``status`` other than OPEN
  (QuickBooks has no draft, submitted or approval state: every invoice and bill it holds is
  posted; a void is DELETE), ``reference`` (no such field on either entity), per-line
  ``discount``/``discount_rate`` (QuickBooks discounts the whole invoice), ``tax_amount``
  (QuickBooks computes tax from the tax code), an account or item given only by code
  (QuickBooks names them by id), a department as a line's tracking category (QuickBooks tracks
  departments per document), an account line on an invoice, a line with neither account nor
  item on a bill.
- Updates are sparse (``"sparse": true`` with the ``Id`` and current ``SyncToken``): only the
  fields sent change; lines sent replace all the lines (QuickBooks' rule for ``Line``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from unified_models import InvoiceStatus

from ..errors import ValidationFailed
from . import ids
from .mappers_credit import TAX_CALCULATION_OUT
from .mappers_reference import _update_header, _values

__all__ = ["invoice_to_qbo"]

CENT = Decimal("0.01")
#: Unified invoice fields QuickBooks has nowhere to put (the message says why).
UNSUPPORTED = {
    "reference": "QuickBooks invoices and bills have no reference; use number or memo.",
}
#: Line fields QuickBooks cannot hold.
UNSUPPORTED_LINE = {
    "discount": "QuickBooks has no per-line discount.",
    "discount_rate": "QuickBooks has no per-line discount.",
    "tax_amount": "QuickBooks computes the tax from the line's tax code (tax_rate).",
    "account_code": "QuickBooks names accounts by id: give account (or account_remote_id).",
    "item_code": "QuickBooks names items by id: give item (or item_remote_id).",
}


def _refused(details: list[dict[str, str]]) -> ValidationFailed:
    return ValidationFailed("fields QuickBooks cannot hold", details=details)


def refusals(data: Any, *, receivable: bool) -> list[dict[str, str]]:
    """Every field of ``data`` QuickBooks cannot hold (``field``, ``message``), none sent."""
    v = _values(data)
    out = [{"field": f, "message": m} for f, m in UNSUPPORTED.items() if v.get(f) is not None]
    status = v.get("status")
    if status is not None and status is not InvoiceStatus.OPEN:
        out.append(
            {
                "field": "status",
                "message": "QuickBooks has no draft or approval: every invoice and bill is "
                "posted (OPEN); delete voids an invoice.",
            }
        )
    contact = v.get("contact_remote_id")
    if contact is not None and contact.startswith(ids.VENDOR) == receivable:
        message = "A sales invoice names a customer." if receivable else "A bill names a vendor."
        out.append({"field": "contact", "message": message})
    for index, line in enumerate(v.get("line_items") or ()):
        out += _line_refusals(_values(line), index, receivable)
    return out


def _line_refusals(v: dict[str, Any], index: int, receivable: bool) -> list[dict[str, str]]:
    where = f"line_items[{index}]"
    out = [
        {"field": f"{where}.{f}", "message": m}
        for f, m in UNSUPPORTED_LINE.items()
        if v.get(f) not in (None, 0, Decimal(0))
        and not (f.endswith("_code") and v.get(f.replace("_code", "_remote_id")))
    ]
    for tracking in v.get("tracking_categories") or ():
        category = tracking.category_remote_id or ""
        if category.startswith(ids.DEPARTMENT):
            out.append(
                {
                    "field": f"{where}.tracking_categories",
                    "message": "QuickBooks tracks departments per document, not per line.",
                }
            )
        elif not (tracking.option_remote_id or category):
            out.append(
                {"field": f"{where}.tracking_categories", "message": "A class needs its id."}
            )
    has_item, has_account = bool(v.get("item_remote_id")), bool(v.get("account_remote_id"))
    priced = v.get("unit_price") is not None or v.get("quantity") is not None
    if receivable and not has_item and (has_account or priced):
        out.append({"field": f"{where}.item", "message": "QuickBooks invoice lines name an item."})
    elif not receivable and not (has_item or has_account):
        out.append(
            {
                "field": f"{where}.account",
                "message": "QuickBooks bill lines name an account or an item.",
            }
        )
    return out


def _line(line: Any, receivable: bool) -> dict[str, Any]:
    v = _values(line)
    qty, price = v.get("quantity"), v.get("unit_price")
    out: dict[str, Any] = {}
    if v.get("remote_id"):
        out["Id"] = v["remote_id"]
    if v.get("description") is not None:
        out["Description"] = v["description"]
    if receivable and not v.get("item_remote_id"):
        out["DetailType"] = "DescriptionOnly"
        out["DescriptionOnly"] = {}
        return out
    if price is not None:
        out["Amount"] = ((Decimal(1) if qty is None else qty) * price).quantize(CENT, ROUND_HALF_UP)
    detail: dict[str, Any] = {}
    if v.get("item_remote_id"):
        detail["ItemRef"] = {"value": v["item_remote_id"]}
    else:
        detail["AccountRef"] = {"value": v["account_remote_id"]}
    if detail.get("ItemRef"):
        if qty is not None:
            detail["Qty"] = qty
        if price is not None:
            detail["UnitPrice"] = price
    if v.get("tax_rate_remote_id"):
        detail["TaxCodeRef"] = {"value": v["tax_rate_remote_id"]}
    for tracking in v.get("tracking_categories") or ():
        detail["ClassRef"] = {"value": tracking.option_remote_id or tracking.category_remote_id}
    kind = (
        "SalesItemLineDetail"
        if receivable
        else "ItemBasedExpenseLineDetail"
        if "ItemRef" in detail
        else "AccountBasedExpenseLineDetail"
    )
    out["DetailType"] = kind
    out[kind] = detail
    return out


def invoice_to_qbo(
    data: Any,
    *,
    receivable: bool,
    remote_id: str | None = None,
    sync_token: str | None = None,
) -> dict[str, Any]:
    """An Invoice (``receivable``) or Bill body; ``remote_id`` is QuickBooks' own id (no
    prefix). Raises ``ValidationFailed`` (422) for what QuickBooks cannot hold."""
    refused = refusals(data, receivable=receivable)
    if refused:
        raise _refused(refused)
    v = _values(data)
    out = _update_header(remote_id, sync_token)
    if v.get("contact_remote_id"):
        contact = v["contact_remote_id"]
        if receivable:
            out["CustomerRef"] = {"value": contact}
        else:
            out["VendorRef"] = {"value": contact[len(ids.VENDOR) :]}
    if v.get("number") is not None:
        out["DocNumber"] = v["number"]
    if v.get("issue_date") is not None:
        out["TxnDate"] = v["issue_date"].isoformat()
    if v.get("due_date") is not None:
        out["DueDate"] = v["due_date"].isoformat()
    if v.get("currency") is not None:
        out["CurrencyRef"] = {"value": v["currency"]}
    if v.get("exchange_rate") is not None:
        out["ExchangeRate"] = v["exchange_rate"]
    if v.get("tax_treatment") is not None:
        out["GlobalTaxCalculation"] = TAX_CALCULATION_OUT[v["tax_treatment"]]
    if v.get("memo") is not None:
        if receivable:
            out["CustomerMemo"] = {"value": v["memo"]}
        else:
            out["PrivateNote"] = v["memo"]
    if v.get("line_items") is not None:
        out["Line"] = [_line(line, receivable) for line in v["line_items"]]
    return out

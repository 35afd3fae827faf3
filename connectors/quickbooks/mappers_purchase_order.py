"""Pure mappers between QuickBooks Online ``PurchaseOrder`` and unified purchase orders.

Reading (``purchase_order_from_qbo``):

- Status: QuickBooks has ``POStatus`` Open or Closed and no draft or approval step. Open →
  AUTHORISED (an open order has been issued), Closed → BILLED (QuickBooks closes an order when
  a bill takes over all of it, or when a user closes it: either way nothing more is expected);
  ``status_raw`` keeps ``POStatus``. Deletions come from change data capture
  (``remote_was_deleted``).
- ``VendorRef`` → ``contact_remote_id`` (``Vendor:<Id>``, as every vendor reference);
  ``TxnDate`` → ``issue_date``, ``DueDate`` → ``delivery_date``; ``ShipAddr`` →
  ``delivery_address`` (its lines, city, region, postal code and country joined with
  newlines); ``Memo`` (printed for the vendor) → ``memo``; ``DocNumber`` → ``number``.
- Lines as on bills: ``ItemBasedExpenseLineDetail`` (item, quantity, unit price) and
  ``AccountBasedExpenseLineDetail`` (account) lines; ``ClassRef`` and the document's
  ``DepartmentRef`` as tracking categories. ``TotalAmt`` → ``total_amount``; ``sub_total`` is
  the sum of the lines, ``total_tax_amount`` ``TxnTaxDetail.TotalTax``.

Writing (``purchase_order_to_qbo``): a create sends the fields set; an update is sparse
(``"sparse": true`` with ``Id`` and the current ``SyncToken``). Lines with ``item_remote_id``
become item lines, the others account lines (an account is then required). A line list
replaces the order's lines. Unified statuses QuickBooks cannot hold (DRAFT, SUBMITTED,
DELETED) and Xero-only fields are refused with ``ValidationFailed``, never dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from unified_models import PurchaseOrder, PurchaseOrderStatus, TaxTreatment

from ..errors import ValidationFailed
from ..money import amount
from . import ids
from .mappers import TAX_CALCULATION, _dec, _lines, _ref, _s, _updated, parse_date

__all__ = ["purchase_order_from_qbo", "purchase_order_to_qbo"]

STATUSES = {"Open": PurchaseOrderStatus.AUTHORISED, "Closed": PurchaseOrderStatus.BILLED}
STATUSES_OUT = {v: k for k, v in STATUSES.items()}
CENT = Decimal("0.01")
TAX_CALCULATION_OUT = {v: k for k, v in TAX_CALCULATION.items()}

#: Unified fields a QuickBooks purchase order has no place for.
UNSUPPORTED = {
    "expected_arrival_date": "QuickBooks purchase orders have no expected arrival date",
    "attention_to": "QuickBooks purchase orders have no attention-to field",
    "telephone": "QuickBooks purchase orders have no delivery telephone",
    "delivery_instructions": "QuickBooks purchase orders have no delivery instructions",
    "reference": "QuickBooks purchase orders have no reference: use number or memo",
}
_LINE_UNSUPPORTED = {
    "discount": "QuickBooks purchase order lines take no discount",
    "discount_rate": "QuickBooks purchase order lines take no discount",
    "tax_amount": "QuickBooks computes line tax itself",
    "account_code": "QuickBooks refers to accounts by id: use the account",
    "item_code": "QuickBooks refers to items by id: use the item",
}
_ADDRESS_PARTS = ("City", "CountrySubDivisionCode", "PostalCode", "Country")


def _address_text(addr: Any) -> str | None:
    if not isinstance(addr, Mapping):
        return None
    parts = [_s(addr.get(f"Line{i}")) for i in range(1, 6)]
    parts += [_s(addr.get(key)) for key in _ADDRESS_PARTS]
    return "\n".join(p for p in parts if p) or None


def purchase_order_from_qbo(raw: Mapping[str, Any]) -> PurchaseOrder:
    currency = _ref(raw, "CurrencyRef")
    items, sub_total, discount = _lines(raw, currency)
    tax = raw.get("TxnTaxDetail")
    status_raw = _s(raw.get("POStatus"))
    return PurchaseOrder.model_validate(
        {
            "remote_id": ids.remote_id(ids.PURCHASE_ORDER, raw["Id"]),
            "remote_updated_at": _updated(raw),
            "remote_was_deleted": False,
            "remote_data": dict(raw),
            "number": _s(raw.get("DocNumber")),
            "contact_remote_id": ids.remote_id(ids.VENDOR, _ref(raw, "VendorRef")),
            "issue_date": parse_date(raw.get("TxnDate")),
            "delivery_date": parse_date(raw.get("DueDate")),
            "delivery_address": _address_text(raw.get("ShipAddr")),
            "memo": _s(raw.get("Memo")),
            "currency": currency,
            "exchange_rate": raw.get("ExchangeRate"),
            "tax_treatment": TAX_CALCULATION.get(raw.get("GlobalTaxCalculation") or ""),
            "sub_total": amount(sub_total, currency),
            "total_tax_amount": amount(
                tax.get("TotalTax") if isinstance(tax, Mapping) else None, currency
            ),
            "total_discount": amount(discount, currency),
            "total_amount": amount(_dec(raw.get("TotalAmt")), currency),
            "status": STATUSES.get(status_raw or ""),
            "status_raw": status_raw,
            "line_items": items,
        }
    )


# -- unified → QuickBooks ----------------------------------------------------------------------
def _values(data: Any) -> dict[str, Any]:
    if hasattr(data, "changes"):
        return data.changes()
    return {name: getattr(data, name) for name in type(data).model_fields}


def _refuse(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, details=[{"field": field, "message": message}])


def _own_id(remote_id: str | None, prefix: str) -> str | None:
    """QuickBooks' id inside a unified remote id (``Vendor:58`` → ``58``)."""
    if remote_id is None:
        return None
    return remote_id[len(prefix) :] if prefix and remote_id.startswith(prefix) else remote_id


def _line_to_qbo(line: Any, index: int) -> dict[str, Any]:
    values = _values(line)
    where = f"line_items[{index}]"
    for field, message in _LINE_UNSUPPORTED.items():
        if values.get(field) is not None:
            raise _refuse(f"{where}.{field}", message)
    if values.get("tracking_categories"):
        raise _refuse(
            f"{where}.tracking_categories", "Tracking on purchase order lines is read only here"
        )
    quantity = values.get("quantity")
    unit_price = values.get("unit_price")
    out: dict[str, Any] = {}
    if values.get("remote_id"):
        out["Id"] = str(values["remote_id"])
    if values.get("description") is not None:
        out["Description"] = values["description"]
    item_id = values.get("item_remote_id")
    if item_id:
        detail: dict[str, Any] = {"ItemRef": {"value": str(item_id)}}
        if quantity is not None:
            detail["Qty"] = quantity
        if unit_price is not None:
            detail["UnitPrice"] = unit_price
        kind = "ItemBasedExpenseLineDetail"
    else:
        if not values.get("account_remote_id"):
            raise _refuse(
                f"{where}.account", "A line without an item needs an account (QuickBooks)"
            )
        detail = {"AccountRef": {"value": str(values["account_remote_id"])}}
        kind = "AccountBasedExpenseLineDetail"
    if values.get("tax_rate_remote_id"):
        detail["TaxCodeRef"] = {"value": str(values["tax_rate_remote_id"])}
    if unit_price is not None:
        gross = (Decimal(1) if quantity is None else Decimal(quantity)) * Decimal(unit_price)
        out["Amount"] = gross.quantize(CENT, ROUND_HALF_UP)
    elif values.get("total_amount") is not None:  # a whole record (round trips)
        out["Amount"] = values["total_amount"]
    else:
        raise _refuse(f"{where}.unit_price", "QuickBooks needs each line's amount: a unit price")
    out["DetailType"] = kind
    out[kind] = detail
    return out


def purchase_order_to_qbo(
    data: Any, *, remote_id: str | None = None, sync_token: str | None = None
) -> dict[str, Any]:
    """A unified purchase order (input or record) as a QuickBooks PurchaseOrder body."""
    values = _values(data)
    out: dict[str, Any] = {}
    if remote_id is not None:
        if sync_token is None:
            raise ValueError("an update needs the record's SyncToken")
        out = {"Id": remote_id, "SyncToken": sync_token, "sparse": True}
    if not isinstance(data, PurchaseOrder):
        for field, message in UNSUPPORTED.items():
            if values.get(field) is not None:
                raise _refuse(field, message)
    if values.get("contact_remote_id"):
        out["VendorRef"] = {"value": _own_id(values["contact_remote_id"], ids.VENDOR)}
    if "number" in values and values["number"] is not None:
        out["DocNumber"] = values["number"]
    for field, key in (("issue_date", "TxnDate"), ("delivery_date", "DueDate")):
        if values.get(field) is not None:
            out[key] = values[field].isoformat()
    if "memo" in values:
        out["Memo"] = values["memo"]
    if values.get("delivery_address") is not None:
        lines = [p for p in str(values["delivery_address"]).split("\n") if p.strip()][:5]
        out["ShipAddr"] = {f"Line{i}": text for i, text in enumerate(lines, start=1)}
    if values.get("currency") is not None:
        out["CurrencyRef"] = {"value": values["currency"]}
    if values.get("exchange_rate") is not None:
        out["ExchangeRate"] = values["exchange_rate"]
    if values.get("tax_treatment") is not None:
        out["GlobalTaxCalculation"] = TAX_CALCULATION_OUT[TaxTreatment(values["tax_treatment"])]
    if values.get("status") is not None:
        status = PurchaseOrderStatus(values["status"])
        if status not in STATUSES_OUT:
            raise _refuse(
                "status",
                f"QuickBooks purchase orders are Open (AUTHORISED) or Closed (BILLED), "
                f"not {status.value}",
            )
        out["POStatus"] = STATUSES_OUT[status]
    if values.get("line_items") is not None:
        out["Line"] = [_line_to_qbo(line, i) for i, line in enumerate(values["line_items"])]
    return out

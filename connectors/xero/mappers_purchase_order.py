"""Pure mappers between Xero ``PurchaseOrders`` and unified purchase orders, both ways.

- Status: Xero's five statuses map one to one (DRAFT, SUBMITTED, AUTHORISED, BILLED, DELETED);
  DELETED also sets ``remote_was_deleted``. ``status_raw`` keeps Xero's value.
- ``Date`` → ``issue_date``, ``DeliveryDate`` → ``delivery_date``, ``ExpectedArrivalDate`` →
  ``expected_arrival_date``; ``DeliveryAddress`` (free text), ``AttentionTo``, ``Telephone``,
  ``DeliveryInstructions`` and ``Reference`` as they are. Xero has no memo on a purchase order.
- Lines are read and written as invoice lines (``mappers._line_from_xero``); amounts carry the
  currency's minor units, unit prices and quantities Xero's precision (``unitdp=4``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from unified_models import PurchaseOrder, PurchaseOrderInput, PurchaseOrderStatus

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

__all__ = ["purchase_order_from_xero", "purchase_order_to_xero"]

STATUSES = {s.value: s for s in PurchaseOrderStatus}

#: (unified field, Xero key) of the plain text fields.
_TEXT = (
    ("number", "PurchaseOrderNumber"),
    ("reference", "Reference"),
    ("delivery_address", "DeliveryAddress"),
    ("attention_to", "AttentionTo"),
    ("telephone", "Telephone"),
    ("delivery_instructions", "DeliveryInstructions"),
    ("currency", "CurrencyCode"),
)
_DATES = (
    ("issue_date", "Date"),
    ("delivery_date", "DeliveryDate"),
    ("expected_arrival_date", "ExpectedArrivalDate"),
)


def purchase_order_from_xero(raw: Mapping[str, Any]) -> PurchaseOrder:
    get = raw.get
    status_raw = _s(get("Status"))
    currency = _s(get("CurrencyCode"))
    values: dict[str, Any] = {
        "remote_id": raw["PurchaseOrderID"],
        "remote_updated_at": parse_datetime(get("UpdatedDateUTC")),
        "remote_was_deleted": status_raw == "DELETED",
        "remote_data": raw,
        "contact_remote_id": _id(get("Contact"), "ContactID"),
        "exchange_rate": get("CurrencyRate"),
        "tax_treatment": LINE_AMOUNT_TYPES.get(get("LineAmountTypes") or ""),
        "sub_total": amount(get("SubTotal"), currency),
        "total_tax_amount": amount(get("TotalTax"), currency),
        "total_discount": amount(get("TotalDiscount"), currency),
        "total_amount": amount(get("Total"), currency),
        "status": STATUSES.get(status_raw or ""),
        "status_raw": status_raw,
        "line_items": [_line_from_xero(li, currency) for li in get("LineItems") or ()],
    }
    for field, key in _TEXT:
        values[field] = _s(get(key))
    for field, key in _DATES:
        values[field] = parse_date(get(key))
    return PurchaseOrder.model_validate(values)


def purchase_order_to_xero(
    data: PurchaseOrderInput | PurchaseOrder, *, remote_id: str | None = None
) -> dict[str, Any]:
    """A Xero purchase order body: the fields set on an input, every field of a record (round
    trips and emulator seeds). ``memo`` has no Xero field: the connector refuses it first."""
    v = _values(data)
    out: dict[str, Any] = {}
    _put(out, "PurchaseOrderID", remote_id or v.get("remote_id"))
    if v.get("contact_remote_id"):
        out["Contact"] = {"ContactID": v["contact_remote_id"]}
    for field, key in _TEXT:
        if field in v:
            _put(out, key, v[field])
    for field, key in _DATES:
        if field in v:
            _put(out, key, format_date(v[field]))
    _put(out, "CurrencyRate", v.get("exchange_rate"))
    if v.get("tax_treatment") is not None:
        out["LineAmountTypes"] = LINE_AMOUNT_TYPES_OUT[v["tax_treatment"]]
    if v.get("status") is not None:
        out["Status"] = PurchaseOrderStatus(v["status"]).value
    if v.get("line_items") is not None:
        out["LineItems"] = [_line_to_xero(li) for li in v["line_items"]]
    if isinstance(data, PurchaseOrder):  # read-only fields, for round trips and emulators
        _put(
            out, "UpdatedDateUTC", data.remote_updated_at and format_ms_date(data.remote_updated_at)
        )
        for field, key in (
            ("sub_total", "SubTotal"),
            ("total_tax_amount", "TotalTax"),
            ("total_discount", "TotalDiscount"),
            ("total_amount", "Total"),
        ):
            _put(out, key, v.get(field))
    return out

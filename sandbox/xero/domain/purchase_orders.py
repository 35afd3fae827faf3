"""Create and update purchase orders with Xero's rules, and the list filters Xero takes on
``GET /PurchaseOrders`` (``Status``, ``DateFrom``, ``DateTo``; paging, ``order`` and
``If-Modified-Since`` are the generic ones).

Rules (Xero's purchase order docs and the answers its API gives):

- A new order is DRAFT (default), SUBMITTED or AUTHORISED; BILLED and DELETED are reached by
  an update. Moves: DRAFT/SUBMITTED → DRAFT, SUBMITTED, AUTHORISED, DELETED; AUTHORISED →
  AUTHORISED, BILLED, DELETED; BILLED → BILLED (only its delivery and reference details
  change); DELETED is final. Anything else: "Purchase Order not of valid status for
  modification".
- A contact is required and must not be archived; lines need a description or an item code;
  account codes are optional (a purchase order does not post); an order going to SUBMITTED or
  AUTHORISED needs a line. Tax, currency and line arithmetic are the invoices' (purchase side:
  purchase tax defaults, items' purchase details); lines may carry a DiscountRate.
- ``PurchaseOrderNumber`` defaults to the next ``PO-`` number; ``SentToContact`` only sticks
  on AUTHORISED or BILLED orders. Xero sends no webhooks for purchase orders.
"""

from __future__ import annotations

from decimal import Decimal

from .. import resources as R
from ..ids import fresh
from ..ledger import Ledger
from ..money import dec
from ..xdates import day_fields, parse_day
from . import transactions
from .documents import contact_summary
from .errors import ValidationFailed
from .totals import document_totals

STATUSES = ("DRAFT", "SUBMITTED", "AUTHORISED", "BILLED", "DELETED")
CREATABLE = ("DRAFT", "SUBMITTED", "AUTHORISED")
MOVES = {
    "DRAFT": {"DRAFT", "SUBMITTED", "AUTHORISED", "DELETED"},
    "SUBMITTED": {"DRAFT", "SUBMITTED", "AUTHORISED", "DELETED"},
    "AUTHORISED": {"AUTHORISED", "BILLED", "DELETED"},
    "BILLED": {"BILLED"},
    "DELETED": set(),
}
#: What may still change on a BILLED order.
BILLED_FIELDS = {
    "PurchaseOrderID",
    "PurchaseOrderNumber",
    "Status",
    "Reference",
    "DeliveryAddress",
    "AttentionTo",
    "Telephone",
    "DeliveryInstructions",
    "DeliveryDate",
    "ExpectedArrivalDate",
    "SentToContact",
}
INVALID = "Purchase Order not of valid status for modification"
PREFIX = "PO-"
TEXT_FIELDS = ("Reference", "DeliveryAddress", "AttentionTo", "Telephone", "DeliveryInstructions")
LIMITS = {"DeliveryInstructions": 500, "DeliveryAddress": 500}


def upsert(ledger: Ledger, payload: dict, existing: dict | None) -> dict:
    """Validate ``payload`` against ``existing`` (None to create) and save the result."""
    if existing is not None:
        before = existing["Status"]
        target = str(payload.get("Status") or before).upper()
        if target not in STATUSES or target not in MOVES[before]:
            raise ValidationFailed(INVALID)
        if before == "BILLED" and not set(payload) <= BILLED_FIELDS:
            raise ValidationFailed(INVALID)
        if target == "DELETED":
            doc = dict(existing, Status="DELETED")
            return ledger.save(R.PURCHASE_ORDERS, doc, created=False)
    doc = _build(ledger, payload, existing)
    return ledger.save(R.PURCHASE_ORDERS, doc, created=existing is None)


def _build(ledger: Ledger, payload: dict, existing: dict | None) -> dict:
    errors: list[str] = []
    pick = transactions._pick
    status = str(pick(payload, existing, "Status", "DRAFT")).upper()
    if existing is None and status not in CREATABLE:
        raise ValidationFailed("Purchase Order not of valid status for creation")

    contact = transactions.resolve_contact(
        ledger, payload.get("Contact") or (existing or {}).get("Contact"), errors
    )
    if contact is not None and contact.get("ContactStatus") == "ARCHIVED":
        errors.append(f"The contact '{contact['Name']}' is archived and cannot be used")

    issued = transactions._day(payload, existing, "Date", errors) or ledger.clock.now().date()
    delivery = transactions._day(payload, existing, "DeliveryDate", errors)
    arrival = transactions._day(payload, existing, "ExpectedArrivalDate", errors)

    lat = str(pick(payload, existing, "LineAmountTypes", "Exclusive"))
    lat = {"exclusive": "Exclusive", "inclusive": "Inclusive", "notax": "NoTax"}.get(
        lat.lower(), lat
    )
    if lat not in transactions.LINE_AMOUNT_TYPES:
        errors.append("LineAmountTypes must be one of Exclusive, Inclusive, NoTax")

    currency, rate = _currency(ledger, payload, existing, errors)

    raw_lines = payload.get("LineItems")
    if raw_lines is None:
        raw_lines = (existing or {}).get("LineItems", [])
    if not isinstance(raw_lines, list):
        errors.append("LineItems must be a list")
        raw_lines = []
    # Purchase side (sales=False); "DRAFT" because a purchase order's lines need no account
    # whatever its status; "ACCREC" only lets compute_line accept a DiscountRate, which
    # purchase order lines take.
    lines = [
        transactions._line(ledger, raw, lat, "DRAFT", False, "ACCREC", errors) for raw in raw_lines
    ]
    lines = [line for line in lines if line is not None]
    if status in ("SUBMITTED", "AUTHORISED") and not lines and not errors:
        errors.append("At least one line item must be specified for this purchase order")

    for key, limit in LIMITS.items():
        value = payload.get(key)
        if isinstance(value, str) and len(value) > limit:
            errors.append(f"{key} must not be more than {limit} characters long")
    if errors:
        raise ValidationFailed(*errors)

    totals = document_totals(lines, lat)
    if totals["Total"] < 0:
        raise ValidationFailed("Purchase Order total cannot be negative.")
    for line in lines:
        line.pop("_discount", None)

    existing = existing or {}
    record_id = existing.get("PurchaseOrderID") or fresh()
    number = pick(payload, existing, "PurchaseOrderNumber")
    if not number:
        number = f"{PREFIX}{ledger.store.next_sequence(ledger.tenant_id, PREFIX):04d}"
    doc: dict = {"PurchaseOrderID": record_id, "PurchaseOrderNumber": str(number)}
    doc["Contact"] = contact_summary(contact)
    doc.update(day_fields("Date", issued))
    doc.update(day_fields("DeliveryDate", delivery))
    doc.update(day_fields("ExpectedArrivalDate", arrival))
    for key in TEXT_FIELDS:
        value = pick(payload, existing, key)
        if value not in (None, ""):
            doc[key] = str(value)
    branding = pick(payload, existing, "BrandingThemeID")
    if branding:
        doc["BrandingThemeID"] = branding
    doc["LineAmountTypes"] = lat
    doc["SubTotal"] = totals["SubTotal"]
    doc["TotalTax"] = totals["TotalTax"]
    doc["Total"] = totals["Total"]
    if totals["TotalDiscount"]:
        doc["TotalDiscount"] = totals["TotalDiscount"]
    doc["CurrencyCode"] = currency
    doc["CurrencyRate"] = rate
    doc["Status"] = status
    doc["SentToContact"] = bool(pick(payload, existing, "SentToContact", False)) and status in (
        "AUTHORISED",
        "BILLED",
    )
    doc["HasAttachments"] = bool(existing.get("HasAttachments", False))
    # The store keeps LineItems apart and serves them last (records.row_json): answer a write
    # in the same order as a read (UpdatedDateUTC is stamped by Ledger.save, in place).
    doc["UpdatedDateUTC"] = None
    doc["LineItems"] = lines
    if contact is not None and not contact.get("IsSupplier"):
        ledger.save(R.CONTACTS, dict(contact, IsSupplier=True), created=False)
    return doc


def _currency(
    ledger: Ledger, payload: dict, existing: dict | None, errors: list[str]
) -> tuple[str, Decimal]:
    currency = str(
        transactions._pick(payload, existing, "CurrencyCode", ledger.base_currency)
    ).upper()
    if currency not in ledger.currencies:
        errors.append(f"Organisation is not subscribed to currency {currency}")
        return currency, Decimal(1)
    if currency == ledger.base_currency:
        return currency, Decimal("1.000000")
    given = payload.get("CurrencyRate")
    if given is None and existing and existing.get("CurrencyCode") == currency:
        given = existing.get("CurrencyRate")
    try:
        return currency, dec(given) or ledger.fx_rate(currency)
    except ValueError:
        errors.append("CurrencyRate must be a number")
        return currency, Decimal(1)


class BadFilter(ValueError):
    """A filter value Xero refuses (answered as a 400 QueryParseException)."""


def list_filters(args: dict[str, str], clauses: list[str], params: list) -> None:
    """``Status``, ``DateFrom`` and ``DateTo`` of ``GET /PurchaseOrders`` (lower-cased names)."""
    status = (args.get("status") or "").strip().upper()
    if status:
        if status not in STATUSES:
            raise BadFilter(f"'{args['status']}' is not a valid purchase order status")
        clauses.append("status = ?")
        params.append(status)
    for name, op in (("datefrom", ">="), ("dateto", "<=")):
        raw = (args.get(name) or "").strip()
        if not raw:
            continue
        try:
            day = parse_day(raw)
        except ValueError:
            day = None
        if day is None:
            raise BadFilter(f"The {name} '{raw}' is not a valid date")
        clauses.append(f"substr(date, 1, 10) {op} ?")
        params.append(day.isoformat())

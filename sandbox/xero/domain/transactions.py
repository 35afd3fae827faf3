"""Create and update invoices and credit notes with Xero's rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .. import resources as R
from ..ids import fresh, is_guid
from ..ledger import Ledger
from ..money import ZERO, dec, money
from ..xdates import day_fields, parse_day
from . import tracking
from .documents import contact_summary
from .errors import ValidationFailed
from .totals import compute_line, document_totals

LINE_AMOUNT_TYPES = ("Exclusive", "Inclusive", "NoTax")
OPEN = ("DRAFT", "SUBMITTED")
CLOSED = ("VOIDED", "DELETED")
# Fields that may change once money has been applied to the document.
META_FIELDS = {
    "Reference",
    "DueDate",
    "SentToContact",
    "ExpectedPaymentDate",
    "PlannedPaymentDate",
    "Url",
    "Status",
    "InvoiceID",
    "CreditNoteID",
    "InvoiceNumber",
    "CreditNoteNumber",
    "Type",
}
LOCKED = "This document cannot be edited as it has a payment or credit note allocated to it."


@dataclass(frozen=True)
class TxKind:
    """Invoice or credit note: what differs between the two."""

    resource: R.Resource
    noun: str
    number_field: str
    types: tuple[str, ...]
    sales_type: str
    prefix: str
    open_amount: str  # AmountDue | RemainingCredit


INVOICE = TxKind(
    R.INVOICES, "Invoice", "InvoiceNumber", ("ACCREC", "ACCPAY"), "ACCREC", "INV-", "AmountDue"
)
CREDIT_NOTE = TxKind(
    R.CREDIT_NOTES,
    "Credit Note",
    "CreditNoteNumber",
    ("ACCRECCREDIT", "ACCPAYCREDIT"),
    "ACCRECCREDIT",
    "CN-",
    "RemainingCredit",
)


def upsert(ledger: Ledger, kind: TxKind, payload: dict, existing: dict | None) -> dict:
    """Validate ``payload`` against ``existing`` (None to create) and save the result."""
    if existing is not None:
        target = str(payload.get("Status") or existing["Status"]).upper()
        _check_transition(kind, existing, target, payload)
        if target in CLOSED:
            return _close(ledger, kind, existing, target)
        if (
            existing["Status"] in ("AUTHORISED", "PAID")
            and _applied(existing)
            and not set(payload) <= META_FIELDS
        ):
            raise ValidationFailed(LOCKED)
    doc = _build(ledger, kind, payload, existing)
    return ledger.save(kind.resource, doc, created=existing is None, data=_event_data(kind, doc))


def _event_data(kind: TxKind, doc: dict) -> dict | None:
    return {"Type": doc["Type"], "Status": doc["Status"]} if kind is CREDIT_NOTE else None


def _applied(doc: dict) -> bool:
    return bool(
        dec(doc.get("AmountPaid"), ZERO)
        or dec(doc.get("AmountCredited"), ZERO)
        or doc.get("Allocations")
        or doc.get("Payments")
    )


def _check_transition(kind: TxKind, existing: dict, target: str, payload: dict) -> None:
    before = existing["Status"]
    invalid = f"{kind.noun} not of valid status for modification"
    if before in CLOSED:
        raise ValidationFailed(invalid)
    if before == "PAID":
        if target != "PAID" or not set(payload) <= META_FIELDS:
            raise ValidationFailed(LOCKED)
        return
    if before in OPEN and target not in (*OPEN, "AUTHORISED", "DELETED"):
        raise ValidationFailed(invalid)
    if before == "AUTHORISED":
        if target not in ("AUTHORISED", "VOIDED"):
            raise ValidationFailed(invalid)
        if target == "VOIDED" and _applied(existing):
            raise ValidationFailed(LOCKED)


def _close(ledger: Ledger, kind: TxKind, existing: dict, target: str) -> dict:
    doc = dict(existing)
    doc["Status"] = target
    doc[kind.open_amount] = money(ZERO)
    return ledger.save(kind.resource, doc, created=False, data=_event_data(kind, doc))


def _pick(payload: dict, existing: dict | None, key: str, default=None):
    if key in payload and payload[key] is not None:
        return payload[key]
    if existing is not None and existing.get(key) is not None:
        return existing[key]
    return default


def _day(payload: dict, existing: dict | None, key: str, errors: list[str]) -> date | None:
    raw = payload.get(key)
    if raw in (None, ""):
        return parse_day(existing.get(key)) if existing and existing.get(key) else None
    try:
        return parse_day(raw)
    except ValueError:
        errors.append(f"The {key} '{raw}' is not a valid date")
        return None


def resolve_contact(ledger: Ledger, ref: object, errors: list[str]) -> dict | None:
    """Find the referenced contact by ContactID, ContactNumber or Name (Xero creates by Name)."""
    if not isinstance(ref, dict) or not ref:
        errors.append("A Contact must be specified for this type of transaction")
        return None
    contact_id = ref.get("ContactID")
    if contact_id:
        found = ledger.records.get(R.CONTACTS, str(contact_id)) if is_guid(contact_id) else None
        if found is None:
            errors.append(f"The contact with ContactID '{contact_id}' does not exist")
        return found
    if ref.get("ContactNumber"):
        rows = ledger.records.by_column(R.CONTACTS, "number", str(ref["ContactNumber"]))
        if rows:
            return ledger.records.get(R.CONTACTS, rows[0]["id"])
    name = str(ref.get("Name") or "").strip()
    if not name:
        errors.append("A Contact must be specified for this type of transaction")
        return None
    for row in ledger.records.by_column(R.CONTACTS, "name", name):
        if row["status"] != "ARCHIVED":
            return ledger.records.get(R.CONTACTS, row["id"])
    from .contacts import upsert_contact

    return upsert_contact(ledger, {"Name": name}, None)


def _build(ledger: Ledger, kind: TxKind, payload: dict, existing: dict | None) -> dict:
    errors: list[str] = []
    status = str(_pick(payload, existing, "Status", "DRAFT")).upper()
    if existing is None and status not in (*OPEN, "AUTHORISED"):
        raise ValidationFailed(f"{kind.noun} not of valid status for creation")
    doc_type = str(_pick(payload, existing, "Type", "")).upper()
    if doc_type not in kind.types:
        errors.append(f"{kind.noun} Type must be one of {', '.join(kind.types)}")
    sales = doc_type == kind.sales_type

    contact = resolve_contact(
        ledger, payload.get("Contact") or (existing or {}).get("Contact"), errors
    )
    if contact is not None and contact.get("ContactStatus") == "ARCHIVED":
        errors.append(f"The contact '{contact['Name']}' is archived and cannot be used")

    today = ledger.clock.now().date()
    issued = _day(payload, existing, "Date", errors) or today
    due = _day(payload, existing, "DueDate", errors)
    if kind is INVOICE and status == "AUTHORISED" and due is None:
        errors.append("Due Date is mandatory for approved invoices")

    lat = str(_pick(payload, existing, "LineAmountTypes", "Exclusive"))
    lat = {
        "exclusive": "Exclusive",
        "inclusive": "Inclusive",
        "notax": "NoTax",
        "none": "NoTax",
    }.get(lat.lower(), lat)
    if lat not in LINE_AMOUNT_TYPES:
        errors.append("LineAmountTypes must be one of Exclusive, Inclusive, NoTax")

    currency = str(_pick(payload, existing, "CurrencyCode", ledger.base_currency)).upper()
    if currency not in ledger.currencies:
        errors.append(f"Organisation is not subscribed to currency {currency}")
        rate = Decimal(1)
    elif currency == ledger.base_currency:
        rate = Decimal("1.000000")
    else:
        given_rate = payload.get("CurrencyRate")
        if given_rate is None and existing and existing.get("CurrencyCode") == currency:
            given_rate = existing.get("CurrencyRate")
        try:
            rate = dec(given_rate) or ledger.fx_rate(currency)
        except ValueError:
            errors.append("CurrencyRate must be a number")
            rate = Decimal(1)

    raw_lines = payload.get("LineItems")
    if raw_lines is None:
        raw_lines = (existing or {}).get("LineItems", [])
    if not isinstance(raw_lines, list):
        errors.append("LineItems must be a list")
        raw_lines = []
    lines = [_line(ledger, raw, lat, status, sales, doc_type, errors) for raw in raw_lines]
    lines = [line for line in lines if line is not None]
    if status == "AUTHORISED" and not lines:
        errors.append(
            f"At least one line item must be specified for an approved {kind.noun.lower()}"
        )

    number = _pick(payload, existing, kind.number_field)
    if errors:
        raise ValidationFailed(*errors)

    record_id = (existing or {}).get(kind.resource.id_field) or fresh()
    if not number and sales:
        seq = ledger.store.next_sequence(ledger.tenant_id, kind.prefix)
        number = f"{kind.prefix}{seq:04d}"
    if number and sales and _number_taken(ledger, kind, str(number), record_id):
        raise ValidationFailed(
            f"{'Invoice' if kind is INVOICE else 'Credit Note'} # must be unique."
        )

    totals = document_totals(lines, lat)
    if totals["Total"] < 0:
        raise ValidationFailed(f"{kind.noun} total cannot be negative.")
    for line in lines:
        line.pop("_discount", None)
    doc = _assemble(
        kind,
        existing,
        payload,
        record_id,
        doc_type,
        number,
        contact,
        issued,
        due,
        status,
        lat,
        currency,
        rate,
        lines,
        totals,
    )
    if contact is not None:
        _mark_contact_role(ledger, contact, sales, kind)
    return doc


def _number_taken(ledger: Ledger, kind: TxKind, number: str, record_id: str) -> bool:
    for row in ledger.records.by_column(kind.resource, "number", number):
        if (
            row["id"] != record_id.lower()
            and row["status"] not in CLOSED
            and row["type"] == kind.sales_type
        ):
            return True
    return False


def _line(
    ledger: Ledger,
    raw: object,
    lat: str,
    status: str,
    sales: bool,
    doc_type: str,
    errors: list[str],
) -> dict | None:
    if not isinstance(raw, dict):
        errors.append("Each line item must be an object")
        return None
    line = {k: v for k, v in raw.items() if k not in ("ValidationErrors",)}
    item = None
    if line.get("ItemCode"):
        item = ledger.items.get(str(line["ItemCode"]))
        if item is None:
            errors.append(f"Item code '{line['ItemCode']}' is not valid")
        else:
            details = item.get("SalesDetails" if sales else "PurchaseDetails") or {}
            line.setdefault(
                "Description",
                item.get("Description" if sales else "PurchaseDescription") or item["Name"],
            )
            if (
                line.get("UnitAmount") is None
                and details.get("UnitPrice") is not None
                and line.get("LineAmount") is None
            ):
                line["UnitAmount"] = details["UnitPrice"]
            if details.get("AccountCode"):
                line.setdefault("AccountCode", details["AccountCode"])
            if details.get("TaxType"):
                line.setdefault("TaxType", details["TaxType"])
            line["Item"] = {"ItemID": item["ItemID"], "Name": item["Name"], "Code": item["Code"]}
    if not str(line.get("Description") or "").strip() and item is None:
        errors.append("Description needs to be at least 1 char long")
    account = None
    if line.get("AccountID") and not line.get("AccountCode"):
        # AccountID is an alternative to AccountCode on lines (Xero, since December 2023).
        account = ledger.accounts_by_id.get(str(line["AccountID"]).lower())
        if account:
            line["AccountCode"] = account["Code"]
        else:
            errors.append("Account must be valid.")
    if line.get("AccountCode"):
        account = ledger.accounts.get(str(line["AccountCode"]))
        if account is not None and account.get("Status") in ("ARCHIVED", "DELETED"):
            errors.append(
                f"Account code '{line['AccountCode']}' has been archived, or has been deleted. "
                "Each line item must reference a valid account."
            )
            account = None
        elif account is None or account.get("Status") != "ACTIVE" or account.get("Type") == "BANK":
            errors.append(
                f"Account code '{line['AccountCode']}' is not a valid code for this document."
            )
            account = None
        else:
            line["AccountID"] = account["AccountID"]
    elif status not in OPEN:
        errors.append("Account code must be specified for each line item of an approved document")
    if lat == "NoTax":
        tax_type = "NONE"
    else:
        tax_type = str(
            line.get("TaxType") or (account or {}).get("TaxType") or ledger.default_tax(sales)
        )
    percent = ledger.tax_percent(tax_type)
    if percent is None:
        errors.append(
            f"The TaxType code '{tax_type}' does not exist or cannot be used "
            "with this type of transaction."
        )
        percent = ZERO
    line["TaxType"] = tax_type
    try:
        computed = compute_line(line, percent, lat, allow_discount=doc_type == "ACCREC")
    except ValidationFailed as exc:
        errors.extend(exc.messages)
        return None
    computed["LineItemID"] = str(line.get("LineItemID") or fresh()).lower()
    computed["Tracking"] = tracking.resolve_line(ledger, line.get("Tracking"), errors)
    return _ordered_line(computed)


_LINE_ORDER = (
    "LineItemID",
    "Description",
    "Quantity",
    "UnitAmount",
    "ItemCode",
    "AccountCode",
    "AccountID",
    "TaxType",
    "TaxAmount",
    "LineAmount",
    "DiscountRate",
    "DiscountAmount",
    "Tracking",
    "Item",
    "_discount",
)


def _ordered_line(line: dict) -> dict:
    out = {k: line[k] for k in _LINE_ORDER if k in line}
    out.update({k: v for k, v in line.items() if k not in out})
    return out


def _assemble(
    kind,
    existing,
    payload,
    record_id,
    doc_type,
    number,
    contact,
    issued,
    due,
    status,
    lat,
    currency,
    rate,
    lines,
    totals,
) -> dict:
    existing = existing or {}
    paid = dec(existing.get("AmountPaid"), ZERO)
    credited = dec(existing.get("AmountCredited"), ZERO)
    doc: dict = {"Type": doc_type, kind.resource.id_field: record_id}
    if number:
        doc[kind.number_field] = str(number)
    reference = _pick(payload, existing, "Reference")
    if reference is not None:
        doc["Reference"] = str(reference)
    doc["Payments"] = existing.get("Payments", [])
    if kind is INVOICE:
        doc["CreditNotes"] = existing.get("CreditNotes", [])
        doc["Prepayments"] = []
        doc["Overpayments"] = []
        doc["AmountDue"] = (
            money(totals["Total"] - paid - credited) if status not in CLOSED else money(ZERO)
        )
        doc["AmountPaid"] = money(paid)
        doc["AmountCredited"] = money(credited)
    else:
        doc["Allocations"] = existing.get("Allocations", [])
        refunds = sum((dec(p["Amount"]) for p in doc["Payments"]), ZERO)
        applied = money(sum((dec(a["Amount"]) for a in doc["Allocations"]), ZERO) + refunds)
        doc["RemainingCredit"] = (
            money(totals["Total"] - applied)
            if status == "AUTHORISED"
            else (money(totals["Total"]) if status in OPEN else money(ZERO))
        )
        doc["AppliedAmount"] = applied
    doc["SentToContact"] = bool(_pick(payload, existing, "SentToContact", False)) and status in (
        "AUTHORISED",
        "PAID",
    )
    doc["CurrencyRate"] = rate
    if kind is INVOICE:
        doc["IsDiscounted"] = totals["IsDiscounted"]
    doc["HasAttachments"] = bool(existing.get("HasAttachments", False))
    doc["HasErrors"] = False
    doc["Contact"] = contact_summary(contact)
    doc.update(day_fields("Date", issued))
    doc.update(day_fields("DueDate", due))
    doc["Status"] = status
    doc["LineAmountTypes"] = lat
    doc["LineItems"] = lines
    doc["SubTotal"] = totals["SubTotal"]
    doc["TotalTax"] = totals["TotalTax"]
    doc["Total"] = totals["Total"]
    if totals["TotalDiscount"] and kind is INVOICE:
        doc["TotalDiscount"] = totals["TotalDiscount"]
    doc["CurrencyCode"] = currency
    for key in ("Url", "BrandingThemeID"):
        value = _pick(payload, existing, key)
        if value:
            doc[key] = value
    for key in ("ExpectedPaymentDate", "PlannedPaymentDate", "FullyPaidOnDate"):
        value = payload.get(key) if key != "FullyPaidOnDate" else None
        day = (
            parse_day(value)
            if value
            else parse_day(existing.get(key))
            if existing.get(key)
            else None
        )
        if day:
            doc.update(day_fields(key, day))
    return doc


def _mark_contact_role(ledger: Ledger, contact: dict, sales: bool, kind: TxKind) -> None:
    flag = "IsCustomer" if sales else "IsSupplier"
    if not contact.get(flag):
        updated = dict(contact)
        updated[flag] = True
        ledger.save(R.CONTACTS, updated, created=False)

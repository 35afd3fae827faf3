"""Pure mapping functions between Xero payloads and unified models, both ways.

Reading: ``invoice_from_xero``, ``contact_from_xero``, ``payment_from_xero`` take one Xero
record (decoded with ``parse_float=Decimal``) and return the unified record with
``remote_data`` set to it. Writing: ``invoice_to_xero``, ``contact_to_xero``,
``payment_to_xero`` take a unified write input (only the fields set are sent) or a full unified
record (every mapped field is sent; used for round trips and to seed emulators).
``validation_details`` turns a Xero ``ValidationException`` body into unified field paths.

Choices (documented for users):
- Status: DRAFT→DRAFT, SUBMITTED→SUBMITTED, AUTHORISED→OPEN (PARTIALLY_PAID when AmountPaid > 0),
  PAID→PAID, VOIDED→VOID, DELETED→``remote_was_deleted=True`` with ``status=None``.
- Addresses: Xero ``POBOX`` (the postal address, what invoices are sent to) → BILLING, ``STREET``
  (the physical address) → SHIPPING. AddressLine1 → street_1; AddressLine2..4 → street_2 joined
  with newlines. Empty addresses and phones (Xero always returns all slots) are dropped.
- Phones: DEFAULT→DEFAULT, DDI→DIRECT, MOBILE→MOBILE, FAX→FAX.
- Line ``total_amount`` is Xero's LineAmount (net or gross per ``tax_treatment``); ``discount``
  is DiscountAmount, ``discount_rate`` DiscountRate (percent).
- Payments: the Xero payment's one document becomes ``applied_to[0]``; contact and currency come
  from that document. Xero DELETED payments (the way Xero reverses them) → ``status=VOID``.
- Amounts carry the currency's minor units (``connectors.money.amount``, the rule every
  provider shares); unit amounts, quantities and rates keep Xero's precision (up to 4 places).
- Empty strings from Xero are read as null.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from unified_models import (
    Address,
    AddressType,
    Contact,
    ContactInput,
    ContactStatus,
    Invoice,
    InvoiceInput,
    InvoiceStatus,
    InvoiceType,
    Payment,
    PaymentApplication,
    PaymentInput,
    PaymentStatus,
    PaymentType,
    PhoneNumber,
    PhoneNumberType,
    RelatedObjectType,
    TaxTreatment,
)

from ..money import amount
from .dates import format_date, format_ms_date, parse_date, parse_datetime

__all__ = [
    "contact_from_xero",
    "contact_to_xero",
    "invoice_from_xero",
    "invoice_status",
    "invoice_to_xero",
    "payment_from_xero",
    "payment_to_xero",
    "validation_details",
]

# -- code tables ---------------------------------------------------------------------------------
INVOICE_TYPES = {"ACCREC": InvoiceType.ACCOUNTS_RECEIVABLE, "ACCPAY": InvoiceType.ACCOUNTS_PAYABLE}
INVOICE_TYPES_OUT = {v: k for k, v in INVOICE_TYPES.items()}

INVOICE_STATUSES = {
    "DRAFT": InvoiceStatus.DRAFT,
    "SUBMITTED": InvoiceStatus.SUBMITTED,
    "AUTHORISED": InvoiceStatus.OPEN,
    "PAID": InvoiceStatus.PAID,
    "VOIDED": InvoiceStatus.VOID,
}
INVOICE_STATUSES_OUT = {
    InvoiceStatus.DRAFT: "DRAFT",
    InvoiceStatus.SUBMITTED: "SUBMITTED",
    InvoiceStatus.OPEN: "AUTHORISED",
    InvoiceStatus.PARTIALLY_PAID: "AUTHORISED",
    InvoiceStatus.PAID: "PAID",
    InvoiceStatus.VOID: "VOIDED",
}

LINE_AMOUNT_TYPES = {
    "Exclusive": TaxTreatment.EXCLUSIVE,
    "Inclusive": TaxTreatment.INCLUSIVE,
    "NoTax": TaxTreatment.NO_TAX,
}
LINE_AMOUNT_TYPES_OUT = {v: k for k, v in LINE_AMOUNT_TYPES.items()}
# Xero also spells them in upper case on contacts (SalesDefaultLineAmountType).
_LINE_AMOUNT_TYPES_CI = {k.upper(): v for k, v in LINE_AMOUNT_TYPES.items()}

ADDRESS_TYPES = {"POBOX": AddressType.BILLING, "STREET": AddressType.SHIPPING}
ADDRESS_TYPES_OUT = {v: k for k, v in ADDRESS_TYPES.items()}

PHONE_TYPES = {
    "DEFAULT": PhoneNumberType.DEFAULT,
    "DDI": PhoneNumberType.DIRECT,
    "MOBILE": PhoneNumberType.MOBILE,
    "FAX": PhoneNumberType.FAX,
}
PHONE_TYPES_OUT = {v: k for k, v in PHONE_TYPES.items()}

CONTACT_STATUSES = {
    "ACTIVE": ContactStatus.ACTIVE,
    "ARCHIVED": ContactStatus.ARCHIVED,
    "GDPRREQUEST": ContactStatus.ARCHIVED,
}
CONTACT_STATUSES_OUT = {ContactStatus.ACTIVE: "ACTIVE", ContactStatus.ARCHIVED: "ARCHIVED"}

PAYMENT_TYPES = {
    "ACCRECPAYMENT": PaymentType.ACCOUNTS_RECEIVABLE,
    "ARCREDITPAYMENT": PaymentType.ACCOUNTS_RECEIVABLE,
    "AROVERPAYMENTPAYMENT": PaymentType.ACCOUNTS_RECEIVABLE,
    "ARPREPAYMENTPAYMENT": PaymentType.ACCOUNTS_RECEIVABLE,
    "ACCPAYPAYMENT": PaymentType.ACCOUNTS_PAYABLE,
    "APCREDITPAYMENT": PaymentType.ACCOUNTS_PAYABLE,
    "APOVERPAYMENTPAYMENT": PaymentType.ACCOUNTS_PAYABLE,
    "APPREPAYMENTPAYMENT": PaymentType.ACCOUNTS_PAYABLE,
}
PAYMENT_TYPES_OUT = {
    (PaymentType.ACCOUNTS_RECEIVABLE, RelatedObjectType.INVOICE): "ACCRECPAYMENT",
    (PaymentType.ACCOUNTS_RECEIVABLE, RelatedObjectType.CREDIT_NOTE): "ARCREDITPAYMENT",
    (PaymentType.ACCOUNTS_RECEIVABLE, RelatedObjectType.OVERPAYMENT): "AROVERPAYMENTPAYMENT",
    (PaymentType.ACCOUNTS_RECEIVABLE, RelatedObjectType.PREPAYMENT): "ARPREPAYMENTPAYMENT",
    (PaymentType.ACCOUNTS_PAYABLE, RelatedObjectType.INVOICE): "ACCPAYPAYMENT",
    (PaymentType.ACCOUNTS_PAYABLE, RelatedObjectType.CREDIT_NOTE): "APCREDITPAYMENT",
    (PaymentType.ACCOUNTS_PAYABLE, RelatedObjectType.OVERPAYMENT): "APOVERPAYMENTPAYMENT",
    (PaymentType.ACCOUNTS_PAYABLE, RelatedObjectType.PREPAYMENT): "APPREPAYMENTPAYMENT",
}
PAYMENT_STATUSES = {"AUTHORISED": PaymentStatus.POSTED, "DELETED": PaymentStatus.VOID}
PAYMENT_STATUSES_OUT = {v: k for k, v in PAYMENT_STATUSES.items()}

#: Xero key of the document a payment is applied to → (unified type, id field, number field).
PAYMENT_DOCUMENTS = (
    ("Invoice", RelatedObjectType.INVOICE, "InvoiceID"),
    ("CreditNote", RelatedObjectType.CREDIT_NOTE, "CreditNoteID"),
    ("Prepayment", RelatedObjectType.PREPAYMENT, "PrepaymentID"),
    ("Overpayment", RelatedObjectType.OVERPAYMENT, "OverpaymentID"),
)
PAYMENT_DOCUMENTS_OUT = {t: (key, id_field) for key, t, id_field in PAYMENT_DOCUMENTS}
_CREDIT_NOTE_INVOICE_TYPES = {"ACCRECCREDIT", "ACCPAYCREDIT"}


# -- small helpers -------------------------------------------------------------------------------
def _s(value: Any) -> str | None:
    """Xero sends "" for unset strings."""
    return value if value != "" else None


def _id(obj: Any, key: str) -> str | None:
    return _s(obj.get(key)) if isinstance(obj, Mapping) else None


def _put(out: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        out[key] = value


def invoice_status(raw_status: str | None, amount_paid: Any) -> InvoiceStatus | None:
    status = INVOICE_STATUSES.get(raw_status or "")
    if status is InvoiceStatus.OPEN and amount_paid and Decimal(amount_paid) > 0:
        return InvoiceStatus.PARTIALLY_PAID
    return status


# -- Xero → unified ------------------------------------------------------------------------------
def _tracking_from_xero(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "category_remote_id": _s(t.get("TrackingCategoryID")),
            "name": _s(t.get("Name")),
            "option": _s(t.get("Option")),
            "option_remote_id": _s(t.get("TrackingOptionID")),
        }
        for t in rows
    ]


def _line_from_xero(line: Mapping[str, Any], currency: str | None) -> dict[str, Any]:
    """A line item as a dict: validated with its invoice in one pydantic call (fast path)."""
    get = line.get
    item = get("Item")
    tracking = get("Tracking")
    return {
        "remote_id": _s(get("LineItemID")),
        "description": _s(get("Description")),
        "quantity": get("Quantity"),
        "unit_price": get("UnitAmount"),
        "discount": amount(get("DiscountAmount"), currency),
        "discount_rate": get("DiscountRate"),
        "tax_amount": amount(get("TaxAmount"), currency),
        "total_amount": amount(get("LineAmount"), currency),
        "account_remote_id": _s(get("AccountID")),
        "account_code": _s(get("AccountCode")),
        "item_remote_id": _id(item, "ItemID"),
        "item_code": _s(get("ItemCode")) or _id(item, "Code"),
        "tax_rate_remote_id": _s(get("TaxType")),
        "tracking_categories": _tracking_from_xero(tracking) if tracking else [],
    }


def invoice_from_xero(raw: Mapping[str, Any]) -> Invoice:
    get = raw.get
    status_raw = get("Status")
    deleted = status_raw == "DELETED"
    amount_paid = get("AmountPaid")
    currency = _s(get("CurrencyCode"))
    return Invoice.model_validate(
        {
            "remote_id": raw["InvoiceID"],
            "remote_updated_at": parse_datetime(get("UpdatedDateUTC")),
            "remote_was_deleted": deleted,
            "remote_data": raw,
            "type": INVOICE_TYPES[raw["Type"]],
            "number": _s(get("InvoiceNumber")),
            "contact_remote_id": _id(get("Contact"), "ContactID"),
            "issue_date": parse_date(get("Date")),
            "due_date": parse_date(get("DueDate")),
            "paid_on_date": parse_date(get("FullyPaidOnDate")),
            "reference": _s(get("Reference")),
            "currency": currency,
            "exchange_rate": get("CurrencyRate"),
            "tax_treatment": LINE_AMOUNT_TYPES.get(get("LineAmountTypes") or ""),
            "sub_total": amount(get("SubTotal"), currency),
            "total_tax_amount": amount(get("TotalTax"), currency),
            "total_discount": amount(get("TotalDiscount"), currency),
            "total_amount": amount(get("Total"), currency),
            "amount_paid": amount(amount_paid, currency),
            "amount_credited": amount(get("AmountCredited"), currency),
            "balance": amount(get("AmountDue"), currency),
            "status": None if deleted else invoice_status(status_raw, amount_paid),
            "status_raw": status_raw,
            "line_items": [_line_from_xero(li, currency) for li in get("LineItems") or ()],
            "payment_remote_ids": [
                p["PaymentID"] for p in get("Payments") or () if p.get("PaymentID")
            ],
        }
    )


def _address_from_xero(row: Mapping[str, Any]) -> Address | None:
    kind = ADDRESS_TYPES.get(row.get("AddressType") or "")
    if kind is None:
        return None
    extra = [row.get(f"AddressLine{i}") for i in (2, 3, 4)]
    values = {
        "street_1": _s(row.get("AddressLine1")),
        "street_2": "\n".join(x for x in extra if x) or None,
        "city": _s(row.get("City")),
        "region": _s(row.get("Region")),
        "postal_code": _s(row.get("PostalCode")),
        "country": _s(row.get("Country")),
        "attention_to": _s(row.get("AttentionTo")),
    }
    if not any(values.values()):
        return None
    return Address(type=kind, **values)


def _phone_from_xero(row: Mapping[str, Any]) -> PhoneNumber | None:
    kind = PHONE_TYPES.get(row.get("PhoneType") or "")
    number = _s(row.get("PhoneNumber"))
    if kind is None or number is None:
        return None
    return PhoneNumber(
        type=kind,
        number=number,
        area_code=_s(row.get("PhoneAreaCode")),
        country_code=_s(row.get("PhoneCountryCode")),
    )


def contact_from_xero(raw: Mapping[str, Any]) -> Contact:
    status_raw = raw.get("ContactStatus")
    addresses = [_address_from_xero(a) for a in raw.get("Addresses") or ()]
    phones = [_phone_from_xero(p) for p in raw.get("Phones") or ()]
    return Contact(
        remote_id=raw["ContactID"],
        remote_updated_at=parse_datetime(raw.get("UpdatedDateUTC")),
        remote_was_deleted=False,
        remote_data=dict(raw),
        name=_s(raw.get("Name")),
        first_name=_s(raw.get("FirstName")),
        last_name=_s(raw.get("LastName")),
        is_customer=bool(raw.get("IsCustomer")),
        is_supplier=bool(raw.get("IsSupplier")),
        email_address=_s(raw.get("EmailAddress")),
        tax_number=_s(raw.get("TaxNumber")),
        account_number=_s(raw.get("AccountNumber")),
        status=CONTACT_STATUSES.get(status_raw or ""),
        status_raw=status_raw,
        currency=_s(raw.get("DefaultCurrency")),
        addresses=[a for a in addresses if a is not None],
        phone_numbers=[p for p in phones if p is not None],
    )


def _payment_document(raw: Mapping[str, Any]) -> tuple[RelatedObjectType, Mapping[str, Any]]:
    for key, kind, id_field in PAYMENT_DOCUMENTS:
        doc = raw.get(key)
        if isinstance(doc, Mapping) and doc.get(id_field):
            if kind is RelatedObjectType.INVOICE and doc.get("Type") in _CREDIT_NOTE_INVOICE_TYPES:
                kind = RelatedObjectType.CREDIT_NOTE
            return kind, {**doc, "_id": doc[id_field]}
    return RelatedObjectType.INVOICE, {}


def payment_from_xero(raw: Mapping[str, Any]) -> Payment:
    kind, doc = _payment_document(raw)
    status_raw = raw.get("Status")
    account = raw.get("Account")
    currency = _s(doc.get("CurrencyCode"))
    applied = (
        [
            PaymentApplication(
                related_object_type=kind,
                related_object_remote_id=doc["_id"],
                applied_amount=amount(raw.get("Amount"), currency),
            )
        ]
        if doc and raw.get("Amount") is not None
        else []
    )
    return Payment(
        remote_id=raw["PaymentID"],
        remote_updated_at=parse_datetime(raw.get("UpdatedDateUTC")),
        remote_was_deleted=False,
        remote_data=dict(raw),
        type=PAYMENT_TYPES.get(raw.get("PaymentType") or ""),
        transaction_date=parse_date(raw.get("Date")),
        contact_remote_id=_id(doc.get("Contact"), "ContactID"),
        account_remote_id=_id(account, "AccountID"),
        account_code=_id(account, "Code"),
        currency=currency,
        exchange_rate=raw.get("CurrencyRate"),
        total_amount=amount(raw.get("Amount"), currency),
        reference=_s(raw.get("Reference")),
        status=PAYMENT_STATUSES.get(status_raw or ""),
        status_raw=status_raw,
        applied_to=applied,
    )


# -- unified → Xero ------------------------------------------------------------------------------
def _values(data: Any) -> dict[str, Any]:
    """Fields to write: what the caller set on an input, every field of a record."""
    if hasattr(data, "changes"):
        return data.changes()
    return {name: getattr(data, name) for name in type(data).model_fields}


def _tracking_to_xero(rows: Sequence[Any]) -> list[dict[str, Any]]:
    out = []
    for t in rows:
        row: dict[str, Any] = {}
        _put(row, "TrackingCategoryID", t.category_remote_id)
        _put(row, "TrackingOptionID", t.option_remote_id)
        _put(row, "Name", t.name)
        _put(row, "Option", t.option)
        out.append(row)
    return out


_LINE_OUT = (
    ("remote_id", "LineItemID"),
    ("description", "Description"),
    ("quantity", "Quantity"),
    ("unit_price", "UnitAmount"),
    ("discount", "DiscountAmount"),
    ("discount_rate", "DiscountRate"),
    ("tax_amount", "TaxAmount"),
    ("total_amount", "LineAmount"),
    ("account_remote_id", "AccountID"),
    ("account_code", "AccountCode"),
    ("item_code", "ItemCode"),
    ("tax_rate_remote_id", "TaxType"),
)


def _line_to_xero(line: Any) -> dict[str, Any]:
    values = _values(line)
    out: dict[str, Any] = {}
    for field, key in _LINE_OUT:
        if field in values:
            _put(out, key, values[field])
    if values.get("item_remote_id"):
        item = {"ItemID": values["item_remote_id"]}
        _put(item, "Code", values.get("item_code"))
        out["Item"] = item
    if values.get("tracking_categories"):
        out["Tracking"] = _tracking_to_xero(values["tracking_categories"])
    return out


def invoice_to_xero(
    data: InvoiceInput | Invoice, *, remote_id: str | None = None
) -> dict[str, Any]:
    """A Xero invoice body. Unsupported fields set on an input raise ValueError-free: the caller
    checks ``unsupported_fields`` first."""
    v = _values(data)
    out: dict[str, Any] = {}
    _put(out, "InvoiceID", remote_id or v.get("remote_id"))
    if v.get("type") is not None:
        out["Type"] = INVOICE_TYPES_OUT[v["type"]]
    _put(out, "InvoiceNumber", v.get("number"))
    if v.get("contact_remote_id"):
        out["Contact"] = {"ContactID": v["contact_remote_id"]}
    if "issue_date" in v:
        _put(out, "Date", format_date(v["issue_date"]))
    if "due_date" in v:
        _put(out, "DueDate", format_date(v["due_date"]))
    _put(out, "Reference", v.get("reference"))
    _put(out, "CurrencyCode", v.get("currency"))
    _put(out, "CurrencyRate", v.get("exchange_rate"))
    if v.get("tax_treatment") is not None:
        out["LineAmountTypes"] = LINE_AMOUNT_TYPES_OUT[v["tax_treatment"]]
    if v.get("remote_was_deleted"):
        out["Status"] = "DELETED"
    elif v.get("status") is not None:
        out["Status"] = INVOICE_STATUSES_OUT[v["status"]]
    if v.get("line_items") is not None:
        out["LineItems"] = [_line_to_xero(li) for li in v["line_items"]]
    if isinstance(data, Invoice):  # read-only fields, for round trips and emulators
        _put(
            out, "UpdatedDateUTC", data.remote_updated_at and format_ms_date(data.remote_updated_at)
        )
        _put(out, "FullyPaidOnDate", data.paid_on_date and format_date(data.paid_on_date))
        for field, key in (
            ("sub_total", "SubTotal"),
            ("total_tax_amount", "TotalTax"),
            ("total_discount", "TotalDiscount"),
            ("total_amount", "Total"),
            ("amount_paid", "AmountPaid"),
            ("amount_credited", "AmountCredited"),
            ("balance", "AmountDue"),
        ):
            _put(out, key, v.get(field))
        out["Payments"] = [{"PaymentID": p} for p in data.payment_remote_ids]
    return out


def _address_to_xero(a: Address) -> dict[str, Any]:
    out: dict[str, Any] = {"AddressType": ADDRESS_TYPES_OUT[a.type]}
    _put(out, "AddressLine1", a.street_1)
    if a.street_2:
        for i, line in enumerate(a.street_2.split("\n")[:3], start=2):
            out[f"AddressLine{i}"] = line
    _put(out, "City", a.city)
    _put(out, "Region", a.region)
    _put(out, "PostalCode", a.postal_code)
    _put(out, "Country", a.country)
    _put(out, "AttentionTo", a.attention_to)
    return out


def _phone_to_xero(p: PhoneNumber) -> dict[str, Any]:
    out: dict[str, Any] = {"PhoneType": PHONE_TYPES_OUT[p.type], "PhoneNumber": p.number}
    _put(out, "PhoneAreaCode", p.area_code)
    _put(out, "PhoneCountryCode", p.country_code)
    return out


_CONTACT_OUT = (
    ("name", "Name"),
    ("first_name", "FirstName"),
    ("last_name", "LastName"),
    ("email_address", "EmailAddress"),
    ("tax_number", "TaxNumber"),
    ("account_number", "AccountNumber"),
    ("currency", "DefaultCurrency"),
)


def contact_to_xero(
    data: ContactInput | Contact, *, remote_id: str | None = None
) -> dict[str, Any]:
    v = _values(data)
    out: dict[str, Any] = {}
    _put(out, "ContactID", remote_id or v.get("remote_id"))
    for field, key in _CONTACT_OUT:
        if field in v:
            _put(out, key, v[field])
    if v.get("status") is not None:
        out["ContactStatus"] = CONTACT_STATUSES_OUT[v["status"]]
    if v.get("addresses") is not None:
        out["Addresses"] = [_address_to_xero(a) for a in v["addresses"]]
    if v.get("phone_numbers") is not None:
        out["Phones"] = [_phone_to_xero(p) for p in v["phone_numbers"]]
    if isinstance(data, Contact):
        out["IsCustomer"] = data.is_customer
        out["IsSupplier"] = data.is_supplier
        _put(
            out, "UpdatedDateUTC", data.remote_updated_at and format_ms_date(data.remote_updated_at)
        )
    return out


def payment_to_xero(
    data: PaymentInput | Payment, *, remote_id: str | None = None
) -> dict[str, Any]:
    v = _values(data)
    out: dict[str, Any] = {}
    _put(out, "PaymentID", remote_id or v.get("remote_id"))
    applied = v.get("applied_to") or []
    if applied:
        first = applied[0]
        key, id_field = PAYMENT_DOCUMENTS_OUT[first.related_object_type]
        doc: dict[str, Any] = {id_field: first.related_object_remote_id}
        if isinstance(data, Payment):
            if data.contact_remote_id:
                doc["Contact"] = {"ContactID": data.contact_remote_id}
            _put(doc, "CurrencyCode", data.currency)
        out[key] = doc
        amount = v.get("total_amount")
        _put(out, "Amount", amount if amount is not None else first.applied_amount)
    else:
        _put(out, "Amount", v.get("total_amount"))
    account: dict[str, Any] = {}
    _put(account, "AccountID", v.get("account_remote_id"))
    _put(account, "Code", v.get("account_code"))
    if account:
        out["Account"] = account
    if "transaction_date" in v:
        _put(out, "Date", format_date(v["transaction_date"]))
    _put(out, "CurrencyRate", v.get("exchange_rate"))
    _put(out, "Reference", v.get("reference"))
    if isinstance(data, Payment):
        if data.status is not None:
            out["Status"] = PAYMENT_STATUSES_OUT[data.status]
        if data.type is not None and applied:
            out["PaymentType"] = PAYMENT_TYPES_OUT[(data.type, applied[0].related_object_type)]
        _put(
            out, "UpdatedDateUTC", data.remote_updated_at and format_ms_date(data.remote_updated_at)
        )
    return out


# -- validation errors ---------------------------------------------------------------------------
#: (pattern on Xero's message, unified field). First match wins; order from specific to general.
_FIELD_HINTS: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    "invoice": (
        (re.compile(r"invoice ?number|invoice #", re.I), "number"),
        (re.compile(r"due ?date", re.I), "due_date"),
        (re.compile(r"currency ?rate|exchange rate", re.I), "exchange_rate"),
        (re.compile(r"currency", re.I), "currency"),
        (re.compile(r"contact", re.I), "contact"),
        (re.compile(r"reference", re.I), "reference"),
        (re.compile(r"line ?amount ?types?|tax (inclusive|exclusive)", re.I), "tax_treatment"),
        (
            re.compile(r"status|cannot be (voided|deleted|modified)|not of valid status", re.I),
            "status",
        ),
        (re.compile(r"\bdate\b", re.I), "issue_date"),
        (re.compile(r"line ?items?", re.I), "line_items"),
    ),
    "line_item": (
        (re.compile(r"account", re.I), "account_code"),
        (re.compile(r"item ?code|\bitem\b", re.I), "item_code"),
        (re.compile(r"quantity", re.I), "quantity"),
        (re.compile(r"unit ?(amount|price)|price", re.I), "unit_price"),
        (re.compile(r"discount", re.I), "discount"),
        (re.compile(r"tax ?(type|rate)|tax ?amount|\btax\b", re.I), "tax_rate_remote_id"),
        (re.compile(r"tracking", re.I), "tracking_categories"),
        (re.compile(r"description", re.I), "description"),
    ),
    "contact": (
        (re.compile(r"e-?mail", re.I), "email_address"),
        (re.compile(r"first ?name", re.I), "first_name"),
        (re.compile(r"last ?name", re.I), "last_name"),
        (re.compile(r"account ?number", re.I), "account_number"),
        (re.compile(r"tax ?number", re.I), "tax_number"),
        (re.compile(r"currency", re.I), "currency"),
        (re.compile(r"address", re.I), "addresses"),
        (re.compile(r"phone", re.I), "phone_numbers"),
        (re.compile(r"status|archived", re.I), "status"),
        (re.compile(r"name", re.I), "name"),
    ),
    "payment": (
        (re.compile(r"account", re.I), "account_code"),
        (re.compile(r"amount|outstanding|exceed", re.I), "applied_to[0].applied_amount"),
        (
            re.compile(r"invoice|credit ?note|prepayment|overpayment", re.I),
            "applied_to[0].related_object_id",
        ),
        (re.compile(r"currency ?rate|exchange", re.I), "exchange_rate"),
        (re.compile(r"reference", re.I), "reference"),
        (re.compile(r"date", re.I), "transaction_date"),
    ),
    "account": (
        (re.compile(r"tax ?type|\btax\b", re.I), "tax_rate_remote_id"),
        (re.compile(r"bank account number", re.I), "bank_account_number"),
        (re.compile(r"currency", re.I), "currency"),
        (re.compile(r"status|archived", re.I), "status"),
        (re.compile(r"account type|\btype\b", re.I), "type"),
        (re.compile(r"\bcode\b", re.I), "code"),
        (re.compile(r"\bname\b", re.I), "name"),
        (re.compile(r"description", re.I), "description"),
    ),
    "item": (
        (re.compile(r"tax ?type.*salesdetails", re.I), "sale_tax_rate_remote_id"),
        (re.compile(r"tax ?type.*purchasedetails", re.I), "purchase_tax_rate_remote_id"),
        (re.compile(r"inventory", re.I), "inventory_asset_account_code"),
        (re.compile(r"cogs|purchasedetails", re.I), "purchase_account_code"),
        (re.compile(r"salesdetails", re.I), "sale_account_code"),
        (re.compile(r"\bcode\b", re.I), "code"),
        (re.compile(r"\bname\b", re.I), "name"),
    ),
}


def _field_for(message: str, table: str) -> str | None:
    for pattern, field in _FIELD_HINTS[table]:
        if pattern.search(message):
            return field
    return None


def _messages(obj: Any) -> list[str]:
    if not isinstance(obj, Mapping):
        return []
    return [e["Message"] for e in obj.get("ValidationErrors") or () if e.get("Message")]


#: Unified line field → the Xero key whose value Xero quotes in its messages.
_LINE_KEYS = {
    "account_code": "AccountCode",
    "item_code": "ItemCode",
    "tax_rate_remote_id": "TaxType",
}
_QUOTED = re.compile(r"'([^']*)'")
#: Messages about one line's account or item that Xero reports on the invoice ("Account code
#: '999' has been archived, or has been deleted. Each line item must reference a valid
#: account."): never about the invoice's own fields, whatever words they contain.
_LINE_MESSAGE = re.compile(r"^(account|item) code '", re.I)


def _line_field_from_element(message: str, element: Mapping[str, Any]) -> str | None:
    """Xero reports some line errors on the invoice ("Account code '999' is not valid"): find
    the line by the quoted value when the element echoes its lines."""
    sub = _field_for(message, "line_item")
    if sub is None:
        return None
    quoted = set(_QUOTED.findall(message))
    key = _LINE_KEYS.get(sub)
    if key and quoted:
        for i, line in enumerate(element.get("LineItems") or ()):
            if isinstance(line, Mapping) and str(line.get(key)) in quoted:
                return f"line_items[{i}].{sub}"
    return "line_items"


def validation_details(body: Any, model: str) -> list[dict[str, str]]:
    """Xero ``ValidationException`` → ``[{"field": unified path, "message"}]``; the path is
    ``""`` when no field can be named."""
    if not isinstance(body, Mapping):
        return []
    details: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()

    def add(field: str | None, message: str) -> None:
        field = field or ""
        if (field, message) not in seen:
            seen.add((field, message))
            details.append({"field": field, "message": message})

    for element in body.get("Elements") or ():
        for message in _messages(element):
            line_message = model == "invoice" and _LINE_MESSAGE.match(message)
            field = None if line_message else _field_for(message, model)
            if field is None and model == "invoice":
                field = _line_field_from_element(message, element)
            add(field, message)
        if model == "invoice":
            for i, line in enumerate(element.get("LineItems") or ()):
                for message in _messages(line):
                    sub = _field_for(message, "line_item")
                    add(f"line_items[{i}].{sub}" if sub else f"line_items[{i}]", message)
        if model == "contact":
            for key, field in (("Addresses", "addresses"), ("Phones", "phone_numbers")):
                for i, row in enumerate(element.get(key) or ()):
                    for message in _messages(row):
                        add(f"{field}[{i}]", message)
    if not details and body.get("Message"):
        add(None, str(body["Message"]))
    return details

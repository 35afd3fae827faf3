"""Pure mapping functions from QuickBooks Online entities to unified records.

Each takes one QuickBooks entity as the API returns it (decoded with ``parse_float=Decimal``)
and returns the unified record with ``remote_data`` set to it:

- ``invoice_from_qbo`` (Invoice → ACCOUNTS_RECEIVABLE), ``bill_from_qbo`` (Bill →
  ACCOUNTS_PAYABLE);
- ``customer_from_qbo`` (``is_customer``), ``vendor_from_qbo`` (``is_supplier``);
- ``payment_from_qbo`` (Payment → ACCOUNTS_RECEIVABLE), ``bill_payment_from_qbo`` (BillPayment →
  ACCOUNTS_PAYABLE).

Choices (documented for users):
- Remote ids: see ``ids.py`` (Invoice, Customer, Payment ids as QuickBooks shows them; ``Bill:``,
  ``Vendor:``, ``BillPayment:`` prefixes on the others, in references too).
- Status: QuickBooks has no status field; it is derived. A document whose ``PrivateNote``
  starts with "Voided" and whose ``TotalAmt`` is 0 (what QuickBooks' void does) → VOID;
  ``Balance`` 0 → PAID; 0 < ``Balance`` < ``TotalAmt`` → PARTIALLY_PAID; otherwise OPEN.
  ``status_raw`` is null. ``amount_paid`` is ``TotalAmt - Balance`` (payments and credits).
  Payments: voided (same rule) → VOID, else POSTED. Contacts: ``Active`` → ACTIVE / ARCHIVED.
- Lines: ``SalesItemLineDetail``, ``ItemBasedExpenseLineDetail``,
  ``AccountBasedExpenseLineDetail``, ``DescriptionOnly`` lines and the lines inside a
  ``GroupLineDetail`` become line items (``Amount`` → ``total_amount``, ``Qty``, ``UnitPrice``,
  ``ItemRef``, ``AccountRef``/``ItemAccountRef``, ``TaxCodeRef`` → ``tax_rate_remote_id``,
  ``ClassRef`` and the document's ``DepartmentRef`` → tracking categories: every QuickBooks
  class and department is a category of its own with one option, itself (ids as in ``ids.py``:
  the class id, ``Department:<id>``; see ``mappers_reference``)). ``SubTotalLineDetail`` gives
  ``sub_total`` (else the sum of the line items), ``DiscountLineDetail`` gives ``total_discount``;
  ``TxnTaxDetail.TotalTax`` → ``total_tax_amount``. QuickBooks has no per-line tax amount.
- ``GlobalTaxCalculation``: TaxExcluded → EXCLUSIVE, TaxInclusive → INCLUSIVE, NotApplicable →
  NO_TAX (US companies leave it out: null).
- Memo: an invoice's ``CustomerMemo`` (printed on it), a bill's ``PrivateNote``.
- Addresses: ``BillAddr`` → BILLING, ``ShipAddr`` → SHIPPING; ``Line1`` → street_1,
  ``Line2..5`` → street_2 joined with newlines, ``CountrySubDivisionCode`` → region.
  Phones: ``PrimaryPhone`` → DEFAULT, ``AlternatePhone`` → DIRECT, ``Mobile`` → MOBILE,
  ``Fax`` → FAX.
- Payment applications: every ``LinkedTxn`` of every line (Invoice / Bill → INVOICE,
  CreditMemo / VendorCredit → CREDIT_NOTE) with the line's ``Amount``.
- Amounts (line and document totals, tax, discount, balance, paid, applied) carry the currency's
  minor units (``connectors.money.amount``: ``435.0`` → ``435.00`` for USD); unit prices,
  quantities and exchange rates keep QuickBooks' precision.
- Times: ``MetaData.LastUpdatedTime`` (local time with offset) → UTC. Empty strings → null.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from unified_models import (
    AddressType,
    Contact,
    ContactStatus,
    Invoice,
    InvoiceStatus,
    InvoiceType,
    Payment,
    PaymentStatus,
    PaymentType,
    PhoneNumberType,
    RelatedObjectType,
    TaxTreatment,
)

from ..money import amount
from . import ids

__all__ = [
    "bill_from_qbo",
    "bill_payment_from_qbo",
    "customer_from_qbo",
    "document_status",
    "format_query_time",
    "invoice_from_qbo",
    "parse_date",
    "parse_datetime",
    "payment_from_qbo",
    "vendor_from_qbo",
]

TAX_CALCULATION = {
    "TaxExcluded": TaxTreatment.EXCLUSIVE,
    "TaxInclusive": TaxTreatment.INCLUSIVE,
    "NotApplicable": TaxTreatment.NO_TAX,
}

#: Line detail types that are line items, and the key of their detail object.
ITEM_LINES = (
    "SalesItemLineDetail",
    "ItemBasedExpenseLineDetail",
    "AccountBasedExpenseLineDetail",
    "DescriptionOnly",
)

PHONES = (
    ("PrimaryPhone", PhoneNumberType.DEFAULT),
    ("AlternatePhone", PhoneNumberType.DIRECT),
    ("Mobile", PhoneNumberType.MOBILE),
    ("Fax", PhoneNumberType.FAX),
)

#: LinkedTxn.TxnType on a payment line → (unified type, id prefix).
APPLIED_TYPES = {
    "Invoice": (RelatedObjectType.INVOICE, ids.INVOICE),
    "Bill": (RelatedObjectType.INVOICE, ids.BILL),
    "CreditMemo": (RelatedObjectType.CREDIT_NOTE, ids.CREDIT_MEMO),
    "VendorCredit": (RelatedObjectType.CREDIT_NOTE, ids.VENDOR_CREDIT),
}


# -- small helpers -------------------------------------------------------------------------------
def _s(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _ref(obj: Any, key: str) -> str | None:
    """``obj[key]["value"]`` (QuickBooks' ReferenceType), or None."""
    ref = obj.get(key) if isinstance(obj, Mapping) else None
    return _s(ref.get("value")) if isinstance(ref, Mapping) else None


def _dec(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(str(value))


def parse_datetime(value: Any) -> datetime | None:
    """QuickBooks' ``2024-03-01T10:15:30-08:00`` → an aware UTC datetime."""
    if not value:
        return None
    dt = datetime.fromisoformat(str(value))
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(UTC)


def parse_date(value: Any) -> date | None:
    """``2024-03-01`` (QuickBooks sometimes appends an offset: ``2024-03-01-08:00``)."""
    if not value:
        return None
    return date.fromisoformat(str(value)[:10])


def format_query_time(value: datetime) -> str:
    """A datetime for a query's ``MetaData.LastUpdatedTime >= '…'``: UTC, whole seconds
    (rounded down, so nothing changed within the second is missed)."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _updated(raw: Mapping[str, Any]) -> datetime | None:
    meta = raw.get("MetaData")
    return parse_datetime(meta.get("LastUpdatedTime")) if isinstance(meta, Mapping) else None


def _voided(raw: Mapping[str, Any]) -> bool:
    note = raw.get("PrivateNote")
    return (
        isinstance(note, str)
        and note.startswith("Voided")
        and (_dec(raw.get("TotalAmt")) or 0) == 0
    )


def document_status(raw: Mapping[str, Any]) -> InvoiceStatus:
    """VOID, PAID, PARTIALLY_PAID or OPEN, as QuickBooks implies it (see the module docstring)."""
    if _voided(raw):
        return InvoiceStatus.VOID
    total = _dec(raw.get("TotalAmt")) or Decimal(0)
    balance = _dec(raw.get("Balance"))
    if balance is None:
        balance = total
    if balance <= 0:
        return InvoiceStatus.PAID
    if balance < total:
        return InvoiceStatus.PARTIALLY_PAID
    return InvoiceStatus.OPEN


# -- lines -----------------------------------------------------------------------------------------
def _tracking(ref: Any, prefix: str) -> dict[str, Any] | None:
    """A ``ClassRef``/``DepartmentRef`` as a tracking category reference: each QuickBooks class
    and department is a category whose one option is itself (see ``mappers_reference``)."""
    if not isinstance(ref, Mapping) or not _s(ref.get("value")):
        return None
    name = _s(ref.get("name"))
    return {
        "category_remote_id": ids.remote_id(prefix, ref["value"]),
        "name": name,
        "option": name,
        "option_remote_id": str(ref["value"]),
    }


def _line_item(
    line: Mapping[str, Any], currency: str | None, department: dict[str, Any] | None
) -> dict[str, Any]:
    kind = line.get("DetailType")
    detail = line.get(kind) if isinstance(kind, str) else None
    detail = detail if isinstance(detail, Mapping) else {}
    tracking = [t for t in (_tracking(detail.get("ClassRef"), ids.CLASS), department) if t]
    return {
        "remote_id": _s(line.get("Id")),
        "description": _s(line.get("Description")),
        "quantity": detail.get("Qty"),
        "unit_price": detail.get("UnitPrice"),
        "total_amount": amount(line.get("Amount"), currency),
        "account_remote_id": _ref(detail, "AccountRef") or _ref(detail, "ItemAccountRef"),
        "item_remote_id": _ref(detail, "ItemRef"),
        "tax_rate_remote_id": _ref(detail, "TaxCodeRef"),
        "tracking_categories": tracking,
    }


def _lines(
    raw: Mapping[str, Any], currency: str | None
) -> tuple[list[dict[str, Any]], Decimal | None, Decimal | None]:
    """(line items, sub total from a SubTotalLineDetail line, total discount)."""
    department = _tracking(raw.get("DepartmentRef"), ids.DEPARTMENT)
    items: list[dict[str, Any]] = []
    sub_total: Decimal | None = None
    discount: Decimal | None = None

    def walk(lines: Sequence[Any]) -> None:
        nonlocal sub_total, discount
        for line in lines:
            if not isinstance(line, Mapping):
                continue
            kind = line.get("DetailType")
            if kind in ITEM_LINES:
                items.append(_line_item(line, currency, department))
            elif kind == "GroupLineDetail":
                group = line.get("GroupLineDetail") or {}
                walk(group.get("Line") or ())
            elif kind == "SubTotalLineDetail":
                sub_total = _dec(line.get("Amount"))
            elif kind == "DiscountLineDetail":
                discount = (discount or Decimal(0)) + (_dec(line.get("Amount")) or Decimal(0))

    walk(raw.get("Line") or ())
    if sub_total is None and items:
        sub_total = sum((_dec(i["total_amount"]) or Decimal(0) for i in items), Decimal(0))
    return items, sub_total, discount


def _linked(raw: Mapping[str, Any], txn_type: str, prefix: str) -> list[str]:
    return [
        f"{prefix}{t['TxnId']}"
        for t in raw.get("LinkedTxn") or ()
        if isinstance(t, Mapping) and t.get("TxnType") == txn_type and t.get("TxnId")
    ]


# -- invoices and bills ----------------------------------------------------------------------------
def _document(
    raw: Mapping[str, Any],
    *,
    type_: InvoiceType,
    remote_id: str | None,
    contact_remote_id: str | None,
    memo: str | None,
    payment_remote_ids: list[str],
) -> Invoice:
    currency = _ref(raw, "CurrencyRef")
    items, sub_total, discount = _lines(raw, currency)
    total = _dec(raw.get("TotalAmt"))
    balance = _dec(raw.get("Balance"))
    status = document_status(raw)
    if status is InvoiceStatus.VOID:
        amount_paid: Decimal | None = Decimal(0)
    elif total is not None and balance is not None:
        amount_paid = total - balance
    else:
        amount_paid = None
    tax = raw.get("TxnTaxDetail")
    return Invoice.model_validate(
        {
            "remote_id": remote_id,
            "remote_updated_at": _updated(raw),
            "remote_was_deleted": False,
            "remote_data": dict(raw),
            "type": type_,
            "number": _s(raw.get("DocNumber")),
            "contact_remote_id": contact_remote_id,
            "issue_date": parse_date(raw.get("TxnDate")),
            "due_date": parse_date(raw.get("DueDate")),
            "memo": memo,
            "currency": currency,
            "exchange_rate": raw.get("ExchangeRate"),
            "tax_treatment": TAX_CALCULATION.get(raw.get("GlobalTaxCalculation") or ""),
            "sub_total": amount(sub_total, currency),
            "total_tax_amount": amount(
                tax.get("TotalTax") if isinstance(tax, Mapping) else None, currency
            ),
            "total_discount": amount(discount, currency),
            "total_amount": amount(total, currency),
            "amount_paid": amount(amount_paid, currency),
            "balance": amount(balance, currency),
            "status": status,
            "status_raw": None,
            "line_items": items,
            "payment_remote_ids": payment_remote_ids,
        }
    )


def invoice_from_qbo(raw: Mapping[str, Any]) -> Invoice:
    memo = raw.get("CustomerMemo")
    return _document(
        raw,
        type_=InvoiceType.ACCOUNTS_RECEIVABLE,
        remote_id=ids.remote_id(ids.INVOICE, raw["Id"]),
        contact_remote_id=ids.remote_id(ids.CUSTOMER, _ref(raw, "CustomerRef")),
        memo=_s(memo.get("value")) if isinstance(memo, Mapping) else None,
        payment_remote_ids=_linked(raw, "Payment", ids.PAYMENT),
    )


def bill_from_qbo(raw: Mapping[str, Any]) -> Invoice:
    return _document(
        raw,
        type_=InvoiceType.ACCOUNTS_PAYABLE,
        remote_id=ids.remote_id(ids.BILL, raw["Id"]),
        contact_remote_id=ids.remote_id(ids.VENDOR, _ref(raw, "VendorRef")),
        memo=_s(raw.get("PrivateNote")),
        payment_remote_ids=_linked(raw, "BillPayment", ids.BILL_PAYMENT),
    )


# -- customers and vendors -------------------------------------------------------------------------
def _address(row: Any, kind: AddressType) -> dict[str, Any] | None:
    if not isinstance(row, Mapping):
        return None
    more = [_s(row.get(f"Line{i}")) for i in (2, 3, 4, 5)]
    values = {
        "street_1": _s(row.get("Line1")),
        "street_2": "\n".join(x for x in more if x) or None,
        "city": _s(row.get("City")),
        "region": _s(row.get("CountrySubDivisionCode")),
        "postal_code": _s(row.get("PostalCode")),
        "country": _s(row.get("Country")),
    }
    if not any(values.values()):
        return None
    return {"type": kind, **values}


def _contact(
    raw: Mapping[str, Any],
    *,
    remote_id: str | None,
    customer: bool,
    tax_number: str | None,
    account_number: str | None,
) -> Contact:
    addresses = [
        _address(raw.get("BillAddr"), AddressType.BILLING),
        _address(raw.get("ShipAddr"), AddressType.SHIPPING),
    ]
    phones = []
    for key, kind in PHONES:
        row = raw.get(key)
        number = _s(row.get("FreeFormNumber")) if isinstance(row, Mapping) else None
        if number:
            phones.append({"type": kind, "number": number})
    email = raw.get("PrimaryEmailAddr")
    active = raw.get("Active")
    return Contact.model_validate(
        {
            "remote_id": remote_id,
            "remote_updated_at": _updated(raw),
            "remote_was_deleted": False,
            "remote_data": dict(raw),
            "name": _s(raw.get("DisplayName")) or _s(raw.get("CompanyName")),
            "first_name": _s(raw.get("GivenName")),
            "last_name": _s(raw.get("FamilyName")),
            "is_customer": customer,
            "is_supplier": not customer,
            "email_address": _s(email.get("Address")) if isinstance(email, Mapping) else None,
            "tax_number": tax_number,
            "account_number": account_number,
            "status": ContactStatus.ARCHIVED if active is False else ContactStatus.ACTIVE,
            "status_raw": None,
            "currency": _ref(raw, "CurrencyRef"),
            "addresses": [a for a in addresses if a is not None],
            "phone_numbers": phones,
        }
    )


def customer_from_qbo(raw: Mapping[str, Any]) -> Contact:
    return _contact(
        raw,
        remote_id=ids.remote_id(ids.CUSTOMER, raw["Id"]),
        customer=True,
        tax_number=_s(raw.get("PrimaryTaxIdentifier")),
        account_number=None,
    )


def vendor_from_qbo(raw: Mapping[str, Any]) -> Contact:
    return _contact(
        raw,
        remote_id=ids.remote_id(ids.VENDOR, raw["Id"]),
        customer=False,
        tax_number=_s(raw.get("TaxIdentifier")),
        account_number=_s(raw.get("AcctNum")),
    )


# -- payments and bill payments --------------------------------------------------------------------
def _applied(raw: Mapping[str, Any], currency: str | None) -> list[dict[str, Any]]:
    out = []
    for line in raw.get("Line") or ():
        if not isinstance(line, Mapping) or line.get("Amount") is None:
            continue
        for txn in line.get("LinkedTxn") or ():
            known = APPLIED_TYPES.get(txn.get("TxnType")) if isinstance(txn, Mapping) else None
            if known is None or not txn.get("TxnId"):
                continue
            kind, prefix = known
            out.append(
                {
                    "related_object_type": kind,
                    "related_object_remote_id": f"{prefix}{txn['TxnId']}",
                    "applied_amount": amount(line["Amount"], currency),
                }
            )
    return out


def _payment(
    raw: Mapping[str, Any],
    *,
    type_: PaymentType,
    remote_id: str | None,
    contact_remote_id: str | None,
    account_remote_id: str | None,
    reference: str | None,
) -> Payment:
    currency = _ref(raw, "CurrencyRef")
    return Payment.model_validate(
        {
            "remote_id": remote_id,
            "remote_updated_at": _updated(raw),
            "remote_was_deleted": False,
            "remote_data": dict(raw),
            "type": type_,
            "transaction_date": parse_date(raw.get("TxnDate")),
            "contact_remote_id": contact_remote_id,
            "account_remote_id": account_remote_id,
            "currency": currency,
            "exchange_rate": raw.get("ExchangeRate"),
            "total_amount": amount(raw.get("TotalAmt"), currency),
            "reference": reference,
            "status": PaymentStatus.VOID if _voided(raw) else PaymentStatus.POSTED,
            "status_raw": None,
            "applied_to": _applied(raw, currency),
        }
    )


def payment_from_qbo(raw: Mapping[str, Any]) -> Payment:
    return _payment(
        raw,
        type_=PaymentType.ACCOUNTS_RECEIVABLE,
        remote_id=ids.remote_id(ids.PAYMENT, raw["Id"]),
        contact_remote_id=ids.remote_id(ids.CUSTOMER, _ref(raw, "CustomerRef")),
        account_remote_id=_ref(raw, "DepositToAccountRef"),
        reference=_s(raw.get("PaymentRefNum")),
    )


def bill_payment_from_qbo(raw: Mapping[str, Any]) -> Payment:
    check, card = raw.get("CheckPayment"), raw.get("CreditCardPayment")
    account = _ref(check, "BankAccountRef") or _ref(card, "CCAccountRef")
    return _payment(
        raw,
        type_=PaymentType.ACCOUNTS_PAYABLE,
        remote_id=ids.remote_id(ids.BILL_PAYMENT, raw["Id"]),
        contact_remote_id=ids.remote_id(ids.VENDOR, _ref(raw, "VendorRef")),
        account_remote_id=account,
        reference=_s(raw.get("DocNumber")),
    )

"""Invoice (sales invoices and bills) and its line items, plus the write inputs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import ClassVar

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .bounds import (
    MAX_WHOLE_DIGITS,
    NEGATIVE_TOTAL,
    OUT_OF_RANGE,
    InputAmount,
    InputDate,
    InputRate,
)
from .catalogue import (
    CatalogueEntry,
    Filter,
    Reference,
    amount_range,
    contacts_filter,
    currencies_filter,
    date_range,
)
from .common import UnifiedInput, UnifiedModel, UnifiedRecord
from .enums import InvoiceStatus, InvoiceType, TaxTreatment
from .examples import INPUTS as _INPUTS
from .examples import INVOICE as _EXAMPLE
from .types import Money, Rate

__all__ = [
    "Invoice",
    "InvoiceInput",
    "InvoiceLineItem",
    "InvoiceLineItemInput",
    "TrackingCategoryRef",
]


class TrackingCategoryRef(UnifiedModel):
    """A tracking category option applied to a line item (Xero Tracking)."""

    category: str | None = None  # gateway id of the tracking category, filled by the gateway
    category_remote_id: str | None = None
    name: str | None = None
    option: str | None = None
    option_remote_id: str | None = None


class InvoiceLineItem(UnifiedModel):
    remote_id: str | None = None
    description: str | None = None
    quantity: Rate | None = None
    unit_price: Money | None = None
    discount: Money | None = None
    """Discount as an amount (Xero DiscountAmount)."""
    discount_rate: Rate | None = None
    """Discount as a percentage (Xero DiscountRate)."""
    tax_amount: Money | None = None
    total_amount: Money | None = None
    """The line amount as the provider reports it (net or gross per the invoice's tax_treatment)."""
    account: str | None = None  # gateway id, filled by the gateway
    account_remote_id: str | None = None
    account_code: str | None = None
    item: str | None = None  # gateway id, filled by the gateway
    item_remote_id: str | None = None
    item_code: str | None = None
    tax_rate: str | None = None  # gateway id, filled by the gateway
    tax_rate_remote_id: str | None = None
    """Provider tax rate identifier (Xero TaxType code)."""
    tracking_categories: list[TrackingCategoryRef] = Field(default_factory=list)


class Invoice(UnifiedRecord):
    type: InvoiceType
    """`ACCOUNTS_RECEIVABLE`: a sales invoice to a customer; `ACCOUNTS_PAYABLE`: a bill from a
    supplier."""
    number: str | None = None
    contact: str | None = None  # gateway id, filled by the gateway
    contact_remote_id: str | None = None
    issue_date: date | None = None
    due_date: date | None = None
    paid_on_date: date | None = None
    """Date the invoice was fully paid (empty while a balance is due)."""
    memo: str | None = None
    reference: str | None = None
    currency: str | None = None
    exchange_rate: Rate | None = None
    tax_treatment: TaxTreatment | None = None
    sub_total: Money | None = None
    total_tax_amount: Money | None = None
    total_discount: Money | None = None
    total_amount: Money | None = None
    amount_paid: Money | None = None
    """Total of the payments applied to the invoice."""
    amount_credited: Money | None = None
    """Total of the credit notes allocated to the invoice."""
    balance: Money | None = None
    """Amount still due: the total less payments and credits."""
    status: InvoiceStatus | None = None
    status_raw: str | None = None
    line_items: list[InvoiceLineItem] = Field(default_factory=list)
    payments: list[str] = Field(default_factory=list)  # gateway ids, filled by the gateway
    """Ledgerlink's ids of the payments applied to the invoice (from `payment_remote_ids`)."""
    payment_remote_ids: list[str] = Field(default_factory=list)


class InvoiceLineItemInput(UnifiedInput):
    """A line on a write. On update the provider replaces the whole list (send every line;
    lines carrying ``remote_id`` are kept and changed, lines without are added)."""

    remote_id: str | None = None
    description: str | None = None
    quantity: InputAmount = None
    unit_price: InputAmount = None
    discount: InputAmount = None
    discount_rate: InputRate = None
    tax_amount: InputAmount = None
    account: str | None = None  # gateway id; the gateway fills account_remote_id
    account_remote_id: str | None = None
    account_code: str | None = None
    item: str | None = None  # gateway id; the gateway fills item_remote_id
    item_remote_id: str | None = None
    item_code: str | None = None
    tax_rate: str | None = None  # gateway id; the gateway fills tax_rate_remote_id
    tax_rate_remote_id: str | None = None
    tracking_categories: list[TrackingCategoryRef] | None = None

    def net_amount(self) -> Decimal | None:
        """Quantity (default 1) x unit price, less discounts; None when the provider fills the
        price from the item. Decimal's 28-digit context may round the last places, which
        neither the range check nor the sign check can notice."""
        if self.unit_price is None:
            return None if (self.item_code or self.item_remote_id) else Decimal(0)
        gross = (Decimal(1) if self.quantity is None else self.quantity) * self.unit_price
        if self.discount_rate:
            return gross - gross * self.discount_rate / 100
        return gross - (self.discount or 0)

    @model_validator(mode="after")
    def _line_amount_in_range(self) -> InvoiceLineItemInput:
        amount = self.net_amount()
        if amount is not None and abs(amount) >= 10**MAX_WHOLE_DIGITS:
            raise PydanticCustomError(
                OUT_OF_RANGE,
                "The line amount (quantity x unit price) has more than {whole} digits",
                {"whole": MAX_WHOLE_DIGITS},
            )
        return self


class InvoiceInput(UnifiedInput):
    """POST/PATCH body for invoices. ``contact`` is the gateway's id; the gateway resolves it to
    ``contact_remote_id``, which is what connectors use. ``status`` may only move forward
    (DRAFT → SUBMITTED → OPEN); use delete to void."""

    CREATE_REQUIRED: ClassVar[tuple[str, ...]] = ("type", "contact_remote_id")

    type: InvoiceType | None = None
    number: str | None = None
    contact: str | None = None
    contact_remote_id: str | None = None
    issue_date: InputDate = None
    due_date: InputDate = None
    memo: str | None = None
    reference: str | None = None
    currency: str | None = None
    exchange_rate: InputRate = None
    tax_treatment: TaxTreatment | None = None
    status: InvoiceStatus | None = None
    line_items: list[InvoiceLineItemInput] | None = None

    @field_validator("line_items")
    @classmethod
    def _total_not_negative(
        cls, lines: list[InvoiceLineItemInput] | None, info: ValidationInfo
    ) -> list[InvoiceLineItemInput] | None:
        """Providers refuse an invoice or bill whose total is negative (a credit note is the
        document for that). Refused here only when certain: tax the provider adds at a rate the
        gateway does not know can only raise a positive line."""
        treatment = info.data.get("tax_treatment")
        highest = Decimal(0)
        for line in lines or ():
            amount = line.net_amount()
            if amount is None:
                return lines
            highest += amount
            if treatment in (TaxTreatment.INCLUSIVE, TaxTreatment.NO_TAX):
                continue
            if line.tax_amount is not None:
                highest += max(line.tax_amount, Decimal(0))
            elif amount > 0:
                return lines  # the provider adds tax we cannot compute
        if lines and highest < 0:
            raise PydanticCustomError(
                NEGATIVE_TOTAL,
                "The invoice total would be negative ({total}); providers refuse that",
                {"total": str(highest)},
            )
        return lines


#: The references every document with lines carries (invoices now; credit notes and bills later).
LINE_REFERENCES = (
    Reference("line_items.account", "account"),
    Reference("line_items.item", "item"),
    Reference("line_items.tax_rate", "tax_rate"),
    Reference(
        "line_items.tracking_categories.category",
        "tracking_category",
        remote="category_remote_id",
    ),
)

#: Invoices not (yet, or any more) owed whatever their balance says: never overdue, never due
#: soon, never outstanding (SUBMITTED is Xero's "awaiting approval": not sent yet).
NOT_OWED_STATUSES = (InvoiceStatus.DRAFT, InvoiceStatus.SUBMITTED, InvoiceStatus.VOID)

INVOICE = CatalogueEntry(
    name="invoice",
    plural="invoices",
    record=Invoice,
    attachable=True,
    input=InvoiceInput,
    operations=frozenset({"list", "get", "create", "update", "delete"}),
    references=(
        Reference("contact", "contact"),
        Reference("payments", "payment", remote="payment_remote_ids", many=True),
        *LINE_REFERENCES,
    ),
    filters=(
        Filter("type", "type", "choice", "in", choices=InvoiceType),
        Filter(
            "status",
            "status",
            "choice",
            "in",
            choices=InvoiceStatus,
            help="One status or several, comma-separated (e.g. `OPEN,PARTIALLY_PAID`).",
            example="OPEN,PARTIALLY_PAID",
        ),
        contacts_filter(),
        currencies_filter(),
        *date_range("issue_date"),
        *date_range("due_date"),
        *amount_range("total_amount"),
        *amount_range("balance"),
        Filter(
            "overdue",
            "due_date",
            "overdue",
            help="`true`: a balance above zero, a due date before today in the linked "
            "account's time zone (the company's, else UTC) and a status other than DRAFT, "
            "SUBMITTED or VOID; `false`: every other invoice.",
            example="true",
            never_overdue=tuple(status.value for status in NOT_OWED_STATUSES),
        ),
        Filter("q", "search", "search", help="Case-insensitive text in the number or reference."),
    ),
    search=("number", "reference"),
    ordering=("issue_date", "due_date", "total_amount", "balance", "number"),
    example=_EXAMPLE,
    input_example=_INPUTS["invoice"],
    description="Sales invoices (accounts receivable) and bills (accounts payable).",
)

"""Invoice (sales invoices and bills) and its line items, plus the write inputs."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field

from .common import UnifiedInput, UnifiedModel, UnifiedRecord
from .enums import InvoiceStatus, InvoiceType, TaxTreatment
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

    category_remote_id: str | None = None
    name: str | None = None
    option: str | None = None
    option_remote_id: str | None = None


class InvoiceLineItem(UnifiedModel):
    remote_id: str | None = None
    description: str | None = None
    quantity: Rate | None = None
    unit_price: Money | None = None
    #: Discount as an amount (Xero DiscountAmount).
    discount: Money | None = None
    #: Discount as a percentage (Xero DiscountRate).
    discount_rate: Rate | None = None
    tax_amount: Money | None = None
    #: The line amount as the provider reports it (net or gross per the invoice's tax_treatment).
    total_amount: Money | None = None
    account: str | None = None  # gateway id, filled by the gateway
    account_remote_id: str | None = None
    account_code: str | None = None
    item: str | None = None  # gateway id, filled by the gateway
    item_remote_id: str | None = None
    item_code: str | None = None
    tax_rate: str | None = None  # gateway id, filled by the gateway
    #: Provider tax rate identifier (Xero TaxType code).
    tax_rate_remote_id: str | None = None
    tracking_categories: list[TrackingCategoryRef] = Field(default_factory=list)


class Invoice(UnifiedRecord):
    type: InvoiceType
    number: str | None = None
    contact: str | None = None  # gateway id, filled by the gateway
    contact_remote_id: str | None = None
    issue_date: date | None = None
    due_date: date | None = None
    paid_on_date: date | None = None
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
    amount_credited: Money | None = None
    balance: Money | None = None
    status: InvoiceStatus | None = None
    status_raw: str | None = None
    line_items: list[InvoiceLineItem] = Field(default_factory=list)
    payments: list[str] = Field(default_factory=list)  # gateway ids, filled by the gateway
    payment_remote_ids: list[str] = Field(default_factory=list)


class InvoiceLineItemInput(UnifiedInput):
    """A line on a write. On update the provider replaces the whole list (send every line;
    lines carrying ``remote_id`` are kept and changed, lines without are added)."""

    remote_id: str | None = None
    description: str | None = None
    quantity: Rate | None = None
    unit_price: Money | None = None
    discount: Money | None = None
    discount_rate: Rate | None = None
    tax_amount: Money | None = None
    account_remote_id: str | None = None
    account_code: str | None = None
    item_remote_id: str | None = None
    item_code: str | None = None
    tax_rate_remote_id: str | None = None
    tracking_categories: list[TrackingCategoryRef] | None = None


class InvoiceInput(UnifiedInput):
    """POST/PATCH body for invoices. ``contact`` is the gateway's id; the gateway resolves it to
    ``contact_remote_id``, which is what connectors use. ``status`` may only move forward
    (DRAFT → SUBMITTED → OPEN); use delete to void."""

    CREATE_REQUIRED: ClassVar[tuple[str, ...]] = ("type", "contact_remote_id")

    type: InvoiceType | None = None
    number: str | None = None
    contact: str | None = None
    contact_remote_id: str | None = None
    issue_date: date | None = None
    due_date: date | None = None
    memo: str | None = None
    reference: str | None = None
    currency: str | None = None
    exchange_rate: Rate | None = None
    tax_treatment: TaxTreatment | None = None
    status: InvoiceStatus | None = None
    line_items: list[InvoiceLineItemInput] | None = None

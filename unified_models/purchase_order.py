"""PurchaseOrder: an order to a supplier, before any bill (Xero PurchaseOrders, QuickBooks
PurchaseOrder). Purchase orders do not post to the ledger; the bill that fulfils them does.

Status is one enum for both providers, the provider's own value kept in ``status_raw``:

- Xero: DRAFT, SUBMITTED (awaiting approval), AUTHORISED, BILLED, DELETED, one to one.
- QuickBooks has no approval workflow: ``POStatus`` Open → AUTHORISED (an open order is
  issued), Closed → BILLED (QuickBooks closes an order when a bill takes it over, or when a
  user closes it by hand; both mean nothing more will be billed). A purchase order deleted in
  QuickBooks (reported by change data capture) → ``remote_was_deleted`` with status DELETED.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import Field

from .bounds import InputDate, InputRate
from .catalogue import (
    CatalogueEntry,
    Filter,
    Reference,
    amount_range,
    contacts_filter,
    currencies_filter,
    date_range,
)
from .common import UnifiedInput, UnifiedRecord
from .enums import TaxTreatment
from .examples import CONTACT
from .invoice import LINE_REFERENCES, InvoiceLineItem, InvoiceLineItemInput
from .types import Money, Rate

__all__ = [
    "PURCHASE_ORDER",
    "PurchaseOrder",
    "PurchaseOrderInput",
    "PurchaseOrderStatus",
]


class PurchaseOrderStatus(StrEnum):
    DRAFT = "DRAFT"
    SUBMITTED = "SUBMITTED"  # awaiting approval
    AUTHORISED = "AUTHORISED"  # approved and issued (QuickBooks: Open)
    BILLED = "BILLED"  # turned into a bill, or closed (QuickBooks: Closed)
    DELETED = "DELETED"


class PurchaseOrder(UnifiedRecord):
    number: str | None = None
    contact: str | None = None  # gateway id, filled by the gateway
    """The supplier the order goes to."""
    contact_remote_id: str | None = None
    issue_date: date | None = None
    delivery_date: date | None = None
    """When the goods are to be delivered (Xero DeliveryDate, QuickBooks DueDate)."""
    expected_arrival_date: date | None = None
    """When they are expected to arrive (Xero ExpectedArrivalDate only)."""
    delivery_address: str | None = None
    """Where to deliver, as text (lines separated by newlines; QuickBooks ShipAddr lines)."""
    attention_to: str | None = None
    telephone: str | None = None
    """Phone number for the delivery."""
    delivery_instructions: str | None = None
    """Instructions for the delivery."""
    reference: str | None = None
    memo: str | None = None
    """The message to the supplier printed on the order (QuickBooks Memo)."""
    currency: str | None = None
    exchange_rate: Rate | None = None
    tax_treatment: TaxTreatment | None = None
    sub_total: Money | None = None
    total_tax_amount: Money | None = None
    total_discount: Money | None = None
    total_amount: Money | None = None
    status: PurchaseOrderStatus | None = None
    status_raw: str | None = None
    line_items: list[InvoiceLineItem] = Field(default_factory=list)


class PurchaseOrderInput(UnifiedInput):
    """POST/PATCH body for purchase orders. ``contact`` is the gateway's id of the supplier; the
    gateway resolves it to ``contact_remote_id``. Lines are the invoice line inputs: on update
    send every line (the provider replaces the list). ``status`` moves as the provider allows
    (Xero: DRAFT → SUBMITTED → AUTHORISED → BILLED, DELETED before billing; QuickBooks:
    AUTHORISED (Open) ↔ BILLED (Closed) only)."""

    CREATE_REQUIRED: ClassVar[tuple[str, ...]] = ("contact_remote_id",)

    number: str | None = None
    contact: str | None = None
    contact_remote_id: str | None = None
    issue_date: InputDate = None
    delivery_date: InputDate = None
    expected_arrival_date: InputDate = None
    delivery_address: str | None = Field(default=None, max_length=500)
    attention_to: str | None = Field(default=None, max_length=255)
    telephone: str | None = Field(default=None, max_length=50)
    delivery_instructions: str | None = Field(default=None, max_length=500)
    reference: str | None = Field(default=None, max_length=255)
    memo: str | None = Field(default=None, max_length=1000)
    currency: str | None = None
    exchange_rate: InputRate = None
    tax_treatment: TaxTreatment | None = None
    status: PurchaseOrderStatus | None = None
    line_items: list[InvoiceLineItemInput] | None = None


EXAMPLE: dict[str, Any] = {
    "id": "5d2c8e41-0b7a-5f3e-9c6d-2a1b0e9f8d71",
    "remote_id": "7f0b3a52-91c4-4d8e-b0a1-3c5d7e9f1a24",
    "number": "PO-0007",
    "contact": CONTACT["id"],
    "contact_remote_id": CONTACT["remote_id"],
    "issue_date": "2026-11-02",
    "delivery_date": "2026-11-16",
    "delivery_address": "23 Main Street\nCentral City\nMarineville 12345",
    "attention_to": "Goods in",
    "telephone": "0800 1234 5678",
    "delivery_instructions": "Deliver to the loading bay",
    "reference": "Q4 stock",
    "currency": "GBP",
    "exchange_rate": "1",
    "tax_treatment": "EXCLUSIVE",
    "sub_total": "500.00",
    "total_tax_amount": "100.00",
    "total_amount": "600.00",
    "status": "AUTHORISED",
    "status_raw": "AUTHORISED",
    "line_items": [
        {
            "remote_id": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
            "description": "Widgets",
            "quantity": "50",
            "unit_price": "10.00",
            "tax_amount": "100.00",
            "total_amount": "500.00",
            "account_code": "429",
            "tax_rate_remote_id": "INPUT2",
        }
    ],
    "remote_updated_at": "2026-11-02T10:00:00Z",
    "remote_was_deleted": False,
    "created_at": "2026-11-24T09:30:00Z",
    "modified_at": "2026-11-24T09:30:00Z",
}
INPUT_EXAMPLE: dict[str, Any] = {
    "contact": CONTACT["id"],
    "issue_date": "2026-11-02",
    "delivery_date": "2026-11-16",
    "delivery_address": "23 Main Street\nCentral City",
    "status": "AUTHORISED",
    "line_items": [
        {
            "description": "Widgets",
            "quantity": "50",
            "unit_price": "10.00",
            "account_code": "429",
        }
    ],
}

PURCHASE_ORDER = CatalogueEntry(
    name="purchase_order",
    plural="purchase-orders",
    record=PurchaseOrder,
    input=PurchaseOrderInput,
    operations=frozenset({"list", "get", "create", "update"}),
    references=(Reference("contact", "contact"), *LINE_REFERENCES),
    filters=(
        Filter("status", "status", "choice", "in", choices=PurchaseOrderStatus),
        contacts_filter(),
        currencies_filter(),
        *date_range("issue_date"),
        *date_range("delivery_date", "due_date"),
        *amount_range("total_amount"),
        Filter("q", "search", "search", help="Case-insensitive text in the number or reference."),
    ),
    columns={"due_date": "delivery_date"},
    search=("number", "reference"),
    ordering=("issue_date", "due_date", "total_amount", "number"),
    example=EXAMPLE,
    input_example=INPUT_EXAMPLE,
    description=(
        "Purchase orders to suppliers (Xero PurchaseOrders, QuickBooks PurchaseOrder). "
        "They do not post to the ledger. Events: `purchase_order.*`."
    ),
)

"""Ledgerlink's unified accounting schema: one pydantic v2 definition per shape (DESIGN.md §2).

Connectors produce these records (references as provider ``*_remote_id``); the gateway stores them
as JSON documents, fills its own ids and serves them. ``MODELS`` and ``INPUT_MODELS`` let the
gateway iterate over every unified model.
"""

from __future__ import annotations

from .bounds import LIMIT_ERRORS, InputAmount, InputDate, InputRate, parse_iso_date
from .common import UnifiedInput, UnifiedModel, UnifiedRecord
from .contact import Address, Contact, ContactInput, PhoneNumber
from .enums import (
    AddressType,
    ContactStatus,
    InvoiceStatus,
    InvoiceType,
    PaymentStatus,
    PaymentType,
    PhoneNumberType,
    RelatedObjectType,
    TaxTreatment,
)
from .invoice import (
    Invoice,
    InvoiceInput,
    InvoiceLineItem,
    InvoiceLineItemInput,
    TrackingCategoryRef,
)
from .payment import Payment, PaymentApplication, PaymentApplicationInput, PaymentInput
from .types import Money, Rate, to_decimal

#: Unified model name → record class, in sync order (contacts before invoices before payments).
MODELS: dict[str, type[UnifiedRecord]] = {
    "contact": Contact,
    "invoice": Invoice,
    "payment": Payment,
}

#: Unified model name → write input class.
INPUT_MODELS: dict[str, type[UnifiedInput]] = {
    "contact": ContactInput,
    "invoice": InvoiceInput,
    "payment": PaymentInput,
}

__all__ = [
    "INPUT_MODELS",
    "LIMIT_ERRORS",
    "MODELS",
    "Address",
    "AddressType",
    "Contact",
    "ContactInput",
    "ContactStatus",
    "InputAmount",
    "InputDate",
    "InputRate",
    "Invoice",
    "InvoiceInput",
    "InvoiceLineItem",
    "InvoiceLineItemInput",
    "InvoiceStatus",
    "InvoiceType",
    "Money",
    "Payment",
    "PaymentApplication",
    "PaymentApplicationInput",
    "PaymentInput",
    "PaymentStatus",
    "PaymentType",
    "PhoneNumber",
    "PhoneNumberType",
    "Rate",
    "RelatedObjectType",
    "TaxTreatment",
    "TrackingCategoryRef",
    "UnifiedInput",
    "UnifiedModel",
    "UnifiedRecord",
    "parse_iso_date",
    "to_decimal",
]

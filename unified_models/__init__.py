"""Ledgerlink's unified accounting schema: one pydantic v2 definition per shape (DESIGN.md §2).

Connectors produce these records (references as provider ``*_remote_id``); the gateway stores them
as JSON documents, fills its own ids and serves them. ``MODELS`` and ``INPUT_MODELS`` let the
gateway iterate over every unified model it serves. ``REFERENCE_MODELS`` and
``REFERENCE_INPUT_MODELS`` hold the reference data models (issue 14), kept apart until the model
catalogue serves them.
"""

from __future__ import annotations

from .account import Account, AccountInput
from .common import UnifiedInput, UnifiedModel, UnifiedRecord
from .company_info import CompanyInfo
from .contact import Address, Contact, ContactInput, PhoneNumber
from .enums import (
    AccountClassification,
    AccountStatus,
    AccountType,
    AddressType,
    ContactStatus,
    InvoiceStatus,
    InvoiceType,
    ItemStatus,
    ItemType,
    PaymentStatus,
    PaymentType,
    PhoneNumberType,
    RelatedObjectType,
    TaxRateAppliesTo,
    TaxRateStatus,
    TaxTreatment,
    TrackingCategoryStatus,
)
from .invoice import (
    Invoice,
    InvoiceInput,
    InvoiceLineItem,
    InvoiceLineItemInput,
    TrackingCategoryRef,
)
from .item import Item, ItemInput
from .payment import Payment, PaymentApplication, PaymentApplicationInput, PaymentInput
from .tax_rate import TaxRate, TaxRateComponent
from .tracking_category import TrackingCategory, TrackingCategoryOption
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

#: Reference data models (issue 14), in sync order (tax rates before the accounts that use them,
#: accounts before the items that use them). Served once the catalogue entries land; until then
#: they are deliberately NOT in ``MODELS``, so the gateway does not serve or sync them.
REFERENCE_MODELS: dict[str, type[UnifiedRecord]] = {
    "company_info": CompanyInfo,
    "tax_rate": TaxRate,
    "account": Account,
    "tracking_category": TrackingCategory,
    "item": Item,
}

#: Write inputs of the reference data models that can be written (create and update). Served
#: once the catalogue entries land, like ``REFERENCE_MODELS``.
REFERENCE_INPUT_MODELS: dict[str, type[UnifiedInput]] = {
    "account": AccountInput,
    "item": ItemInput,
}

__all__ = [
    "INPUT_MODELS",
    "MODELS",
    "REFERENCE_INPUT_MODELS",
    "REFERENCE_MODELS",
    "Account",
    "AccountClassification",
    "AccountInput",
    "AccountStatus",
    "AccountType",
    "Address",
    "AddressType",
    "CompanyInfo",
    "Contact",
    "ContactInput",
    "ContactStatus",
    "Invoice",
    "InvoiceInput",
    "InvoiceLineItem",
    "InvoiceLineItemInput",
    "InvoiceStatus",
    "InvoiceType",
    "Item",
    "ItemInput",
    "ItemStatus",
    "ItemType",
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
    "TaxRate",
    "TaxRateAppliesTo",
    "TaxRateComponent",
    "TaxRateStatus",
    "TaxTreatment",
    "TrackingCategory",
    "TrackingCategoryOption",
    "TrackingCategoryRef",
    "TrackingCategoryStatus",
    "UnifiedInput",
    "UnifiedModel",
    "UnifiedRecord",
    "to_decimal",
]

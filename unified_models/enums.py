"""Enumerations of the unified schema (DESIGN.md §2). Values are the JSON strings."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "AccountClassification",
    "AccountStatus",
    "AccountType",
    "AddressType",
    "ContactStatus",
    "InvoiceStatus",
    "InvoiceType",
    "ItemStatus",
    "ItemType",
    "PaymentStatus",
    "PaymentType",
    "PhoneNumberType",
    "RelatedObjectType",
    "TaxRateAppliesTo",
    "TaxRateStatus",
    "TaxTreatment",
    "TrackingCategoryStatus",
]


class InvoiceType(StrEnum):
    ACCOUNTS_RECEIVABLE = "ACCOUNTS_RECEIVABLE"  # sales invoice (Xero ACCREC)
    ACCOUNTS_PAYABLE = "ACCOUNTS_PAYABLE"  # bill (Xero ACCPAY)


class InvoiceStatus(StrEnum):
    DRAFT = "DRAFT"
    SUBMITTED = "SUBMITTED"
    OPEN = "OPEN"
    PARTIALLY_PAID = "PARTIALLY_PAID"
    PAID = "PAID"
    VOID = "VOID"


class TaxTreatment(StrEnum):
    EXCLUSIVE = "EXCLUSIVE"  # line amounts exclude tax
    INCLUSIVE = "INCLUSIVE"  # line amounts include tax
    NO_TAX = "NO_TAX"


class ContactStatus(StrEnum):
    ACTIVE = "ACTIVE"
    ARCHIVED = "ARCHIVED"


class AddressType(StrEnum):
    BILLING = "BILLING"
    SHIPPING = "SHIPPING"


class PhoneNumberType(StrEnum):
    DEFAULT = "DEFAULT"
    DIRECT = "DIRECT"
    MOBILE = "MOBILE"
    FAX = "FAX"


class PaymentType(StrEnum):
    ACCOUNTS_RECEIVABLE = "ACCOUNTS_RECEIVABLE"  # money received (Xero ACCRECPAYMENT, ...)
    ACCOUNTS_PAYABLE = "ACCOUNTS_PAYABLE"  # money paid out (Xero ACCPAYPAYMENT, ...)


class PaymentStatus(StrEnum):
    POSTED = "POSTED"
    VOID = "VOID"


class RelatedObjectType(StrEnum):
    INVOICE = "INVOICE"
    CREDIT_NOTE = "CREDIT_NOTE"
    PREPAYMENT = "PREPAYMENT"
    OVERPAYMENT = "OVERPAYMENT"


class AccountClassification(StrEnum):
    """Where an account sits in the financial statements (Xero ``Class``, QuickBooks
    ``Classification``)."""

    ASSET = "ASSET"
    LIABILITY = "LIABILITY"
    EQUITY = "EQUITY"
    REVENUE = "REVENUE"
    EXPENSE = "EXPENSE"


class AccountType(StrEnum):
    """The unified account type; the provider's own value is kept in ``Account.type_raw``.

    Fine enough to tell bank, receivable and payable accounts apart (Xero marks the last two
    with ``SystemAccount`` DEBTORS/CREDITORS; QuickBooks has its own types for them)."""

    BANK = "BANK"
    CREDIT_CARD = "CREDIT_CARD"
    ACCOUNTS_RECEIVABLE = "ACCOUNTS_RECEIVABLE"
    CURRENT_ASSET = "CURRENT_ASSET"
    INVENTORY = "INVENTORY"
    PREPAYMENT = "PREPAYMENT"
    FIXED_ASSET = "FIXED_ASSET"
    NON_CURRENT_ASSET = "NON_CURRENT_ASSET"
    ACCOUNTS_PAYABLE = "ACCOUNTS_PAYABLE"
    CURRENT_LIABILITY = "CURRENT_LIABILITY"
    NON_CURRENT_LIABILITY = "NON_CURRENT_LIABILITY"
    LIABILITY = "LIABILITY"
    EQUITY = "EQUITY"
    SALES = "SALES"
    REVENUE = "REVENUE"
    OTHER_INCOME = "OTHER_INCOME"
    COST_OF_SALES = "COST_OF_SALES"
    EXPENSE = "EXPENSE"
    DEPRECIATION = "DEPRECIATION"
    OTHER_EXPENSE = "OTHER_EXPENSE"
    OTHER = "OTHER"


class AccountStatus(StrEnum):
    ACTIVE = "ACTIVE"
    ARCHIVED = "ARCHIVED"


class TaxRateStatus(StrEnum):
    ACTIVE = "ACTIVE"
    ARCHIVED = "ARCHIVED"


class TaxRateAppliesTo(StrEnum):
    """Which side of the ledger a tax rate may be used on."""

    SALES = "SALES"
    PURCHASES = "PURCHASES"


class ItemType(StrEnum):
    INVENTORY = "INVENTORY"  # tracked stock (QuickBooks Inventory, Xero IsTrackedAsInventory)
    NON_INVENTORY = "NON_INVENTORY"
    SERVICE = "SERVICE"


class ItemStatus(StrEnum):
    ACTIVE = "ACTIVE"
    ARCHIVED = "ARCHIVED"


class TrackingCategoryStatus(StrEnum):
    """Status of a tracking category and of each of its options."""

    ACTIVE = "ACTIVE"
    ARCHIVED = "ARCHIVED"

"""Enumerations of the unified schema (DESIGN.md §2). Values are the JSON strings."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "AddressType",
    "ContactStatus",
    "InvoiceStatus",
    "InvoiceType",
    "PaymentStatus",
    "PaymentType",
    "PhoneNumberType",
    "RelatedObjectType",
    "TaxTreatment",
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

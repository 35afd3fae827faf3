"""Unified remote ids for QuickBooks records.

QuickBooks serves one unified model from two entities (Invoice and Bill are both unified
invoices; Customer and Vendor both contacts; Payment and BillPayment both payments), and its ids
are only unique within an entity. The first entity of each pair keeps QuickBooks' own id (``"146"``
is invoice 146, customer 58 is ``"58"``); the second carries its entity name as a prefix
(``"Bill:146"``, ``"Vendor:58"``, ``"BillPayment:12"``), so remote ids never collide and every
reference (a bill's vendor, a bill payment's bills) uses the same form. A prefixed id can never
be mistaken for a bare one: QuickBooks ids are digits.
"""

from __future__ import annotations

__all__ = [
    "ACCOUNT",
    "BILL",
    "BILL_PAYMENT",
    "CLASS",
    "CREDIT_MEMO",
    "CUSTOMER",
    "DEPARTMENT",
    "DEPOSIT",
    "INVOICE",
    "ITEM",
    "PAYMENT",
    "PURCHASE",
    "PURCHASE_ORDER",
    "TAX_CODE",
    "TRANSFER",
    "VENDOR",
    "VENDOR_CREDIT",
    "remote_id",
]

INVOICE = ""
BILL = "Bill:"
CUSTOMER = ""
VENDOR = "Vendor:"
PAYMENT = ""
BILL_PAYMENT = "BillPayment:"
#: Credit notes are not synced yet; references to them use the same rule (CreditMemo first).
CREDIT_MEMO = ""
VENDOR_CREDIT = "VendorCredit:"
#: One entity per model: QuickBooks' own id.
PURCHASE_ORDER = ""
#: Bank transactions: Purchase keeps its id, Deposit carries its name; transfers are alone.
PURCHASE = ""
DEPOSIT = "Deposit:"
TRANSFER = ""
#: Reference lists: one entity each, except tracking categories (Class first, then Department).
ACCOUNT = ""
ITEM = ""
TAX_CODE = ""
CLASS = ""
DEPARTMENT = "Department:"


def remote_id(prefix: str, qbo_id: object) -> str | None:
    """``prefix`` + QuickBooks' id (None when there is no id)."""
    if qbo_id is None or qbo_id == "":
        return None
    return f"{prefix}{qbo_id}"

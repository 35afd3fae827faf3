"""Ledgerlink's unified accounting schema: one pydantic v2 definition per shape (DESIGN.md §2).

Connectors produce these records (references as provider ``*_remote_id``); the gateway stores them
as JSON documents, fills its own ids and serves them. ``CATALOGUE`` holds one entry per model
(``catalogue.py``): the gateway derives its URLs, views, filters, events and OpenAPI from it.
``MODELS`` and ``INPUT_MODELS`` are views of it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .account import ACCOUNT, Account, AccountInput
from .bank_transaction import (
    BANK_TRANSACTION,
    BANK_TRANSFER,
    EXPENSE,
    BankTransaction,
    BankTransactionStatus,
    BankTransactionType,
    BankTransfer,
    BankTransferInput,
    Expense,
    ExpenseInput,
    PaymentMethod,
)
from .bounds import LIMIT_ERRORS, InputAmount, InputDate, InputRate, parse_iso_date
from .catalogue import Action, Catalogue, CatalogueEntry, Filter, Reference
from .common import UnifiedInput, UnifiedModel, UnifiedRecord
from .company_info import COMPANY_INFO, CompanyInfo
from .contact import CONTACT, Address, Contact, ContactInput, PhoneNumber
from .credit_note import (
    CREDIT_NOTE,
    CreditNote,
    CreditNoteAllocation,
    CreditNoteAllocationInput,
    CreditNoteInput,
    CreditNoteRefund,
    CreditNoteStatus,
)
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
from .general_ledger_transaction import (
    GENERAL_LEDGER_TRANSACTION,
    GeneralLedgerTransaction,
    LedgerSourceType,
)
from .invoice import (
    INVOICE,
    NOT_OWED_STATUSES,
    Invoice,
    InvoiceInput,
    InvoiceLineItem,
    InvoiceLineItemInput,
    TrackingCategoryRef,
)
from .item import ITEM, Item, ItemInput
from .journal_entry import (
    JOURNAL_ENTRY,
    JournalEntry,
    JournalEntryInput,
    JournalEntryStatus,
    JournalLine,
    JournalLineInput,
)
from .payment import PAYMENT, Payment, PaymentApplication, PaymentApplicationInput, PaymentInput
from .purchase_order import (
    PURCHASE_ORDER,
    PurchaseOrder,
    PurchaseOrderInput,
    PurchaseOrderStatus,
)
from .report import (
    REPORT_PATHS,
    Report,
    ReportBasis,
    ReportColumn,
    ReportColumnKind,
    ReportRequest,
    ReportRow,
    ReportRowKind,
    ReportTimeframe,
    ReportType,
)
from .tax_rate import TAX_RATE, TaxRate, TaxRateComponent
from .tracking_category import TRACKING_CATEGORY, TrackingCategory, TrackingCategoryOption
from .types import Money, Rate, to_decimal

#: Every model the gateway serves, in sync order (reference data first: company, tax rates,
#: accounts that use them, tracking categories, items that use accounts; then the documents).
CATALOGUE = Catalogue()
for _entry in (
    COMPANY_INFO,
    TAX_RATE,
    ACCOUNT,
    TRACKING_CATEGORY,
    ITEM,
    CONTACT,
    INVOICE,
    CREDIT_NOTE,
    PAYMENT,
    PURCHASE_ORDER,
    BANK_TRANSACTION,
    EXPENSE,
    BANK_TRANSFER,
    # Journals refer to accounts, contacts and tax rates; ledger transactions to every
    # document (their sources), so they come last.
    JOURNAL_ENTRY,
    GENERAL_LEDGER_TRANSACTION,
):
    CATALOGUE.register(_entry)


class _CatalogueView(Mapping[str, Any]):
    """A live read-only view of one attribute of the catalogue's entries, in sync order."""

    def __init__(self, attribute: str) -> None:
        self._attribute = attribute

    def _items(self) -> dict[str, Any]:
        return {
            entry.name: getattr(entry, self._attribute)
            for entry in CATALOGUE
            if getattr(entry, self._attribute) is not None
        }

    def __getitem__(self, name: str) -> Any:
        return self._items()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items())

    def __len__(self) -> int:
        return len(self._items())


#: Unified model name → record class, in sync order.
MODELS: Mapping[str, type[UnifiedRecord]] = _CatalogueView("record")
#: Unified model name → write input class (models that can be written).
INPUT_MODELS: Mapping[str, type[UnifiedInput]] = _CatalogueView("input")

__all__ = [
    "CATALOGUE",
    "INPUT_MODELS",
    "LIMIT_ERRORS",
    "MODELS",
    "NOT_OWED_STATUSES",
    "REPORT_PATHS",
    "Account",
    "AccountClassification",
    "AccountInput",
    "AccountStatus",
    "AccountType",
    "Action",
    "Address",
    "AddressType",
    "BankTransaction",
    "BankTransactionStatus",
    "BankTransactionType",
    "BankTransfer",
    "BankTransferInput",
    "Catalogue",
    "CatalogueEntry",
    "CompanyInfo",
    "Contact",
    "ContactInput",
    "ContactStatus",
    "CreditNote",
    "CreditNoteAllocation",
    "CreditNoteAllocationInput",
    "CreditNoteInput",
    "CreditNoteRefund",
    "CreditNoteStatus",
    "Expense",
    "ExpenseInput",
    "Filter",
    "GeneralLedgerTransaction",
    "InputAmount",
    "InputDate",
    "InputRate",
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
    "JournalEntry",
    "JournalEntryInput",
    "JournalEntryStatus",
    "JournalLine",
    "JournalLineInput",
    "LedgerSourceType",
    "Money",
    "Payment",
    "PaymentApplication",
    "PaymentApplicationInput",
    "PaymentInput",
    "PaymentMethod",
    "PaymentStatus",
    "PaymentType",
    "PhoneNumber",
    "PhoneNumberType",
    "PurchaseOrder",
    "PurchaseOrderInput",
    "PurchaseOrderStatus",
    "Rate",
    "Reference",
    "RelatedObjectType",
    "Report",
    "ReportBasis",
    "ReportColumn",
    "ReportColumnKind",
    "ReportRequest",
    "ReportRow",
    "ReportRowKind",
    "ReportTimeframe",
    "ReportType",
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
    "parse_iso_date",
    "to_decimal",
]

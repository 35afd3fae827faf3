"""GeneralLedgerTransaction: every journal the books hold, system-generated included (read only).

Xero writes a journal for every posted document (invoice, bill, credit note, payment, bank
transaction, manual journal, ...): ``GET /Journals``, paged by journal number. QuickBooks has
no such list: Ledgerlink derives one transaction per posted QuickBooks document from the
document's own ledger lines (see connectors/quickbooks/mappers_journal.py). Each one points at
the document it came from (``source_type`` + ``source``) where the provider says.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import Field

from .catalogue import CatalogueEntry, Filter, Reference
from .common import UnifiedRecord
from .journal_entry import JOURNAL_LINE_REFERENCES, JournalLine
from .types import AwareDatetime, Money

__all__ = ["GeneralLedgerTransaction", "LedgerSourceType"]


class LedgerSourceType(StrEnum):
    """What kind of document produced a ledger transaction (``source_type_raw`` keeps the
    provider's own name: Xero SourceType, QuickBooks entity)."""

    INVOICE = "INVOICE"  # sales invoices and bills
    CREDIT_NOTE = "CREDIT_NOTE"
    PAYMENT = "PAYMENT"
    JOURNAL_ENTRY = "JOURNAL_ENTRY"
    BANK_TRANSACTION = "BANK_TRANSACTION"
    BANK_TRANSFER = "BANK_TRANSFER"
    EXPENSE = "EXPENSE"
    OTHER = "OTHER"  # payroll, prepayments, overpayments, ... (no source reference)


#: The model a ledger transaction's ``source`` points at, by ``source_type``.
SOURCE_MODELS = {
    "INVOICE": "invoice",
    "CREDIT_NOTE": "credit_note",
    "PAYMENT": "payment",
    "JOURNAL_ENTRY": "journal_entry",
    "BANK_TRANSACTION": "bank_transaction",
    "BANK_TRANSFER": "bank_transfer",
    "EXPENSE": "expense",
}


class GeneralLedgerTransaction(UnifiedRecord):
    number: str | None = None
    """Xero JournalNumber (the order journals were written in); QuickBooks DocNumber."""
    transaction_date: date | None = None
    remote_created_at: AwareDatetime | None = None
    """When the provider wrote the journal (Xero CreatedDateUTC; journals never change)."""
    reference: str | None = None
    currency: str | None = None
    source_type: LedgerSourceType | None = None
    """Kind of document that produced the journal (see the enum); `source` points at it."""
    source_type_raw: str | None = None
    source: str | None = None  # gateway id, filled by the gateway
    source_remote_id: str | None = None
    """The provider id of the source document (None when its type is OTHER)."""
    total_debit: Money | None = None
    total_credit: Money | None = None
    lines: list[JournalLine] = Field(default_factory=list)


_EXAMPLE: dict[str, Any] = {
    "id": "5d7f9b1d-3f5b-5d7f-9b1d-3f5b7d9f1b3d",
    "remote_id": "8f1ec50b-3d2e-4b6b-a1a4-0d52a2b9e3f1",
    "number": "42",
    "transaction_date": "2026-11-01",
    "remote_created_at": "2026-11-01T10:00:00Z",
    "reference": "INV-0042",
    "currency": "GBP",
    "source_type": "INVOICE",
    "source_type_raw": "ACCREC",
    "source": "6c7a1e52-2f4b-5a0e-8b61-5f8e3b2d7c11",
    "source_remote_id": "243216c5-369e-4056-ac67-05388f86dc81",
    "total_debit": "360.00",
    "total_credit": "360.00",
    "lines": [
        {
            "net_amount": "360.00",
            "debit_amount": "360.00",
            "gross_amount": "360.00",
            "account_code": "610",
            "account_name": "Accounts Receivable",
        },
        {
            "net_amount": "-300.00",
            "credit_amount": "300.00",
            "tax_amount": "-60.00",
            "gross_amount": "-360.00",
            "account_code": "200",
            "account_name": "Sales",
            "tax_rate_remote_id": "OUTPUT2",
        },
        {
            "net_amount": "-60.00",
            "credit_amount": "60.00",
            "gross_amount": "-60.00",
            "account_code": "820",
            "account_name": "Sales Tax",
        },
    ],
    "remote_updated_at": "2026-11-01T10:00:00Z",
    "remote_was_deleted": False,
    "created_at": "2026-11-24T09:30:00Z",
    "modified_at": "2026-11-24T09:30:00Z",
}

GENERAL_LEDGER_TRANSACTION = CatalogueEntry(
    name="general_ledger_transaction",
    plural="general-ledger-transactions",
    record=GeneralLedgerTransaction,
    operations=frozenset({"list", "get"}),
    references=(
        Reference(
            "source",
            "invoice",
            remote="source_remote_id",
            by="source_type",
            targets=SOURCE_MODELS,
        ),
        *JOURNAL_LINE_REFERENCES,
    ),
    filters=(
        Filter("source_type", "type", "choice", "in", choices=LedgerSourceType),
        Filter("transaction_date_after", "issue_date", "date", "gte"),
        Filter("transaction_date_before", "issue_date", "date", "lte"),
    ),
    columns={"type": "source_type", "issue_date": "transaction_date"},
    example=_EXAMPLE,
    description=(
        "Every journal the books hold, system-generated ones included (Xero Journals; "
        "QuickBooks: one per posted document's ledger lines). Read only."
    ),
)

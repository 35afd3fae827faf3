"""JournalEntry (manual journals: what users post) and the journal lines both ledger models share.

A line carries its amount twice: ``debit_amount``/``credit_amount`` (one of them set, both
positive) and ``net_amount`` signed the way Xero signs it (debit positive, credit negative).
A journal entry is balanced: its debits equal its credits. Write inputs are refused (422,
before anything is sent to the provider) when they are not.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .bounds import OUT_OF_RANGE, UNBALANCED, InputAmount, InputDate, InputRate
from .catalogue import (
    CatalogueEntry,
    Filter,
    Reference,
    amount_range,
    currencies_filter,
    date_range,
)
from .common import UnifiedInput, UnifiedModel, UnifiedRecord
from .enums import TaxTreatment
from .invoice import TrackingCategoryRef
from .types import Money, Rate

__all__ = [
    "JournalEntry",
    "JournalEntryInput",
    "JournalEntryStatus",
    "JournalLine",
    "JournalLineInput",
]


class JournalEntryStatus(StrEnum):
    """Xero ManualJournal DRAFT, POSTED, VOIDED (→ VOID), ARCHIVED; DELETED is
    ``remote_was_deleted``. QuickBooks journal entries are always POSTED."""

    DRAFT = "DRAFT"
    POSTED = "POSTED"
    VOID = "VOID"
    ARCHIVED = "ARCHIVED"


class JournalLine(UnifiedModel):
    """One line of a journal (manual or system): an amount posted to one account."""

    remote_id: str | None = None
    description: str | None = None
    net_amount: Money | None = None
    """Debit positive, credit negative (Xero LineAmount / NetAmount)."""
    debit_amount: Money | None = None
    credit_amount: Money | None = None
    tax_amount: Money | None = None
    gross_amount: Money | None = None
    """Net plus tax where the provider reports it (Xero Journals GrossAmount)."""
    account: str | None = None  # gateway id, filled by the gateway
    account_remote_id: str | None = None
    account_code: str | None = None
    account_name: str | None = None
    """The account's name and type as the provider printed them on the line (ledger lines)."""
    account_type_raw: str | None = None
    tax_rate: str | None = None  # gateway id, filled by the gateway
    tax_rate_remote_id: str | None = None
    contact: str | None = None  # gateway id, filled by the gateway (QuickBooks line Entity)
    contact_remote_id: str | None = None
    tracking_categories: list[TrackingCategoryRef] = Field(default_factory=list)


class JournalEntry(UnifiedRecord):
    number: str | None = None
    transaction_date: date | None = None
    memo: str | None = None
    """Xero Narration, QuickBooks PrivateNote."""
    currency: str | None = None
    exchange_rate: Rate | None = None
    tax_treatment: TaxTreatment | None = None
    status: JournalEntryStatus | None = None
    status_raw: str | None = None
    show_on_cash_basis_reports: bool | None = None
    """Xero ShowOnCashBasisReports."""
    total_debit: Money | None = None
    total_credit: Money | None = None
    lines: list[JournalLine] = Field(default_factory=list)


class JournalLineInput(UnifiedInput):
    """A journal line on a write: exactly one of ``debit_amount`` and ``credit_amount``, above
    zero. On update the provider replaces the whole list (send every line)."""

    description: str | None = None
    debit_amount: InputAmount = None
    credit_amount: InputAmount = None
    tax_amount: InputAmount = None
    account: str | None = None  # gateway id; the gateway fills account_remote_id
    account_remote_id: str | None = None
    account_code: str | None = None
    tax_rate: str | None = None  # gateway id; the gateway fills tax_rate_remote_id
    tax_rate_remote_id: str | None = None
    contact: str | None = None  # gateway id; the gateway fills contact_remote_id
    contact_remote_id: str | None = None
    tracking_categories: list[TrackingCategoryRef] | None = None

    @model_validator(mode="after")
    def _one_side(self) -> JournalLineInput:
        sides = [a for a in (self.debit_amount, self.credit_amount) if a is not None]
        if len(sides) != 1:
            raise ValueError("give exactly one of debit_amount and credit_amount")
        if sides[0] <= 0:
            raise PydanticCustomError(
                OUT_OF_RANGE, "A journal line's amount must be above zero", {}
            )
        return self

    @property
    def signed(self) -> Decimal:
        """Debit positive, credit negative (Xero's LineAmount)."""
        if self.debit_amount is not None:
            return self.debit_amount
        assert self.credit_amount is not None
        return -self.credit_amount


class JournalEntryInput(UnifiedInput):
    """POST/PATCH body for journal entries. ``lines`` must balance (debits = credits) and hold at
    least two lines; otherwise the answer is 422 and nothing is sent to the provider."""

    CREATE_REQUIRED: ClassVar[tuple[str, ...]] = ("lines", "memo")

    number: str | None = None
    transaction_date: InputDate = None
    memo: str | None = None
    currency: str | None = None
    exchange_rate: InputRate = None
    tax_treatment: TaxTreatment | None = None
    status: JournalEntryStatus | None = None
    """DRAFT or POSTED on create; POSTED → VOID (Xero) on update."""
    show_on_cash_basis_reports: bool | None = None
    lines: list[JournalLineInput] | None = None

    @field_validator("lines")
    @classmethod
    def _balanced(cls, lines: list[JournalLineInput] | None) -> list[JournalLineInput] | None:
        if lines is None:
            return lines
        if len(lines) < 2:
            raise PydanticCustomError(UNBALANCED, "A journal needs at least two lines", {})
        debits = sum((line.debit_amount or Decimal(0) for line in lines), Decimal(0))
        credits = sum((line.credit_amount or Decimal(0) for line in lines), Decimal(0))
        if debits != credits:
            raise PydanticCustomError(
                UNBALANCED,
                "The journal does not balance: debits {debits}, credits {credits}",
                {"debits": str(debits), "credits": str(credits)},
            )
        return lines


#: The references of every journal line (journal entries and ledger transactions).
JOURNAL_LINE_REFERENCES = (
    Reference("lines.account", "account"),
    Reference("lines.tax_rate", "tax_rate"),
    Reference("lines.contact", "contact"),
    Reference(
        "lines.tracking_categories.category", "tracking_category", remote="category_remote_id"
    ),
)

_EXAMPLE: dict[str, Any] = {
    "id": "8e2b4d6f-1a3c-5e7a-9c1e-3b5d7f9a1c3e",
    "remote_id": "0f5ef4ba-6a1e-4ac4-9a6f-3b0a3a3bf6e1",
    "transaction_date": "2026-11-30",
    "memo": "Accrued rent, November",
    "currency": "GBP",
    "tax_treatment": "NO_TAX",
    "status": "POSTED",
    "status_raw": "POSTED",
    "total_debit": "1200.00",
    "total_credit": "1200.00",
    "lines": [
        {
            "description": "Rent",
            "net_amount": "1200.00",
            "debit_amount": "1200.00",
            "account_code": "429",
            "tax_rate_remote_id": "NONE",
        },
        {
            "description": "Rent",
            "net_amount": "-1200.00",
            "credit_amount": "1200.00",
            "account_code": "090",
            "tax_rate_remote_id": "NONE",
        },
    ],
    "remote_updated_at": "2026-11-30T17:00:00Z",
    "remote_was_deleted": False,
    "created_at": "2026-11-30T17:05:00Z",
    "modified_at": "2026-11-30T17:05:00Z",
}

_INPUT_EXAMPLE: dict[str, Any] = {
    "transaction_date": "2026-11-30",
    "memo": "Accrued rent, November",
    "status": "POSTED",
    "lines": [
        {"description": "Rent", "debit_amount": "1200.00", "account_code": "429"},
        {"description": "Rent", "credit_amount": "1200.00", "account_code": "090"},
    ],
}

JOURNAL_ENTRY = CatalogueEntry(
    name="journal_entry",
    plural="journal-entries",
    record=JournalEntry,
    input=JournalEntryInput,
    operations=frozenset({"list", "get", "create", "update"}),
    references=JOURNAL_LINE_REFERENCES,
    filters=(
        Filter("status", "status", "choice", "in", choices=JournalEntryStatus),
        currencies_filter(),
        *date_range("transaction_date", "issue_date"),
        *amount_range("total_debit", "total_amount"),
        Filter("q", "search", "search", help="Case-insensitive text in the number or memo."),
    ),
    columns={"issue_date": "transaction_date", "total_amount": "total_debit"},
    search=("number", "memo"),
    ordering=("issue_date", "total_amount", "number"),
    example=_EXAMPLE,
    input_example=_INPUT_EXAMPLE,
    description=(
        "Manual journals: the journals users post by hand (Xero ManualJournals, QuickBooks "
        "JournalEntry). Lines must balance. Every journal the books hold, system ones "
        "included, is a general ledger transaction."
    ),
)

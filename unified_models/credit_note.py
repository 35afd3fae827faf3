"""CreditNote (sales credit notes and supplier credits), its allocations to invoices and its
refunds, plus the write inputs and the ``allocations`` action.

``type`` is AR/AP like invoices (Xero ACCRECCREDIT/ACCPAYCREDIT, QuickBooks CreditMemo/
VendorCredit). ``remaining_credit`` is what can still be allocated or refunded; ``applied_to``
lists the allocations to invoices, ``refunds`` the money paid back (Xero payments on the credit
note, QuickBooks RefundReceipts: see the connectors for each provider's choice).

Status: DRAFT, SUBMITTED, OPEN (approved, nothing used), PARTIALLY_APPLIED (some credit used),
APPLIED (no credit left: Xero PAID), VOID; ``status_raw`` keeps the provider's word.
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from pydantic import Field, model_validator

from .bounds import InputAmount, InputDate, InputRate
from .catalogue import (
    Action,
    CatalogueEntry,
    Filter,
    Reference,
    amount_range,
    contacts_filter,
    currencies_filter,
    date_range,
)
from .common import UnifiedInput, UnifiedModel, UnifiedRecord
from .enums import InvoiceType, TaxTreatment
from .invoice import LINE_REFERENCES, InvoiceLineItem, InvoiceLineItemInput
from .types import Money, Rate

__all__ = [
    "CREDIT_NOTE",
    "CreditNote",
    "CreditNoteAllocation",
    "CreditNoteAllocationInput",
    "CreditNoteInput",
    "CreditNoteRefund",
    "CreditNoteStatus",
    "allocation_problems",
]


class CreditNoteStatus(enum.StrEnum):
    DRAFT = "DRAFT"
    SUBMITTED = "SUBMITTED"
    OPEN = "OPEN"
    PARTIALLY_APPLIED = "PARTIALLY_APPLIED"
    APPLIED = "APPLIED"
    VOID = "VOID"


class CreditNoteAllocation(UnifiedModel):
    """Credit applied to one invoice (Xero Allocation; QuickBooks a linked invoice)."""

    remote_id: str | None = None
    invoice: str | None = None  # gateway id, filled by the gateway
    invoice_remote_id: str | None = None
    applied_amount: Money
    applied_date: date | None = None
    """Date the credit was applied to the invoice."""


class CreditNoteRefund(UnifiedModel):
    """Credit paid back in money (Xero: a payment on the credit note; QuickBooks: the credit
    memo's RefundReceipt is a document of its own, not linked: see the connector)."""

    remote_id: str | None = None
    payment: str | None = None  # gateway id, filled by the gateway
    payment_remote_id: str | None = None
    amount: Money | None = None
    refund_date: date | None = None
    """Date the money was paid back."""


class CreditNote(UnifiedRecord):
    type: InvoiceType
    """`ACCOUNTS_RECEIVABLE`: a credit note to a customer; `ACCOUNTS_PAYABLE`: a credit from a
    supplier."""
    number: str | None = None
    contact: str | None = None  # gateway id, filled by the gateway
    contact_remote_id: str | None = None
    issue_date: date | None = None
    due_date: date | None = None
    memo: str | None = None
    reference: str | None = None
    currency: str | None = None
    exchange_rate: Rate | None = None
    tax_treatment: TaxTreatment | None = None
    sub_total: Money | None = None
    total_tax_amount: Money | None = None
    total_amount: Money | None = None
    applied_amount: Money | None = None
    """Credit used so far (allocations and refunds)."""
    remaining_credit: Money | None = None
    """Credit still available to allocate or refund."""
    status: CreditNoteStatus | None = None
    status_raw: str | None = None
    line_items: list[InvoiceLineItem] = Field(default_factory=list)
    applied_to: list[CreditNoteAllocation] = Field(default_factory=list)
    refunds: list[CreditNoteRefund] = Field(default_factory=list)
    """Credit paid back in money."""


class CreditNoteInput(UnifiedInput):
    """POST/PATCH body. Drafts change freely; what an approved one allows is the provider's
    rule (Xero: until credit is applied); ``status`` moves forward (DRAFT → SUBMITTED → OPEN);
    delete voids an approved credit note and deletes a draft."""

    CREATE_REQUIRED: ClassVar[tuple[str, ...]] = ("type", "contact_remote_id")

    type: InvoiceType | None = None
    number: str | None = None
    contact: str | None = None
    contact_remote_id: str | None = None
    issue_date: InputDate = None
    reference: str | None = None
    memo: str | None = None
    currency: str | None = None
    exchange_rate: InputRate = None
    tax_treatment: TaxTreatment | None = None
    status: CreditNoteStatus | None = None
    line_items: list[InvoiceLineItemInput] | None = None

    @model_validator(mode="after")
    def _status_is_writable(self) -> CreditNoteInput:
        if self.status in (CreditNoteStatus.PARTIALLY_APPLIED, CreditNoteStatus.APPLIED):
            raise ValueError("status follows allocations; write DRAFT, SUBMITTED, OPEN or VOID")
        return self


class CreditNoteAllocationInput(UnifiedInput):
    """POST /v1/credit-notes/{id}/allocations: apply ``amount`` of the credit to an invoice
    of the same contact and currency."""

    CREATE_REQUIRED: ClassVar[tuple[str, ...]] = ("invoice_remote_id", "amount")

    invoice: str | None = None  # gateway id; the gateway fills invoice_remote_id
    invoice_remote_id: str | None = None
    amount: InputAmount = None
    date: InputDate = None

    @model_validator(mode="after")
    def _positive(self) -> CreditNoteAllocationInput:
        if self.amount is not None and self.amount <= 0:
            raise ValueError("amount must be greater than zero")
        if not (self.invoice or self.invoice_remote_id):
            raise ValueError("Name the invoice: invoice")
        return self


def _dec(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def allocation_problems(
    credit_note: dict[str, Any], data: CreditNoteAllocationInput, related: dict[str, Any]
) -> list[dict[str, str]]:
    """What the gateway can refuse before calling the provider, from the stored documents:
    a credit note or invoice not open, more than the remaining credit or the invoice's balance,
    another currency, another contact, an invoice of the other side (a sales credit to a
    bill). Every provider gets these checks (Xero and QuickBooks alike)."""
    problems: list[dict[str, str]] = []
    if credit_note.get("status") not in (None, "OPEN", "PARTIALLY_APPLIED"):
        problems.append(
            {
                "field": "status",
                "message": "Only an approved credit note with credit left can "
                f"be allocated (this one is {credit_note.get('status')}).",
            }
        )
    amount = data.amount or Decimal(0)
    remaining = _dec(credit_note.get("remaining_credit"))
    if remaining is not None and amount > remaining:
        problems.append(
            {"field": "amount", "message": f"More than the remaining credit ({remaining})."}
        )
    invoice = related.get("invoice")
    if invoice and invoice.get("status") not in (None, "OPEN", "PARTIALLY_PAID"):
        problems.append(
            {
                "field": "invoice",
                "message": "Only an approved invoice with a balance can take "
                f"credit (this one is {invoice.get('status')}).",
            }
        )
    if invoice:
        balance = _dec(invoice.get("balance"))
        if balance is not None and amount > balance:
            problems.append(
                {"field": "amount", "message": f"More than the invoice's balance ({balance})."}
            )
        if invoice.get("type") and invoice.get("type") != credit_note.get("type"):
            problems.append(
                {"field": "invoice", "message": "The invoice is of the other side (AR/AP)."}
            )
        if (
            invoice.get("currency")
            and credit_note.get("currency")
            and invoice["currency"] != credit_note["currency"]
        ):
            problems.append({"field": "invoice", "message": "The invoice is in another currency."})
        if (
            invoice.get("contact_remote_id")
            and credit_note.get("contact_remote_id")
            and invoice["contact_remote_id"] != credit_note["contact_remote_id"]
        ):
            problems.append({"field": "invoice", "message": "The invoice is of another contact."})
    return problems


ALLOCATE = Action(
    name="allocations",
    input=CreditNoteAllocationInput,
    references=(Reference("invoice", "invoice"),),
    check=allocation_problems,
    summary="Allocate credit to an invoice",
    description="Applies part of the credit note's remaining credit to an invoice of the same "
    "contact and currency (Xero PUT /CreditNotes/{id}/Allocations; QuickBooks a Payment, or "
    "BillPayment, of total 0 linking the invoice and the credit, which is stored as a payment "
    "too). Amounts above the remaining credit or the invoice's balance, another contact or "
    "currency are refused with 422 before the provider is called; the refreshed credit note is "
    "returned and the invoice is stored again (`invoice.updated` follows).",
)

_EXAMPLE = {
    "id": "9a4e0f0c-2a1b-5c3d-8e4f-5a6b7c8d9e01",
    "remote_id": "7d9b5c53-19c4-4c3c-9f3b-0a7c0e5e4a21",
    "type": "ACCOUNTS_RECEIVABLE",
    "number": "CN-0007",
    "contact": "3f9a1d0e-6a43-5d0c-9f0e-1c2b3a4d5e6f",
    "contact_remote_id": "bd2270c3-8706-4c11-9cfb-000b551c3f51",
    "issue_date": "2026-11-10",
    "currency": "GBP",
    "tax_treatment": "EXCLUSIVE",
    "sub_total": "100.00",
    "total_tax_amount": "20.00",
    "total_amount": "120.00",
    "applied_amount": "50.00",
    "remaining_credit": "70.00",
    "status": "PARTIALLY_APPLIED",
    "status_raw": "AUTHORISED",
    "line_items": [
        {"description": "Returned goods", "quantity": "1", "unit_price": "100.00"},
    ],
    "applied_to": [
        {
            "remote_id": "c2a1b0d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
            "invoice": "6c7a1e52-2f4b-5a0e-8b61-5f8e3b2d7c11",
            "invoice_remote_id": "243216c5-369e-4056-ac67-05388f86dc81",
            "applied_amount": "50.00",
            "applied_date": "2026-11-12",
        }
    ],
    "refunds": [],
    "remote_was_deleted": False,
    "created_at": "2026-11-24T09:30:00Z",
    "modified_at": "2026-11-24T09:31:00Z",
}

_INPUT_EXAMPLE = {
    "type": "ACCOUNTS_RECEIVABLE",
    "contact": "3f9a1d0e-6a43-5d0c-9f0e-1c2b3a4d5e6f",
    "issue_date": "2026-11-10",
    "line_items": [
        {
            "description": "Returned goods",
            "quantity": "1",
            "unit_price": "100.00",
            "account_code": "200",
        }
    ],
}

CREDIT_NOTE = CatalogueEntry(
    name="credit_note",
    plural="credit-notes",
    record=CreditNote,
    input=CreditNoteInput,
    operations=frozenset({"list", "get", "create", "update", "delete"}),
    references=(
        Reference("contact", "contact"),
        Reference("applied_to.invoice", "invoice"),
        Reference("refunds.payment", "payment"),
        *LINE_REFERENCES,
    ),
    filters=(
        Filter("type", "type", "choice", "in", choices=InvoiceType),
        Filter("status", "status", "choice", "in", choices=CreditNoteStatus),
        contacts_filter(),
        currencies_filter(),
        *date_range("issue_date"),
        *amount_range("total_amount"),
        *amount_range("remaining_credit", "balance"),
        Filter("q", "search", "search", help="Case-insensitive text in the number or reference."),
    ),
    columns={"balance": "remaining_credit"},
    search=("number", "reference"),
    ordering=("issue_date", "total_amount", "balance", "number"),
    actions=(ALLOCATE,),
    example=_EXAMPLE,
    input_example=_INPUT_EXAMPLE,
    description="Sales credit notes (AR) and supplier credits (AP), their allocations to "
    "invoices and their refunds.",
)

"""Money spent or received outside an invoice: bank transactions, expenses and bank transfers.

The split (the README's "Bank transactions, expenses and bank transfers"):

- **BankTransaction** is every line a bank (or card) account statement gets that is not an
  invoice payment: Xero ``BankTransactions`` of every type (SPEND, RECEIVE and their
  -OVERPAYMENT, -PREPAYMENT and -TRANSFER variants) and QuickBooks ``Purchase`` (money out)
  plus ``Deposit`` (money in).
- **Expense** is the spend side only, as expense tools want it (Merge's and Apideck's
  ``Expense``): Xero ``BankTransactions`` of type SPEND and QuickBooks ``Purchase``. An expense is
  also a bank transaction; both views carry the provider's id. Xero's classic ``ExpenseClaims``
  and ``Receipts`` are left out: Xero closed them to every organisation that had not used them
  in the six months before 10 July 2018 and tells integrators to write bills instead.
- **BankTransfer** moves money between two of the company's own bank accounts: Xero
  ``BankTransfers`` and QuickBooks ``Transfer``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

from pydantic import Field, model_validator

from .bounds import InputAmount, InputDate, InputRate
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
from .invoice import LINE_REFERENCES, InvoiceLineItem, InvoiceLineItemInput
from .types import Money, Rate

__all__ = [
    "BANK_TRANSACTION",
    "BANK_TRANSFER",
    "EXPENSE",
    "BankTransaction",
    "BankTransactionStatus",
    "BankTransactionType",
    "BankTransfer",
    "BankTransferInput",
    "Expense",
    "ExpenseInput",
    "PaymentMethod",
]


class BankTransactionType(StrEnum):
    """Which way the money went, and what the transaction is for (Xero's types; QuickBooks
    Purchase is SPEND, Deposit RECEIVE)."""

    SPEND = "SPEND"
    RECEIVE = "RECEIVE"
    SPEND_OVERPAYMENT = "SPEND_OVERPAYMENT"
    RECEIVE_OVERPAYMENT = "RECEIVE_OVERPAYMENT"
    SPEND_PREPAYMENT = "SPEND_PREPAYMENT"
    RECEIVE_PREPAYMENT = "RECEIVE_PREPAYMENT"
    #: The two sides of a bank transfer, as Xero lists them among bank transactions.
    SPEND_TRANSFER = "SPEND_TRANSFER"
    RECEIVE_TRANSFER = "RECEIVE_TRANSFER"


class BankTransactionStatus(StrEnum):
    POSTED = "POSTED"
    VOID = "VOID"
    DELETED = "DELETED"


class PaymentMethod(StrEnum):
    """How an expense was paid (QuickBooks PaymentType; Xero: from the bank account's type)."""

    CASH = "CASH"
    CHECK = "CHECK"
    CREDIT_CARD = "CREDIT_CARD"
    BANK = "BANK"


class _BankDocument(UnifiedRecord):
    number: str | None = None
    transaction_date: date | None = None
    contact: str | None = None  # gateway id, filled by the gateway
    contact_remote_id: str | None = None
    account: str | None = None  # gateway id, filled by the gateway
    """The bank or card account the money left or reached."""
    account_remote_id: str | None = None
    account_code: str | None = None
    currency: str | None = None
    exchange_rate: Rate | None = None
    tax_treatment: TaxTreatment | None = None
    sub_total: Money | None = None
    total_tax_amount: Money | None = None
    total_amount: Money | None = None
    reference: str | None = None
    memo: str | None = None
    is_reconciled: bool | None = None
    status: BankTransactionStatus | None = None
    status_raw: str | None = None
    line_items: list[InvoiceLineItem] = Field(default_factory=list)


class BankTransaction(_BankDocument):
    type: BankTransactionType
    type_raw: str | None = None
    payment_method: PaymentMethod | None = None


class Expense(_BankDocument):
    payment_method: PaymentMethod | None = None
    is_refund: bool = False
    """A refund of an earlier purchase (QuickBooks Purchase with ``Credit: true``): money in."""


class ExpenseInput(UnifiedInput):
    """POST body for expenses: the bank or card account paid from, lines with their expense
    accounts. Providers take no edit of a posted expense through Ledgerlink (create only)."""

    CREATE_REQUIRED: ClassVar[tuple[str, ...]] = ("line_items",)

    transaction_date: InputDate = None
    number: str | None = None
    contact: str | None = None
    contact_remote_id: str | None = None
    account: str | None = None
    account_remote_id: str | None = None
    account_code: str | None = None
    payment_method: PaymentMethod | None = None
    currency: str | None = None
    exchange_rate: InputRate = None
    tax_treatment: TaxTreatment | None = None
    reference: str | None = None
    memo: str | None = None
    line_items: list[InvoiceLineItemInput] | None = None

    @model_validator(mode="after")
    def _total_positive(self) -> ExpenseInput:
        """A spend of nothing or less is refused by both providers; refused here when every
        line's amount is known."""
        amounts = [line.net_amount() for line in self.line_items or ()]
        if amounts and None not in amounts and sum(amounts, Decimal(0)) <= 0:
            raise ValueError("The expense total must be more than zero")
        return self


class BankTransfer(UnifiedRecord):
    transaction_date: date | None = None
    from_account: str | None = None  # gateway id, filled by the gateway
    from_account_remote_id: str | None = None
    to_account: str | None = None  # gateway id, filled by the gateway
    to_account_remote_id: str | None = None
    amount: Money | None = None
    """In the currency of the account the money left."""
    currency: str | None = None
    exchange_rate: Rate | None = None
    """Units of the receiving account's currency per unit sent (1 between same-currency
    accounts)."""
    reference: str | None = None
    from_is_reconciled: bool | None = None
    """The side leaving `from_account` is reconciled against a bank statement line."""
    to_is_reconciled: bool | None = None
    """The side reaching `to_account` is reconciled against a bank statement line."""
    status: BankTransactionStatus | None = None
    status_raw: str | None = None


class BankTransferInput(UnifiedInput):
    """POST body for bank transfers between two of the company's bank accounts."""

    CREATE_REQUIRED: ClassVar[tuple[str, ...]] = (
        "from_account_remote_id",
        "to_account_remote_id",
        "amount",
    )

    transaction_date: InputDate = None
    from_account: str | None = None  # gateway id; the gateway fills from_account_remote_id
    from_account_remote_id: str | None = None
    to_account: str | None = None
    to_account_remote_id: str | None = None
    amount: InputAmount = None
    exchange_rate: InputRate = None
    reference: str | None = None

    @model_validator(mode="after")
    def _sane(self) -> BankTransferInput:
        if self.amount is not None and self.amount <= 0:
            raise ValueError("amount: a transfer moves more than zero")
        same_ids = self.from_account and self.from_account == self.to_account
        same_remote = (
            self.from_account_remote_id and self.from_account_remote_id == self.to_account_remote_id
        )
        if same_ids or same_remote:
            raise ValueError("to_account: a transfer needs two different bank accounts")
        return self


_DATE_FILTERS = date_range("transaction_date", "issue_date")
#: What bank transactions and expenses are filtered, searched and ordered by.
_DOCUMENT_FILTERS = (
    contacts_filter(),
    currencies_filter(),
    *_DATE_FILTERS,
    *amount_range("total_amount"),
    Filter("q", "search", "search", help="Case-insensitive text in the number, reference or memo."),
)
_DOCUMENT_SEARCH = ("number", "reference", "memo")
_DOCUMENT_ORDERING = ("issue_date", "total_amount", "number")
_CONTACT = Reference("contact", "contact")
_ACCOUNT = Reference("account", "account")

_TRANSACTION_EXAMPLE = {
    "id": "5a0c3e1f-2b7d-5c4e-9a8b-7c6d5e4f3a21",
    "remote_id": "d20b6c54-7f5d-4ce6-ab83-55f609719126",
    "type": "SPEND",
    "type_raw": "SPEND",
    "transaction_date": "2026-11-03",
    "contact_remote_id": "bd2270c3-8706-4c11-9cfb-000b551c3f51",
    "account_remote_id": "bd9e85e0-0478-433d-ae9f-0b3c4f04bfe4",
    "account_code": "090",
    "currency": "GBP",
    "exchange_rate": "1",
    "tax_treatment": "INCLUSIVE",
    "sub_total": "40.00",
    "total_tax_amount": "8.00",
    "total_amount": "48.00",
    "reference": "Taxi to client",
    "is_reconciled": False,
    "status": "POSTED",
    "status_raw": "AUTHORISED",
    "line_items": [
        {
            "description": "Taxi",
            "quantity": "1",
            "unit_price": "48.00",
            "tax_amount": "8.00",
            "total_amount": "48.00",
            "account_code": "493",
            "tax_rate_remote_id": "INPUT2",
        }
    ],
    "remote_was_deleted": False,
    "created_at": "2026-11-24T09:30:00Z",
    "modified_at": "2026-11-24T09:30:00Z",
}
_EXPENSE_EXAMPLE = {
    k: v for k, v in _TRANSACTION_EXAMPLE.items() if k not in ("type", "type_raw")
} | {"payment_method": "CASH", "is_refund": False}
_TRANSFER_EXAMPLE = {
    "id": "7e2f4a6b-8c9d-5e0f-a1b2-c3d4e5f6a7b8",
    "remote_id": "6221f5b5-8a2d-4b3e-9c41-0f3a6a3f2b11",
    "transaction_date": "2026-11-10",
    "from_account_remote_id": "bd9e85e0-0478-433d-ae9f-0b3c4f04bfe4",
    "to_account_remote_id": "6f7594f2-f059-4d56-9e67-47ac9733bfe9",
    "amount": "500.00",
    "currency": "GBP",
    "exchange_rate": "1",
    "status": "POSTED",
    "status_raw": "AUTHORISED",
    "remote_was_deleted": False,
    "created_at": "2026-11-24T09:30:00Z",
    "modified_at": "2026-11-24T09:30:00Z",
}

BANK_TRANSACTION = CatalogueEntry(
    name="bank_transaction",
    plural="bank-transactions",
    record=BankTransaction,
    operations=frozenset({"list", "get"}),
    references=(_CONTACT, _ACCOUNT, *LINE_REFERENCES),
    filters=(
        Filter("type", "type", "choice", "in", choices=BankTransactionType),
        Filter("status", "status", "choice", "in", choices=BankTransactionStatus),
        *_DOCUMENT_FILTERS,
    ),
    columns={"issue_date": "transaction_date"},
    search=_DOCUMENT_SEARCH,
    ordering=_DOCUMENT_ORDERING,
    example=_TRANSACTION_EXAMPLE,
    description=(
        "Money spent or received through a bank or card account outside an invoice "
        "(Xero BankTransactions of every type; QuickBooks Purchase and Deposit)."
    ),
)

EXPENSE = CatalogueEntry(
    name="expense",
    plural="expenses",
    record=Expense,
    input=ExpenseInput,
    operations=frozenset({"list", "get", "create"}),
    references=(_CONTACT, _ACCOUNT, *LINE_REFERENCES),
    filters=(
        Filter("status", "status", "choice", "in", choices=BankTransactionStatus),
        *_DOCUMENT_FILTERS,
    ),
    columns={"type": "payment_method", "issue_date": "transaction_date"},
    search=_DOCUMENT_SEARCH,
    ordering=_DOCUMENT_ORDERING,
    example=_EXPENSE_EXAMPLE,
    input_example={
        "transaction_date": "2026-11-03",
        "account_code": "090",
        "tax_treatment": "INCLUSIVE",
        "reference": "Taxi to client",
        "line_items": [{"description": "Taxi", "unit_price": "48.00", "account_code": "493"}],
    },
    description=(
        "Money spent outside a bill: card, cash and bank purchases "
        "(Xero SPEND bank transactions; QuickBooks Purchase)."
    ),
)

BANK_TRANSFER = CatalogueEntry(
    name="bank_transfer",
    plural="bank-transfers",
    record=BankTransfer,
    input=BankTransferInput,
    operations=frozenset({"list", "get", "create"}),
    references=(
        Reference("from_account", "account"),
        Reference("to_account", "account"),
    ),
    filters=(
        Filter("status", "status", "choice", "in", choices=BankTransactionStatus),
        currencies_filter(),
        *_DATE_FILTERS,
        *amount_range("amount", "total_amount"),
    ),
    columns={"issue_date": "transaction_date", "total_amount": "amount"},
    ordering=("issue_date", "total_amount"),
    example=_TRANSFER_EXAMPLE,
    input_example={
        "transaction_date": "2026-11-10",
        "from_account": "2b8e4c1d-7a3f-5e60-9c21-4d5e6f708192",  # gateway ids of two bank accounts
        "to_account": "9f1a2b3c-4d5e-5f60-8a7b-6c5d4e3f2a10",
        "amount": "500.00",
    },
    description="Money moved between two of the company's own bank accounts.",
)

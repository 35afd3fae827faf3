"""Account (one line of the chart of accounts) and its write input."""

from __future__ import annotations

from typing import ClassVar

from .catalogue import CatalogueEntry, Filter, Reference
from .common import UnifiedInput, UnifiedRecord
from .enums import AccountClassification, AccountStatus, AccountType
from .examples import ACCOUNT as _EXAMPLE
from .examples import INPUTS as _INPUTS

__all__ = ["Account", "AccountInput"]


class Account(UnifiedRecord):
    name: str | None = None
    code: str | None = None
    """The user's account code (Xero ``Code``, QuickBooks ``AcctNum``); Xero lines refer to it."""
    description: str | None = None
    classification: AccountClassification | None = None
    """Where the account sits in the financial statements (see the enum); the provider derives
    it from the type."""
    type: AccountType | None = None
    type_raw: str | None = None
    """The provider's own type (Xero ``Type``, QuickBooks ``AccountType``)."""
    sub_type_raw: str | None = None
    """The provider's finer type where it has one (QuickBooks ``AccountSubType``)."""
    status: AccountStatus | None = None
    status_raw: str | None = None
    currency: str | None = None
    tax_rate: str | None = None  # gateway id, filled by the gateway
    """The account's default tax rate."""
    tax_rate_remote_id: str | None = None
    """Provider tax rate identifier (Xero TaxType code)."""
    bank_account_number: str | None = None
    """Only where the provider gives it (Xero bank accounts)."""
    parent_account: str | None = None  # gateway id, filled by the gateway
    parent_account_remote_id: str | None = None


class AccountInput(UnifiedInput):
    """POST/PATCH body for accounts. ``classification`` is not writable: providers derive it from
    ``type``. Providers add their own rules (Xero: a code for every non-bank account, a bank
    account number for BANK accounts, no ``type`` change once used)."""

    CREATE_REQUIRED: ClassVar[tuple[str, ...]] = ("name", "type")

    name: str | None = None
    code: str | None = None
    description: str | None = None
    type: AccountType | None = None
    status: AccountStatus | None = None
    currency: str | None = None
    tax_rate: str | None = None  # gateway id; the gateway fills tax_rate_remote_id
    tax_rate_remote_id: str | None = None
    bank_account_number: str | None = None
    parent_account: str | None = None  # gateway id; the gateway fills parent_account_remote_id
    parent_account_remote_id: str | None = None


ACCOUNT = CatalogueEntry(
    name="account",
    plural="accounts",
    record=Account,
    input=AccountInput,
    operations=frozenset({"list", "get", "create", "update"}),
    references=(
        Reference("tax_rate", "tax_rate"),
        Reference("parent_account", "account"),
    ),
    filters=(
        Filter("type", "type", "choice", "in", choices=AccountType),
        Filter("status", "status", "choice", "in", choices=AccountStatus),
        Filter("q", "search", "search", help="Case-insensitive text in the name or code."),
    ),
    search=("name", "code"),
    ordering=("name",),
    # `account.*` are the linked-account events (account.linked): the chart of accounts is the
    # ledger, so its records' events are `ledger_account.created|updated|deleted`.
    event_family="ledger_account",
    example=_EXAMPLE,
    input_example=_INPUTS["account"],
    description="The chart of accounts (ledger accounts). Events: `ledger_account.*`.",
)

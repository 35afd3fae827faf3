"""Account (one line of the chart of accounts) and its write input."""

from __future__ import annotations

from typing import ClassVar

from .common import UnifiedInput, UnifiedRecord
from .enums import AccountClassification, AccountStatus, AccountType

__all__ = ["Account", "AccountInput"]


class Account(UnifiedRecord):
    name: str | None = None
    #: The user's account code (Xero ``Code``, QuickBooks ``AcctNum``); Xero lines refer to it.
    code: str | None = None
    description: str | None = None
    classification: AccountClassification | None = None
    type: AccountType | None = None
    #: The provider's own type (Xero ``Type``, QuickBooks ``AccountType``).
    type_raw: str | None = None
    #: The provider's finer type where it has one (QuickBooks ``AccountSubType``).
    sub_type_raw: str | None = None
    status: AccountStatus | None = None
    status_raw: str | None = None
    currency: str | None = None
    #: The account's default tax rate.
    tax_rate: str | None = None  # gateway id, filled by the gateway
    #: Provider tax rate identifier (Xero TaxType code).
    tax_rate_remote_id: str | None = None
    #: Only where the provider gives it (Xero bank accounts).
    bank_account_number: str | None = None
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

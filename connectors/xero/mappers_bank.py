"""Xero ``BankTransactions`` and ``BankTransfers`` ⇄ unified bank transactions, expenses and
bank transfers (pure functions; money through ``connectors.money.amount``).

Every Xero bank transaction is a unified bank transaction; those of type SPEND are also
expenses (read with ``where=Type=="SPEND"``). Xero writes ``Date`` in its millisecond form
(``dates.py``) and lists deleted and voided transactions with their status; a bank transfer has no
``UpdatedDateUTC`` (its ``CreatedDateUTC`` stands in), and cannot be edited, only deleted.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from unified_models import (
    BankTransaction,
    BankTransactionStatus,
    BankTransactionType,
    BankTransfer,
    BankTransferInput,
    Expense,
    ExpenseInput,
)

from ..money import amount
from .dates import format_date, parse_date, parse_datetime
from .mappers import (
    LINE_AMOUNT_TYPES,
    LINE_AMOUNT_TYPES_OUT,
    _id,
    _line_from_xero,
    _line_to_xero,
    _put,
    _s,
)

__all__ = [
    "BANK_TRANSACTION_STATUSES",
    "BANK_TRANSACTION_TYPES",
    "bank_transaction_from_xero",
    "bank_transfer_from_xero",
    "bank_transfer_to_xero",
    "expense_from_xero",
    "expense_to_xero",
]

#: Xero Type → unified type (Xero spells the variants with a hyphen).
BANK_TRANSACTION_TYPES = {t.value.replace("_", "-"): t for t in BankTransactionType}
BANK_TRANSACTION_STATUSES = {
    "AUTHORISED": BankTransactionStatus.POSTED,
    "VOIDED": BankTransactionStatus.VOID,
    "DELETED": BankTransactionStatus.DELETED,
}
BANK_TRANSFER_STATUSES = {
    "AUTHORISED": BankTransactionStatus.POSTED,
    "DELETED": BankTransactionStatus.DELETED,
}


def _bank_document(raw: Mapping[str, Any]) -> dict[str, Any]:
    get = raw.get
    status_raw = _s(get("Status"))
    currency = _s(get("CurrencyCode"))
    bank = get("BankAccount")
    return {
        "remote_id": raw["BankTransactionID"],
        "remote_updated_at": parse_datetime(get("UpdatedDateUTC")),
        "remote_was_deleted": status_raw == "DELETED",
        "remote_data": dict(raw),
        "transaction_date": parse_date(get("Date")),
        "contact_remote_id": _id(get("Contact"), "ContactID"),
        "account_remote_id": _id(bank, "AccountID"),
        "account_code": _id(bank, "Code"),
        "currency": currency,
        "exchange_rate": get("CurrencyRate"),
        "tax_treatment": LINE_AMOUNT_TYPES.get(get("LineAmountTypes") or ""),
        "sub_total": amount(get("SubTotal"), currency),
        "total_tax_amount": amount(get("TotalTax"), currency),
        "total_amount": amount(get("Total"), currency),
        "reference": _s(get("Reference")),
        "is_reconciled": get("IsReconciled"),
        "status": BANK_TRANSACTION_STATUSES.get(status_raw or ""),
        "status_raw": status_raw,
        "line_items": [_line_from_xero(li, currency) for li in get("LineItems") or ()],
    }


def bank_transaction_from_xero(raw: Mapping[str, Any]) -> BankTransaction:
    type_raw = raw["Type"]
    return BankTransaction.model_validate(
        {**_bank_document(raw), "type": BANK_TRANSACTION_TYPES[type_raw], "type_raw": type_raw}
    )


def expense_from_xero(raw: Mapping[str, Any]) -> Expense:
    """A SPEND bank transaction (the spec lists only those)."""
    if raw.get("Type") != "SPEND":
        raise ValueError(f"a Xero {raw.get('Type')} bank transaction is not an expense")
    return Expense.model_validate(_bank_document(raw))


def expense_to_xero(data: ExpenseInput) -> dict[str, Any]:
    """A Xero SPEND bank transaction body (``PUT /BankTransactions``)."""
    v = data.changes()
    out: dict[str, Any] = {"Type": "SPEND"}
    if v.get("contact_remote_id"):
        out["Contact"] = {"ContactID": v["contact_remote_id"]}
    bank: dict[str, Any] = {}
    _put(bank, "AccountID", v.get("account_remote_id"))
    if not bank:
        _put(bank, "Code", v.get("account_code"))
    if bank:
        out["BankAccount"] = bank
    if v.get("transaction_date") is not None:
        out["Date"] = format_date(v["transaction_date"])
    _put(out, "Reference", v.get("reference"))
    _put(out, "CurrencyCode", v.get("currency"))
    _put(out, "CurrencyRate", v.get("exchange_rate"))
    if v.get("tax_treatment") is not None:
        out["LineAmountTypes"] = LINE_AMOUNT_TYPES_OUT[v["tax_treatment"]]
    if v.get("line_items") is not None:
        out["LineItems"] = [_line_to_xero(li) for li in v["line_items"]]
    return out


def bank_transfer_from_xero(raw: Mapping[str, Any]) -> BankTransfer:
    get = raw.get
    status_raw = _s(get("Status")) or "AUTHORISED"
    source = get("FromBankAccount")
    currency = _s(get("CurrencyCode")) or _id(source, "CurrencyCode")
    return BankTransfer.model_validate(
        {
            "remote_id": raw["BankTransferID"],
            "remote_updated_at": parse_datetime(get("UpdatedDateUTC") or get("CreatedDateUTC")),
            "remote_was_deleted": status_raw == "DELETED",
            "remote_data": dict(raw),
            "transaction_date": parse_date(get("Date")),
            "from_account_remote_id": _id(source, "AccountID"),
            "to_account_remote_id": _id(get("ToBankAccount"), "AccountID"),
            "amount": amount(get("Amount"), currency),
            "currency": currency,
            "exchange_rate": get("CurrencyRate"),
            "reference": _s(get("Reference")),
            "from_is_reconciled": get("FromIsReconciled"),
            "to_is_reconciled": get("ToIsReconciled"),
            "status": BANK_TRANSFER_STATUSES.get(status_raw),
            "status_raw": status_raw,
        }
    )


def bank_transfer_to_xero(data: BankTransferInput) -> dict[str, Any]:
    """A Xero bank transfer body (``PUT /BankTransfers``)."""
    v = data.changes()
    out: dict[str, Any] = {
        "FromBankAccount": {"AccountID": v.get("from_account_remote_id")},
        "ToBankAccount": {"AccountID": v.get("to_account_remote_id")},
    }
    _put(out, "Amount", v.get("amount"))
    if v.get("transaction_date") is not None:
        out["Date"] = format_date(v["transaction_date"])
    _put(out, "CurrencyRate", v.get("exchange_rate"))
    _put(out, "Reference", v.get("reference"))
    return out

"""QuickBooks ``Purchase``, ``Deposit`` and ``Transfer`` ⇄ unified bank transactions, expenses
and bank transfers (pure functions; money through ``connectors.money.amount``).

A Purchase is money out of a bank or card account (``PaymentType`` Cash, Check, CreditCard),
or back in when ``Credit`` is true (a card refund): it is both an expense and a bank transaction
(SPEND; RECEIVE for a refund). A Deposit is money in (RECEIVE). Ids: Purchase keeps its own id,
Deposit carries ``Deposit:`` (``ids.py``), so the two never collide among bank transactions.
QuickBooks has no status on these: a voided one has zero amounts and the note "Voided" (VOID);
deleted ones vanish from queries and are reported by change data capture.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from unified_models import (
    BankTransaction,
    BankTransactionStatus,
    BankTransactionType,
    BankTransfer,
    BankTransferInput,
    Expense,
    ExpenseInput,
    PaymentMethod,
    TaxTreatment,
)

from ..money import amount
from . import ids
from .mappers import (
    TAX_CALCULATION,
    _dec,
    _lines,
    _ref,
    _s,
    _tracking,
    _updated,
    _voided,
    parse_date,
)

__all__ = [
    "PAYMENT_TYPES",
    "bank_transaction_from_deposit",
    "bank_transaction_from_purchase",
    "bank_transfer_from_qbo",
    "bank_transfer_to_qbo",
    "expense_from_qbo",
    "expense_to_qbo",
]

PAYMENT_TYPES = {
    "Cash": PaymentMethod.CASH,
    "Check": PaymentMethod.CHECK,
    "CreditCard": PaymentMethod.CREDIT_CARD,
}
#: Unified payment method → PaymentType. A bank payment is QuickBooks' "Cash" expense.
PAYMENT_TYPES_OUT = {
    PaymentMethod.CASH: "Cash",
    PaymentMethod.BANK: "Cash",
    PaymentMethod.CHECK: "Check",
    PaymentMethod.CREDIT_CARD: "CreditCard",
}
TAX_CALCULATION_OUT = {v: k for k, v in TAX_CALCULATION.items()}
DEPOSIT_LINE = "DepositLineDetail"


def _entity_remote_id(entity: Any) -> str | None:
    """A vendor or customer reference in the unified form (employees are not contacts)."""
    if not isinstance(entity, Mapping) or not _s(entity.get("value")):
        return None
    kind = entity.get("type") or "Vendor"
    if kind == "Vendor":
        return ids.remote_id(ids.VENDOR, entity["value"])
    if kind == "Customer":
        return ids.remote_id(ids.CUSTOMER, entity["value"])
    return None


def _status(raw: Mapping[str, Any]) -> BankTransactionStatus:
    return BankTransactionStatus.VOID if _voided(raw) else BankTransactionStatus.POSTED


def _common(raw: Mapping[str, Any], remote_id: str | None, account_key: str) -> dict[str, Any]:
    currency = _ref(raw, "CurrencyRef")
    items, sub_total, _ = _lines(raw, currency)
    tax = raw.get("TxnTaxDetail")
    return {
        "remote_id": remote_id,
        "remote_updated_at": _updated(raw),
        "remote_was_deleted": False,
        "remote_data": dict(raw),
        "number": _s(raw.get("DocNumber")),
        "transaction_date": parse_date(raw.get("TxnDate")),
        "account_remote_id": ids.remote_id(ids.ACCOUNT, _ref(raw, account_key)),
        "currency": currency,
        "exchange_rate": raw.get("ExchangeRate"),
        "tax_treatment": TAX_CALCULATION.get(raw.get("GlobalTaxCalculation") or ""),
        "sub_total": amount(sub_total, currency),
        "total_tax_amount": amount(
            tax.get("TotalTax") if isinstance(tax, Mapping) else None, currency
        ),
        "total_amount": amount(_dec(raw.get("TotalAmt")), currency),
        "memo": _s(raw.get("PrivateNote")),
        "status": _status(raw),
        "status_raw": None,
        "line_items": items,
    }


def _purchase(raw: Mapping[str, Any]) -> dict[str, Any]:
    return {
        **_common(raw, ids.remote_id(ids.PURCHASE, raw["Id"]), "AccountRef"),
        "contact_remote_id": _entity_remote_id(raw.get("EntityRef")),
        "payment_method": PAYMENT_TYPES.get(raw.get("PaymentType") or ""),
    }


def expense_from_qbo(raw: Mapping[str, Any]) -> Expense:
    return Expense.model_validate({**_purchase(raw), "is_refund": bool(raw.get("Credit"))})


def bank_transaction_from_purchase(raw: Mapping[str, Any]) -> BankTransaction:
    refund = bool(raw.get("Credit"))
    return BankTransaction.model_validate(
        {
            **_purchase(raw),
            "type": BankTransactionType.RECEIVE if refund else BankTransactionType.SPEND,
            "type_raw": "Purchase (Credit)" if refund else "Purchase",
        }
    )


def _deposit_lines(raw: Mapping[str, Any], currency: str | None) -> list[dict[str, Any]]:
    department = _tracking(raw.get("DepartmentRef"), ids.DEPARTMENT)
    out = []
    for line in raw.get("Line") or ():
        if not isinstance(line, Mapping):
            continue
        detail = line.get(DEPOSIT_LINE)
        detail = detail if isinstance(detail, Mapping) else {}
        tracking = [t for t in (_tracking(detail.get("ClassRef"), ids.CLASS), department) if t]
        out.append(
            {
                "remote_id": _s(line.get("Id")),
                "description": _s(line.get("Description")),
                "total_amount": amount(_dec(line.get("Amount")), currency),
                "account_remote_id": _ref(detail, "AccountRef"),
                "tax_rate_remote_id": _ref(detail, "TaxCodeRef"),
                "tracking_categories": tracking,
            }
        )
    return out


def bank_transaction_from_deposit(raw: Mapping[str, Any]) -> BankTransaction:
    """A deposit: its contact is the one every line names (lines may name different ones)."""
    currency = _ref(raw, "CurrencyRef")
    values = _common(raw, ids.remote_id(ids.DEPOSIT, raw["Id"]), "DepositToAccountRef")
    lines = _deposit_lines(raw, currency)
    entities = {
        _entity_remote_id((line.get(DEPOSIT_LINE) or {}).get("Entity"))
        for line in raw.get("Line") or ()
        if isinstance(line, Mapping)
    }
    values["line_items"] = lines
    values["sub_total"] = amount(
        sum((Decimal(li["total_amount"] or 0) for li in lines), Decimal(0)) if lines else None,
        currency,
    )
    return BankTransaction.model_validate(
        {
            **values,
            "type": BankTransactionType.RECEIVE,
            "type_raw": "Deposit",
            "contact_remote_id": entities.pop() if len(entities) == 1 else None,
        }
    )


def bank_transfer_from_qbo(raw: Mapping[str, Any]) -> BankTransfer:
    currency = _ref(raw, "CurrencyRef")
    return BankTransfer.model_validate(
        {
            "remote_id": ids.remote_id(ids.TRANSFER, raw["Id"]),
            "remote_updated_at": _updated(raw),
            "remote_was_deleted": False,
            "remote_data": dict(raw),
            "transaction_date": parse_date(raw.get("TxnDate")),
            "from_account_remote_id": ids.remote_id(ids.ACCOUNT, _ref(raw, "FromAccountRef")),
            "to_account_remote_id": ids.remote_id(ids.ACCOUNT, _ref(raw, "ToAccountRef")),
            "amount": amount(_dec(raw.get("Amount")), currency),
            "currency": currency,
            "exchange_rate": raw.get("ExchangeRate"),
            "reference": _s(raw.get("PrivateNote")),
            "status": BankTransactionStatus.POSTED,
            "status_raw": None,
        }
    )


def _own(remote_id: str, prefix: str) -> str:
    return remote_id[len(prefix) :] if prefix and remote_id.startswith(prefix) else remote_id


def _entity_ref(remote_id: str) -> dict[str, str]:
    if remote_id.startswith(ids.VENDOR):
        return {"value": _own(remote_id, ids.VENDOR), "type": "Vendor"}
    return {"value": remote_id, "type": "Customer"}


def _expense_line(line: Any) -> dict[str, Any]:
    values = line.changes()
    net = line.net_amount()
    detail: dict[str, Any] = {}
    if values.get("tax_rate_remote_id"):
        detail["TaxCodeRef"] = {"value": values["tax_rate_remote_id"]}
    for tracking in values.get("tracking_categories") or ():
        category = tracking.category_remote_id or ""
        if category and not category.startswith(ids.DEPARTMENT):
            detail["ClassRef"] = {"value": tracking.option_remote_id or category}
    out: dict[str, Any] = {"Amount": net}
    if values.get("description") is not None:
        out["Description"] = values["description"]
    if values.get("item_remote_id"):
        detail["ItemRef"] = {"value": values["item_remote_id"]}
        if values.get("quantity") is not None:
            detail["Qty"] = values["quantity"]
        if values.get("unit_price") is not None:
            detail["UnitPrice"] = values["unit_price"]
        out["DetailType"] = "ItemBasedExpenseLineDetail"
        out["ItemBasedExpenseLineDetail"] = detail
    else:
        detail["AccountRef"] = {"value": values.get("account_remote_id")}
        out["DetailType"] = "AccountBasedExpenseLineDetail"
        out["AccountBasedExpenseLineDetail"] = detail
    return out


def expense_to_qbo(data: ExpenseInput, **_: Any) -> dict[str, Any]:
    """A QuickBooks Purchase body (``POST /purchase``)."""
    v = data.changes()
    method = v.get("payment_method")
    out: dict[str, Any] = {
        "PaymentType": PAYMENT_TYPES_OUT[PaymentMethod(method)] if method else "Cash",
        "AccountRef": {"value": v.get("account_remote_id")},
    }
    if v.get("contact_remote_id"):
        out["EntityRef"] = _entity_ref(v["contact_remote_id"])
    if v.get("transaction_date") is not None:
        out["TxnDate"] = v["transaction_date"].isoformat()
    if v.get("number") is not None:
        out["DocNumber"] = v["number"]
    if v.get("memo") is not None:
        out["PrivateNote"] = v["memo"]
    if v.get("currency") is not None:
        out["CurrencyRef"] = {"value": v["currency"]}
    if v.get("exchange_rate") is not None:
        out["ExchangeRate"] = v["exchange_rate"]
    if v.get("tax_treatment") is not None:
        out["GlobalTaxCalculation"] = TAX_CALCULATION_OUT[TaxTreatment(v["tax_treatment"])]
    out["Line"] = [_expense_line(line) for line in v.get("line_items") or ()]
    return out


def bank_transfer_to_qbo(data: BankTransferInput, **_: Any) -> dict[str, Any]:
    """A QuickBooks Transfer body (``POST /transfer``)."""
    v = data.changes()
    out: dict[str, Any] = {
        "FromAccountRef": {"value": v.get("from_account_remote_id")},
        "ToAccountRef": {"value": v.get("to_account_remote_id")},
        "Amount": v.get("amount"),
    }
    if v.get("transaction_date") is not None:
        out["TxnDate"] = v["transaction_date"].isoformat()
    if v.get("exchange_rate") is not None:
        out["ExchangeRate"] = v["exchange_rate"]
    if v.get("reference") is not None:
        out["PrivateNote"] = v["reference"]
    return out

"""Payments written to QuickBooks: create (``POST /payment`` or ``/billpayment``) and delete
(``?operation=delete``).

The side comes from the documents paid: invoices (``Invoice``) make a ``Payment`` from their
customer, bills (``Bill``) a ``BillPayment`` to their vendor. Before anything is written the
documents are read (one query each) and what QuickBooks would refuse is refused here (422, with
the unified field): a credit note in ``applied_to`` (credit is applied with the credit note's
``allocations``), a document QuickBooks does not have, invoices and bills together, documents of
several contacts or currencies, a voided or settled document, an amount above a document's
balance, a total below what is applied (or, for a bill payment, other than it: QuickBooks pays
a bill payment's total exactly), an exchange rate on a home-currency payment, an account code
(QuickBooks names accounts by id), an account of the wrong kind (a Payment goes to a bank or
other current asset account, Undeposited Funds when none is given; a BillPayment is paid from a
bank account by check or from a credit card account) or of a third currency.

A bill payment without an account is paid by check from the first bank account in the bill's
currency (else the first bank account), as credit allocations do. The gateway's create stores
the payment only: the documents it paid change at QuickBooks (new ``Balance``, ``SyncToken`` and
``LastUpdatedTime``), so the next sync (incremental or not) reads them back.

Delete reads the payment for its ``SyncToken`` and deletes it (QuickBooks gives the documents
back what it took); the gateway keeps the record flagged ``remote_was_deleted``.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from unified_models import InvoiceStatus, PaymentInput, RelatedObjectType, UnifiedRecord

from ..errors import NotFound, ProviderError, ValidationFailed
from .mappers_payment import payment_to_qbo
from .spec import MINOR_VERSION

if TYPE_CHECKING:
    from .connector import QuickBooksConnector

__all__ = ["create_payment", "delete_payment"]

#: The account types each side may use (QuickBooks' AccountType).
DEPOSIT_ACCOUNTS = ("Bank", "Other Current Asset")
PAY_FROM_ACCOUNTS = ("Bank", "Credit Card")


class _Refusals:
    def __init__(self) -> None:
        self.details: list[dict[str, str]] = []

    def add(self, field: str, message: str) -> None:
        self.details.append({"field": field, "message": message})

    def raise_any(self) -> None:
        if self.details:
            raise ValidationFailed(self.details[0]["message"], details=self.details)


def _dec(value: Any) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else Decimal(0)


def _ref(raw: Any, key: str) -> str | None:
    value = raw.get(key) if isinstance(raw, Mapping) else None
    return str(value["value"]) if isinstance(value, Mapping) and value.get("value") else None


def _foreign(raw: Mapping[str, Any]) -> bool:
    """A document in a foreign currency carries a rate other than 1 (home ones: none, or 1)."""
    return raw.get("ExchangeRate") not in (None, "") and _dec(raw["ExchangeRate"]) != 1


def create_payment(
    conn: QuickBooksConnector, data: PaymentInput, idempotency_key: str | None
) -> UnifiedRecord:
    missing = data.missing_for_create()
    if missing:
        raise ValidationFailed(
            "required fields are missing",
            details=[{"field": f, "message": "This field is required."} for f in missing],
        )
    refused = _Refusals()
    if data.account_code:
        refused.add(
            "account_code", "QuickBooks names accounts by id: give account (or account_remote_id)."
        )
    applied = data.applied_to or []
    invoices = conn.provider.resource("invoice", "get")
    docs: list[tuple[int, str, str, Mapping[str, Any], Decimal | None]] = []
    for index, item in enumerate(applied):
        where = f"applied_to[{index}]"
        if item.related_object_type is not RelatedObjectType.INVOICE:
            refused.add(
                f"{where}.related_object_type",
                "A QuickBooks payment pays invoices and bills; apply a credit note with its "
                "allocations action.",
            )
            continue
        remote_id = item.related_object_remote_id or ""
        try:
            part, own_id = invoices.source_for(remote_id)
            record = conn.get("invoice", remote_id)
        except (KeyError, NotFound):
            refused.add(f"{where}.related_object_id", "QuickBooks has no such invoice or bill.")
            continue
        raw = record.remote_data or {}
        amount = item.applied_amount
        if amount is None and len(applied) == 1:
            amount = data.total_amount
        balance = _dec(raw.get("Balance"))
        if getattr(record, "status", None) is InvoiceStatus.VOID or balance <= 0:
            refused.add(f"{where}.related_object_id", "The invoice has nothing left to pay.")
        elif amount is None:
            refused.add(f"{where}.applied_amount", "This field is required.")
        elif amount <= 0:
            refused.add(f"{where}.applied_amount", "The amount must be positive.")
        elif amount > balance:
            refused.add(f"{where}.applied_amount", f"More than the invoice's balance ({balance}).")
        docs.append((index, part.resource_name, own_id, raw, amount))
    refused.raise_any()
    receivable = docs[0][1] == "Invoice"
    contact_key = "CustomerRef" if receivable else "VendorRef"
    first = docs[0][3]
    contact, currency = _ref(first, contact_key), _ref(first, "CurrencyRef")
    for index, kind, _, raw, _ in docs[1:]:
        where = f"applied_to[{index}].related_object_id"
        if kind != docs[0][1]:
            refused.add(where, "A QuickBooks payment pays invoices or bills, not both.")
        elif _ref(raw, contact_key) != contact:
            refused.add(where, "The invoices paid are of different contacts.")
        elif _ref(raw, "CurrencyRef") != currency:
            refused.add(where, "The invoices paid are in different currencies.")
    lines = [(own_id, amount) for _, _, own_id, _, amount in docs if amount is not None]
    paid = sum((amount for _, amount in lines), Decimal(0))
    total = data.total_amount
    if total is not None and total < paid:
        refused.add("total_amount", f"Less than what applied_to pays ({paid}).")
    elif total is not None and not receivable and total != paid:
        refused.add(
            "total_amount", f"A QuickBooks bill payment pays exactly what it applies ({paid})."
        )
    if data.exchange_rate is not None and data.exchange_rate != 1 and not _foreign(first):
        refused.add("exchange_rate", "The invoice is in the home currency: no exchange rate.")
    refused.raise_any()
    account_id, card = _account(conn, data, receivable, currency, _foreign(first))
    body = payment_to_qbo(
        data,
        receivable=receivable,
        contact_id=contact or "",
        lines=lines,
        currency=currency,
        account_id=account_id,
        card=card,
    )
    entity = "Payment" if receivable else "BillPayment"
    spec = conn.provider.resource("payment", "create")
    part = next(p for p in spec.sources if p.resource_name == entity)
    return conn._post(part, entity.lower(), body, idempotency_key)


def _account(
    conn: QuickBooksConnector,
    data: PaymentInput,
    receivable: bool,
    currency: str | None,
    foreign: bool,
) -> tuple[str | None, bool]:
    """(account id, paid by card?): the one given, checked; else Undeposited Funds (a Payment,
    by leaving it out) or a bank account in the currency (a BillPayment)."""
    if not data.account_remote_id:
        return (None, False) if receivable else (conn._bank_account(currency), False)
    try:
        account = conn.get("account", data.account_remote_id).remote_data or {}
    except NotFound:
        message = "QuickBooks has no such account."
        raise ValidationFailed(
            message, details=[{"field": "account", "message": message}]
        ) from None
    kinds = DEPOSIT_ACCOUNTS if receivable else PAY_FROM_ACCOUNTS
    message = None
    if account.get("AccountType") not in kinds:
        message = (
            "A QuickBooks payment is deposited to a bank or other current asset account."
            if receivable
            else "A QuickBooks bill payment is paid from a bank or credit card account."
        )
    elif (own := _ref(account, "CurrencyRef")) and currency and own != currency and not foreign:
        message = f"The account is in {own}, the invoice in {currency}."
    if message:
        raise ValidationFailed(message, details=[{"field": "account", "message": message}])
    return str(account["Id"]), account.get("AccountType") == "Credit Card"


def delete_payment(conn: QuickBooksConnector, remote_id: str) -> None:
    """``POST /payment?operation=delete`` (or ``/billpayment``) with the current SyncToken."""
    spec = conn.provider.resource("payment", "delete")
    try:
        part, own_id = spec.source_for(remote_id)
    except KeyError:
        raise NotFound(f"payment {remote_id} not found") from None
    try:
        current = conn.get("payment", remote_id)
    except NotFound:
        return None  # deleted already: a second delete answers as the first did
    raw = current.remote_data or {}
    entity = part.resource_name
    key = uuid.uuid4().hex[:50]
    response = conn.client.request(
        "POST",
        entity.lower(),
        params={"operation": "delete", "minorversion": MINOR_VERSION, "requestid": key},
        json={"Id": own_id, "SyncToken": str(raw.get("SyncToken", "0"))},
        error_context="payment",
    )
    answer = (response.json() or {}).get(entity) or {}
    if answer.get("status") != "Deleted":
        raise ProviderError(f"QuickBooks did not delete {entity} {own_id}")

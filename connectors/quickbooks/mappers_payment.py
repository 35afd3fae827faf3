"""A unified payment → the QuickBooks ``Payment`` (money received: it pays invoices) or
``BillPayment`` (money paid: it pays bills) body. Pure: the connector
(``payment_writes.py``) has read the documents paid and the account, and passes what they
settle: the side, the contact, QuickBooks' own ids of the documents with the amount each takes,
their currency, and the account with its kind.

- ``applied_to`` → ``Line``: one line per document, ``Amount`` and a ``LinkedTxn`` of TxnType
  ``Invoice`` / ``Bill``.
- ``total_amount`` → ``TotalAmt`` (the lines' sum when left out; on a Payment the rest is
  QuickBooks' ``UnappliedAmt``).
- the documents' contact → ``CustomerRef`` / ``VendorRef``; their currency → ``CurrencyRef``;
  ``exchange_rate`` → ``ExchangeRate``.
- ``transaction_date`` → ``TxnDate``; ``reference`` → ``PaymentRefNum`` (Payment) or
  ``DocNumber`` (BillPayment: it has no PaymentRefNum; it reads back from DocNumber).
- ``account``: a Payment's ``DepositToAccountRef`` (left out: QuickBooks deposits to
  Undeposited Funds); a BillPayment's ``PayType`` Check with ``CheckPayment.BankAccountRef``, or
  CreditCard with ``CreditCardPayment.CCAccountRef`` for a credit card account.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from unified_models import PaymentInput

__all__ = ["payment_to_qbo"]

CENT = Decimal("0.01")


def payment_to_qbo(
    data: PaymentInput,
    *,
    receivable: bool,
    contact_id: str,
    lines: Sequence[tuple[str, Decimal]],
    currency: str | None,
    account_id: str | None,
    card: bool = False,
) -> dict[str, Any]:
    """The body of ``POST /payment`` (``receivable``) or ``POST /billpayment``; ``lines`` are
    ``(QuickBooks id of the invoice or bill, amount)``."""
    kind = "Invoice" if receivable else "Bill"
    applied = sum((amount for _, amount in lines), Decimal(0))
    total = data.total_amount if data.total_amount is not None else applied
    out: dict[str, Any] = {
        ("CustomerRef" if receivable else "VendorRef"): {"value": contact_id},
        "TotalAmt": total.quantize(CENT),
        "Line": [
            {"Amount": amount.quantize(CENT), "LinkedTxn": [{"TxnId": doc_id, "TxnType": kind}]}
            for doc_id, amount in lines
        ],
    }
    if currency:
        out["CurrencyRef"] = {"value": currency}
    if data.exchange_rate is not None:
        out["ExchangeRate"] = data.exchange_rate
    if data.transaction_date is not None:
        out["TxnDate"] = data.transaction_date.isoformat()
    if data.reference:
        out["PaymentRefNum" if receivable else "DocNumber"] = data.reference
    if receivable:
        if account_id:
            out["DepositToAccountRef"] = {"value": account_id}
    elif card:
        out["PayType"] = "CreditCard"
        out["CreditCardPayment"] = {"CCAccountRef": {"value": account_id}}
    else:
        out["PayType"] = "Check"
        out["CheckPayment"] = {"BankAccountRef": {"value": account_id}}
    return out

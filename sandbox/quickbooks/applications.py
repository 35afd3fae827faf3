"""Credit applied through payments, and credits deleted, as QuickBooks Online does them.

QuickBooks has no "allocate" call: a credit memo is applied by a ``Payment`` whose lines link
the invoice (``LinkedTxn`` TxnType ``Invoice``) and the credit memo (TxnType ``CreditMemo``),
``TotalAmt`` being what the invoices take beyond the credit (0 when the credit pays them all); a
vendor credit by a ``BillPayment`` linking the ``Bill`` and the ``VendorCredit`` (``PayType``
Check with a ``CheckPayment.BankAccountRef``, or CreditCard with a
``CreditCardPayment.CCAccountRef``, even at ``TotalAmt`` 0). A line may link both at once.

``POST /payment`` and ``POST /billpayment`` (create, and update with ``Id`` + ``SyncToken``,
sparse or full): the checks, then the effects, made in the same lock as the write: each
invoice's/bill's ``Balance`` drops by what its lines take and it gains a ``LinkedTxn`` to the
payment; each credit memo's ``RemainingCredit`` (and ``Balance``), each vendor credit's
``Balance``, drops by what its lines use; every document touched gets a new ``SyncToken`` and
``LastUpdatedTime`` (so an incremental read sees it). An update first gives back what the
payment held on each document (``check(..., current)``), and only the net difference moves
them (``apply(..., before)``); a delete or void gives it all back (``payments.py``).

A payment with money: ``TotalAmt`` is required (Intuit: "Required"); a Payment's ``TotalAmt``
beyond what its lines take net of credit is ``UnappliedAmt`` (a Payment with no line is all
unapplied); a BillPayment needs a line and its ``TotalAmt`` is what its lines pay net of credit.
``DepositToAccountRef`` (Payment; Undeposited Funds when left out) must name an account, and
it or the bank/card account in the payment's currency or the home currency; a payment in a
foreign currency without ``ExchangeRate`` takes the first linked document's (the
sandbox has no rate feed).

Refusals (400 ValidationFault): 2020 a missing ``CustomerRef``/``VendorRef``, ``TotalAmt``,
``Line`` (BillPayment), ``PayType`` or the bank/card account; 2500 a reference to nothing; 6000
"A business validation error ..." when a line takes more than an invoice's balance or a credit's
remaining credit, links a document of another customer/vendor or currency, the credits exceed
what the invoices take, or the total is below (or, for a BillPayment, not) what the lines take.
Intuit documents the rules but not every wording: these details are the sandbox's own.

``POST /creditmemo?operation=delete`` and ``POST /vendorcredit?operation=delete`` (``Id`` and the
current ``SyncToken``): the record leaves every query (a change data capture tombstone keeps it)
and the answer is ``{"CreditMemo": {"status": "Deleted", "domain": "QBO", "Id"}}``. QuickBooks
offers no ``operation=void`` on either (Intuit's API reference lists create, read, query, update,
delete, and for credit memos send and pdf). A credit already applied by a payment is refused
(6000): the sandbox's choice, so no payment is left linking nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .faults import BUSINESS
from .faults import fault as _fault
from .faults import missing as _missing
from .seed import Company, money
from .store import Store

__all__ = ["DELETABLE", "ENTITIES", "apply", "check", "check_delete"]

#: Payment entity → (contact key, contact entity, {LinkedTxn type: (entity, is a credit)}).
ENTITIES: dict[str, tuple[str, str, dict[str, tuple[str, bool]]]] = {
    "Payment": (
        "CustomerRef",
        "Customer",
        {"Invoice": ("Invoice", False), "CreditMemo": ("CreditMemo", True)},
    ),
    "BillPayment": (
        "VendorRef",
        "Vendor",
        {"Bill": ("Bill", False), "VendorCredit": ("VendorCredit", True)},
    ),
}
#: Entities ``?operation=delete`` removes.
DELETABLE = ("CreditMemo", "VendorCredit")


def _business(detail: str, element: str | None = "Line"):
    return _fault("6000", BUSINESS, f"Business Validation Error: {detail}", element)


def _dec(value: Any) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else Decimal(0)


def _ref_id(doc: Any, key: str) -> str | None:
    value = doc.get(key) if isinstance(doc, dict) else None
    return str(value["value"]) if isinstance(value, dict) and value.get("value") else None


def _open(doc: dict[str, Any], is_credit: bool) -> Decimal:
    """What a document still takes (an invoice's balance) or gives (a credit's remainder)."""
    if is_credit and "RemainingCredit" in doc:
        return _dec(doc["RemainingCredit"])
    return _dec(doc.get("Balance"))


@dataclass
class _Use:
    entity: str
    doc_id: str
    amount: Decimal
    is_credit: bool


def check(
    store: Store,
    realm: str,
    company: Company,
    entity: str,
    doc: dict[str, Any],
    current: dict[str, Any] | None = None,
) -> None:
    """Check a Payment/BillPayment write (``current``: the stored one an update replaces, whose
    applications are given back first); fill ``UnappliedAmt``, ``CurrencyRef``, ...."""
    contact_key, contact_entity, linkable = ENTITIES[entity]
    if doc.get("TotalAmt") in (None, ""):
        raise _missing("TotalAmt")
    contact_id = _ref_id(doc, contact_key)
    if contact_id is None:
        raise _missing(contact_key)
    contact = store.doc(realm, contact_entity, contact_id)
    if contact is None:
        raise _fault(
            "2500",
            "Invalid Reference Id",
            f"Invalid Reference Id : {contact_entity} element id {contact_id} not found",
            contact_key,
        )
    currency = _ref_id(doc, "CurrencyRef") or _ref_id(contact, "CurrencyRef") or company.currency
    doc["CurrencyRef"] = {"value": currency}
    if entity == "BillPayment":
        account = _pay_from(store, realm, doc)
    else:
        account = _deposit_to(store, realm, doc)
    if account is not None and _ref_id(account, "CurrencyRef") not in (
        None,
        currency,
        company.currency,
    ):
        raise _business(
            f"The account {account['Id']} is in {_ref_id(account, 'CurrencyRef')}, neither the "
            f"payment's currency ({currency}) nor the home currency.",
            "BankAccountRef" if entity == "BillPayment" else "DepositToAccountRef",
        )
    uses = _uses(doc, linkable)
    if not uses and entity == "BillPayment":
        raise _missing("Line")
    held: dict[tuple[str, str], Decimal] = {}
    for use in _uses(current or {}, linkable):
        key = (use.entity, use.doc_id)
        held[key] = held.get(key, Decimal(0)) + use.amount
    taken: dict[tuple[str, str], Decimal] = {}
    rate: Any = None
    for use in uses:
        target = store.doc(realm, use.entity, use.doc_id)
        if target is None:
            raise _fault(
                "2500",
                "Invalid Reference Id",
                f"Invalid Reference Id : {use.entity} element id {use.doc_id} not found",
                "LinkedTxn",
            )
        if use.amount <= 0:
            raise _business(f"The amount applied to {use.entity} {use.doc_id} must be positive.")
        if _ref_id(target, contact_key) != contact_id:
            raise _business(f"{use.entity} {use.doc_id} belongs to another {contact_entity}.")
        if (_ref_id(target, "CurrencyRef") or company.currency) != currency:
            raise _business(f"{use.entity} {use.doc_id} is in another currency than the payment.")
        key = (use.entity, use.doc_id)
        taken[key] = taken.get(key, Decimal(0)) + use.amount
        left = _open(target, use.is_credit) + held.get(key, Decimal(0))
        rate = rate if rate is not None else target.get("ExchangeRate")
        if taken[key] > left:
            what = "remaining credit" if use.is_credit else "open balance"
            raise _business(
                f"The amount applied to {use.entity} {use.doc_id} ({taken[key]:.2f}) "
                f"exceeds its {what} ({left:.2f})."
            )
    charges = sum((u.amount for u in uses if not u.is_credit), Decimal(0))
    credits = sum((u.amount for u in uses if u.is_credit), Decimal(0))
    if credits > charges:
        raise _business(
            f"The credits applied ({credits:.2f}) exceed the amount of the "
            f"{'invoices' if entity == 'Payment' else 'bills'} paid ({charges:.2f})."
        )
    due = charges - credits
    total = _dec(doc["TotalAmt"])
    if total < due or (entity == "BillPayment" and total != due):
        relation = "is less than" if total < due else "is not"
        raise _business(
            f"TotalAmt ({total:.2f}) {relation} what the lines take net of credit ({due:.2f}).",
            "TotalAmt",
        )
    doc["TotalAmt"] = money(total)
    if currency != company.currency and doc.get("ExchangeRate") in (None, "") and rate:
        doc["ExchangeRate"] = rate
    if entity == "Payment":
        doc["UnappliedAmt"] = money(total - due)
        doc.setdefault("ProcessPayment", False)
    doc.setdefault("TxnDate", _today(company))


def _today(company: Company) -> str:
    from .current import sandbox

    return sandbox().clock.now().astimezone(company.tz).date().isoformat()


def _deposit_to(store: Store, realm: str, doc: dict[str, Any]) -> dict[str, Any] | None:
    """A Payment's ``DepositToAccountRef``: Undeposited Funds when left out, else an account."""
    account_id = _ref_id(doc, "DepositToAccountRef")
    if account_id is None:
        doc["DepositToAccountRef"] = {"value": "4", "name": "Undeposited Funds"}
        return None
    account = store.doc(realm, "Account", account_id)
    if account is None:
        raise _fault(
            "2500",
            "Invalid Reference Id",
            f"Invalid Reference Id : Accounts element id {account_id} not found",
            "DepositToAccountRef",
        )
    return account


def _pay_from(store: Store, realm: str, doc: dict[str, Any]) -> dict[str, Any]:
    kind = doc.get("PayType")
    if kind not in ("Check", "CreditCard"):
        raise _missing("PayType")
    holder, key, wanted = (
        ("CheckPayment", "BankAccountRef", ("Bank",))
        if kind == "Check"
        else ("CreditCardPayment", "CCAccountRef", ("Credit Card",))
    )
    account_id = _ref_id(doc.get(holder), key)
    if account_id is None:
        raise _missing(f"{holder}.{key}")
    account = store.doc(realm, "Account", account_id)
    if account is None or account.get("AccountType") not in wanted:
        raise _fault(
            "2500",
            "Invalid Reference Id",
            f"Invalid Reference Id : Accounts element id {account_id} not found",
            key,
        )
    return account


def _uses(doc: dict[str, Any], linkable: dict[str, tuple[str, bool]]) -> list[_Use]:
    uses = []
    for line in doc.get("Line") or ():
        if not isinstance(line, dict):
            raise _missing("Line")
        for txn in line.get("LinkedTxn") or ():
            kind = txn.get("TxnType") if isinstance(txn, dict) else None
            if kind not in linkable:
                raise _fault(
                    "2170", "Invalid Enumeration", f"Invalid Enumeration : {kind}", "TxnType"
                )
            if not txn.get("TxnId"):
                raise _missing("LinkedTxn.TxnId")
            target, is_credit = linkable[kind]
            uses.append(_Use(target, str(txn["TxnId"]), _dec(line.get("Amount")), is_credit))
    return uses


def apply(
    store: Store,
    realm: str,
    entity: str,
    doc: dict[str, Any] | None,
    when: str,
    before: dict[str, Any] | None = None,
) -> None:
    """The effects of a stored payment ``doc`` (``check`` passed; same lock) that replaced
    ``before`` (an update), or of removing ``before`` (``doc`` None: a delete or void): each
    document it links moves by the net difference of what the two take, and an invoice/bill
    gains or loses its ``LinkedTxn`` to the payment."""
    _, _, linkable = ENTITIES[entity]
    payment_id = str((doc or before or {}).get("Id"))
    moved: dict[tuple[str, str], Decimal] = {}
    credit: dict[tuple[str, str], bool] = {}
    for sign, side in ((-1, before), (1, doc)):
        for use in _uses(side or {}, linkable):
            key = (use.entity, use.doc_id)
            moved[key] = moved.get(key, Decimal(0)) + sign * use.amount
            credit[key] = use.is_credit
    linked = {(u.entity, u.doc_id) for u in _uses(doc or {}, linkable) if not u.is_credit}
    for key, delta in moved.items():
        target = store.doc(realm, *key)
        if target is None:
            continue  # removed since (nothing left to move)
        is_credit = credit[key]
        links = list(target.get("LinkedTxn") or [])
        mine = [
            t for t in links if str(t.get("TxnId")) == payment_id and t.get("TxnType") == entity
        ]
        if key in linked and not mine:
            links.append({"TxnId": payment_id, "TxnType": entity})
        elif key not in linked and mine:
            links = [t for t in links if t not in mine]
        if delta == 0 and links == (target.get("LinkedTxn") or []):
            continue
        left = money(_open(target, is_credit) - delta)
        if is_credit and "RemainingCredit" in target:
            target["RemainingCredit"] = left
        target["Balance"] = left
        if not is_credit:
            target["LinkedTxn"] = links
        target["SyncToken"] = str(int(target.get("SyncToken") or 0) + 1)
        target["MetaData"] = {**target.get("MetaData", {}), "LastUpdatedTime": when}
        store.put(realm, key[0], target)


def check_delete(store: Store, realm: str, entity: str, body: dict[str, Any]) -> dict[str, Any]:
    """The record ``?operation=delete`` may remove (``Id`` + current ``SyncToken``)."""
    from .writes import stale, unknown

    if body.get("Id") in (None, ""):
        raise _missing("Id")
    current = store.doc(realm, entity, str(body["Id"]))
    if current is None:
        raise unknown(entity, body["Id"])
    if body.get("SyncToken") in (None, ""):
        raise _missing("SyncToken")
    if str(body["SyncToken"]) != str(current.get("SyncToken")):
        raise stale()
    if _open(current, True) != _dec(current.get("TotalAmt")):
        raise _business(
            "This transaction is linked to a payment that applies its credit; delete or "
            "change that payment first.",
            None,
        )
    return current

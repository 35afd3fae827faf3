"""Deleting and voiding a ``Payment`` or ``BillPayment`` as QuickBooks Online does (creates and
updates, and what they do to the documents they link: ``applications.py``).

- ``POST /payment?operation=delete`` (``/billpayment``), body ``Id`` + the current
  ``SyncToken``: the payment leaves every query (a change data capture tombstone keeps it,
  webhooks say Delete); what it took from each invoice/bill goes back on its ``Balance`` and it
  loses its ``LinkedTxn`` to the payment; a credit memo's ``RemainingCredit`` (a vendor credit's
  ``Balance``) it used comes back. The answer: ``{"Payment": {"status": "Deleted", "domain":
  "QBO", "Id"}}``.
- ``POST /payment?operation=update&include=void`` (``/billpayment`` too), body ``Id`` +
  ``SyncToken`` (+ ``"sparse": true``): Intuit's void of a payment is a sparse update that
  includes void. The payment stays, its amounts zeroed, its lines linking nothing, "Voided"
  before its ``PrivateNote`` (``seed.void``, as the seed's voided payment); the documents get
  back what it took, as for a delete. A voided payment posts nothing (``ledger_lines``: a zero
  total) and webhooks say Void.
- A payment a ``Deposit`` links (moved from Undeposited Funds to the bank) is refused for both
  (6000): Intuit asks to remove it from the deposit first.

``POST /payment?operation=void`` is not Intuit's form for payments: it stays "Unsupported
Operation" here.
"""

from __future__ import annotations

import copy
from typing import Any

from . import applications
from .seed import void as zeroed
from .store import Store

__all__ = ["ENTITIES", "check_delete", "remove", "void", "voids"]

ENTITIES = ("Payment", "BillPayment")


def voids(entity: str | None, args: Any) -> bool:
    """Whether the request is Intuit's void of a payment (``?operation=update&include=void``)."""
    return (
        entity in ENTITIES and args.get("operation") == "update" and args.get("include") == "void"
    )


def check_delete(store: Store, realm: str, entity: str, body: dict[str, Any]) -> dict[str, Any]:
    """The stored payment a delete or void names (``Id`` + current ``SyncToken``)."""
    from .writes import WriteFault, stale, unknown

    for name in ("Id", "SyncToken"):
        if body.get(name) in (None, ""):
            raise WriteFault(
                "2020",
                "Required param missing, need to supply the required value for the API",
                f"Required parameter {name} is missing in the request",
                name,
            )
    current = store.doc(realm, entity, str(body["Id"]))
    if current is None:
        raise unknown(entity, body["Id"])
    if str(body["SyncToken"]) != str(current.get("SyncToken")):
        raise stale()
    if entity == "Payment" and _deposited(store, realm, str(current["Id"])):
        raise WriteFault(
            "6000",
            applications.BUSINESS,
            "Business Validation Error: This payment is included in a bank deposit; remove it "
            "from the deposit first.",
        )
    return current


def _deposited(store: Store, realm: str, payment_id: str) -> bool:
    return any(
        str(txn.get("TxnId")) == payment_id and txn.get("TxnType") == "Payment"
        for deposit in store.docs(realm, "Deposit")
        for line in deposit.get("Line") or ()
        for txn in line.get("LinkedTxn") or ()
        if isinstance(txn, dict)
    )


def remove(store: Store, realm: str, entity: str, current: dict[str, Any], when: str) -> None:
    """Delete a checked payment: the documents get back what it took, then it is gone."""
    applications.apply(store, realm, entity, None, when, before=current)
    store.remove(realm, entity, str(current["Id"]), when)


def void(store: Store, realm: str, entity: str, body: dict[str, Any], when: str) -> dict:
    """Void a payment (checked here): zeroed, linking nothing; the documents get back what it
    took. Returns the payment as stored."""
    current = check_delete(store, realm, entity, body)
    applications.apply(store, realm, entity, None, when, before=current)
    doc = copy.deepcopy(current)
    zeroed(doc)
    doc["SyncToken"] = str(int(doc.get("SyncToken") or 0) + 1)
    doc["MetaData"] = {**doc.get("MetaData", {}), "LastUpdatedTime": when}
    doc.update({"domain": "QBO", "sparse": False})
    store.put(realm, entity, doc)
    return doc

"""``Customer`` and ``Vendor`` writes (``POST /customer``, ``POST /vendor``): create, or update
with the current ``SyncToken``, sparse or full (the common part in ``writes.save``), checked and
completed as QuickBooks Online does:

- ``DisplayName`` is unique, case-insensitively, across Customer, Vendor and Employee (one
  namespace for every name a transaction can carry): 6240 "Duplicate Name Exists Error",
  element ``DisplayName``. Left out (or empty), it is made from ``Title``, ``GivenName``,
  ``MiddleName``, ``FamilyName`` and ``Suffix`` (Intuit's rule), else ``CompanyName``; with
  none of them, 2020 (required). A colon is refused (2010), as in every QuickBooks name.
- ``Balance`` (and a customer's ``BalanceWithJobs``) are QuickBooks' own: never taken from a
  request (0 on create; an update keeps the record's, which the seed computed from the open
  documents).
- ``CurrencyRef``: the home currency when left out (an update keeps the record's); a foreign
  one only where multicurrency is on (6000); and it cannot change once the name has
  transactions (Intuit: "You can't change the currency of a name/account if there are
  transactions recorded for them"; 6000, element ``CurrencyRef``).
- ``Active: false`` archives: QuickBooks never deletes a name (``?operation=delete`` is
  refused: ``DELETE_REFUSAL``).

Not emulated: sub-customers (``ParentRef``/``Job``), opening balances, the "(deleted)" suffix
QuickBooks gives an inactive name, and its refusal to make a name with an open balance inactive.
"""

from __future__ import annotations

from typing import Any

from .faults import BUSINESS
from .faults import fault as _fault
from .seed import Company, ref
from .store import Store

__all__ = ["DELETE_REFUSAL", "ENTITIES", "check", "has_transactions"]

ENTITIES = ("Customer", "Vendor")
#: The lists whose display names share one namespace.
NAME_LISTS = ("Customer", "Vendor", "Employee")
#: What QuickBooks computes on a name: never taken from a request.
COMPUTED = {"Customer": ("Balance", "BalanceWithJobs"), "Vendor": ("Balance",)}
#: The parts a missing DisplayName is made of, in order.
NAME_PARTS = ("Title", "GivenName", "MiddleName", "FamilyName", "Suffix")
#: (message, detail) of Intuit's answer to ``?operation=delete`` on a name.
DELETE_REFUSAL = ("Unsupported Operation", "Operation Delete is not supported.")
CURRENCY_NAMES = {
    "USD": "United States Dollar",
    "GBP": "British Pound Sterling",
    "CAD": "Canadian Dollar",
    "EUR": "Euro",
}
#: Transactions and the key naming their customer / vendor (besides ``EntityRef`` and a
#: line's ``Entity``).
TRANSACTIONS = {
    "Invoice": "CustomerRef",
    "Payment": "CustomerRef",
    "CreditMemo": "CustomerRef",
    "RefundReceipt": "CustomerRef",
    "SalesReceipt": "CustomerRef",
    "Estimate": "CustomerRef",
    "Bill": "VendorRef",
    "BillPayment": "VendorRef",
    "PurchaseOrder": "VendorRef",
    "VendorCredit": "VendorRef",
    "Purchase": None,
    "Deposit": None,
    "JournalEntry": None,
}


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def check(
    store: Store,
    realm: str,
    company: Company,
    entity: str,
    doc: dict[str, Any],
    current: dict[str, Any] | None,
) -> None:
    """Validate and complete ``doc`` (mutated; ``current`` is the stored record on an update)."""
    name = _display_name(doc)
    _unique(store, realm, entity, doc.get("Id"), name)
    for key in COMPUTED[entity]:
        doc[key] = (current or {}).get(key, 0)
    doc["CurrencyRef"] = _currency(store, realm, company, entity, doc, current)
    doc["DisplayName"] = name
    doc["Active"] = doc.get("Active", True) is not False
    doc.setdefault("PrintOnCheckName", _text(doc.get("CompanyName")) or name)
    if entity == "Customer":
        doc["FullyQualifiedName"] = name
        doc.setdefault("Job", False)
        doc.setdefault("BillWithParent", False)
        doc.setdefault("Taxable", company.country == "US")
    else:
        doc.setdefault("Vendor1099", False)


def _display_name(doc: dict[str, Any]) -> str:
    name = _text(doc.get("DisplayName"))
    if not name:
        parts = [_text(doc.get(k)) for k in NAME_PARTS]
        name = " ".join(p for p in parts if p) or _text(doc.get("CompanyName"))
    if not name:
        raise _fault(
            "2020",
            "Required param missing, need to supply the required value for the API",
            "Required parameter DisplayName is missing in the request",
            "DisplayName",
        )
    if ":" in name:
        raise _fault(
            "2010",
            "Invalid Property Value",
            "DisplayName cannot contain a colon (:).",
            "DisplayName",
        )
    return name


def _unique(store: Store, realm: str, entity: str, own_id: Any, name: str) -> None:
    wanted = name.casefold()
    for other_entity in NAME_LISTS:
        for other in store.docs(realm, other_entity):
            if other_entity == entity and str(other["Id"]) == str(own_id):
                continue
            if _text(other.get("DisplayName")).casefold() == wanted:
                raise _fault(
                    "6240",
                    "Duplicate Name Exists Error",
                    "The name supplied already exists. : Another "
                    f"{other_entity.lower()} is already using this name. Please use a "
                    "different name.",
                    "DisplayName",
                )


def _currency(
    store: Store,
    realm: str,
    company: Company,
    entity: str,
    doc: dict[str, Any],
    current: dict[str, Any] | None,
) -> dict[str, str]:
    kept = (current or {}).get("CurrencyRef") or ref(company.currency)
    code = _text((doc.get("CurrencyRef") or {}).get("value")).upper() or kept["value"]
    if code == kept["value"]:
        return ref(code, kept.get("name") or CURRENCY_NAMES.get(code, code))
    if len(code) != 3 or not code.isalpha():
        raise _fault(
            "2500",
            "Invalid Reference Id",
            f"Invalid Reference Id : Currency element id {code} not found",
            "CurrencyRef",
        )
    prefs = (store.doc(realm, "Preferences", "1") or {}).get("CurrencyPrefs") or {}
    if code != company.currency and not prefs.get("MultiCurrencyEnabled"):
        raise _fault(
            "6000",
            BUSINESS,
            "Business Validation Error: Multicurrency is not turned on for this company: "
            f"a {entity.lower()} is in the home currency ({company.currency}).",
            "CurrencyRef",
        )
    if current is not None and has_transactions(store, realm, entity, str(current["Id"])):
        raise _fault(
            "6000",
            BUSINESS,
            f"Business Validation Error: You can't change the currency of a {entity.lower()} "
            "that has transactions recorded for it.",
            "CurrencyRef",
        )
    return ref(code, CURRENCY_NAMES.get(code, code))


def has_transactions(store: Store, realm: str, entity: str, entity_id: str) -> bool:
    """Whether any transaction names the customer / vendor (its own reference, an
    ``EntityRef`` of that type, or a line's ``Entity``)."""
    for txn_entity, key in TRANSACTIONS.items():
        for doc in store.docs(realm, txn_entity):
            if key is not None:
                if key == f"{entity}Ref" and _ref_id(doc.get(key)) == entity_id:
                    return True
                continue
            if _names(doc.get("EntityRef"), entity, entity_id, default="Vendor"):
                return True
            for line in doc.get("Line") or ():
                detail = (
                    line.get(str(line.get("DetailType") or "")) if isinstance(line, dict) else None
                )
                if isinstance(detail, dict) and _names(detail.get("Entity"), entity, entity_id):
                    return True
    return False


def _ref_id(value: Any) -> str | None:
    return str(value["value"]) if isinstance(value, dict) and value.get("value") else None


def _names(value: Any, entity: str, entity_id: str, default: str | None = None) -> bool:
    """A party reference: ``{"value", "type"}`` (expenses, deposits) or ``{"Type",
    "EntityRef": {"value"}}`` (journal lines)."""
    if not isinstance(value, dict):
        return False
    kind = value.get("type") or value.get("Type") or default
    own = _ref_id(value) or _ref_id(value.get("EntityRef"))
    return kind == entity and own == entity_id

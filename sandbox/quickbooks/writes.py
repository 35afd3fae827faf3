"""Create and update for ``Account``, ``Item`` and ``PurchaseOrder`` (its checks in
``purchase_orders.py``), ``Customer`` and ``Vendor`` (``names.py``), and the checks of the
other writable entities (credits in
``credits.py``, payments applying credit in ``applications.py``, ...) as Intuit does them:
``POST /account`` with no ``Id`` creates; with ``Id`` and ``SyncToken`` it updates, sparsely
(``"sparse": true``: only the properties sent change) or fully (writable properties not sent are
cleared). Neither accounts nor items can be deleted: ``"Active": false`` archives them.
Refusals are Intuit's ``ValidationFault``s:

- 2020 "Required param missing, need to supply the required value for the API";
- 6240 "Duplicate Name Exists Error" (names are unique per list, case-insensitive, on the
  fully qualified name);
- 2500 "Invalid Reference Id" (a ``*Ref`` to no record of the right kind);
- 610 "Object Not Found" with "Something you're trying to use has been made inactive" (a
  ``*Ref`` to an inactive account or tax code: Intuit's answer to references to inactive name
  list objects, without an ``element``);
- 2170 "Invalid Enumeration" (an unknown ``AccountType``, ``AccountSubType`` or item ``Type``);
- 5010 "Stale Object Error" (the ``SyncToken`` is not the current one);
- 610 "Object Not Found" (an update's ``Id``).
"""

from __future__ import annotations

import copy
from typing import Any

from . import applications, credits, invoices, names
from .faults import WriteFault
from .faults import invalid_ref as _invalid_ref
from .faults import missing as _missing
from .reference import ACCOUNT_TYPES
from .store import Store

#: Properties QuickBooks computes: never taken from a request.
READ_ONLY = {
    "Id",
    "SyncToken",
    "MetaData",
    "domain",
    "sparse",
    "FullyQualifiedName",
    "Classification",
    "CurrentBalance",
    "CurrentBalanceWithSubAccounts",
    "Level",
}

DUPLICATE_DETAIL = {
    "Account": "Another account is already using this name. Please use a different name.",
    "Item": "Another product or service is already using this name. Please use a different name.",
}

ITEM_TYPES = ("Service", "NonInventory", "Inventory")

#: Item type → the account references it must have.
ITEM_ACCOUNTS = {
    "Service": ("IncomeAccountRef",),
    "NonInventory": ("IncomeAccountRef",),
    "Inventory": ("IncomeAccountRef", "ExpenseAccountRef", "AssetAccountRef"),
}

#: Every AccountSubType QuickBooks knows, by AccountType (the subset this sandbox accepts).
ACCOUNT_SUB_TYPES = {
    "Bank": {"Checking", "Savings", "MoneyMarket", "CashOnHand", "TrustAccounts"},
    "Accounts Receivable": {"AccountsReceivable"},
    "Other Current Asset": {
        "UndepositedFunds",
        "Inventory",
        "OtherCurrentAssets",
        "PrepaidExpenses",
        "AllowanceForBadDebts",
    },
    "Fixed Asset": {"MachineryAndEquipment", "Vehicles", "FurnitureAndFixtures", "Buildings"},
    "Other Asset": {"OtherLongTermAssets", "Goodwill", "SecurityDeposits"},
    "Accounts Payable": {"AccountsPayable"},
    "Credit Card": {"CreditCard"},
    "Other Current Liability": {
        "OtherCurrentLiabilities",
        "SalesTaxPayable",
        "PayrollTaxPayable",
        "LoanPayable",
    },
    "Long Term Liability": {"OtherLongTermLiabilities", "NotesPayable"},
    "Equity": {"OwnersEquity", "OpeningBalanceEquity", "RetainedEarnings", "PartnerContributions"},
    "Income": {
        "ServiceFeeIncome",
        "SalesOfProductIncome",
        "DiscountsRefundsGiven",
        "OtherPrimaryIncome",
        "NonProfitIncome",
        "UnappliedCashPaymentIncome",
    },
    "Other Income": {"OtherMiscellaneousIncome", "InterestEarned", "DividendIncome"},
    "Cost of Goods Sold": {
        "SuppliesMaterialsCogs",
        "CostOfLaborCos",
        "EquipmentRentalCos",
        "ShippingFreightDeliveryCos",
    },
    "Expense": {
        "OtherMiscellaneousServiceCost",
        "AdvertisingPromotional",
        "Insurance",
        "LegalProfessionalFees",
        "Utilities",
        "OfficeGeneralAdministrativeExpenses",
        "RentOrLeaseOfBuildings",
        "SuppliesMaterials",
        "Travel",
        "BankCharges",
    },
    "Other Expense": {"OtherMiscellaneousExpense", "Depreciation", "Amortization"},
}


def _inactive() -> WriteFault:
    return WriteFault(
        "610",
        "Object Not Found",
        "Object Not Found : Something you're trying to use has been made inactive. "
        "Check the fields with accounts.",
    )


#: US companies' lines and items use Intuit's pseudo tax codes, which are not TaxCode records.
PSEUDO_TAX_CODES = ("TAX", "NON")


def _tax_code(store: Store, realm: str, doc: dict[str, Any], key: str) -> None:
    """A ``*TaxCodeRef`` must name an active TaxCode (or a US pseudo code)."""
    code_id = (doc.get(key) or {}).get("value")
    if not code_id or code_id in PSEUDO_TAX_CODES:
        return
    code = store.doc(realm, "TaxCode", str(code_id))
    if code is None:
        raise _invalid_ref("TaxCodes", code_id, key)
    if code.get("Active") is False:
        raise _inactive()
    doc[key] = {"value": code["Id"], "name": code.get("Name")}


def _enumeration(element: str, value: Any) -> WriteFault:
    return WriteFault("2170", "Invalid Enumeration", f"Invalid Enumeration : {value}", element)


def unknown(entity: str, entity_id: Any) -> WriteFault:
    """610 for an ``Id`` that names no record."""
    return WriteFault(
        "610",
        "Object Not Found",
        "Object Not Found : Something you're trying to use has been made inactive or "
        f"is not found: {entity} {entity_id}",
    )


def stale() -> WriteFault:
    """5010 for a ``SyncToken`` that is not the record's current one."""
    return WriteFault(
        "5010",
        "Stale Object Error",
        "Stale Object Error : You and another user were working on the same thing. "
        "The other user finished before you did, so your work was not saved.",
    )


def save(store: Store, realm: str, entity: str, body: dict[str, Any]) -> tuple[dict, bool]:
    """(the record as stored, created?) for a create (no ``Id``) or an update. The caller
    stamps ``MetaData`` and stores it."""
    current = None
    if body.get("Id") in (None, ""):
        doc = _writable(body)
        created = True
    else:
        current = store.doc(realm, entity, str(body["Id"]))
        if current is None:
            raise unknown(entity, body["Id"])
        if body.get("SyncToken") in (None, ""):
            raise _missing("SyncToken")
        if str(body["SyncToken"]) != str(current.get("SyncToken")):
            raise stale()
        kept = {k: v for k, v in current.items() if k in READ_ONLY}
        # A full update clears what it does not send; a sparse one keeps it.
        doc = {**current, **_writable(body)} if body.get("sparse") is True else _writable(body)
        doc.update(kept)
        created = False
    if entity == "PurchaseOrder":
        from . import purchase_orders
        from .seed import BY_REALM

        purchase_orders.check(store, realm, doc, BY_REALM[realm])
        return doc, created
    if entity == "JournalEntry":
        from .ledger import JournalFault, check_journal_entry

        try:
            check_journal_entry(store, realm, doc)
        except JournalFault as exc:
            raise WriteFault(exc.code, exc.message, exc.detail, exc.element) from None
        return doc, created
    if entity in applications.ENTITIES:
        from .seed import BY_REALM

        applications.check(store, realm, BY_REALM[realm], entity, doc, current)
        return doc, created
    if entity in invoices.ENTITIES:
        from .seed import BY_REALM

        invoices.complete(store, realm, BY_REALM[realm], entity, doc, None if created else current)
        return doc, created
    if entity in credits.WRITABLE:
        from .seed import BY_REALM  # local: the branches above import it locally too

        credits.complete(store, realm, BY_REALM[realm], entity, doc, None if created else current)
        return doc, created
    if entity in ("Purchase", "Deposit", "Transfer"):
        from . import banking
        from .seed import BY_REALM

        banking.check(store, realm, entity, doc, BY_REALM[realm])
        return doc, created
    if entity in names.ENTITIES:
        from .seed import BY_REALM

        names.check(store, realm, BY_REALM[realm], entity, doc, None if created else current)
        return doc, created
    if entity == "Account":
        _check_account(store, realm, doc)
    else:
        _check_item(store, realm, doc)
    _check_unique(store, realm, entity, doc)
    return doc, created


def _writable(body: dict[str, Any]) -> dict[str, Any]:
    return {k: copy.deepcopy(v) for k, v in body.items() if k not in READ_ONLY}


def _name(doc: dict[str, Any]) -> str:
    name = doc.get("Name")
    if not isinstance(name, str) or not name.strip():
        raise _missing("Name")
    if ":" in name or '"' in name:
        raise WriteFault(
            "2010",
            "Invalid Property Value",
            'Name cannot contain a colon (:) or a double quote (").',
            "Name",
        )
    return name.strip()


def _parent(
    store: Store, realm: str, entity: str, doc: dict[str, Any], flag: str
) -> dict[str, Any] | None:
    if not doc.get(flag):
        doc.pop("ParentRef", None)
        return None
    parent_id = (doc.get("ParentRef") or {}).get("value")
    if not parent_id:
        raise _missing("ParentRef")
    parent = store.doc(realm, entity, str(parent_id))
    if parent is None or parent.get("Id") == doc.get("Id"):
        raise _invalid_ref("Accounts" if entity == "Account" else "Items", parent_id, "ParentRef")
    if parent.get("Active") is False:
        raise _inactive()
    doc["ParentRef"] = {"value": parent["Id"], "name": parent["FullyQualifiedName"]}
    return parent


def _check_account(store: Store, realm: str, doc: dict[str, Any]) -> None:
    name = _name(doc)
    kind, sub_type = doc.get("AccountType"), doc.get("AccountSubType")
    if not kind and not sub_type:
        raise _missing("AccountType")
    if not kind:
        kind = next((t for t, subs in ACCOUNT_SUB_TYPES.items() if sub_type in subs), None)
        if kind is None:
            raise _enumeration("AccountSubType", sub_type)
    if kind not in ACCOUNT_TYPES:
        raise _enumeration("AccountType", kind)
    if not sub_type:
        sub_type = ACCOUNT_TYPES[kind][1]
    elif sub_type not in ACCOUNT_SUB_TYPES[kind]:
        raise _enumeration("AccountSubType", sub_type)
    parent = _parent(store, realm, "Account", doc, "SubAccount")
    _tax_code(store, realm, doc, "TaxCodeRef")
    doc.update(
        {
            "Name": name,
            "SubAccount": parent is not None,
            "FullyQualifiedName": f"{parent['FullyQualifiedName']}:{name}" if parent else name,
            "Active": doc.get("Active", True) is not False,
            "Classification": ACCOUNT_TYPES[kind][0],
            "AccountType": kind,
            "AccountSubType": sub_type,
        }
    )
    doc.setdefault("CurrentBalance", 0)
    doc.setdefault("CurrentBalanceWithSubAccounts", 0)


def _check_item(store: Store, realm: str, doc: dict[str, Any]) -> None:
    name = _name(doc)
    kind = doc.get("Type") or "NonInventory"
    if kind not in ITEM_TYPES:
        raise _enumeration("Type", kind)
    for key in ITEM_ACCOUNTS[kind]:
        account_id = (doc.get(key) or {}).get("value")
        if not account_id:
            raise _missing(key)
    for key in ("IncomeAccountRef", "ExpenseAccountRef", "AssetAccountRef"):
        account_id = (doc.get(key) or {}).get("value")
        if not account_id:
            continue
        account = store.doc(realm, "Account", str(account_id))
        if account is None:
            raise _invalid_ref("Accounts", account_id, key)
        if account.get("Active") is False:
            raise _inactive()
        doc[key] = {"value": account["Id"], "name": account["FullyQualifiedName"]}
    for key in ("SalesTaxCodeRef", "PurchaseTaxCodeRef"):
        _tax_code(store, realm, doc, key)
    if kind == "Inventory":
        if doc.get("QtyOnHand") is None:
            raise _missing("QtyOnHand")
        if not doc.get("InvStartDate"):
            raise _missing("InvStartDate")
        doc["TrackQtyOnHand"] = True
    else:
        doc["TrackQtyOnHand"] = False
        doc.pop("QtyOnHand", None)
    parent = _parent(store, realm, "Item", doc, "SubItem")
    doc.update(
        {
            "Name": name,
            "Type": kind,
            "FullyQualifiedName": f"{parent['FullyQualifiedName']}:{name}" if parent else name,
            "Active": doc.get("Active", True) is not False,
            "SubItem": parent is not None,
            "Level": 1 if parent else 0,
        }
    )
    doc.setdefault("UnitPrice", 0)
    doc.setdefault("PurchaseCost", 0)
    doc.setdefault("Taxable", False)


def _check_unique(store: Store, realm: str, entity: str, doc: dict[str, Any]) -> None:
    wanted = doc["FullyQualifiedName"].casefold()
    for other in store.docs(realm, entity):
        if other["Id"] != doc.get("Id") and other["FullyQualifiedName"].casefold() == wanted:
            raise WriteFault(
                "6240",
                "Duplicate Name Exists Error",
                f"The name supplied already exists. : {DUPLICATE_DETAIL[entity]}",
                "Name",
            )

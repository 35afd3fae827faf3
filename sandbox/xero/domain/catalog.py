"""Items and accounts: simple create/update with Xero's uniqueness rules."""

from __future__ import annotations

from .. import resources as R
from ..ids import fresh
from ..ledger import Ledger
from ..money import ZERO
from .errors import ValidationFailed

ACCOUNT_TYPES = (
    "BANK",
    "CURRENT",
    "CURRLIAB",
    "DEPRECIATN",
    "DIRECTCOSTS",
    "EQUITY",
    "EXPENSE",
    "FIXED",
    "INVENTORY",
    "LIABILITY",
    "NONCURRENT",
    "OTHERINCOME",
    "OVERHEADS",
    "PREPAYMENT",
    "REVENUE",
    "SALES",
    "TERMLIAB",
)
CLASSES = {
    "BANK": "ASSET",
    "CURRENT": "ASSET",
    "FIXED": "ASSET",
    "INVENTORY": "ASSET",
    "NONCURRENT": "ASSET",
    "PREPAYMENT": "ASSET",
    "CURRLIAB": "LIABILITY",
    "LIABILITY": "LIABILITY",
    "TERMLIAB": "LIABILITY",
    "EQUITY": "EQUITY",
    "DEPRECIATN": "EXPENSE",
    "DIRECTCOSTS": "EXPENSE",
    "EXPENSE": "EXPENSE",
    "OVERHEADS": "EXPENSE",
    "OTHERINCOME": "REVENUE",
    "REVENUE": "REVENUE",
    "SALES": "REVENUE",
}


def upsert_item(ledger: Ledger, payload: dict, existing: dict | None) -> dict:
    errors = []
    doc = dict(existing) if existing else {"ItemID": fresh()}
    for key in (
        "Code",
        "Name",
        "Description",
        "PurchaseDescription",
        "IsSold",
        "IsPurchased",
        "SalesDetails",
        "PurchaseDetails",
        "InventoryAssetAccountCode",
    ):
        if key in payload:
            doc[key] = payload[key]
    code = str(doc.get("Code") or "").strip()
    if not code:
        errors.append("Item code must be specified")
    elif len(code) > 30:
        errors.append("Item code must be 30 characters or less")
    elif any(row["id"] != doc["ItemID"] for row in ledger.records.by_column(R.ITEMS, "code", code)):
        errors.append(f"Item code '{code}' already exists")
    if len(str(doc.get("Name") or "")) > 50:
        errors.append("Item name must be 50 characters or less")
    for key in ("SalesDetails", "PurchaseDetails"):
        errors += _detail_errors(ledger, key, doc.get(key))
    tracked = bool(doc.get("InventoryAssetAccountCode"))
    if tracked:
        errors += _inventory_errors(ledger, doc)
    if errors:
        raise ValidationFailed(*errors)
    doc.setdefault("Name", code)
    doc.setdefault("IsSold", "SalesDetails" in doc)
    doc.setdefault("IsPurchased", "PurchaseDetails" in doc)
    # Xero nulls the descriptions and details of a side the item is no longer used on.
    if doc.get("IsSold") is False:
        doc.pop("Description", None)
        doc.pop("SalesDetails", None)
    if doc.get("IsPurchased") is False:
        doc.pop("PurchaseDescription", None)
        doc.pop("PurchaseDetails", None)
    doc["IsTrackedAsInventory"] = tracked
    if tracked:
        doc.setdefault("QuantityOnHand", ZERO)
        doc.setdefault("TotalCostPool", ZERO)
    else:
        doc.pop("QuantityOnHand", None)
        doc.pop("TotalCostPool", None)
    return ledger.save(R.ITEMS, doc, created=existing is None)


def _detail_errors(ledger: Ledger, key: str, details: object) -> list[str]:
    """Problems with an item's SalesDetails or PurchaseDetails."""
    if details is None:
        return []
    if not isinstance(details, dict):
        return [f"{key} must be an object"]
    errors = []
    for field in ("AccountCode", "COGSAccountCode"):
        code = details.get(field)
        if code and ledger.accounts.get(str(code), {}).get("Status") != "ACTIVE":
            errors.append(f"Account code '{code}' is not a valid code for {key}")
    tax = details.get("TaxType")
    if tax and tax not in ledger.tax_rates:
        errors.append(f"The TaxType code '{tax}' does not exist for {key}")
    return errors


def _inventory_errors(ledger: Ledger, doc: dict) -> list[str]:
    """A tracked item needs an INVENTORY asset account and a cost of goods sold account."""
    errors = []
    code = str(doc["InventoryAssetAccountCode"])
    if ledger.accounts.get(code, {}).get("Type") != "INVENTORY":
        errors.append(f"InventoryAssetAccountCode '{code}' must be an account of type INVENTORY")
    if not (doc.get("PurchaseDetails") or {}).get("COGSAccountCode"):
        errors.append("A COGSAccountCode is required in PurchaseDetails to track an item")
    return errors


#: Account fields an update may set (Class and SystemAccount are Xero's own).
ACCOUNT_FIELDS = (
    "Code",
    "Name",
    "Type",
    "Description",
    "TaxType",
    "EnablePaymentsToAccount",
    "ShowInExpenseClaims",
    "BankAccountNumber",
    "BankAccountType",
    "CurrencyCode",
    "Status",
    "ReportingCode",
    "AddToWatchlist",
)


def upsert_account(ledger: Ledger, payload: dict, existing: dict | None) -> dict:
    doc = dict(existing) if existing else {"AccountID": fresh(), "Status": "ACTIVE"}
    for key in ACCOUNT_FIELDS:
        if key in payload:
            doc[key] = payload[key]
    errors = _account_errors(ledger, doc, existing)
    if errors:
        raise ValidationFailed(*errors)
    doc["Class"] = CLASSES[doc["Type"]]
    doc.setdefault("TaxType", "NONE")
    doc.setdefault("EnablePaymentsToAccount", False)
    doc.setdefault("ShowInExpenseClaims", False)
    doc.setdefault("HasAttachments", False)
    if doc["Type"] == "BANK":
        doc.setdefault("BankAccountType", "BANK")
        doc.setdefault("CurrencyCode", ledger.base_currency)
    return ledger.save(R.ACCOUNTS, doc, created=existing is None)


def _account_errors(ledger: Ledger, doc: dict, existing: dict | None) -> list[str]:
    errors = []
    code = str(doc.get("Code") or "")
    if (not code and doc.get("Type") != "BANK") or (
        code
        and any(
            row["id"] != doc["AccountID"]
            for row in ledger.records.by_column(R.ACCOUNTS, "code", code)
        )
    ):
        errors.append("Please enter a unique Code.")
    elif len(code) > 10:
        errors.append("Account code must be 10 characters or less")
    name = str(doc.get("Name") or "")
    if not name or any(
        row["id"] != doc["AccountID"] for row in ledger.records.by_column(R.ACCOUNTS, "name", name)
    ):
        errors.append("Please enter a unique Name.")
    elif len(name) > 150:
        errors.append("Account name must be 150 characters or less")
    if doc.get("Type") not in ACCOUNT_TYPES:
        errors.append("Please select an Account Type.")
    if doc.get("TaxType") and doc["TaxType"] not in ledger.tax_rates:
        errors.append(f"The TaxType code '{doc['TaxType']}' does not exist")
    if doc.get("Status") not in ("ACTIVE", "ARCHIVED"):
        errors.append("Account status can only be ACTIVE or ARCHIVED")
    if doc.get("Type") == "BANK" and not doc.get("BankAccountNumber"):
        errors.append("Please enter a Bank Account Number.")
    currency = doc.get("CurrencyCode")
    if currency and doc.get("Type") != "BANK":
        errors.append("Currency can only be set on bank accounts")
    elif currency and currency not in ledger.currencies:
        errors.append(f"The currency '{currency}' is not enabled for this organisation")
    errors += _system_account_errors(doc, existing or {})
    return errors


def _system_account_errors(doc: dict, existing: dict) -> list[str]:
    """System accounts (receivables, payables, tax, ...) keep their type and cannot be archived."""
    if not existing.get("SystemAccount"):
        return []
    errors = []
    if doc.get("Type") != existing.get("Type"):
        errors.append("The account type of a system account cannot be changed")
    if doc.get("Status") == "ARCHIVED":
        errors.append("System accounts cannot be archived")
    return errors

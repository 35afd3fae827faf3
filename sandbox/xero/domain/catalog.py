"""Items and accounts: simple create/update with Xero's uniqueness rules."""

from __future__ import annotations

from .. import resources as R
from ..ids import fresh
from ..ledger import Ledger
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
    if errors:
        raise ValidationFailed(*errors)
    doc.setdefault("Name", code)
    doc.setdefault("IsSold", "SalesDetails" in doc)
    doc.setdefault("IsPurchased", "PurchaseDetails" in doc)
    doc["IsTrackedAsInventory"] = False
    return ledger.save(R.ITEMS, doc, created=existing is None)


def upsert_account(ledger: Ledger, payload: dict, existing: dict | None) -> dict:
    errors = []
    doc = dict(existing) if existing else {"AccountID": fresh(), "Status": "ACTIVE"}
    for key in (
        "Code",
        "Name",
        "Type",
        "Description",
        "TaxType",
        "EnablePaymentsToAccount",
        "ShowInExpenseClaims",
        "BankAccountNumber",
        "CurrencyCode",
        "Status",
    ):
        if key in payload:
            doc[key] = payload[key]
    code = str(doc.get("Code") or "")
    if (not code and doc.get("Type") != "BANK") or (
        code
        and any(
            row["id"] != doc["AccountID"]
            for row in ledger.records.by_column(R.ACCOUNTS, "code", code)
        )
    ):
        errors.append("Please enter a unique Code.")
    if not doc.get("Name"):
        errors.append("Please enter a unique Name.")
    if doc.get("Type") not in ACCOUNT_TYPES:
        errors.append("Please select an Account Type.")
    if doc.get("TaxType") and doc["TaxType"] not in ledger.tax_rates:
        errors.append(f"The TaxType code '{doc['TaxType']}' does not exist")
    if errors:
        raise ValidationFailed(*errors)
    doc["Class"] = CLASSES[doc["Type"]]
    doc.setdefault("TaxType", "NONE")
    doc.setdefault("EnablePaymentsToAccount", False)
    doc.setdefault("ShowInExpenseClaims", False)
    doc.setdefault("HasAttachments", False)
    if doc["Type"] == "BANK":
        doc.setdefault("BankAccountType", "BANK")
    return ledger.save(R.ACCOUNTS, doc, created=existing is None)

"""Create and update contacts with Xero's rules (unique active names, archive, no delete)."""

from __future__ import annotations

import re

from .. import resources as R
from ..ids import fresh
from ..ledger import Ledger
from .errors import ValidationFailed

STATUSES = ("ACTIVE", "ARCHIVED", "GDPRREQUEST")
ADDRESS_TYPES = ("POBOX", "STREET")
PHONE_TYPES = ("DEFAULT", "DDI", "MOBILE", "FAX", "OFFICE")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
WRITABLE = (
    "ContactNumber",
    "AccountNumber",
    "Name",
    "FirstName",
    "LastName",
    "CompanyNumber",
    "EmailAddress",
    "BankAccountDetails",
    "TaxNumber",
    "AccountsReceivableTaxType",
    "AccountsPayableTaxType",
    "DefaultCurrency",
    "Website",
    "SalesDefaultAccountCode",
    "PurchasesDefaultAccountCode",
    "PaymentTerms",
    "Discount",
)


def upsert_contact(ledger: Ledger, payload: dict, existing: dict | None) -> dict:
    """Validate and save a contact; returns the stored document."""
    errors: list[str] = []
    doc = dict(existing) if existing else {"ContactID": fresh(), "ContactStatus": "ACTIVE"}
    for key in WRITABLE:
        if key in payload:
            doc[key] = payload[key]
    name = str(doc.get("Name") or "").strip()
    if not name:
        errors.append("The contact name must be specified")
    elif len(name) > 255:
        errors.append("The contact name must be 255 characters or less")
    status = str(payload.get("ContactStatus") or doc.get("ContactStatus") or "ACTIVE").upper()
    if status not in STATUSES:
        errors.append(f"ContactStatus must be one of {', '.join(STATUSES)}")
    doc["ContactStatus"] = status
    email = doc.get("EmailAddress")
    if email and not _EMAIL.match(str(email)):
        errors.append("Email address must be valid.")
    for address in payload.get("Addresses") or []:
        if str(address.get("AddressType", "")).upper() not in ADDRESS_TYPES:
            errors.append("AddressType must be POBOX or STREET")
    for phone in payload.get("Phones") or []:
        if str(phone.get("PhoneType", "")).upper() not in PHONE_TYPES:
            errors.append(f"PhoneType must be one of {', '.join(PHONE_TYPES)}")
    currency = doc.get("DefaultCurrency")
    if currency and currency not in ledger.currencies:
        errors.append(f"Organisation is not subscribed to currency {currency}")
    if name and status == "ACTIVE" and _name_taken(ledger, name, doc["ContactID"]):
        errors.append(
            f"The contact name {name} is already assigned to another contact. "
            "The contact name must be unique across all active contacts."
        )
    if errors:
        raise ValidationFailed(*errors)
    doc["Name"] = name
    if "Addresses" in payload or existing is None:
        doc["Addresses"] = [
            dict(a, AddressType=str(a.get("AddressType")).upper())
            for a in payload.get("Addresses") or []
        ]
    if "Phones" in payload or existing is None:
        doc["Phones"] = [
            dict(p, PhoneType=str(p.get("PhoneType")).upper()) for p in payload.get("Phones") or []
        ]
    if "ContactPersons" in payload or existing is None:
        doc["ContactPersons"] = list(payload.get("ContactPersons") or [])
    doc.setdefault("ContactGroups", [])
    doc.setdefault("IsSupplier", False)
    doc.setdefault("IsCustomer", False)
    doc.setdefault("HasAttachments", False)
    doc["HasValidationErrors"] = False
    return ledger.save(R.CONTACTS, _ordered(doc), created=existing is None)


def _name_taken(ledger: Ledger, name: str, contact_id: str) -> bool:
    return any(
        row["id"] != contact_id.lower() and row["status"] == "ACTIVE"
        for row in ledger.records.by_column(R.CONTACTS, "name", name)
    )


_ORDER = (
    "ContactID",
    "ContactNumber",
    "AccountNumber",
    "ContactStatus",
    "Name",
    "FirstName",
    "LastName",
    "CompanyNumber",
    "EmailAddress",
    "BankAccountDetails",
    "TaxNumber",
    "AccountsReceivableTaxType",
    "AccountsPayableTaxType",
    "Addresses",
    "Phones",
    "UpdatedDateUTC",
    "ContactGroups",
    "Website",
    "IsSupplier",
    "IsCustomer",
    "DefaultCurrency",
    "PaymentTerms",
    "ContactPersons",
    "HasAttachments",
    "HasValidationErrors",
)


def _ordered(doc: dict) -> dict:
    out = {k: doc[k] for k in _ORDER if k in doc}
    out.update({k: v for k, v in doc.items() if k not in out})
    return out

"""Unified contacts written to QuickBooks Online as a ``Customer`` or a ``Vendor`` (reading them
back: ``mappers.customer_from_qbo`` / ``vendor_from_qbo``).

The role decides the list (``contact_role``): QuickBooks keeps customers and vendors in two
lists whose display names share one namespace (unique across customers, vendors and
employees), so one name cannot be both. ``is_supplier`` true (and ``is_customer`` not true) →
a Vendor; otherwise a Customer. Both true is refused (422 on both fields), as is
``is_customer`` false without ``is_supplier`` true (a QuickBooks contact is one or the other);
an update cannot move a contact to the other list (``role_change``).

``contact_to_qbo`` maps the fields the caller set (a create sends them; an update is sparse,
``"sparse": true`` with ``Id`` and the current ``SyncToken``, so only they change):

- ``name`` → ``DisplayName``; ``first_name`` → ``GivenName``; ``last_name`` → ``FamilyName``;
- ``email_address`` → ``PrimaryEmailAddr.Address``;
- ``tax_number`` → a customer's ``PrimaryTaxIdentifier``, a vendor's ``TaxIdentifier``;
- ``account_number`` → a vendor's ``AcctNum`` (a customer has none: refused);
- ``status`` → ``Active`` (ARCHIVED: false); ``currency`` → ``CurrencyRef``;
- ``addresses``: BILLING → ``BillAddr``, SHIPPING → a customer's ``ShipAddr`` (a vendor has
  only a billing address); ``street_1`` → ``Line1``, ``street_2``'s lines → ``Line2..Line5``,
  ``region`` → ``CountrySubDivisionCode``. An address replaces the one of its type; types not
  sent are kept; ``attention_to`` has no place (refused);
- ``phone_numbers``: DEFAULT → ``PrimaryPhone``, DIRECT → ``AlternatePhone``, MOBILE →
  ``Mobile``, FAX → ``Fax``, as ``FreeFormNumber`` (``+country_code area_code number``).

QuickBooks holds one address and one phone number per type: two of one type are refused.
Every refusal is a ``ValidationFailed`` (422) naming the unified field, before any call.
"""

from __future__ import annotations

from typing import Any

from unified_models import AddressType, ContactStatus, PhoneNumberType

from ..errors import ValidationFailed
from .mappers_reference import _update_header, _values

__all__ = ["contact_role", "contact_to_qbo", "role_change"]

ADDRESS_KEYS = {AddressType.BILLING: "BillAddr", AddressType.SHIPPING: "ShipAddr"}
PHONE_KEYS = {
    PhoneNumberType.DEFAULT: "PrimaryPhone",
    PhoneNumberType.DIRECT: "AlternatePhone",
    PhoneNumberType.MOBILE: "Mobile",
    PhoneNumberType.FAX: "Fax",
}
#: Address lines after the first: QuickBooks has Line2..Line5.
MORE_LINES = 4

ROLE_MESSAGE = (
    "QuickBooks keeps customers and vendors in separate lists and a display name can be in "
    "only one of them: a contact is a customer or a supplier, not both."
)
NO_ROLE_MESSAGE = (
    "A QuickBooks contact is a customer or a vendor: set is_supplier true for a vendor."
)


def _refuse(details: list[dict[str, str]], message: str | None = None) -> ValidationFailed:
    return ValidationFailed(message or details[0]["message"], details=details)


def contact_role(data: Any) -> bool:
    """Whether a new contact is a Vendor (else a Customer); refuses both roles, or none."""
    customer = getattr(data, "is_customer", None)
    supplier = getattr(data, "is_supplier", None)
    if customer is True and supplier is True:
        raise _refuse(
            [
                {"field": "is_customer", "message": ROLE_MESSAGE},
                {"field": "is_supplier", "message": ROLE_MESSAGE},
            ],
            "a QuickBooks contact cannot be both a customer and a supplier",
        )
    if customer is False and supplier is not True:
        raise _refuse(
            [{"field": "is_customer", "message": NO_ROLE_MESSAGE}],
            "a QuickBooks contact is a customer or a supplier",
        )
    return supplier is True


def role_change(data: Any, *, vendor: bool) -> None:
    """Refuse an update whose ``is_customer`` / ``is_supplier`` would move the contact to the
    other list (QuickBooks cannot turn a customer into a vendor)."""
    if getattr(data, "is_customer", None) is True and getattr(data, "is_supplier", None) is True:
        contact_role(data)  # refuses both
    what = "vendor" if vendor else "customer"
    other = "customer" if vendor else "vendor"
    message = (
        f"This contact is a QuickBooks {what}; QuickBooks cannot make it a {other}: create "
        f"a {other} under another name."
    )
    wrong = {"is_customer": vendor, "is_supplier": not vendor}  # the value that is wrong
    details = [
        {"field": field, "message": message}
        for field, bad in wrong.items()
        if getattr(data, field, None) is bad
    ]
    if details:
        raise _refuse(details, "a contact's role cannot change")


def contact_to_qbo(
    data: Any,
    *,
    vendor: bool,
    remote_id: str | None = None,
    sync_token: str | None = None,
) -> dict[str, Any]:
    """A unified contact (input or record) as a QuickBooks Customer (``vendor`` false) or
    Vendor body; see the module docstring."""
    values = _values(data)
    out = _update_header(remote_id, sync_token)
    refused: list[dict[str, str]] = []
    for field, key in (("name", "DisplayName"), ("first_name", "GivenName")):
        if field in values:
            out[key] = values[field]
    if "last_name" in values:
        out["FamilyName"] = values["last_name"]
    if "email_address" in values:
        email = values["email_address"]
        out["PrimaryEmailAddr"] = {"Address": email} if email else None
    if "tax_number" in values:
        out["TaxIdentifier" if vendor else "PrimaryTaxIdentifier"] = values["tax_number"]
    if values.get("account_number") is not None:
        if vendor:
            out["AcctNum"] = values["account_number"]
        else:
            refused.append(
                {
                    "field": "account_number",
                    "message": "A QuickBooks customer has no account number (vendors have).",
                }
            )
    if values.get("status") is not None:
        out["Active"] = ContactStatus(values["status"]) is ContactStatus.ACTIVE
    if values.get("currency") is not None:
        out["CurrencyRef"] = {"value": values["currency"]}
    if values.get("addresses") is not None:
        refused += _addresses(values["addresses"], vendor, out)
    if values.get("phone_numbers") is not None:
        refused += _phones(values["phone_numbers"], out)
    if refused:
        raise _refuse(refused, "fields QuickBooks cannot hold")
    return out


def _get(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def _addresses(addresses: list[Any], vendor: bool, out: dict[str, Any]) -> list[dict[str, str]]:
    refused: list[dict[str, str]] = []
    for index, address in enumerate(addresses):
        where = f"addresses[{index}]"
        kind = AddressType(_get(address, "type"))
        key = ADDRESS_KEYS[kind]
        if vendor and kind is AddressType.SHIPPING:
            refused.append(
                {
                    "field": f"{where}.type",
                    "message": "A QuickBooks vendor has no shipping address.",
                }
            )
            continue
        if key in out:
            refused.append(
                {
                    "field": f"{where}.type",
                    "message": f"QuickBooks holds one {kind.value.lower()} address.",
                }
            )
            continue
        if _get(address, "attention_to"):
            refused.append(
                {
                    "field": f"{where}.attention_to",
                    "message": "A QuickBooks address has no attention-to line.",
                }
            )
        more = [x for x in (_get(address, "street_2") or "").split("\n") if x.strip()]
        if len(more) > MORE_LINES:
            refused.append(
                {
                    "field": f"{where}.street_2",
                    "message": f"A QuickBooks address has at most {MORE_LINES + 1} lines.",
                }
            )
        row: dict[str, Any] = {}
        lines = [_get(address, "street_1"), *more]
        for number, line in enumerate(lines, start=1):
            if line:
                row[f"Line{number}"] = line
        for field, qbo_key in (
            ("city", "City"),
            ("region", "CountrySubDivisionCode"),
            ("postal_code", "PostalCode"),
            ("country", "Country"),
        ):
            if _get(address, field):
                row[qbo_key] = _get(address, field)
        out[key] = row
    return refused


def _phones(phones: list[Any], out: dict[str, Any]) -> list[dict[str, str]]:
    refused: list[dict[str, str]] = []
    for index, phone in enumerate(phones):
        kind = PhoneNumberType(_get(phone, "type"))
        key = PHONE_KEYS[kind]
        if key in out:
            refused.append(
                {
                    "field": f"phone_numbers[{index}].type",
                    "message": f"QuickBooks holds one {kind.value.lower()} phone number.",
                }
            )
            continue
        country = (_get(phone, "country_code") or "").lstrip("+")
        parts = [f"+{country}" if country else "", _get(phone, "area_code") or ""]
        number = " ".join(p for p in (*parts, _get(phone, "number")) if p)
        out[key] = {"FreeFormNumber": number}
    return refused

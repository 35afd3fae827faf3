"""Contact (customers and suppliers in one model), its addresses and phone numbers."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from .catalogue import CatalogueEntry, Filter, currencies_filter
from .common import UnifiedInput, UnifiedModel, UnifiedRecord
from .enums import AddressType, ContactStatus, PhoneNumberType
from .examples import CONTACT as _EXAMPLE
from .examples import INPUTS as _INPUTS

__all__ = ["Address", "Contact", "ContactInput", "PhoneNumber"]


class Address(UnifiedModel):
    type: AddressType
    street_1: str | None = None
    """First address line."""
    street_2: str | None = None
    """Further address lines joined with "\\n" (Xero AddressLine2..4)."""
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    """Country as the provider holds it (Xero: free text, often a name, sometimes a code)."""
    attention_to: str | None = None


class PhoneNumber(UnifiedModel):
    type: PhoneNumberType
    number: str
    area_code: str | None = None
    country_code: str | None = None


class Contact(UnifiedRecord):
    name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    is_customer: bool = False
    is_supplier: bool = False
    email_address: str | None = None
    tax_number: str | None = None
    account_number: str | None = None
    status: ContactStatus | None = None
    status_raw: str | None = None
    currency: str | None = None
    addresses: list[Address] = Field(default_factory=list)
    phone_numbers: list[PhoneNumber] = Field(default_factory=list)


class ContactInput(UnifiedInput):
    """POST/PATCH body for contacts. ``addresses``/``phone_numbers`` replace the provider's
    lists of the same types. ``is_customer``/``is_supplier`` choose the list a contact is
    created in where the provider keeps two (QuickBooks: a Customer, or a Vendor when
    ``is_supplier`` is true; never both, and never changed afterwards); Xero derives them from
    a contact's transactions and refuses them."""

    CREATE_REQUIRED: ClassVar[tuple[str, ...]] = ("name",)

    name: str | None = None
    is_customer: bool | None = None
    is_supplier: bool | None = None
    first_name: str | None = None
    last_name: str | None = None
    email_address: str | None = None
    tax_number: str | None = None
    account_number: str | None = None
    status: ContactStatus | None = None
    currency: str | None = None
    addresses: list[Address] | None = None
    phone_numbers: list[PhoneNumber] | None = None


CONTACT = CatalogueEntry(
    name="contact",
    plural="contacts",
    record=Contact,
    attachable=True,
    input=ContactInput,
    operations=frozenset({"list", "get", "create", "update", "delete"}),
    filters=(
        Filter("status", "status", "choice", "in", choices=ContactStatus),
        Filter("is_customer", "is_customer", "boolean", help="`true` or `false`."),
        Filter("is_supplier", "is_supplier", "boolean", help="`true` or `false`."),
        currencies_filter(),
        Filter(
            "q",
            "search",
            "search",
            help="Case-insensitive text in the name, first or last name, email address or "
            "account number.",
        ),
    ),
    search=("name", "first_name", "last_name", "email_address", "account_number"),
    ordering=("name",),
    example=_EXAMPLE,
    input_example=_INPUTS["contact"],
    description="Customers and suppliers.",
)

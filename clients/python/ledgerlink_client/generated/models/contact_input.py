from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.contact_status import ContactStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.phone_number import PhoneNumber


T = TypeVar("T", bound="ContactInput")


@_attrs_define
class ContactInput:
    """POST/PATCH body for contacts. ``addresses``/``phone_numbers`` replace the provider's
    lists of the same types. ``is_customer``/``is_supplier`` choose the list a contact is
    created in where the provider keeps two (QuickBooks: a Customer, or a Vendor when
    ``is_supplier`` is true; never both, and never changed afterwards); Xero derives them from
    a contact's transactions and refuses them.

    """

    name: str
    """ Required on create. Name of the contact. """
    is_customer: bool | None | Unset = UNSET
    """ The contact is a customer (sales invoices are addressed to it). """
    is_supplier: bool | None | Unset = UNSET
    """ The contact is a supplier (bills come from it). """
    first_name: None | str | Unset = UNSET
    """ First name of the contact person. """
    last_name: None | str | Unset = UNSET
    """ Last name of the contact person. """
    email_address: None | str | Unset = UNSET
    """ Email address. """
    tax_number: None | str | Unset = UNSET
    """ Tax registration number (VAT, GST or ABN number). """
    account_number: None | str | Unset = UNSET
    """ Number the contact is known by in the company's books. """
    status: ContactStatus | None | Unset = UNSET
    """ Status of the contact, mapped to the unified values (see the enum); `status_raw` holds the provider's own.
    """
    currency: None | str | Unset = UNSET
    """ ISO 4217 currency code. """
    addresses: list[Address] | None | Unset = UNSET
    """ Postal and street addresses. """
    phone_numbers: list[PhoneNumber] | None | Unset = UNSET
    """ Phone numbers. """

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        is_customer: bool | None | Unset
        if isinstance(self.is_customer, Unset):
            is_customer = UNSET
        else:
            is_customer = self.is_customer

        is_supplier: bool | None | Unset
        if isinstance(self.is_supplier, Unset):
            is_supplier = UNSET
        else:
            is_supplier = self.is_supplier

        first_name: None | str | Unset
        if isinstance(self.first_name, Unset):
            first_name = UNSET
        else:
            first_name = self.first_name

        last_name: None | str | Unset
        if isinstance(self.last_name, Unset):
            last_name = UNSET
        else:
            last_name = self.last_name

        email_address: None | str | Unset
        if isinstance(self.email_address, Unset):
            email_address = UNSET
        else:
            email_address = self.email_address

        tax_number: None | str | Unset
        if isinstance(self.tax_number, Unset):
            tax_number = UNSET
        else:
            tax_number = self.tax_number

        account_number: None | str | Unset
        if isinstance(self.account_number, Unset):
            account_number = UNSET
        else:
            account_number = self.account_number

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, ContactStatus):
            status = self.status.value
        else:
            status = self.status

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        addresses: list[dict[str, Any]] | None | Unset
        if isinstance(self.addresses, Unset):
            addresses = UNSET
        elif isinstance(self.addresses, list):
            addresses = []
            for addresses_type_0_item_data in self.addresses:
                addresses_type_0_item = addresses_type_0_item_data.to_dict()
                addresses.append(addresses_type_0_item)

        else:
            addresses = self.addresses

        phone_numbers: list[dict[str, Any]] | None | Unset
        if isinstance(self.phone_numbers, Unset):
            phone_numbers = UNSET
        elif isinstance(self.phone_numbers, list):
            phone_numbers = []
            for phone_numbers_type_0_item_data in self.phone_numbers:
                phone_numbers_type_0_item = phone_numbers_type_0_item_data.to_dict()
                phone_numbers.append(phone_numbers_type_0_item)

        else:
            phone_numbers = self.phone_numbers

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if is_customer is not UNSET:
            field_dict["is_customer"] = is_customer
        if is_supplier is not UNSET:
            field_dict["is_supplier"] = is_supplier
        if first_name is not UNSET:
            field_dict["first_name"] = first_name
        if last_name is not UNSET:
            field_dict["last_name"] = last_name
        if email_address is not UNSET:
            field_dict["email_address"] = email_address
        if tax_number is not UNSET:
            field_dict["tax_number"] = tax_number
        if account_number is not UNSET:
            field_dict["account_number"] = account_number
        if status is not UNSET:
            field_dict["status"] = status
        if currency is not UNSET:
            field_dict["currency"] = currency
        if addresses is not UNSET:
            field_dict["addresses"] = addresses
        if phone_numbers is not UNSET:
            field_dict["phone_numbers"] = phone_numbers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.phone_number import PhoneNumber  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_is_customer(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_customer = _parse_is_customer(d.pop("is_customer", UNSET))

        def _parse_is_supplier(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_supplier = _parse_is_supplier(d.pop("is_supplier", UNSET))

        def _parse_first_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        first_name = _parse_first_name(d.pop("first_name", UNSET))

        def _parse_last_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_name = _parse_last_name(d.pop("last_name", UNSET))

        def _parse_email_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email_address = _parse_email_address(d.pop("email_address", UNSET))

        def _parse_tax_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tax_number = _parse_tax_number(d.pop("tax_number", UNSET))

        def _parse_account_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account_number = _parse_account_number(d.pop("account_number", UNSET))

        def _parse_status(data: object) -> ContactStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = ContactStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactStatus | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_addresses(data: object) -> list[Address] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                addresses_type_0 = []
                _addresses_type_0 = data
                for addresses_type_0_item_data in _addresses_type_0:
                    addresses_type_0_item = Address.from_dict(addresses_type_0_item_data)

                    addresses_type_0.append(addresses_type_0_item)

                return addresses_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Address] | None | Unset, data)

        addresses = _parse_addresses(d.pop("addresses", UNSET))

        def _parse_phone_numbers(data: object) -> list[PhoneNumber] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                phone_numbers_type_0 = []
                _phone_numbers_type_0 = data
                for phone_numbers_type_0_item_data in _phone_numbers_type_0:
                    phone_numbers_type_0_item = PhoneNumber.from_dict(
                        phone_numbers_type_0_item_data
                    )

                    phone_numbers_type_0.append(phone_numbers_type_0_item)

                return phone_numbers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PhoneNumber] | None | Unset, data)

        phone_numbers = _parse_phone_numbers(d.pop("phone_numbers", UNSET))

        contact_input = cls(
            name=name,
            is_customer=is_customer,
            is_supplier=is_supplier,
            first_name=first_name,
            last_name=last_name,
            email_address=email_address,
            tax_number=tax_number,
            account_number=account_number,
            status=status,
            currency=currency,
            addresses=addresses,
            phone_numbers=phone_numbers,
        )

        return contact_input

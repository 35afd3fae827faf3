from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address
    from ..models.company_info_remote_data_type_0 import CompanyInfoRemoteDataType0
    from ..models.phone_number import PhoneNumber


T = TypeVar("T", bound="CompanyInfo")


@_attrs_define
class CompanyInfo:
    remote_id: str
    """ The provider's id of the company info. """
    id: UUID
    """ Ledgerlink's id of the record (stable). """
    created_at: datetime.datetime
    """ When Ledgerlink first stored the record. """
    modified_at: datetime.datetime
    """ When Ledgerlink last changed the record. """
    remote_updated_at: datetime.datetime | None | Unset = UNSET
    """ When the company info last changed at the provider. """
    remote_was_deleted: bool | Unset = False
    """ The company info was deleted (or archived) at the provider; Ledgerlink keeps it, marked, so deletions reach
    clients. """
    remote_data: CompanyInfoRemoteDataType0 | None | Unset = UNSET
    """ The provider's raw record (Decimal numbers, provider date strings); only exposed by the
    gateway with ``include_remote_data=true``. """
    legal_name: None | str | Unset = UNSET
    """ The registered legal name. """
    name: None | str | Unset = UNSET
    """ The trading (display) name. """
    currency: None | str | Unset = UNSET
    """ The base (functional) currency. """
    country: None | str | Unset = UNSET
    """ Country code as the provider gives it (Xero: ISO 3166 alpha-2). """
    tax_number: None | str | Unset = UNSET
    """ Tax registration number (VAT, GST or ABN number). """
    fiscal_year_end_month: int | None | Unset = UNSET
    """ Month (1-12) the financial year ends in. """
    fiscal_year_end_day: int | None | Unset = UNSET
    """ Day of the month the financial year ends on. """
    timezone: None | str | Unset = UNSET
    """ The provider's timezone identifier (Xero: Windows-style name, e.g.
    NEWZEALANDSTANDARDTIME). """
    addresses: list[Address] | Unset = UNSET
    """ Postal and street addresses. """
    phone_numbers: list[PhoneNumber] | Unset = UNSET
    """ Phone numbers. """
    email_address: None | str | Unset = UNSET
    """ Email address. """
    organisation_type: None | str | Unset = UNSET
    """ The provider's own organisation type (Xero ``OrganisationType``, e.g. COMPANY). """
    status_raw: None | str | Unset = UNSET
    """ The provider's own status, unmapped. """

    def to_dict(self) -> dict[str, Any]:
        from ..models.company_info_remote_data_type_0 import CompanyInfoRemoteDataType0  # noqa: PLC0415

        remote_id = self.remote_id

        id = str(self.id)

        created_at = self.created_at.isoformat()

        modified_at = self.modified_at.isoformat()

        remote_updated_at: None | str | Unset
        if isinstance(self.remote_updated_at, Unset):
            remote_updated_at = UNSET
        elif isinstance(self.remote_updated_at, datetime.datetime):
            remote_updated_at = self.remote_updated_at.isoformat()
        else:
            remote_updated_at = self.remote_updated_at

        remote_was_deleted = self.remote_was_deleted

        remote_data: dict[str, Any] | None | Unset
        if isinstance(self.remote_data, Unset):
            remote_data = UNSET
        elif isinstance(self.remote_data, CompanyInfoRemoteDataType0):
            remote_data = self.remote_data.to_dict()
        else:
            remote_data = self.remote_data

        legal_name: None | str | Unset
        if isinstance(self.legal_name, Unset):
            legal_name = UNSET
        else:
            legal_name = self.legal_name

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        country: None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        tax_number: None | str | Unset
        if isinstance(self.tax_number, Unset):
            tax_number = UNSET
        else:
            tax_number = self.tax_number

        fiscal_year_end_month: int | None | Unset
        if isinstance(self.fiscal_year_end_month, Unset):
            fiscal_year_end_month = UNSET
        else:
            fiscal_year_end_month = self.fiscal_year_end_month

        fiscal_year_end_day: int | None | Unset
        if isinstance(self.fiscal_year_end_day, Unset):
            fiscal_year_end_day = UNSET
        else:
            fiscal_year_end_day = self.fiscal_year_end_day

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        addresses: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.addresses, Unset):
            addresses = []
            for addresses_item_data in self.addresses:
                addresses_item = addresses_item_data.to_dict()
                addresses.append(addresses_item)

        phone_numbers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.phone_numbers, Unset):
            phone_numbers = []
            for phone_numbers_item_data in self.phone_numbers:
                phone_numbers_item = phone_numbers_item_data.to_dict()
                phone_numbers.append(phone_numbers_item)

        email_address: None | str | Unset
        if isinstance(self.email_address, Unset):
            email_address = UNSET
        else:
            email_address = self.email_address

        organisation_type: None | str | Unset
        if isinstance(self.organisation_type, Unset):
            organisation_type = UNSET
        else:
            organisation_type = self.organisation_type

        status_raw: None | str | Unset
        if isinstance(self.status_raw, Unset):
            status_raw = UNSET
        else:
            status_raw = self.status_raw

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "remote_id": remote_id,
                "id": id,
                "created_at": created_at,
                "modified_at": modified_at,
            }
        )
        if remote_updated_at is not UNSET:
            field_dict["remote_updated_at"] = remote_updated_at
        if remote_was_deleted is not UNSET:
            field_dict["remote_was_deleted"] = remote_was_deleted
        if remote_data is not UNSET:
            field_dict["remote_data"] = remote_data
        if legal_name is not UNSET:
            field_dict["legal_name"] = legal_name
        if name is not UNSET:
            field_dict["name"] = name
        if currency is not UNSET:
            field_dict["currency"] = currency
        if country is not UNSET:
            field_dict["country"] = country
        if tax_number is not UNSET:
            field_dict["tax_number"] = tax_number
        if fiscal_year_end_month is not UNSET:
            field_dict["fiscal_year_end_month"] = fiscal_year_end_month
        if fiscal_year_end_day is not UNSET:
            field_dict["fiscal_year_end_day"] = fiscal_year_end_day
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if addresses is not UNSET:
            field_dict["addresses"] = addresses
        if phone_numbers is not UNSET:
            field_dict["phone_numbers"] = phone_numbers
        if email_address is not UNSET:
            field_dict["email_address"] = email_address
        if organisation_type is not UNSET:
            field_dict["organisation_type"] = organisation_type
        if status_raw is not UNSET:
            field_dict["status_raw"] = status_raw

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415
        from ..models.company_info_remote_data_type_0 import CompanyInfoRemoteDataType0  # noqa: PLC0415
        from ..models.phone_number import PhoneNumber  # noqa: PLC0415

        d = dict(src_dict)
        remote_id = d.pop("remote_id")

        id = UUID(d.pop("id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        modified_at = datetime.datetime.fromisoformat(d.pop("modified_at"))

        def _parse_remote_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                remote_updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return remote_updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        remote_updated_at = _parse_remote_updated_at(d.pop("remote_updated_at", UNSET))

        remote_was_deleted = d.pop("remote_was_deleted", UNSET)

        def _parse_remote_data(data: object) -> CompanyInfoRemoteDataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                remote_data_type_0 = CompanyInfoRemoteDataType0.from_dict(data)

                return remote_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CompanyInfoRemoteDataType0 | None | Unset, data)

        remote_data = _parse_remote_data(d.pop("remote_data", UNSET))

        def _parse_legal_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        legal_name = _parse_legal_name(d.pop("legal_name", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        def _parse_tax_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tax_number = _parse_tax_number(d.pop("tax_number", UNSET))

        def _parse_fiscal_year_end_month(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        fiscal_year_end_month = _parse_fiscal_year_end_month(d.pop("fiscal_year_end_month", UNSET))

        def _parse_fiscal_year_end_day(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        fiscal_year_end_day = _parse_fiscal_year_end_day(d.pop("fiscal_year_end_day", UNSET))

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        _addresses = d.pop("addresses", UNSET)
        addresses: list[Address] | Unset = UNSET
        if _addresses is not UNSET:
            addresses = []
            for addresses_item_data in _addresses:
                addresses_item = Address.from_dict(addresses_item_data)

                addresses.append(addresses_item)

        _phone_numbers = d.pop("phone_numbers", UNSET)
        phone_numbers: list[PhoneNumber] | Unset = UNSET
        if _phone_numbers is not UNSET:
            phone_numbers = []
            for phone_numbers_item_data in _phone_numbers:
                phone_numbers_item = PhoneNumber.from_dict(phone_numbers_item_data)

                phone_numbers.append(phone_numbers_item)

        def _parse_email_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email_address = _parse_email_address(d.pop("email_address", UNSET))

        def _parse_organisation_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organisation_type = _parse_organisation_type(d.pop("organisation_type", UNSET))

        def _parse_status_raw(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_raw = _parse_status_raw(d.pop("status_raw", UNSET))

        company_info = cls(
            remote_id=remote_id,
            id=id,
            created_at=created_at,
            modified_at=modified_at,
            remote_updated_at=remote_updated_at,
            remote_was_deleted=remote_was_deleted,
            remote_data=remote_data,
            legal_name=legal_name,
            name=name,
            currency=currency,
            country=country,
            tax_number=tax_number,
            fiscal_year_end_month=fiscal_year_end_month,
            fiscal_year_end_day=fiscal_year_end_day,
            timezone=timezone,
            addresses=addresses,
            phone_numbers=phone_numbers,
            email_address=email_address,
            organisation_type=organisation_type,
            status_raw=status_raw,
        )

        return company_info

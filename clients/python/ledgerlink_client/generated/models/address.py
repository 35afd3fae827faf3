from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.address_type import AddressType
from ..types import UNSET, Unset

T = TypeVar("T", bound="Address")


@_attrs_define
class Address:
    type_: AddressType
    street_1: None | str | Unset = UNSET
    """ First address line. """
    street_2: None | str | Unset = UNSET
    """ Further address lines joined with "\\n" (Xero AddressLine2..4). """
    city: None | str | Unset = UNSET
    """ City or town. """
    region: None | str | Unset = UNSET
    """ State, county or region. """
    postal_code: None | str | Unset = UNSET
    """ Postal code. """
    country: None | str | Unset = UNSET
    """ Country as the provider holds it (Xero: free text, often a name, sometimes a code). """
    attention_to: None | str | Unset = UNSET
    """ Person the delivery or letter is for. """

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        street_1: None | str | Unset
        if isinstance(self.street_1, Unset):
            street_1 = UNSET
        else:
            street_1 = self.street_1

        street_2: None | str | Unset
        if isinstance(self.street_2, Unset):
            street_2 = UNSET
        else:
            street_2 = self.street_2

        city: None | str | Unset
        if isinstance(self.city, Unset):
            city = UNSET
        else:
            city = self.city

        region: None | str | Unset
        if isinstance(self.region, Unset):
            region = UNSET
        else:
            region = self.region

        postal_code: None | str | Unset
        if isinstance(self.postal_code, Unset):
            postal_code = UNSET
        else:
            postal_code = self.postal_code

        country: None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        attention_to: None | str | Unset
        if isinstance(self.attention_to, Unset):
            attention_to = UNSET
        else:
            attention_to = self.attention_to

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if street_1 is not UNSET:
            field_dict["street_1"] = street_1
        if street_2 is not UNSET:
            field_dict["street_2"] = street_2
        if city is not UNSET:
            field_dict["city"] = city
        if region is not UNSET:
            field_dict["region"] = region
        if postal_code is not UNSET:
            field_dict["postal_code"] = postal_code
        if country is not UNSET:
            field_dict["country"] = country
        if attention_to is not UNSET:
            field_dict["attention_to"] = attention_to

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = AddressType(d.pop("type"))

        def _parse_street_1(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        street_1 = _parse_street_1(d.pop("street_1", UNSET))

        def _parse_street_2(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        street_2 = _parse_street_2(d.pop("street_2", UNSET))

        def _parse_city(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        city = _parse_city(d.pop("city", UNSET))

        def _parse_region(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region = _parse_region(d.pop("region", UNSET))

        def _parse_postal_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        postal_code = _parse_postal_code(d.pop("postal_code", UNSET))

        def _parse_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        def _parse_attention_to(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        attention_to = _parse_attention_to(d.pop("attention_to", UNSET))

        address = cls(
            type_=type_,
            street_1=street_1,
            street_2=street_2,
            city=city,
            region=region,
            postal_code=postal_code,
            country=country,
            attention_to=attention_to,
        )

        return address

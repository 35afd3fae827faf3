from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.phone_number_type import PhoneNumberType
from ..types import UNSET, Unset

T = TypeVar("T", bound="PhoneNumber")


@_attrs_define
class PhoneNumber:
    type_: PhoneNumberType
    number: str
    """ The phone number's number as users see it at the provider (invoice number, document number). """
    area_code: None | str | Unset = UNSET
    """ Area code. """
    country_code: None | str | Unset = UNSET
    """ Country dialling code. """

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        number = self.number

        area_code: None | str | Unset
        if isinstance(self.area_code, Unset):
            area_code = UNSET
        else:
            area_code = self.area_code

        country_code: None | str | Unset
        if isinstance(self.country_code, Unset):
            country_code = UNSET
        else:
            country_code = self.country_code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "number": number,
            }
        )
        if area_code is not UNSET:
            field_dict["area_code"] = area_code
        if country_code is not UNSET:
            field_dict["country_code"] = country_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = PhoneNumberType(d.pop("type"))

        number = d.pop("number")

        def _parse_area_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        area_code = _parse_area_code(d.pop("area_code", UNSET))

        def _parse_country_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country_code = _parse_country_code(d.pop("country_code", UNSET))

        phone_number = cls(
            type_=type_,
            number=number,
            area_code=area_code,
            country_code=country_code,
        )

        return phone_number

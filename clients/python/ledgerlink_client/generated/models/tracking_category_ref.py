from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TrackingCategoryRef")


@_attrs_define
class TrackingCategoryRef:
    """A tracking category option applied to a line item (Xero Tracking)."""

    category: None | str | Unset = UNSET
    """ Ledgerlink's id of the category (from `category_remote_id`). """
    category_remote_id: None | str | Unset = UNSET
    """ The provider's id of the category. """
    name: None | str | Unset = UNSET
    """ Name of the tracking category ref. """
    option: None | str | Unset = UNSET
    """ Ledgerlink's id of the option (from `option_remote_id`). """
    option_remote_id: None | str | Unset = UNSET
    """ The provider's id of the option. """

    def to_dict(self) -> dict[str, Any]:
        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        category_remote_id: None | str | Unset
        if isinstance(self.category_remote_id, Unset):
            category_remote_id = UNSET
        else:
            category_remote_id = self.category_remote_id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        option: None | str | Unset
        if isinstance(self.option, Unset):
            option = UNSET
        else:
            option = self.option

        option_remote_id: None | str | Unset
        if isinstance(self.option_remote_id, Unset):
            option_remote_id = UNSET
        else:
            option_remote_id = self.option_remote_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if category is not UNSET:
            field_dict["category"] = category
        if category_remote_id is not UNSET:
            field_dict["category_remote_id"] = category_remote_id
        if name is not UNSET:
            field_dict["name"] = name
        if option is not UNSET:
            field_dict["option"] = option
        if option_remote_id is not UNSET:
            field_dict["option_remote_id"] = option_remote_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        def _parse_category_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category_remote_id = _parse_category_remote_id(d.pop("category_remote_id", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_option(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        option = _parse_option(d.pop("option", UNSET))

        def _parse_option_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        option_remote_id = _parse_option_remote_id(d.pop("option_remote_id", UNSET))

        tracking_category_ref = cls(
            category=category,
            category_remote_id=category_remote_id,
            name=name,
            option=option,
            option_remote_id=option_remote_id,
        )

        return tracking_category_ref

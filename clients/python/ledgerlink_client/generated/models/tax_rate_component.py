from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.tax_rate_applies_to import TaxRateAppliesTo
from ..types import UNSET, Unset

T = TypeVar("T", bound="TaxRateComponent")


@_attrs_define
class TaxRateComponent:
    """One tax making up a rate (Xero TaxComponents, QuickBooks the TaxRates of a TaxCode)."""

    remote_id: None | str | Unset = UNSET
    """ Provider id of the component where it has one (QuickBooks TaxRate Id). """
    name: None | str | Unset = UNSET
    """ Name of the tax rate component. """
    rate: Decimal | None | Unset = UNSET
    """ Percentage, e.g. ``Decimal("12.5")``. """
    is_compound: bool | Unset = False
    """ This tax is charged on the amount plus the earlier components' tax. """
    is_non_recoverable: bool | Unset = False
    """ The tax cannot be reclaimed. """
    applies_to: None | TaxRateAppliesTo | Unset = UNSET
    """ What the tax rate can be used on: sales, purchases or both. """

    def to_dict(self) -> dict[str, Any]:
        remote_id: None | str | Unset
        if isinstance(self.remote_id, Unset):
            remote_id = UNSET
        else:
            remote_id = self.remote_id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        rate: None | str | Unset
        if isinstance(self.rate, Unset):
            rate = UNSET
        elif isinstance(self.rate, Decimal):
            rate = str(self.rate)
        else:
            rate = self.rate

        is_compound = self.is_compound

        is_non_recoverable = self.is_non_recoverable

        applies_to: None | str | Unset
        if isinstance(self.applies_to, Unset):
            applies_to = UNSET
        elif isinstance(self.applies_to, TaxRateAppliesTo):
            applies_to = self.applies_to.value
        else:
            applies_to = self.applies_to

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if remote_id is not UNSET:
            field_dict["remote_id"] = remote_id
        if name is not UNSET:
            field_dict["name"] = name
        if rate is not UNSET:
            field_dict["rate"] = rate
        if is_compound is not UNSET:
            field_dict["is_compound"] = is_compound
        if is_non_recoverable is not UNSET:
            field_dict["is_non_recoverable"] = is_non_recoverable
        if applies_to is not UNSET:
            field_dict["applies_to"] = applies_to

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        remote_id = _parse_remote_id(d.pop("remote_id", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_rate(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rate_type_0 = Decimal(data)

                return rate_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        rate = _parse_rate(d.pop("rate", UNSET))

        is_compound = d.pop("is_compound", UNSET)

        is_non_recoverable = d.pop("is_non_recoverable", UNSET)

        def _parse_applies_to(data: object) -> None | TaxRateAppliesTo | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                applies_to_type_0 = TaxRateAppliesTo(data)

                return applies_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaxRateAppliesTo | Unset, data)

        applies_to = _parse_applies_to(d.pop("applies_to", UNSET))

        tax_rate_component = cls(
            remote_id=remote_id,
            name=name,
            rate=rate,
            is_compound=is_compound,
            is_non_recoverable=is_non_recoverable,
            applies_to=applies_to,
        )

        return tax_rate_component

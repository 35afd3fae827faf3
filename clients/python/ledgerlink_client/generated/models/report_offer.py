from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.report_basis import ReportBasis
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReportOffer")


@_attrs_define
class ReportOffer:
    offered: bool
    """ Whether `/v1/reports/...` serves it (501 if not). """
    reason: None | str | Unset = UNSET
    """ Not offered: why (also the 501's message). """
    max_periods: int | Unset = UNSET
    """ Most `periods` in one report (more: 400). """
    bases: list[ReportBasis] | Unset = UNSET
    """ The `basis` values it takes (empty: its own basis only; `basis` refused). """
    tracking: bool | Unset = UNSET
    """ Whether `tracking_category` breaks the columns down. """
    derived: bool | Unset = UNSET
    """ Computed by Ledgerlink from the provider's other reports (it has none). """
    note: None | str | Unset = UNSET
    """ What to know about how the provider serves it. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        offered = self.offered

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        max_periods = self.max_periods

        bases: list[str] | Unset = UNSET
        if not isinstance(self.bases, Unset):
            bases = []
            for bases_item_data in self.bases:
                bases_item = bases_item_data.value
                bases.append(bases_item)

        tracking = self.tracking

        derived = self.derived

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "offered": offered,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason
        if max_periods is not UNSET:
            field_dict["max_periods"] = max_periods
        if bases is not UNSET:
            field_dict["bases"] = bases
        if tracking is not UNSET:
            field_dict["tracking"] = tracking
        if derived is not UNSET:
            field_dict["derived"] = derived
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        offered = d.pop("offered")

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        max_periods = d.pop("max_periods", UNSET)

        _bases = d.pop("bases", UNSET)
        bases: list[ReportBasis] | Unset = UNSET
        if _bases is not UNSET:
            bases = []
            for bases_item_data in _bases:
                bases_item = ReportBasis(bases_item_data)

                bases.append(bases_item)

        tracking = d.pop("tracking", UNSET)

        derived = d.pop("derived", UNSET)

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        report_offer = cls(
            offered=offered,
            reason=reason,
            max_periods=max_periods,
            bases=bases,
            tracking=tracking,
            derived=derived,
            note=note,
        )

        report_offer.additional_properties = d
        return report_offer

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

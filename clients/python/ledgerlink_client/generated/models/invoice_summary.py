from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.summary_group import SummaryGroup


T = TypeVar("T", bound="InvoiceSummary")


@_attrs_define
class InvoiceSummary:
    """Invoice counts and sums per group and currency."""

    group_by: str
    """ status, currency, contact or month. """
    last_sync_at: datetime.datetime | None
    """ Freshness: the linked account's last successful sync. """
    truncated: bool
    """ More than 1000 groups: the first. """
    results: list[SummaryGroup]
    """ One entry per group and currency. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        group_by = self.group_by

        last_sync_at: None | str
        if isinstance(self.last_sync_at, datetime.datetime):
            last_sync_at = self.last_sync_at.isoformat()
        else:
            last_sync_at = self.last_sync_at

        truncated = self.truncated

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "group_by": group_by,
                "last_sync_at": last_sync_at,
                "truncated": truncated,
                "results": results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.summary_group import SummaryGroup  # noqa: PLC0415

        d = dict(src_dict)
        group_by = d.pop("group_by")

        def _parse_last_sync_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_sync_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_sync_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_sync_at = _parse_last_sync_at(d.pop("last_sync_at"))

        truncated = d.pop("truncated")

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = SummaryGroup.from_dict(results_item_data)

            results.append(results_item)

        invoice_summary = cls(
            group_by=group_by,
            last_sync_at=last_sync_at,
            truncated=truncated,
            results=results,
        )

        invoice_summary.additional_properties = d
        return invoice_summary

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

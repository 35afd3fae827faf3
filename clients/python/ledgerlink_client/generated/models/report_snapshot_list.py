from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.report_snapshot import ReportSnapshot


T = TypeVar("T", bound="ReportSnapshotList")


@_attrs_define
class ReportSnapshotList:
    linked_account: UUID
    """ The linked account the snapshots are of. """
    results: list[ReportSnapshot]
    """ Newest month first. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        linked_account = str(self.linked_account)

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "linked_account": linked_account,
                "results": results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.report_snapshot import ReportSnapshot  # noqa: PLC0415

        d = dict(src_dict)
        linked_account = UUID(d.pop("linked_account"))

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = ReportSnapshot.from_dict(results_item_data)

            results.append(results_item)

        report_snapshot_list = cls(
            linked_account=linked_account,
            results=results,
        )

        report_snapshot_list.additional_properties = d
        return report_snapshot_list

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

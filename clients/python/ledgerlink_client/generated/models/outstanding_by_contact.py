from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.contact_outstanding import ContactOutstanding


T = TypeVar("T", bound="OutstandingByContact")


@_attrs_define
class OutstandingByContact:
    """Outstanding invoices per contact, the largest balance first."""

    as_of: datetime.date
    """ Today in the linked account's time zone. """
    last_sync_at: datetime.datetime | None
    """ Freshness: the linked account's last successful sync. """
    truncated: bool
    """ More contacts than `limit`: the largest first. """
    results: list[ContactOutstanding]
    """ One entry per contact and currency. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

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
                "as_of": as_of,
                "last_sync_at": last_sync_at,
                "truncated": truncated,
                "results": results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_outstanding import ContactOutstanding  # noqa: PLC0415

        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))

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
            results_item = ContactOutstanding.from_dict(results_item_data)

            results.append(results_item)

        outstanding_by_contact = cls(
            as_of=as_of,
            last_sync_at=last_sync_at,
            truncated=truncated,
            results=results,
        )

        outstanding_by_contact.additional_properties = d
        return outstanding_by_contact

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

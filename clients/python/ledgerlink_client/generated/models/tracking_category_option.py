from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.tracking_category_status import TrackingCategoryStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="TrackingCategoryOption")


@_attrs_define
class TrackingCategoryOption:
    remote_id: str
    """ The provider's id of the tracking category option. """
    name: None | str | Unset = UNSET
    """ Name of the tracking category option. """
    status: None | TrackingCategoryStatus | Unset = UNSET
    """ Status of the tracking category option, mapped to the unified values (see the enum); `status_raw` holds the
    provider's own. """
    status_raw: None | str | Unset = UNSET
    """ The provider's own value behind `status`, unmapped. """

    def to_dict(self) -> dict[str, Any]:
        remote_id = self.remote_id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, TrackingCategoryStatus):
            status = self.status.value
        else:
            status = self.status

        status_raw: None | str | Unset
        if isinstance(self.status_raw, Unset):
            status_raw = UNSET
        else:
            status_raw = self.status_raw

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "remote_id": remote_id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if status is not UNSET:
            field_dict["status"] = status
        if status_raw is not UNSET:
            field_dict["status_raw"] = status_raw

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        remote_id = d.pop("remote_id")

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_status(data: object) -> None | TrackingCategoryStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = TrackingCategoryStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TrackingCategoryStatus | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_status_raw(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_raw = _parse_status_raw(d.pop("status_raw", UNSET))

        tracking_category_option = cls(
            remote_id=remote_id,
            name=name,
            status=status,
            status_raw=status_raw,
        )

        return tracking_category_option

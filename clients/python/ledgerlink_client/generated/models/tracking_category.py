from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.tracking_category_status import TrackingCategoryStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tracking_category_option import TrackingCategoryOption
    from ..models.tracking_category_remote_data_type_0 import TrackingCategoryRemoteDataType0


T = TypeVar("T", bound="TrackingCategory")


@_attrs_define
class TrackingCategory:
    remote_id: str
    """ The provider's id of the tracking category. """
    id: UUID
    """ Ledgerlink's id of the record (stable). """
    created_at: datetime.datetime
    """ When Ledgerlink first stored the record. """
    modified_at: datetime.datetime
    """ When Ledgerlink last changed the record. """
    remote_updated_at: datetime.datetime | None | Unset = UNSET
    """ When the tracking category last changed at the provider. """
    remote_was_deleted: bool | Unset = False
    """ The tracking category was deleted (or archived) at the provider; Ledgerlink keeps it, marked, so deletions
    reach clients. """
    remote_data: None | TrackingCategoryRemoteDataType0 | Unset = UNSET
    """ The provider's raw record (Decimal numbers, provider date strings); only exposed by the
    gateway with ``include_remote_data=true``. """
    name: None | str | Unset = UNSET
    """ Name of the tracking category. """
    status: None | TrackingCategoryStatus | Unset = UNSET
    """ Status of the tracking category, mapped to the unified values (see the enum); `status_raw` holds the
    provider's own. """
    status_raw: None | str | Unset = UNSET
    """ The provider's own value behind `status`, unmapped. """
    options: list[TrackingCategoryOption] | Unset = UNSET
    """ The tracking category's options (the values lines are tagged with). """

    def to_dict(self) -> dict[str, Any]:
        from ..models.tracking_category_remote_data_type_0 import TrackingCategoryRemoteDataType0  # noqa: PLC0415

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
        elif isinstance(self.remote_data, TrackingCategoryRemoteDataType0):
            remote_data = self.remote_data.to_dict()
        else:
            remote_data = self.remote_data

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

        options: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = []
            for options_item_data in self.options:
                options_item = options_item_data.to_dict()
                options.append(options_item)

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
        if name is not UNSET:
            field_dict["name"] = name
        if status is not UNSET:
            field_dict["status"] = status
        if status_raw is not UNSET:
            field_dict["status_raw"] = status_raw
        if options is not UNSET:
            field_dict["options"] = options

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tracking_category_option import TrackingCategoryOption  # noqa: PLC0415
        from ..models.tracking_category_remote_data_type_0 import TrackingCategoryRemoteDataType0  # noqa: PLC0415

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

        def _parse_remote_data(data: object) -> None | TrackingCategoryRemoteDataType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                remote_data_type_0 = TrackingCategoryRemoteDataType0.from_dict(data)

                return remote_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TrackingCategoryRemoteDataType0 | Unset, data)

        remote_data = _parse_remote_data(d.pop("remote_data", UNSET))

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

        _options = d.pop("options", UNSET)
        options: list[TrackingCategoryOption] | Unset = UNSET
        if _options is not UNSET:
            options = []
            for options_item_data in _options:
                options_item = TrackingCategoryOption.from_dict(options_item_data)

                options.append(options_item)

        tracking_category = cls(
            remote_id=remote_id,
            id=id,
            created_at=created_at,
            modified_at=modified_at,
            remote_updated_at=remote_updated_at,
            remote_was_deleted=remote_was_deleted,
            remote_data=remote_data,
            name=name,
            status=status,
            status_raw=status_raw,
            options=options,
        )

        return tracking_category

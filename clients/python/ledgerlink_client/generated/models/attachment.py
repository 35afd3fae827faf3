from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Attachment")


@_attrs_define
class Attachment:
    id: UUID
    """ Ledgerlink's id of the attachment (stable). """
    remote_id: str
    """ The provider's id for the file. """
    record_id: UUID
    """ The Ledgerlink id of the record it is on. """
    record_model: str
    """ That record's model, e.g. `invoice`. """
    file_name: str
    """ The file's name. """
    mime_type: None | str
    """ The file's type. """
    size: int | None
    """ Bytes. """
    include_online: bool | None
    """ Shown with the online invoice (where the provider has it). """
    remote_created_at: datetime.datetime | None
    """ When the provider received the file. """
    remote_updated_at: datetime.datetime | None
    """ When the file last changed at the provider. """
    created_at: datetime.datetime
    """ When Ledgerlink first stored it. """
    modified_at: datetime.datetime
    """ When Ledgerlink last changed it. """
    remote_data: Any | Unset = UNSET
    """ With `include_remote_data=true` only. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        remote_id = self.remote_id

        record_id = str(self.record_id)

        record_model = self.record_model

        file_name = self.file_name

        mime_type: None | str
        mime_type = self.mime_type

        size: int | None
        size = self.size

        include_online: bool | None
        include_online = self.include_online

        remote_created_at: None | str
        if isinstance(self.remote_created_at, datetime.datetime):
            remote_created_at = self.remote_created_at.isoformat()
        else:
            remote_created_at = self.remote_created_at

        remote_updated_at: None | str
        if isinstance(self.remote_updated_at, datetime.datetime):
            remote_updated_at = self.remote_updated_at.isoformat()
        else:
            remote_updated_at = self.remote_updated_at

        created_at = self.created_at.isoformat()

        modified_at = self.modified_at.isoformat()

        remote_data = self.remote_data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "remote_id": remote_id,
                "record_id": record_id,
                "record_model": record_model,
                "file_name": file_name,
                "mime_type": mime_type,
                "size": size,
                "include_online": include_online,
                "remote_created_at": remote_created_at,
                "remote_updated_at": remote_updated_at,
                "created_at": created_at,
                "modified_at": modified_at,
            }
        )
        if remote_data is not UNSET:
            field_dict["remote_data"] = remote_data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        remote_id = d.pop("remote_id")

        record_id = UUID(d.pop("record_id"))

        record_model = d.pop("record_model")

        file_name = d.pop("file_name")

        def _parse_mime_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        mime_type = _parse_mime_type(d.pop("mime_type"))

        def _parse_size(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        size = _parse_size(d.pop("size"))

        def _parse_include_online(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        include_online = _parse_include_online(d.pop("include_online"))

        def _parse_remote_created_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                remote_created_at_type_0 = datetime.datetime.fromisoformat(data)

                return remote_created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        remote_created_at = _parse_remote_created_at(d.pop("remote_created_at"))

        def _parse_remote_updated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                remote_updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return remote_updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        remote_updated_at = _parse_remote_updated_at(d.pop("remote_updated_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        modified_at = datetime.datetime.fromisoformat(d.pop("modified_at"))

        remote_data = d.pop("remote_data", UNSET)

        attachment = cls(
            id=id,
            remote_id=remote_id,
            record_id=record_id,
            record_model=record_model,
            file_name=file_name,
            mime_type=mime_type,
            size=size,
            include_online=include_online,
            remote_created_at=remote_created_at,
            remote_updated_at=remote_updated_at,
            created_at=created_at,
            modified_at=modified_at,
            remote_data=remote_data,
        )

        attachment.additional_properties = d
        return attachment

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

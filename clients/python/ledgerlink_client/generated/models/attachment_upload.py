from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="AttachmentUpload")


@_attrs_define
class AttachmentUpload:
    record_id: UUID
    """ Ledgerlink's id of the record. """
    file: File
    """ The file (multipart part `file`). """
    include_online: bool | Unset = False
    """ Show it with the online invoice (where the provider has it). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        record_id = str(self.record_id)

        file = self.file.to_tuple()

        include_online = self.include_online

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "record_id": record_id,
                "file": file,
            }
        )
        if include_online is not UNSET:
            field_dict["include_online"] = include_online

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("record_id", (None, str(self.record_id), "text/plain")))

        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.include_online, Unset):
            files.append(
                ("include_online", (None, str(self.include_online).encode(), "text/plain"))
            )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        record_id = UUID(d.pop("record_id"))

        file = File(payload=BytesIO(d.pop("file")))

        include_online = d.pop("include_online", UNSET)

        attachment_upload = cls(
            record_id=record_id,
            file=file,
            include_online=include_online,
        )

        attachment_upload.additional_properties = d
        return attachment_upload

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AttachmentRules")


@_attrs_define
class AttachmentRules:
    models: list[str]
    """ Models whose records can carry files here. """
    max_bytes: int
    """ The largest file this provider takes. """
    mime_types: list[str]
    """ The file types it takes (others: 415). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        models = self.models

        max_bytes = self.max_bytes

        mime_types = self.mime_types

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "models": models,
                "max_bytes": max_bytes,
                "mime_types": mime_types,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        models = cast(list[str], d.pop("models"))

        max_bytes = d.pop("max_bytes")

        mime_types = cast(list[str], d.pop("mime_types"))

        attachment_rules = cls(
            models=models,
            max_bytes=max_bytes,
            mime_types=mime_types,
        )

        attachment_rules.additional_properties = d
        return attachment_rules

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

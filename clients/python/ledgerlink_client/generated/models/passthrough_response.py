from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.passthrough_response_headers import PassthroughResponseHeaders


T = TypeVar("T", bound="PassthroughResponse")


@_attrs_define
class PassthroughResponse:
    status: int
    """ The provider's HTTP status. """
    headers: PassthroughResponseHeaders
    """ The provider's `Content-Type`, `ETag`, `Last-Modified` and `Retry-After`. """
    body: Any | None
    """ JSON when the provider sent JSON, a string when it sent text, null when it sent binary (see `body_base64`).
    """
    body_base64: str | Unset = UNSET
    """ Only when the provider sent a binary body (a file): its bytes, base64-encoded. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        headers = self.headers.to_dict()

        body: Any | None
        body = self.body

        body_base64 = self.body_base64

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "headers": headers,
                "body": body,
            }
        )
        if body_base64 is not UNSET:
            field_dict["body_base64"] = body_base64

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.passthrough_response_headers import PassthroughResponseHeaders  # noqa: PLC0415

        d = dict(src_dict)
        status = d.pop("status")

        headers = PassthroughResponseHeaders.from_dict(d.pop("headers"))

        def _parse_body(data: object) -> Any | None:
            if data is None:
                return data
            return cast(Any | None, data)

        body = _parse_body(d.pop("body"))

        body_base64 = d.pop("body_base64", UNSET)

        passthrough_response = cls(
            status=status,
            headers=headers,
            body=body,
            body_base64=body_base64,
        )

        passthrough_response.additional_properties = d
        return passthrough_response

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

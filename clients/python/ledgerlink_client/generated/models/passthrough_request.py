from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.passthrough_method import PassthroughMethod
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.passthrough_request_headers import PassthroughRequestHeaders
    from ..models.passthrough_request_query import PassthroughRequestQuery


T = TypeVar("T", bound="PassthroughRequest")


@_attrs_define
class PassthroughRequest:
    method: PassthroughMethod
    """ * `GET` - GET
    * `POST` - POST
    * `PUT` - PUT
    * `PATCH` - PATCH
    * `DELETE` - DELETE """
    path: str
    """ Relative to the provider's API base, e.g. `/Invoices`. """
    query: PassthroughRequestQuery | Unset = UNSET
    """ Query parameters. """
    body: Any | None | Unset = UNSET
    """ A JSON body, sent as JSON. """
    body_base64: None | str | Unset = UNSET
    """ A binary body (a file for an attachment endpoint), base64-encoded; sent as its bytes, with the `Content-
    Type` given in `headers`. Not with `body`. """
    headers: PassthroughRequestHeaders | Unset = UNSET
    """ Extra request headers; `Authorization`, `Cookie`, `Host` are Ledgerlink's. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        method = self.method.value

        path = self.path

        query: dict[str, Any] | Unset = UNSET
        if not isinstance(self.query, Unset):
            query = self.query.to_dict()

        body: Any | None | Unset
        if isinstance(self.body, Unset):
            body = UNSET
        else:
            body = self.body

        body_base64: None | str | Unset
        if isinstance(self.body_base64, Unset):
            body_base64 = UNSET
        else:
            body_base64 = self.body_base64

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "method": method,
                "path": path,
            }
        )
        if query is not UNSET:
            field_dict["query"] = query
        if body is not UNSET:
            field_dict["body"] = body
        if body_base64 is not UNSET:
            field_dict["body_base64"] = body_base64
        if headers is not UNSET:
            field_dict["headers"] = headers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.passthrough_request_headers import PassthroughRequestHeaders  # noqa: PLC0415
        from ..models.passthrough_request_query import PassthroughRequestQuery  # noqa: PLC0415

        d = dict(src_dict)
        method = PassthroughMethod(d.pop("method"))

        path = d.pop("path")

        _query = d.pop("query", UNSET)
        query: PassthroughRequestQuery | Unset
        if isinstance(_query, Unset):
            query = UNSET
        else:
            query = PassthroughRequestQuery.from_dict(_query)

        def _parse_body(data: object) -> Any | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(Any | None | Unset, data)

        body = _parse_body(d.pop("body", UNSET))

        def _parse_body_base64(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        body_base64 = _parse_body_base64(d.pop("body_base64", UNSET))

        _headers = d.pop("headers", UNSET)
        headers: PassthroughRequestHeaders | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = PassthroughRequestHeaders.from_dict(_headers)

        passthrough_request = cls(
            method=method,
            path=path,
            query=query,
            body=body,
            body_base64=body_base64,
            headers=headers,
        )

        passthrough_request.additional_properties = d
        return passthrough_request

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

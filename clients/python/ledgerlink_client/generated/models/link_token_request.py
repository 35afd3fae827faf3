from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LinkTokenRequest")


@_attrs_define
class LinkTokenRequest:
    end_user_id: str
    """ Your id for the end user (organisation or user) linking. """
    redirect_url: str
    """ Where the end user is sent back to; must exactly match one of your registered redirect URLs. """
    end_user_name: str | Unset = UNSET
    """ Shown to you on the linked account. """
    end_user_email: str | Unset = UNSET
    """ Shown to you on the linked account. """
    providers: list[str] | Unset = UNSET
    """ Provider keys the end user may choose from; default: every one `/v1/providers` lists (enabled and
    configured). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        end_user_id = self.end_user_id

        redirect_url = self.redirect_url

        end_user_name = self.end_user_name

        end_user_email: str | Unset
        if isinstance(self.end_user_email, Unset):
            end_user_email = UNSET
        else:
            end_user_email = self.end_user_email

        providers: list[str] | Unset = UNSET
        if not isinstance(self.providers, Unset):
            providers = self.providers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "end_user_id": end_user_id,
                "redirect_url": redirect_url,
            }
        )
        if end_user_name is not UNSET:
            field_dict["end_user_name"] = end_user_name
        if end_user_email is not UNSET:
            field_dict["end_user_email"] = end_user_email
        if providers is not UNSET:
            field_dict["providers"] = providers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        end_user_id = d.pop("end_user_id")

        redirect_url = d.pop("redirect_url")

        end_user_name = d.pop("end_user_name", UNSET)

        def _parse_end_user_email(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        end_user_email = _parse_end_user_email(d.pop("end_user_email", UNSET))

        providers = cast(list[str], d.pop("providers", UNSET))

        link_token_request = cls(
            end_user_id=end_user_id,
            redirect_url=redirect_url,
            end_user_name=end_user_name,
            end_user_email=end_user_email,
            providers=providers,
        )

        link_token_request.additional_properties = d
        return link_token_request

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

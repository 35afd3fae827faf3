from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LinkToken")


@_attrs_define
class LinkToken:
    link_token: str
    """ Single-use and short-lived; shown once. Treat it as a secret. """
    url: str
    """ The hosted page to send the end user to. """
    expires_at: datetime.datetime
    """ After this the token no longer works. """
    end_user_id: str
    """ Your id for the end user. """
    providers: list[str]
    """ Provider keys the end user may choose from. """
    redirect_url: str
    """ Where the end user is sent back to. """
    linked_account_id: None | UUID
    """ For a relink token: the linked account it repairs. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        link_token = self.link_token

        url = self.url

        expires_at = self.expires_at.isoformat()

        end_user_id = self.end_user_id

        providers = self.providers

        redirect_url = self.redirect_url

        linked_account_id: None | str
        if isinstance(self.linked_account_id, UUID):
            linked_account_id = str(self.linked_account_id)
        else:
            linked_account_id = self.linked_account_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "link_token": link_token,
                "url": url,
                "expires_at": expires_at,
                "end_user_id": end_user_id,
                "providers": providers,
                "redirect_url": redirect_url,
                "linked_account_id": linked_account_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        link_token = d.pop("link_token")

        url = d.pop("url")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        end_user_id = d.pop("end_user_id")

        providers = cast(list[str], d.pop("providers"))

        redirect_url = d.pop("redirect_url")

        def _parse_linked_account_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                linked_account_id_type_0 = UUID(data)

                return linked_account_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        linked_account_id = _parse_linked_account_id(d.pop("linked_account_id"))

        link_token = cls(
            link_token=link_token,
            url=url,
            expires_at=expires_at,
            end_user_id=end_user_id,
            providers=providers,
            redirect_url=redirect_url,
            linked_account_id=linked_account_id,
        )

        link_token.additional_properties = d
        return link_token

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

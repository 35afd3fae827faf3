from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.linked_account_status import LinkedAccountStatus

T = TypeVar("T", bound="LinkedAccount")


@_attrs_define
class LinkedAccount:
    """A linked account as customers see it: never a token or a provider secret."""

    id: UUID
    """ Ledgerlink's id of the linked account (the `X-Linked-Account`). """
    provider: str
    """ The provider's key (see `/v1/providers`). """
    tenant_id: str
    """ The provider's id of the organisation or company. """
    tenant_name: str
    """ Its name at the provider. """
    tenant_type: str
    """ What kind of tenant it is at the provider. """
    end_user_id: str
    """ Your id for the end user, from the link token. """
    end_user_name: str
    """ From the link token. """
    end_user_email: str
    """ From the link token. """
    status: LinkedAccountStatus
    """ * `active` - Active
    * `relink_required` - Relink Required
    * `disabled` - Disabled """
    status_reason: str
    """ Why it is not active (empty when it is). """
    last_sync_at: datetime.datetime | None
    """ When the last successful sync finished. """
    created_at: datetime.datetime
    """ When it was linked. """
    updated_at: datetime.datetime
    """ When it last changed. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        provider = self.provider

        tenant_id = self.tenant_id

        tenant_name = self.tenant_name

        tenant_type = self.tenant_type

        end_user_id = self.end_user_id

        end_user_name = self.end_user_name

        end_user_email = self.end_user_email

        status = self.status.value

        status_reason = self.status_reason

        last_sync_at: None | str
        if isinstance(self.last_sync_at, datetime.datetime):
            last_sync_at = self.last_sync_at.isoformat()
        else:
            last_sync_at = self.last_sync_at

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "provider": provider,
                "tenant_id": tenant_id,
                "tenant_name": tenant_name,
                "tenant_type": tenant_type,
                "end_user_id": end_user_id,
                "end_user_name": end_user_name,
                "end_user_email": end_user_email,
                "status": status,
                "status_reason": status_reason,
                "last_sync_at": last_sync_at,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        provider = d.pop("provider")

        tenant_id = d.pop("tenant_id")

        tenant_name = d.pop("tenant_name")

        tenant_type = d.pop("tenant_type")

        end_user_id = d.pop("end_user_id")

        end_user_name = d.pop("end_user_name")

        end_user_email = d.pop("end_user_email")

        status = LinkedAccountStatus(d.pop("status"))

        status_reason = d.pop("status_reason")

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

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        linked_account = cls(
            id=id,
            provider=provider,
            tenant_id=tenant_id,
            tenant_name=tenant_name,
            tenant_type=tenant_type,
            end_user_id=end_user_id,
            end_user_name=end_user_name,
            end_user_email=end_user_email,
            status=status,
            status_reason=status_reason,
            last_sync_at=last_sync_at,
            created_at=created_at,
            updated_at=updated_at,
        )

        linked_account.additional_properties = d
        return linked_account

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

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.model_sync_status_state import ModelSyncStatusState

T = TypeVar("T", bound="ModelSyncStatus")


@_attrs_define
class ModelSyncStatus:
    model: str
    """ The unified model (`invoice`). """
    state: ModelSyncStatusState
    """ * `pending` - Pending
    * `syncing` - Syncing
    * `paused` - Paused
    * `done` - Done
    * `failed` - Failed
    * `not_permitted` - Not Permitted """
    last_success_at: datetime.datetime | None
    """ When its last pass completed. """
    records_seen: int
    """ Records read in the current/last pass. """
    changes: int
    """ Records changed in the current/last pass. """
    provider_calls_today: int
    """ Provider calls for it today. """
    resumable: bool
    """ A checkpoint is saved mid-pass. """
    last_error: str
    """ Why its last pass failed (empty: it did not). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        state = self.state.value

        last_success_at: None | str
        if isinstance(self.last_success_at, datetime.datetime):
            last_success_at = self.last_success_at.isoformat()
        else:
            last_success_at = self.last_success_at

        records_seen = self.records_seen

        changes = self.changes

        provider_calls_today = self.provider_calls_today

        resumable = self.resumable

        last_error = self.last_error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
                "state": state,
                "last_success_at": last_success_at,
                "records_seen": records_seen,
                "changes": changes,
                "provider_calls_today": provider_calls_today,
                "resumable": resumable,
                "last_error": last_error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        model = d.pop("model")

        state = ModelSyncStatusState(d.pop("state"))

        def _parse_last_success_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_success_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_success_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_success_at = _parse_last_success_at(d.pop("last_success_at"))

        records_seen = d.pop("records_seen")

        changes = d.pop("changes")

        provider_calls_today = d.pop("provider_calls_today")

        resumable = d.pop("resumable")

        last_error = d.pop("last_error")

        model_sync_status = cls(
            model=model,
            state=state,
            last_success_at=last_success_at,
            records_seen=records_seen,
            changes=changes,
            provider_calls_today=provider_calls_today,
            resumable=resumable,
            last_error=last_error,
        )

        model_sync_status.additional_properties = d
        return model_sync_status

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

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sync_status_state import SyncStatusState

if TYPE_CHECKING:
    from ..models.limits import Limits
    from ..models.model_sync_status import ModelSyncStatus
    from ..models.sync_run import SyncRun


T = TypeVar("T", bound="SyncStatus")


@_attrs_define
class SyncStatus:
    linked_account_id: UUID
    """ The linked account. """
    state: SyncStatusState
    """ * `idle` - Idle
    * `queued` - Queued
    * `syncing` - Syncing
    * `paused` - Paused
    * `done` - Done
    * `failed` - Failed """
    last_sync_at: datetime.datetime | None
    """ When the last successful sync finished. """
    next_sync_at: datetime.datetime | None
    """ When the scheduler queues the next sync. """
    frequency_minutes: int
    """ Minutes between scheduled syncs. """
    paused_until: datetime.datetime | None
    """ When a paused sync resumes (the provider's budget returns). """
    last_error: str
    """ Why the last sync failed (empty: it did not). """
    current_run: None | SyncRun
    """ The run queued or running (null: none). """
    provider_calls_today: int
    """ Provider calls made today. """
    limits: Limits | None
    """ What the shared rate limiter has left for this tenant. """
    models: list[ModelSyncStatus]
    """ Per unified model. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.limits import Limits  # noqa: PLC0415
        from ..models.sync_run import SyncRun  # noqa: PLC0415

        linked_account_id = str(self.linked_account_id)

        state = self.state.value

        last_sync_at: None | str
        if isinstance(self.last_sync_at, datetime.datetime):
            last_sync_at = self.last_sync_at.isoformat()
        else:
            last_sync_at = self.last_sync_at

        next_sync_at: None | str
        if isinstance(self.next_sync_at, datetime.datetime):
            next_sync_at = self.next_sync_at.isoformat()
        else:
            next_sync_at = self.next_sync_at

        frequency_minutes = self.frequency_minutes

        paused_until: None | str
        if isinstance(self.paused_until, datetime.datetime):
            paused_until = self.paused_until.isoformat()
        else:
            paused_until = self.paused_until

        last_error = self.last_error

        current_run: dict[str, Any] | None
        if isinstance(self.current_run, SyncRun):
            current_run = self.current_run.to_dict()
        else:
            current_run = self.current_run

        provider_calls_today = self.provider_calls_today

        limits: dict[str, Any] | None
        if isinstance(self.limits, Limits):
            limits = self.limits.to_dict()
        else:
            limits = self.limits

        models = []
        for models_item_data in self.models:
            models_item = models_item_data.to_dict()
            models.append(models_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "linked_account_id": linked_account_id,
                "state": state,
                "last_sync_at": last_sync_at,
                "next_sync_at": next_sync_at,
                "frequency_minutes": frequency_minutes,
                "paused_until": paused_until,
                "last_error": last_error,
                "current_run": current_run,
                "provider_calls_today": provider_calls_today,
                "limits": limits,
                "models": models,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.limits import Limits  # noqa: PLC0415
        from ..models.model_sync_status import ModelSyncStatus  # noqa: PLC0415
        from ..models.sync_run import SyncRun  # noqa: PLC0415

        d = dict(src_dict)
        linked_account_id = UUID(d.pop("linked_account_id"))

        state = SyncStatusState(d.pop("state"))

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

        def _parse_next_sync_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_sync_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_sync_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_sync_at = _parse_next_sync_at(d.pop("next_sync_at"))

        frequency_minutes = d.pop("frequency_minutes")

        def _parse_paused_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paused_until_type_0 = datetime.datetime.fromisoformat(data)

                return paused_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        paused_until = _parse_paused_until(d.pop("paused_until"))

        last_error = d.pop("last_error")

        def _parse_current_run(data: object) -> None | SyncRun:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                current_run_type_0 = SyncRun.from_dict(data)

                return current_run_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SyncRun, data)

        current_run = _parse_current_run(d.pop("current_run"))

        provider_calls_today = d.pop("provider_calls_today")

        def _parse_limits(data: object) -> Limits | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                limits_type_0 = Limits.from_dict(data)

                return limits_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Limits | None, data)

        limits = _parse_limits(d.pop("limits"))

        models = []
        _models = d.pop("models")
        for models_item_data in _models:
            models_item = ModelSyncStatus.from_dict(models_item_data)

            models.append(models_item)

        sync_status = cls(
            linked_account_id=linked_account_id,
            state=state,
            last_sync_at=last_sync_at,
            next_sync_at=next_sync_at,
            frequency_minutes=frequency_minutes,
            paused_until=paused_until,
            last_error=last_error,
            current_run=current_run,
            provider_calls_today=provider_calls_today,
            limits=limits,
            models=models,
        )

        sync_status.additional_properties = d
        return sync_status

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

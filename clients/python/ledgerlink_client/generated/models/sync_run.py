from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.mode_enum import ModeEnum
from ..models.sync_run_status_enum import SyncRunStatusEnum
from ..models.trigger_enum import TriggerEnum

T = TypeVar("T", bound="SyncRun")


@_attrs_define
class SyncRun:
    id: UUID
    mode: ModeEnum
    """ * `full` - Full
    * `incremental` - Incremental """
    trigger: TriggerEnum
    """ * `linked` - Linked
    * `schedule` - Schedule
    * `api` - Api
    * `webhook` - Webhook """
    status: SyncRunStatusEnum
    """ * `queued` - Queued
    * `running` - Running
    * `paused` - Paused
    * `succeeded` - Succeeded
    * `failed` - Failed """
    models: list[str]
    """ Models covered; empty: all. """
    queued_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    records: int
    """ Records read from the provider. """
    changes: int
    """ Records created, changed or deleted. """
    provider_calls: int
    error: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        mode = self.mode.value

        trigger = self.trigger.value

        status = self.status.value

        models = self.models

        queued_at = self.queued_at.isoformat()

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        records = self.records

        changes = self.changes

        provider_calls = self.provider_calls

        error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "mode": mode,
                "trigger": trigger,
                "status": status,
                "models": models,
                "queued_at": queued_at,
                "started_at": started_at,
                "finished_at": finished_at,
                "records": records,
                "changes": changes,
                "provider_calls": provider_calls,
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        mode = ModeEnum(d.pop("mode"))

        trigger = TriggerEnum(d.pop("trigger"))

        status = SyncRunStatusEnum(d.pop("status"))

        models = cast(list[str], d.pop("models"))

        queued_at = datetime.datetime.fromisoformat(d.pop("queued_at"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        records = d.pop("records")

        changes = d.pop("changes")

        provider_calls = d.pop("provider_calls")

        error = d.pop("error")

        sync_run = cls(
            id=id,
            mode=mode,
            trigger=trigger,
            status=status,
            models=models,
            queued_at=queued_at,
            started_at=started_at,
            finished_at=finished_at,
            records=records,
            changes=changes,
            provider_calls=provider_calls,
            error=error,
        )

        sync_run.additional_properties = d
        return sync_run

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

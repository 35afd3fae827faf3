from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sync_mode import SyncMode
from ..models.sync_run_status import SyncRunStatus
from ..models.sync_trigger import SyncTrigger

T = TypeVar("T", bound="SyncRun")


@_attrs_define
class SyncRun:
    id: UUID
    """ Ledgerlink's id of the run. """
    mode: SyncMode
    """ * `full` - Full
    * `incremental` - Incremental """
    trigger: SyncTrigger
    """ * `linked` - Linked
    * `schedule` - Schedule
    * `api` - Api
    * `webhook` - Webhook """
    status: SyncRunStatus
    """ * `queued` - Queued
    * `running` - Running
    * `paused` - Paused
    * `succeeded` - Succeeded
    * `failed` - Failed """
    models: list[str]
    """ Models covered; empty: all. """
    queued_at: datetime.datetime
    """ When the run was queued. """
    started_at: datetime.datetime | None
    """ When a worker started it. """
    finished_at: datetime.datetime | None
    """ When it ended. """
    records: int
    """ Records read from the provider. """
    changes: int
    """ Records created, changed or deleted. """
    provider_calls: int
    """ Calls made to the provider. """
    error: str
    """ Why it failed (empty: it did not). """
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
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        mode = SyncMode(d.pop("mode"))

        trigger = SyncTrigger(d.pop("trigger"))

        status = SyncRunStatus(d.pop("status"))

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

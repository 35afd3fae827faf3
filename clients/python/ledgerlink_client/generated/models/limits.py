from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.window import Window


T = TypeVar("T", bound="Limits")


@_attrs_define
class Limits:
    day: Window
    minute: Window
    app_minute: Window
    concurrent: Window
    blocked_until: datetime.datetime | None
    """ After a 429 from the provider: no calls until then. """
    blocked_problem: None | str
    """ Which limit the provider said was hit (while blocked). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        day = self.day.to_dict()

        minute = self.minute.to_dict()

        app_minute = self.app_minute.to_dict()

        concurrent = self.concurrent.to_dict()

        blocked_until: None | str
        if isinstance(self.blocked_until, datetime.datetime):
            blocked_until = self.blocked_until.isoformat()
        else:
            blocked_until = self.blocked_until

        blocked_problem: None | str
        blocked_problem = self.blocked_problem

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "day": day,
                "minute": minute,
                "app_minute": app_minute,
                "concurrent": concurrent,
                "blocked_until": blocked_until,
                "blocked_problem": blocked_problem,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.window import Window  # noqa: PLC0415

        d = dict(src_dict)
        day = Window.from_dict(d.pop("day"))

        minute = Window.from_dict(d.pop("minute"))

        app_minute = Window.from_dict(d.pop("app_minute"))

        concurrent = Window.from_dict(d.pop("concurrent"))

        def _parse_blocked_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                blocked_until_type_0 = datetime.datetime.fromisoformat(data)

                return blocked_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        blocked_until = _parse_blocked_until(d.pop("blocked_until"))

        def _parse_blocked_problem(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        blocked_problem = _parse_blocked_problem(d.pop("blocked_problem"))

        limits = cls(
            day=day,
            minute=minute,
            app_minute=app_minute,
            concurrent=concurrent,
            blocked_until=blocked_until,
            blocked_problem=blocked_problem,
        )

        limits.additional_properties = d
        return limits

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

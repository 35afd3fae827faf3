from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.report_column_kind import ReportColumnKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReportColumn")


@_attrs_define
class ReportColumn:
    id: str
    """ Id of the report column. """
    kind: ReportColumnKind
    label: str
    """ The report column's heading as the provider prints it. """
    start_date: datetime.date | None | Unset = UNSET
    """ First day of the period. """
    end_date: datetime.date | None | Unset = UNSET
    """ Last day of the period. """
    min_days: int | None | Unset = UNSET
    """ Ageing buckets: the fewest days overdue in the bucket (inclusive). """
    max_days: int | None | Unset = UNSET
    """ Ageing buckets: the most days overdue in the bucket (inclusive; null: open-ended). """
    tracking_category_remote_id: None | str | Unset = UNSET
    """ With a tracking breakdown: the provider's id of the tracking category. """
    tracking_option_remote_id: None | str | Unset = UNSET
    """ With a tracking breakdown: the provider's id of the column's option. """
    tracking_option_name: None | str | Unset = UNSET
    """ With a tracking breakdown: the option's name. """

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind.value

        label = self.label

        start_date: None | str | Unset
        if isinstance(self.start_date, Unset):
            start_date = UNSET
        elif isinstance(self.start_date, datetime.date):
            start_date = self.start_date.isoformat()
        else:
            start_date = self.start_date

        end_date: None | str | Unset
        if isinstance(self.end_date, Unset):
            end_date = UNSET
        elif isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        min_days: int | None | Unset
        if isinstance(self.min_days, Unset):
            min_days = UNSET
        else:
            min_days = self.min_days

        max_days: int | None | Unset
        if isinstance(self.max_days, Unset):
            max_days = UNSET
        else:
            max_days = self.max_days

        tracking_category_remote_id: None | str | Unset
        if isinstance(self.tracking_category_remote_id, Unset):
            tracking_category_remote_id = UNSET
        else:
            tracking_category_remote_id = self.tracking_category_remote_id

        tracking_option_remote_id: None | str | Unset
        if isinstance(self.tracking_option_remote_id, Unset):
            tracking_option_remote_id = UNSET
        else:
            tracking_option_remote_id = self.tracking_option_remote_id

        tracking_option_name: None | str | Unset
        if isinstance(self.tracking_option_name, Unset):
            tracking_option_name = UNSET
        else:
            tracking_option_name = self.tracking_option_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "label": label,
            }
        )
        if start_date is not UNSET:
            field_dict["start_date"] = start_date
        if end_date is not UNSET:
            field_dict["end_date"] = end_date
        if min_days is not UNSET:
            field_dict["min_days"] = min_days
        if max_days is not UNSET:
            field_dict["max_days"] = max_days
        if tracking_category_remote_id is not UNSET:
            field_dict["tracking_category_remote_id"] = tracking_category_remote_id
        if tracking_option_remote_id is not UNSET:
            field_dict["tracking_option_remote_id"] = tracking_option_remote_id
        if tracking_option_name is not UNSET:
            field_dict["tracking_option_name"] = tracking_option_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        kind = ReportColumnKind(d.pop("kind"))

        label = d.pop("label")

        def _parse_start_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_date_type_0 = datetime.date.fromisoformat(data)

                return start_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        start_date = _parse_start_date(d.pop("start_date", UNSET))

        def _parse_end_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_date_type_0 = datetime.date.fromisoformat(data)

                return end_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        end_date = _parse_end_date(d.pop("end_date", UNSET))

        def _parse_min_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_days = _parse_min_days(d.pop("min_days", UNSET))

        def _parse_max_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_days = _parse_max_days(d.pop("max_days", UNSET))

        def _parse_tracking_category_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tracking_category_remote_id = _parse_tracking_category_remote_id(
            d.pop("tracking_category_remote_id", UNSET)
        )

        def _parse_tracking_option_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tracking_option_remote_id = _parse_tracking_option_remote_id(
            d.pop("tracking_option_remote_id", UNSET)
        )

        def _parse_tracking_option_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tracking_option_name = _parse_tracking_option_name(d.pop("tracking_option_name", UNSET))

        report_column = cls(
            id=id,
            kind=kind,
            label=label,
            start_date=start_date,
            end_date=end_date,
            min_days=min_days,
            max_days=max_days,
            tracking_category_remote_id=tracking_category_remote_id,
            tracking_option_remote_id=tracking_option_remote_id,
            tracking_option_name=tracking_option_name,
        )

        return report_column

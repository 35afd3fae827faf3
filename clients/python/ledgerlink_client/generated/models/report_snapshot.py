from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.report_type import ReportType

if TYPE_CHECKING:
    from ..models.report import Report


T = TypeVar("T", bound="ReportSnapshot")


@_attrs_define
class ReportSnapshot:
    """One month's report as kept for dashboards."""

    id: UUID
    """ The snapshot's id. """
    type_: ReportType
    period_start: datetime.date | None
    """ The month's first day (P&L). """
    period_end: datetime.date
    """ The month's last day (the balance sheet's date). """
    generated_at: datetime.datetime
    """ When Ledgerlink fetched it from the provider. """
    report: Report
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        type_ = self.type_.value

        period_start: None | str
        if isinstance(self.period_start, datetime.date):
            period_start = self.period_start.isoformat()
        else:
            period_start = self.period_start

        period_end = self.period_end.isoformat()

        generated_at = self.generated_at.isoformat()

        report = self.report.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "period_start": period_start,
                "period_end": period_end,
                "generated_at": generated_at,
                "report": report,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.report import Report  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        type_ = ReportType(d.pop("type"))

        def _parse_period_start(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_start_type_0 = datetime.date.fromisoformat(data)

                return period_start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        period_start = _parse_period_start(d.pop("period_start"))

        period_end = datetime.date.fromisoformat(d.pop("period_end"))

        generated_at = datetime.datetime.fromisoformat(d.pop("generated_at"))

        report = Report.from_dict(d.pop("report"))

        report_snapshot = cls(
            id=id,
            type_=type_,
            period_start=period_start,
            period_end=period_end,
            generated_at=generated_at,
            report=report,
        )

        report_snapshot.additional_properties = d
        return report_snapshot

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

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.report_basis import ReportBasis
from ..models.report_timeframe import ReportTimeframe
from ..models.report_type import ReportType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.report_column import ReportColumn
    from ..models.report_remote_data_type_0 import ReportRemoteDataType0
    from ..models.report_row import ReportRow


T = TypeVar("T", bound="Report")


@_attrs_define
class Report:
    type_: ReportType
    columns: list[ReportColumn]
    """ What each value of a row is. """
    rows: list[ReportRow]
    """ Rows of the report (a tree: sections hold rows). """
    currency: None | str | Unset = UNSET
    """ ISO 4217 currency code. """
    basis: None | ReportBasis | Unset = UNSET
    """ Accounting basis: `ACCRUAL` or `CASH`. """
    start_date: datetime.date | None | Unset = UNSET
    """ First day of the period. """
    end_date: datetime.date | None | Unset = UNSET
    """ Last day of the period. """
    date: datetime.date | None | Unset = UNSET
    """ Date of the report. """
    periods: int | Unset = 1
    """ Number of periods (or dates) compared. """
    timeframe: None | ReportTimeframe | Unset = UNSET
    """ Length of each compared period. """
    derived: bool | Unset = False
    """ True when Ledgerlink computed the report from other reports or the ledger because the
    provider has none (Xero's cash flow statement). """
    remote_id: None | str | Unset = UNSET
    """ The provider's id of the report. """
    remote_name: None | str | Unset = UNSET
    """ The report's title as the provider names it. """
    remote_generated_at: datetime.datetime | None | Unset = UNSET
    """ When the provider produced the report. """
    remote_data: None | ReportRemoteDataType0 | Unset = UNSET
    """ The provider's raw record; only with `include_remote_data=true`. """

    def to_dict(self) -> dict[str, Any]:
        from ..models.report_remote_data_type_0 import ReportRemoteDataType0  # noqa: PLC0415

        type_ = self.type_.value

        columns = []
        for columns_item_data in self.columns:
            columns_item = columns_item_data.to_dict()
            columns.append(columns_item)

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        basis: None | str | Unset
        if isinstance(self.basis, Unset):
            basis = UNSET
        elif isinstance(self.basis, ReportBasis):
            basis = self.basis.value
        else:
            basis = self.basis

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

        date: None | str | Unset
        if isinstance(self.date, Unset):
            date = UNSET
        elif isinstance(self.date, datetime.date):
            date = self.date.isoformat()
        else:
            date = self.date

        periods = self.periods

        timeframe: None | str | Unset
        if isinstance(self.timeframe, Unset):
            timeframe = UNSET
        elif isinstance(self.timeframe, ReportTimeframe):
            timeframe = self.timeframe.value
        else:
            timeframe = self.timeframe

        derived = self.derived

        remote_id: None | str | Unset
        if isinstance(self.remote_id, Unset):
            remote_id = UNSET
        else:
            remote_id = self.remote_id

        remote_name: None | str | Unset
        if isinstance(self.remote_name, Unset):
            remote_name = UNSET
        else:
            remote_name = self.remote_name

        remote_generated_at: None | str | Unset
        if isinstance(self.remote_generated_at, Unset):
            remote_generated_at = UNSET
        elif isinstance(self.remote_generated_at, datetime.datetime):
            remote_generated_at = self.remote_generated_at.isoformat()
        else:
            remote_generated_at = self.remote_generated_at

        remote_data: dict[str, Any] | None | Unset
        if isinstance(self.remote_data, Unset):
            remote_data = UNSET
        elif isinstance(self.remote_data, ReportRemoteDataType0):
            remote_data = self.remote_data.to_dict()
        else:
            remote_data = self.remote_data

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "columns": columns,
                "rows": rows,
            }
        )
        if currency is not UNSET:
            field_dict["currency"] = currency
        if basis is not UNSET:
            field_dict["basis"] = basis
        if start_date is not UNSET:
            field_dict["start_date"] = start_date
        if end_date is not UNSET:
            field_dict["end_date"] = end_date
        if date is not UNSET:
            field_dict["date"] = date
        if periods is not UNSET:
            field_dict["periods"] = periods
        if timeframe is not UNSET:
            field_dict["timeframe"] = timeframe
        if derived is not UNSET:
            field_dict["derived"] = derived
        if remote_id is not UNSET:
            field_dict["remote_id"] = remote_id
        if remote_name is not UNSET:
            field_dict["remote_name"] = remote_name
        if remote_generated_at is not UNSET:
            field_dict["remote_generated_at"] = remote_generated_at
        if remote_data is not UNSET:
            field_dict["remote_data"] = remote_data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.report_column import ReportColumn  # noqa: PLC0415
        from ..models.report_remote_data_type_0 import ReportRemoteDataType0  # noqa: PLC0415
        from ..models.report_row import ReportRow  # noqa: PLC0415

        d = dict(src_dict)
        type_ = ReportType(d.pop("type"))

        columns = []
        _columns = d.pop("columns")
        for columns_item_data in _columns:
            columns_item = ReportColumn.from_dict(columns_item_data)

            columns.append(columns_item)

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = ReportRow.from_dict(rows_item_data)

            rows.append(rows_item)

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_basis(data: object) -> None | ReportBasis | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                basis_type_0 = ReportBasis(data)

                return basis_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReportBasis | Unset, data)

        basis = _parse_basis(d.pop("basis", UNSET))

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

        def _parse_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                date_type_0 = datetime.date.fromisoformat(data)

                return date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        date = _parse_date(d.pop("date", UNSET))

        periods = d.pop("periods", UNSET)

        def _parse_timeframe(data: object) -> None | ReportTimeframe | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                timeframe_type_0 = ReportTimeframe(data)

                return timeframe_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReportTimeframe | Unset, data)

        timeframe = _parse_timeframe(d.pop("timeframe", UNSET))

        derived = d.pop("derived", UNSET)

        def _parse_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        remote_id = _parse_remote_id(d.pop("remote_id", UNSET))

        def _parse_remote_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        remote_name = _parse_remote_name(d.pop("remote_name", UNSET))

        def _parse_remote_generated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                remote_generated_at_type_0 = datetime.datetime.fromisoformat(data)

                return remote_generated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        remote_generated_at = _parse_remote_generated_at(d.pop("remote_generated_at", UNSET))

        def _parse_remote_data(data: object) -> None | ReportRemoteDataType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                remote_data_type_0 = ReportRemoteDataType0.from_dict(data)

                return remote_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReportRemoteDataType0 | Unset, data)

        remote_data = _parse_remote_data(d.pop("remote_data", UNSET))

        report = cls(
            type_=type_,
            columns=columns,
            rows=rows,
            currency=currency,
            basis=basis,
            start_date=start_date,
            end_date=end_date,
            date=date,
            periods=periods,
            timeframe=timeframe,
            derived=derived,
            remote_id=remote_id,
            remote_name=remote_name,
            remote_generated_at=remote_generated_at,
            remote_data=remote_data,
        )

        return report

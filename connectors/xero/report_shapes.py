"""Unified reports from Xero's report bodies: pure functions (no calls), used by
``reports.XeroReports`` after its calls and by the golden tests on recorded payloads.

The request is complete here (dates resolved by the connector). Columns are computed from the
request the way Xero moves its comparison periods (a month's last day stays a month's last
day), newest first, and checked against the number of columns Xero printed.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from unified_models import (
    Report,
    ReportColumn,
    ReportColumnKind,
    ReportRequest,
    ReportRow,
    ReportRowKind,
    ReportTimeframe,
)

from ..errors import ProviderError
from . import mappers_report
from .dates import parse_datetime

__all__ = [
    "aged_from_xero",
    "balance_sheet_from_xero",
    "month_end",
    "period_dates",
    "period_spans",
    "profit_and_loss_from_xero",
    "shift",
    "trial_balance_from_xero",
]

_MONTHS = {ReportTimeframe.MONTH: 1, ReportTimeframe.QUARTER: 3, ReportTimeframe.YEAR: 12}


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def shift(day: date, months: int, keep_month_end: bool = False) -> date:
    """``day`` moved by ``months`` (day clipped; with ``keep_month_end`` a month's last day
    stays a month's last day), as Xero moves its comparison periods."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if keep_month_end and day == month_end(day.year, day.month):
        return month_end(year, month + 1)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def period_spans(
    start: date, end: date, periods: int, timeframe: ReportTimeframe
) -> list[tuple[date, date]]:
    step = _MONTHS[timeframe]
    return [(shift(start, -i * step), shift(end, -i * step, True)) for i in range(periods)]


def period_dates(day: date, periods: int, timeframe: ReportTimeframe) -> list[date]:
    step = _MONTHS[timeframe]
    return [shift(day, -i * step, True) for i in range(periods)]


def common(
    request: ReportRequest, report: Mapping[str, Any] | None, currency: str | None, **kw: Any
) -> dict:
    """The fields every report carries: type, currency, basis and Xero's report identity."""
    return {
        "type": request.type,
        "currency": currency,
        "basis": request.basis,
        "remote_id": report.get("ReportID") if report else None,
        "remote_name": report.get("ReportName") if report else None,
        "remote_generated_at": parse_datetime(report.get("UpdatedDateUTC")) if report else None,
        **kw,
    }


def _labels(report: Mapping[str, Any]) -> list[str]:
    rows = report.get("Rows") or [{}]
    return [str(c.get("Value", "")) for c in (rows[0].get("Cells") or [])[1:]]


def balance_sheet_from_xero(
    request: ReportRequest, report: Mapping[str, Any], currency: str | None
) -> Report:
    """``request.date`` and ``request.timeframe`` resolved; one column per date."""
    assert request.date is not None
    timeframe = request.timeframe or ReportTimeframe.MONTH
    labels = _labels(report)
    dates = period_dates(request.date, request.periods, timeframe)
    if len(labels) != len(dates):
        raise ProviderError(
            f"Xero's balance sheet has {len(labels)} columns, {len(dates)} were asked for"
        )
    columns = [
        ReportColumn(id=f"p{i}", kind=ReportColumnKind.PERIOD, label=label, end_date=d)
        for i, (label, d) in enumerate(zip(labels, dates, strict=True))
    ]
    return Report(
        **common(request, report, currency),
        date=request.date,
        periods=request.periods,
        timeframe=request.timeframe,
        columns=columns,
        rows=mappers_report.period_rows(report["Rows"], len(columns)),
        remote_data=dict(report),
    )


def profit_and_loss_from_xero(
    request: ReportRequest,
    report: Mapping[str, Any],
    currency: str | None,
    options: Mapping[str, str] | None = None,
) -> Report:
    """``request.start_date``/``end_date`` resolved; ``options``: tracking option name → id of
    the category asked for (Xero's report prints option names only)."""
    assert request.start_date is not None and request.end_date is not None
    timeframe = request.timeframe or ReportTimeframe.MONTH
    spans = period_spans(request.start_date, request.end_date, request.periods, timeframe)
    columns = _pl_columns(
        _labels(report), spans, request.tracking_category_remote_id, options or {}
    )
    return Report(
        **common(request, report, currency),
        start_date=request.start_date,
        end_date=request.end_date,
        periods=request.periods,
        timeframe=request.timeframe,
        columns=columns,
        rows=mappers_report.period_rows(report["Rows"], len(columns)),
        remote_data=dict(report),
    )


def trial_balance_from_xero(
    request: ReportRequest, report: Mapping[str, Any], currency: str | None
) -> Report:
    titles = report.get("ReportTitles") or [""]
    return Report(
        **common(request, report, currency),
        date=request.date,
        columns=[
            ReportColumn(
                id="p0", kind=ReportColumnKind.PERIOD, label=str(titles[-1]), end_date=request.date
            )
        ],
        rows=mappers_report.trial_balance_rows(report["Rows"]),
        remote_data=dict(report),
    )


def aged_from_xero(
    request: ReportRequest,
    contact_reports: Iterable[tuple[str, str, Mapping[str, Any]]],
    currency: str | None,
    remote_data: dict[str, Any] | None = None,
) -> Report:
    """One CONTACT row per (contact id, name, Xero's aged-by-contact report) with items, the
    items bucketed by days past due on ``request.date``; then the ``total`` row."""
    as_of = request.date
    assert as_of is not None
    rows: list[ReportRow] = []
    last: Mapping[str, Any] | None = None
    for contact_id, contact_name, report in contact_reports:
        last = report
        items, closing = mappers_report.aged_items(report["Rows"])
        if not items and not closing:
            continue
        titles = report.get("ReportTitles") or []
        label = contact_name or (str(titles[1]) if len(titles) > 1 else contact_id)
        rows.append(mappers_report.contact_aged_row(contact_id, label, items, as_of))
    columns = [
        ReportColumn(
            id=bucket_id,
            kind=ReportColumnKind.BUCKET,
            label=label,
            end_date=as_of,
            min_days=low,
            max_days=high,
        )
        for bucket_id, label, low, high in mappers_report.AGED_BUCKETS
    ]
    columns.append(
        ReportColumn(id="total", kind=ReportColumnKind.TOTAL, label="Total", end_date=as_of)
    )
    zero = mappers_report.ZERO
    total = ReportRow(
        id="total",
        kind=ReportRowKind.TOTAL,
        name="Total",
        values=[sum((r.values[i] or zero for r in rows), zero) for i in range(len(columns))],
        sum_of=[r.id for r in rows],
    )
    return Report(
        **common(request, last, currency),
        date=as_of,
        columns=columns,
        rows=[*rows, total],
        remote_data=remote_data,
    )


def _pl_columns(
    labels: list[str],
    spans: list[tuple[date, date]],
    category: str | None,
    options: Mapping[str, str],
) -> list[ReportColumn]:
    if not category:
        if len(labels) != len(spans):
            raise ProviderError(
                f"Xero's profit and loss has {len(labels)} columns, {len(spans)} were asked for"
            )
        return [
            ReportColumn(
                id=f"p{i}", kind=ReportColumnKind.PERIOD, label=label, start_date=s, end_date=e
            )
            for i, (label, (s, e)) in enumerate(zip(labels, spans, strict=True))
        ]
    columns: list[ReportColumn] = []
    period = 0
    for label in labels:
        if period >= len(spans):
            raise ProviderError("Xero's profit and loss has more columns than periods")
        s, e = spans[period]
        if label == "Total":
            columns.append(
                ReportColumn(
                    id=f"p{period}.total",
                    kind=ReportColumnKind.TOTAL,
                    label=label,
                    start_date=s,
                    end_date=e,
                    tracking_category_remote_id=category,
                )
            )
            period += 1
            continue
        option = options.get(label)
        columns.append(
            ReportColumn(
                id=f"p{period}.{option or 'unassigned'}",
                kind=ReportColumnKind.TRACKING,
                label=label,
                start_date=s,
                end_date=e,
                tracking_category_remote_id=category,
                tracking_option_remote_id=option,
                tracking_option_name=label,
            )
        )
    return columns

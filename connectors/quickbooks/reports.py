"""QuickBooks' financial reports: which ones (``REPORT_RULES``), and a unified request → one
``GET reports/<name>`` (through the connector's client: auth, limiter, retries, minorversion
pinned) → ``mappers_report.report_from_qbo``.

- Profit and loss / cash flow: ``start_date``..``end_date``; ``periods`` > 1 widens the range
  back by whole timeframes and asks ``summarize_column_by=Month|Quarter|Year`` (QuickBooks'
  columns are calendar periods: the unified columns are exactly the request's when its dates are
  period boundaries). A tracking breakdown is ``summarize_column_by=Classes`` (the category is a
  class id: every class is a category of its own in Ledgerlink, and QuickBooks breaks down by all
  classes at once) or ``Departments`` (``Department:<id>``); one report cannot have both.
- Balance sheet: ``end_date`` = the date, earlier dates by the same widening.
- Aged reports: ``report_date``, ``customer`` / ``vendor`` for one contact.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from unified_models import Report, ReportBasis, ReportRequest, ReportTimeframe, ReportType

from ..errors import ValidationFailed
from ..reports import ReportOffer, ReportRules
from . import ids
from .mappers_report import report_from_qbo
from .spec import MINOR_VERSION

__all__ = ["REPORT_NAMES", "REPORT_RULES", "fetch_report", "report_params"]

REPORT_NAMES = {
    ReportType.BALANCE_SHEET: "BalanceSheet",
    ReportType.PROFIT_AND_LOSS: "ProfitAndLoss",
    ReportType.TRIAL_BALANCE: "TrialBalance",
    ReportType.AGED_RECEIVABLES: "AgedReceivables",
    ReportType.AGED_PAYABLES: "AgedPayables",
    ReportType.CASH_FLOW: "CashFlow",
}
BOTH = frozenset({ReportBasis.ACCRUAL, ReportBasis.CASH})
MAX_PERIODS = 24
REPORT_RULES = ReportRules(
    offers={
        ReportType.BALANCE_SHEET: ReportOffer(max_periods=MAX_PERIODS, bases=BOTH),
        ReportType.PROFIT_AND_LOSS: ReportOffer(
            max_periods=MAX_PERIODS,
            bases=BOTH,
            tracking=True,
            note="Tracking: a class id breaks the report down by every class "
            "(summarize_column_by=Classes), Department:<id> by every location; not with "
            "periods > 1. Periods are calendar months, quarters or years.",
        ),
        ReportType.TRIAL_BALANCE: ReportOffer(max_periods=1, bases=BOTH),
        ReportType.AGED_RECEIVABLES: ReportOffer(),
        ReportType.AGED_PAYABLES: ReportOffer(),
        ReportType.CASH_FLOW: ReportOffer(
            max_periods=MAX_PERIODS,
            bases=BOTH,
            note="QuickBooks' Statement of Cash Flows (indirect method).",
        ),
    }
)
SUMMARIZE = {
    ReportTimeframe.MONTH: "Month",
    ReportTimeframe.QUARTER: "Quarter",
    ReportTimeframe.YEAR: "Year",
}


def _back(day: dt.date, timeframe: ReportTimeframe, count: int) -> dt.date:
    """``day`` moved back ``count`` timeframes (the day clipped to the month's length)."""
    months = {ReportTimeframe.MONTH: 1, ReportTimeframe.QUARTER: 3, ReportTimeframe.YEAR: 12}
    total = day.year * 12 + day.month - 1 - months[timeframe] * count
    year, month = divmod(total, 12)
    month += 1
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return day.replace(year=year, month=month, day=min(day.day, (nxt - dt.timedelta(days=1)).day))


def report_params(request: ReportRequest, today: dt.date) -> dict[str, Any]:
    """Intuit's query parameters for ``request`` (``ValidationFailed`` for what QuickBooks
    cannot answer in one report)."""
    params: dict[str, Any] = {"minorversion": MINOR_VERSION}
    kind = request.type
    if request.basis is not None:
        params["accounting_method"] = "Cash" if request.basis == ReportBasis.CASH else "Accrual"
    if kind in (ReportType.AGED_RECEIVABLES, ReportType.AGED_PAYABLES):
        params["report_date"] = (request.date or today).isoformat()
        if request.contact_remote_id:
            own = request.contact_remote_id
            if kind == ReportType.AGED_PAYABLES:
                own = own.removeprefix(ids.VENDOR)
                params["vendor"] = own
            else:
                params["customer"] = own
        return params
    many = request.periods > 1
    if many and request.timeframe is None:
        raise ValidationFailed(
            "periods", details=[{"field": "timeframe", "message": "Required with periods > 1."}]
        )
    if kind in (ReportType.BALANCE_SHEET, ReportType.TRIAL_BALANCE):
        end = request.date or request.end_date or today
        start = end.replace(day=1)
        if many:
            first = _back(end, request.timeframe, request.periods - 1)  # type: ignore[arg-type]
            start = first.replace(day=1)
    else:
        end = request.end_date or today
        start = request.start_date or end.replace(day=1)
        if many:
            start = _back(start, request.timeframe, request.periods - 1)  # type: ignore[arg-type]
    params["start_date"], params["end_date"] = start.isoformat(), end.isoformat()
    if many:
        params["summarize_column_by"] = SUMMARIZE[request.timeframe]  # type: ignore[index]
    if request.tracking_category_remote_id:
        if many:
            raise ValidationFailed(
                "tracking with periods",
                details=[
                    {
                        "field": "tracking_category",
                        "message": "QuickBooks breaks a report down by periods or by a "
                        "tracking category, not both.",
                    }
                ],
            )
        category = request.tracking_category_remote_id
        params["summarize_column_by"] = (
            "Departments" if category.startswith(ids.DEPARTMENT) else "Classes"
        )
    return params


def fetch_report(client: Any, request: ReportRequest, today: dt.date) -> Report:
    """One call: ``GET reports/<name>`` with ``report_params``, mapped."""
    params = report_params(request, today)
    response = client.request("GET", f"reports/{REPORT_NAMES[request.type]}", params=params)
    body = response.json() or {}
    return report_from_qbo(body, request)

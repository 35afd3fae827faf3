"""Xero's financial reports through the connector's client (rate limiter, tenant header, errors
translated): which Xero reports serve which unified report, and how many calls each takes.

- Balance sheet: ``GET Reports/BalanceSheet?date&periods&timeframe`` (one call). Xero's
  ``periods`` counts comparison periods (1..11), so unified ``periods=N`` sends ``N-1``: at most
  12 columns.
- Profit and loss: ``GET Reports/ProfitAndLoss?fromDate&toDate&periods&timeframe`` (one call),
  ``trackingCategoryID`` for a breakdown (plus one ``GET TrackingCategories/{id}`` for the
  option ids, which the report prints by name only).
- Trial balance: ``GET Reports/TrialBalance?date`` (one call).
- Aged receivables / payables: Xero's ``Reports/AgedReceivablesByContact`` needs a
  ``contactId`` (there is no all-contacts aged report in the accounting API). With
  ``contact_remote_id`` one call. Otherwise the contacts with receivables (payables) documents
  dated on or before ``as_of`` are listed (``Invoices`` with ``summaryOnly``, ``CreditNotes``,
  the overpayment/prepayment ``BankTransactions``: one call per 100 documents), then one report
  call per such contact, at most ``MAX_AGED_CONTACTS`` (beyond it the request is refused with
  the count: ask per contact). Items are bucketed by days past due on ``as_of``.
- Cash flow: derived (``cash_flow.py``): the P&L of the period(s) and the balance sheets at their
  ends and on the day before their starts (three calls).
- Every report costs one ``GET Organisation`` per connector for the base currency.

Scopes: ``accounting.reports.read`` (broad family) or the report's granular scope
(``accounting.reports.<name>.read``), asked for with the provider's other scopes (``spec``).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from unified_models import (
    Report,
    ReportColumn,
    ReportColumnKind,
    ReportRequest,
    ReportRow,
    ReportRowKind,
    ReportTimeframe,
    ReportType,
)

from ..errors import NotSupported, ProviderError
from ..reports import ReportOffer, ReportRules
from . import cash_flow, mappers_report
from .dates import parse_datetime

__all__ = ["MAX_AGED_CONTACTS", "RULES", "XeroReports"]

#: Contacts an all-contacts aged report may call Xero for (one call each).
MAX_AGED_CONTACTS = 100
#: Xero's comparison periods (``periods`` 1..11) plus the period asked for.
MAX_COLUMNS = 12
_MONTHS = {ReportTimeframe.MONTH: 1, ReportTimeframe.QUARTER: 3, ReportTimeframe.YEAR: 12}

RULES = ReportRules(
    offers={
        ReportType.BALANCE_SHEET: ReportOffer(max_periods=MAX_COLUMNS),
        ReportType.PROFIT_AND_LOSS: ReportOffer(max_periods=MAX_COLUMNS, tracking=True),
        ReportType.TRIAL_BALANCE: ReportOffer(),
        ReportType.AGED_RECEIVABLES: ReportOffer(
            note="Xero ages one contact per call: without a contact, one call per contact "
            f"with receivables documents (at most {MAX_AGED_CONTACTS})."
        ),
        ReportType.AGED_PAYABLES: ReportOffer(
            note="Xero ages one contact per call: without a contact, one call per contact "
            f"with payables documents (at most {MAX_AGED_CONTACTS})."
        ),
        ReportType.CASH_FLOW: ReportOffer(
            max_periods=MAX_COLUMNS,
            derived=True,
            note="Xero's accounting API has no cash flow statement: Ledgerlink derives it "
            "(indirect method) from Xero's profit and loss and two balance sheets.",
        ),
    }
)

_AGED = {
    ReportType.AGED_RECEIVABLES: (
        "AgedReceivablesByContact",
        "ACCREC",
        "ACCRECCREDIT",
        ("RECEIVE-OVERPAYMENT", "RECEIVE-PREPAYMENT"),
    ),
    ReportType.AGED_PAYABLES: (
        "AgedPayablesByContact",
        "ACCPAY",
        "ACCPAYCREDIT",
        ("SPEND-OVERPAYMENT", "SPEND-PREPAYMENT"),
    ),
}


# -- dates -------------------------------------------------------------------------------------


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


def _iso(day: date) -> str:
    return day.isoformat()


class XeroReports:
    """``fetch_report`` for the Xero connector (mixed into ``XeroConnector``)."""

    client: Any
    _org_currency: str | None = None

    # -- plumbing ------------------------------------------------------------------------------
    def _get(self, path: str, params: Mapping[str, str]) -> dict:
        response = self.client.request("GET", path, params=dict(params))
        body = response.json()
        if not isinstance(body, Mapping):
            raise ProviderError(f"Xero answered {path} with no JSON object", body=body)
        return dict(body)

    def _report(self, name: str, params: Mapping[str, str]) -> dict:
        body = self._get(f"Reports/{name}", params)
        reports = body.get("Reports") or []
        if not reports:
            raise ProviderError(f"Xero answered Reports/{name} with no report", body=body)
        return reports[0]

    def _currency(self) -> str | None:
        if self._org_currency is None:
            body = self._get("Organisation", {})
            orgs = body.get("Organisations") or [{}]
            self._org_currency = orgs[0].get("BaseCurrency")
        return self._org_currency

    @staticmethod
    def _today() -> date:
        return date.today()

    def _base(self, request: ReportRequest, report: Mapping[str, Any] | None, **kw: Any) -> dict:
        return {
            "type": request.type,
            "currency": self._currency(),
            "basis": request.basis,
            "remote_id": report.get("ReportID") if report else None,
            "remote_name": report.get("ReportName") if report else None,
            "remote_generated_at": parse_datetime(report.get("UpdatedDateUTC")) if report else None,
            **kw,
        }

    # -- dispatch ------------------------------------------------------------------------------
    def fetch_report(self, request: ReportRequest) -> Report:
        if request.type not in RULES.offers:
            raise NotSupported(f"Xero has no {request.type.value} report")
        if request.type == ReportType.BALANCE_SHEET:
            return self._balance_sheet(request)
        if request.type == ReportType.PROFIT_AND_LOSS:
            return self._profit_and_loss(request)
        if request.type == ReportType.TRIAL_BALANCE:
            return self._trial_balance(request)
        if request.type == ReportType.CASH_FLOW:
            return self._cash_flow(request)
        return self._aged(request)

    # -- balance sheet -------------------------------------------------------------------------
    def _balance_sheet(self, request: ReportRequest) -> Report:
        today = self._today()
        day = request.date or request.end_date or month_end(today.year, today.month)
        timeframe = request.timeframe or ReportTimeframe.MONTH
        params = {"date": _iso(day)}
        if request.periods > 1:
            params |= {"periods": str(request.periods - 1), "timeframe": timeframe.value}
        report = self._report("BalanceSheet", params)
        labels = [c.get("Value", "") for c in (report["Rows"][0].get("Cells") or [])[1:]]
        dates = period_dates(day, request.periods, timeframe)
        if len(labels) != len(dates):
            raise ProviderError(
                f"Xero's balance sheet has {len(labels)} columns, {len(dates)} were asked for"
            )
        columns = [
            ReportColumn(id=f"p{i}", kind=ReportColumnKind.PERIOD, label=label, end_date=d)
            for i, (label, d) in enumerate(zip(labels, dates, strict=True))
        ]
        rows = mappers_report.period_rows(report["Rows"], len(columns))
        return Report(
            **self._base(request, report),
            date=day,
            periods=request.periods,
            timeframe=timeframe if request.periods > 1 else request.timeframe,
            columns=columns,
            rows=rows,
            remote_data=report,
        )

    # -- profit and loss -----------------------------------------------------------------------
    def _pl_span(self, request: ReportRequest) -> tuple[date, date]:
        today = self._today()
        start = request.start_date or date(today.year, today.month, 1)
        end = request.end_date or month_end(start.year, start.month)
        return start, end

    def _tracking_options(self, category_id: str) -> dict[str, str]:
        body = self._get(f"TrackingCategories/{category_id}", {})
        categories = body.get("TrackingCategories") or []
        if not categories:
            raise ProviderError(f"Xero has no tracking category {category_id}", body=body)
        return {
            str(o.get("Name")): str(o.get("TrackingOptionID"))
            for o in categories[0].get("Options") or ()
        }

    def _profit_and_loss(self, request: ReportRequest) -> Report:
        start, end = self._pl_span(request)
        timeframe = request.timeframe or ReportTimeframe.MONTH
        params = {"fromDate": _iso(start), "toDate": _iso(end)}
        if request.periods > 1:
            params |= {"periods": str(request.periods - 1), "timeframe": timeframe.value}
        category = request.tracking_category_remote_id
        options: dict[str, str] = {}
        if category:
            options = self._tracking_options(category)
            params["trackingCategoryID"] = category
        report = self._report("ProfitAndLoss", params)
        labels = [str(c.get("Value", "")) for c in (report["Rows"][0].get("Cells") or [])[1:]]
        spans = period_spans(start, end, request.periods, timeframe)
        columns = _pl_columns(labels, spans, category, options)
        rows = mappers_report.period_rows(report["Rows"], len(columns))
        return Report(
            **self._base(request, report),
            start_date=start,
            end_date=end,
            periods=request.periods,
            timeframe=timeframe if request.periods > 1 else request.timeframe,
            columns=columns,
            rows=rows,
            remote_data=report,
        )

    # -- trial balance -------------------------------------------------------------------------
    def _trial_balance(self, request: ReportRequest) -> Report:
        day = request.date or request.end_date or self._today()
        report = self._report("TrialBalance", {"date": _iso(day)})
        label = report.get("ReportTitles", ["", "", ""])[-1] if report.get("ReportTitles") else ""
        return Report(
            **self._base(request, report),
            date=day,
            columns=[
                ReportColumn(id="p0", kind=ReportColumnKind.PERIOD, label=label, end_date=day)
            ],
            rows=mappers_report.trial_balance_rows(report["Rows"]),
            remote_data=report,
        )

    # -- cash flow (derived) -------------------------------------------------------------------
    def _cash_flow(self, request: ReportRequest) -> Report:
        start, end = self._pl_span(request)
        timeframe = request.timeframe or ReportTimeframe.MONTH
        pl = self._profit_and_loss(
            request.model_copy(
                update={"type": ReportType.PROFIT_AND_LOSS, "start_date": start, "end_date": end}
            )
        )
        closing = self._balance_sheet(
            request.model_copy(
                update={"type": ReportType.BALANCE_SHEET, "date": end, "timeframe": timeframe}
            )
        )
        opening = self._balance_sheet(
            request.model_copy(
                update={
                    "type": ReportType.BALANCE_SHEET,
                    "date": start - timedelta(days=1),
                    "timeframe": timeframe,
                }
            )
        )
        rows = cash_flow.derive(pl, opening, closing)
        return Report(
            **self._base(
                request,
                None,
                remote_name="Cash flow (derived by Ledgerlink from Xero's P&L and balance sheets)",
            ),
            start_date=start,
            end_date=end,
            periods=request.periods,
            timeframe=pl.timeframe,
            columns=pl.columns,
            rows=rows,
            derived=True,
            remote_data={
                "profit_and_loss": pl.remote_id,
                "balance_sheet_dates": [
                    [c.end_date.isoformat() for c in bs.columns if c.end_date]
                    for bs in (opening, closing)
                ],
            },
        )

    # -- aged ----------------------------------------------------------------------------------
    def _list_all(self, path: str, records: str, params: Mapping[str, str]) -> list[dict]:
        out: list[dict] = []
        page = 1
        while True:
            body = self._get(path, {**params, "page": str(page)})
            rows = body.get(records) or []
            out += rows
            if len(rows) < 100:
                return out
            page += 1

    def _aged_contacts(self, request: ReportRequest, as_of: date) -> dict[str, str]:
        _, invoice_type, credit_type, bank_types = _AGED[request.type]
        before = f"Date<=DateTime({as_of.year},{as_of.month:02d},{as_of.day:02d})"
        found: dict[str, str] = {}
        listings = (
            (
                "Invoices",
                {
                    "Statuses": "AUTHORISED,PAID",
                    "where": f'Type=="{invoice_type}" AND {before}',
                    "summaryOnly": "true",
                },
            ),
            (
                "CreditNotes",
                {
                    "where": f'Type=="{credit_type}" AND (Status=="AUTHORISED" OR '
                    f'Status=="PAID") AND {before}',
                },
            ),
            (
                "BankTransactions",
                {
                    "where": "("
                    + " OR ".join(f'Type=="{t}"' for t in bank_types)
                    + f') AND Status=="AUTHORISED" AND {before}',
                },
            ),
        )
        for path, params in listings:
            for doc in self._list_all(path, path, params):
                contact = doc.get("Contact") or {}
                if contact.get("ContactID"):
                    found.setdefault(str(contact["ContactID"]), str(contact.get("Name") or ""))
        return found

    def _aged(self, request: ReportRequest) -> Report:
        name = _AGED[request.type][0]
        as_of = request.date or request.end_date or self._today()
        if request.contact_remote_id:
            contacts = {request.contact_remote_id: ""}
        else:
            contacts = self._aged_contacts(request, as_of)
            if len(contacts) > MAX_AGED_CONTACTS:
                raise NotSupported(
                    f"Xero ages one contact per call and {len(contacts)} contacts have "
                    f"documents (at most {MAX_AGED_CONTACTS} calls per report): ask per contact"
                )
        rows: list[ReportRow] = []
        last: dict | None = None
        for contact_id, contact_name in sorted(contacts.items(), key=lambda c: (c[1], c[0])):
            report = self._report(name, {"contactId": contact_id, "date": _iso(as_of)})
            last = report
            items, closing = mappers_report.aged_items(report["Rows"])
            if not items and not closing:
                continue
            titles = report.get("ReportTitles") or []
            label = contact_name or (titles[1] if len(titles) > 1 else contact_id)
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
        total = ReportRow(
            id="total",
            kind=ReportRowKind.TOTAL,
            name="Total",
            values=[
                sum((r.values[i] or mappers_report.ZERO for r in rows), mappers_report.ZERO)
                for i in range(len(columns))
            ],
            sum_of=[r.id for r in rows],
        )
        return Report(
            **self._base(request, last),
            date=as_of,
            columns=columns,
            rows=[*rows, total],
            remote_data={"report": name, "contacts_called": len(contacts)},
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

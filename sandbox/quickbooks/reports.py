"""``GET /v3/company/<realm>/reports/<name>``: QuickBooks' financial reports computed from the
sandbox's books (reports_books.py), in Intuit's format (Header, Columns, Rows).

Reports: ``ProfitAndLoss``, ``BalanceSheet``, ``TrialBalance``, ``CashFlow``,
``AgedReceivables``, ``AgedPayables``, ``AgedReceivableDetail``, ``AgedPayableDetail``.
Parameters (Intuit's names):

- ``start_date`` / ``end_date`` (YYYY-MM-DD) or ``date_macro`` (``Today``, ``This Month``,
  ``This Month-to-date``, ``Last Month``, ``This Fiscal Year``, ``This Fiscal Year-to-date``,
  ``Last Fiscal Year``, ``This Calendar Year``, ``Last Calendar Year``); default: this fiscal
  year to date (as Intuit);
- ``accounting_method``: ``Accrual`` (default) or ``Cash`` (reports_books.py says how);
- ``summarize_column_by``: ``Total`` (default), ``Month``, ``Quarter``, ``Year`` (P&L,
  balance sheet, cash flow), ``Classes``, ``Departments``, ``Customers``, ``Vendors`` (P&L only);
- aged reports: ``report_date`` (default today), ``aging_period`` (30), ``num_periods`` (4),
  ``customer`` / ``vendor`` (one id);
- ``minorversion`` is accepted and ignored (the format does not change with it here).

Anything else unknown is ignored, as Intuit does; a bad value is a ``ValidationFault``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from .reports_aged import aged, aged_detail
from .reports_books import load_books
from .reports_format import Col, header, period_columns
from .reports_statements import balance_sheet, cash_flow, profit_and_loss, trial_balance
from .seed import BY_REALM
from .store import Store

__all__ = ["REPORTS", "ReportFault", "build_report"]

REPORTS = (
    "ProfitAndLoss",
    "BalanceSheet",
    "TrialBalance",
    "CashFlow",
    "AgedReceivables",
    "AgedPayables",
    "AgedReceivableDetail",
    "AgedPayableDetail",
)
AGED = {
    "AgedReceivables": (False, False),
    "AgedPayables": (True, False),
    "AgedReceivableDetail": (False, True),
    "AgedPayableDetail": (True, True),
}
PERIODS = ("Total", "Month", "Quarter", "Year")
#: The sandbox's bounds (Intuit documents none; they keep a request from running away): dates
#: within these years, at most this many value columns.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2199
MAX_COLUMNS = 120
DIMENSIONS = ("Classes", "Departments", "Customers", "Vendors")
NOT_SPECIFIED = "Not Specified"


class ReportFault(Exception):
    def __init__(self, code: str, message: str, detail: str, element: str | None = None):
        super().__init__(detail)
        self.code, self.message, self.detail, self.element = code, message, detail, element


def _invalid(param: str, value: Any) -> ReportFault:
    return ReportFault("2170", "Invalid Enumeration", f"Invalid value for {param}: {value}", param)


def _date(args: dict[str, str], name: str) -> date | None:
    value = args.get(name)
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        day = None
    if day is None or not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise ReportFault(
            "2170", "Invalid Date", f"Invalid date for {name}: {value} (YYYY-MM-DD)", name
        )
    return day


def _macro(name: str, today: date, fy_start_month: int) -> tuple[date, date]:
    fy_year = today.year if today.month >= fy_start_month else today.year - 1
    fy = date(fy_year, fy_start_month, 1)
    next_fy = date(fy_year + 1, fy_start_month, 1)
    month = today.replace(day=1)
    last_month_end = month - timedelta(days=1)
    table = {
        "today": (today, today),
        "this month": (month, (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)),
        "this month-to-date": (month, today),
        "last month": (last_month_end.replace(day=1), last_month_end),
        "this fiscal year": (fy, next_fy - timedelta(days=1)),
        "this fiscal year-to-date": (fy, today),
        "last fiscal year": (date(fy_year - 1, fy_start_month, 1), fy - timedelta(days=1)),
        "this calendar year": (date(today.year, 1, 1), date(today.year, 12, 31)),
        "this calendar year-to-date": (date(today.year, 1, 1), today),
        "last calendar year": (date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)),
    }
    found = table.get(name.strip().lower())
    if found is None:
        raise _invalid("date_macro", name)
    return found


def build_report(store: Store, realm: str, name: str, args: dict[str, str], now) -> dict:
    """The report ``name`` for ``args`` (the query string), or ``ReportFault``."""
    if name not in REPORTS:
        raise ReportFault("5020", "Permission Denied Error", f"Unsupported report: {name}")
    company = BY_REALM[realm]
    local_now = now.astimezone(company.tz)
    today = local_now.date()
    method = args.get("accounting_method") or "Accrual"
    if method not in ("Accrual", "Cash"):
        raise _invalid("accounting_method", method)
    books = load_books(store, realm, cash=method == "Cash")
    currency = company.currency

    if name in AGED:
        day = _date(args, "report_date") or _date(args, "end_date") or today
        try:
            period = int(args.get("aging_period") or 30)
            periods = int(args.get("num_periods") or 4)
        except ValueError:
            raise _invalid("aging_period", args.get("aging_period")) from None
        if not (1 <= period <= 365 and 1 <= periods <= 12):
            raise _invalid("num_periods", periods)
        payable, detail = AGED[name]
        only = args.get("vendor" if payable else "customer") or None
        columns, rows, has = (aged_detail if detail else aged)(
            store, realm, payable=payable, day=day, period=period, periods=periods, only=only
        )
        extra: dict[str, Any] = {}
        if only:
            extra["Vendor" if payable else "Customer"] = only
        head = header(
            name,
            now=local_now,
            start=day,
            end=day,
            basis=None,
            summarize="Total",
            currency=currency,
            has_data=has,
            extra=extra,
            date_macro="today" if day == today else None,
            options=[{"Name": "report_date", "Value": day.isoformat()}],
        )
        return {"Header": head, "Columns": columns, "Rows": {"Row": rows}}

    macro = args.get("date_macro")
    start, end = _date(args, "start_date"), _date(args, "end_date")
    if start is None or end is None:
        m_start, m_end = _macro(
            macro or "This Fiscal Year-to-date", today, books.fiscal_start_month
        )
        if start is None and end is not None:  # the fiscal year to that date
            start = books.fiscal_year_start(end)
        start, end = start or m_start, end or max(m_end, start or m_end)
    if start > end:
        raise ReportFault(
            "2170", "Invalid Date", "start_date must not be after end_date", "start_date"
        )
    by = args.get("summarize_column_by") or "Total"
    allowed = PERIODS + DIMENSIONS if name == "ProfitAndLoss" else PERIODS
    if name == "TrialBalance":
        allowed = ("Total",)
    if by not in allowed:
        raise _invalid("summarize_column_by", by)

    total = Col("Total", start, end, None, "total")
    if by == "Total":
        cols = [total]
    elif by in PERIODS:
        cols = period_columns(start, end, by)  # dates bounded: at most 3,600 months
        if len(cols) > MAX_COLUMNS:
            raise ReportFault(
                "2170",
                "Invalid Date",
                f"Too many columns: at most {MAX_COLUMNS} periods per report here",
                "summarize_column_by",
            )
        if name in ("ProfitAndLoss", "CashFlow"):
            cols.append(total)
    else:
        found = sorted(
            {
                e.key(by) or ""
                for e in books.entries
                if start <= e.day <= end and books.statement(e.account) == "PL"
            },
            key=lambda k: (k == "", books.names[by].get(k, k).lower()),
        )
        cols = [
            Col(
                books.names[by].get(k, NOT_SPECIFIED) if k else NOT_SPECIFIED,
                start,
                end,
                k,
                k or "0",
            )
            for k in found
        ]
        cols.append(total)

    if name == "ProfitAndLoss":
        rows, has = profit_and_loss(books, cols, by if by in DIMENSIONS else "")
    elif name == "BalanceSheet":
        rows, has = balance_sheet(books, cols)
    elif name == "CashFlow":
        rows, has = cash_flow(books, cols)
    else:
        rows, has = trial_balance(books, end)

    if name == "TrialBalance":
        columns = [
            {
                "ColTitle": "",
                "ColType": "Account",
                "MetaData": [{"Name": "ColKey", "Value": "account"}],
            },
            {
                "ColTitle": "Debit",
                "ColType": "Money",
                "MetaData": [{"Name": "ColKey", "Value": "Debit"}],
            },
            {
                "ColTitle": "Credit",
                "ColType": "Money",
                "MetaData": [{"Name": "ColKey", "Value": "Credit"}],
            },
        ]
    else:
        columns = [
            {
                "ColTitle": "",
                "ColType": "Account",
                "MetaData": [{"Name": "ColKey", "Value": "account"}],
            }
        ] + [{"ColTitle": c.title, "ColType": "Money", "MetaData": c.meta()} for c in cols]
    head = header(
        name,
        now=local_now,
        start=start,
        end=end,
        basis=method,
        summarize=by,
        currency=currency,
        has_data=has,
        date_macro=macro.lower() if macro and not args.get("start_date") else None,
    )
    return {"Header": head, "Columns": {"Column": columns}, "Rows": {"Row": rows}}

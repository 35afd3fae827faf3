"""Xero's financial reports computed from the sandbox's own books, in Xero's Reports format.

``Reports[0]``: ``ReportID``, ``ReportName``, ``ReportType``, ``ReportTitles``, ``ReportDate``,
``UpdatedDateUTC``, ``Fields`` and ``Rows``: a ``Header`` row, then ``Section`` rows holding
``Row`` and ``SummaryRow`` rows (two levels, as Xero prints them). An account's cells carry
``Attributes: [{"Id": "account", "Value": <AccountID>}]``.

Figures come from ``books.postings`` (every posted document, bulk-seeded ones included), so:
the balance sheet balances (assets = liabilities + equity, with Current Year Earnings the P&L
accounts since the financial year started and Retained Earnings the earlier ones), the trial
balance nets to zero, and the aged reports (``aged.open_items``) sum to the receivables and
payables accounts. ``paymentsOnly`` computes the same reports on the cash basis
(``books.postings(cash=True)``).

Layout (``standardLayout`` is accepted; the sandbox has no custom layouts):

- Balance sheet: ``Assets`` (title only), ``Bank``, ``Current Assets``, ``Fixed Assets``,
  ``Non-current Assets`` each with a ``Total …`` summary; a section with the ``Total Assets``
  summary; ``Liabilities``, ``Current Liabilities``, ``Non-current Liabilities``, ``Total
  Liabilities``; ``Net Assets``; ``Equity`` with Current Year Earnings, Retained Earnings and
  the equity accounts, ``Total Equity``. Liabilities and equity credit positive.
- Profit and loss: ``Income``, ``Less Cost of Sales``, ``Gross Profit``, ``Plus Other Income``,
  ``Less Operating Expenses``, ``Net Profit``. Income credit positive, costs debit positive.
- Trial balance: ``Revenue``, ``Expenses``, ``Assets``, ``Liabilities``, ``Equity`` sections with
  Debit/Credit (the month to the date) and YTD Debit/YTD Credit, and a ``Total`` summary.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from decimal import Decimal

from ..ledger import Ledger
from ..money import ZERO, money
from ..xdates import ms_date
from . import aged
from .books import Posting, postings

__all__ = [
    "aged_by_contact",
    "balance_sheet",
    "month_end",
    "period_ends",
    "profit_and_loss",
    "shift_end",
    "trial_balance",
]

MONTHS = {"MONTH": 1, "QUARTER": 3, "YEAR": 12}

BS_ASSETS = (
    ("Bank", ("BANK",)),
    ("Current Assets", ("CURRENT", "INVENTORY", "PREPAYMENT")),
    ("Fixed Assets", ("FIXED",)),
    ("Non-current Assets", ("NONCURRENT",)),
)
BS_LIABILITIES = (
    (
        "Current Liabilities",
        (
            "CURRLIAB",
            "LIABILITY",
            "PAYGLIABILITY",
            "SUPERANNUATIONLIABILITY",
            "WAGESPAYABLELIABILITY",
        ),
    ),
    ("Non-current Liabilities", ("TERMLIAB",)),
)
PL_SECTIONS = (
    ("Income", ("REVENUE", "SALES"), -1),
    ("Less Cost of Sales", ("DIRECTCOSTS",), 1),
    ("Plus Other Income", ("OTHERINCOME",), -1),
    (
        "Less Operating Expenses",
        ("EXPENSE", "OVERHEADS", "DEPRECIATN", "SUPERANNUATIONEXPENSE", "WAGESEXPENSE"),
        1,
    ),
)
PL_CLASSES = ("REVENUE", "EXPENSE")


# -- dates -------------------------------------------------------------------------------------


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def shift(day: date, months: int) -> date:
    """``day`` moved by ``months`` (the day clipped to the month's length)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def shift_end(day: date, months: int) -> date:
    """Like ``shift``, but a month's last day stays the last day of its month."""
    if day == month_end(day.year, day.month):
        moved = shift(day, months)
        return month_end(moved.year, moved.month)
    return shift(day, months)


def period_ends(day: date, periods: int, timeframe: str) -> list[date]:
    """``day`` and the ``periods`` dates before it, one ``timeframe`` apart (newest first)."""
    step = MONTHS[timeframe]
    return [shift_end(day, -i * step) for i in range(periods + 1)]


def periods_between(
    start: date, end: date, periods: int, timeframe: str
) -> list[tuple[date, date]]:
    step = MONTHS[timeframe]
    return [(shift(start, -i * step), shift_end(end, -i * step)) for i in range(periods + 1)]


def year_start(ledger: Ledger, day: date) -> date:
    """First day of the financial year holding ``day``."""
    org = ledger.org
    month = int(org.get("FinancialYearEndMonth") or 12)
    end_day = int(org.get("FinancialYearEndDay") or 31)

    def year_end(year: int) -> date:
        return date(year, month, min(end_day, calendar.monthrange(year, month)[1]))

    end = year_end(day.year)
    return end + timedelta(days=1) if day > end else year_end(day.year - 1) + timedelta(days=1)


# -- cells and rows ----------------------------------------------------------------------------


def _fmt(value: Decimal) -> str:
    return str(money(value))


def _cell(value: str, account_id: str | None = None) -> dict:
    cell: dict = {"Value": value}
    if account_id:
        cell["Attributes"] = [{"Value": account_id, "Id": "account"}]
    return cell


def _row(
    name: str, values: Iterable[str], account_id: str | None = None, kind: str = "Row"
) -> dict:
    return {
        "RowType": kind,
        "Cells": [_cell(name, account_id), *(_cell(v, account_id) for v in values)],
    }


def _section(title: str, rows: list[dict]) -> dict:
    return {"RowType": "Section", "Title": title, "Rows": rows}


def _header(labels: Iterable[str], first: str = "") -> dict:
    return {"RowType": "Header", "Cells": [{"Value": first}, *({"Value": v} for v in labels)]}


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _short(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _report(ledger: Ledger, report_id: str, name: str, titles: list[str], rows: list[dict]) -> dict:
    ms = ledger.now_ms()
    today = ledger.clock.now().date()
    return {
        "ReportID": report_id,
        "ReportName": name,
        "ReportType": report_id,
        "ReportTitles": [name, ledger.org.get("Name", ""), *titles],
        "ReportDate": _long(today),
        "UpdatedDateUTC": ms_date(ms),
        "Fields": [],
        "Rows": rows,
    }


# -- balances ----------------------------------------------------------------------------------

Filter = Callable[[Posting], bool]


class Books:
    """The postings of one request, with the account lookups the reports need."""

    def __init__(self, ledger: Ledger, keep: Filter | None = None, cash: bool = False) -> None:
        self.ledger = ledger
        self.accounts = {a["AccountID"].lower(): a for a in ledger.accounts.values()}
        self.postings = [p for p in postings(ledger, cash) if keep is None or keep(p)]

    def balances(
        self, start: date | None, end: date, option: str | None = None
    ) -> dict[str, Decimal]:
        """Debit-positive movement per account from ``start`` (None: ever) to ``end`` (of the
        lines tracked to ``option`` when given)."""
        out: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for p in self.postings:
            if option is not None and option not in p.options:
                continue
            if p.day <= end and (start is None or p.day >= start):
                out[p.account_id] += p.amount
        return out

    def is_pl(self, account_id: str) -> bool:
        return self.accounts.get(account_id, {}).get("Class") in PL_CLASSES

    def ordered(self, types: Iterable[str]) -> list[dict]:
        wanted = set(types)
        return sorted(
            (a for a in self.accounts.values() if a.get("Type") in wanted),
            key=lambda a: (a.get("Code") or "", a.get("Name") or ""),
        )


def _account_rows(
    books: Books, types: Iterable[str], columns: list[dict[str, Decimal]], sign: int
) -> tuple[list[dict], list[Decimal]]:
    rows, totals = [], [ZERO] * len(columns)
    for account in books.ordered(types):
        key = account["AccountID"].lower()
        values = [sign * column.get(key, ZERO) for column in columns]
        if not any(values):
            continue
        totals = [t + v for t, v in zip(totals, values, strict=True)]
        rows.append(_row(account["Name"], map(_fmt, values), account["AccountID"]))
    return rows, totals


def _keep_options(options: set[str]) -> Filter | None:
    if not options:
        return None
    return lambda p: bool(p.options & options)


# -- balance sheet -----------------------------------------------------------------------------


def balance_sheet(
    ledger: Ledger, day: date, periods: int, timeframe: str, options: set[str], cash: bool = False
) -> dict:
    """``periods`` columns: ``day`` and the dates one ``timeframe`` apart before it."""
    books = Books(ledger, _keep_options(options), cash)
    dates = period_ends(day, periods - 1, timeframe)
    closing = [books.balances(None, d) for d in dates]
    starts = [year_start(ledger, d) for d in dates]
    rows = [_header(map(_short, dates))]
    rows.append(_section("Assets", []))
    total_assets = [ZERO] * len(dates)
    for title, types in BS_ASSETS:
        account_rows, totals = _account_rows(books, types, closing, 1)
        if account_rows:
            rows.append(
                _section(
                    title,
                    [*account_rows, _row(f"Total {title}", map(_fmt, totals), kind="SummaryRow")],
                )
            )
            total_assets = [a + t for a, t in zip(total_assets, totals, strict=True)]
    rows.append(_section("", [_row("Total Assets", map(_fmt, total_assets), kind="SummaryRow")]))
    rows.append(_section("Liabilities", []))
    total_liabilities = [ZERO] * len(dates)
    for title, types in BS_LIABILITIES:
        account_rows, totals = _account_rows(books, types, closing, -1)
        if account_rows:
            rows.append(
                _section(
                    title,
                    [*account_rows, _row(f"Total {title}", map(_fmt, totals), kind="SummaryRow")],
                )
            )
            total_liabilities = [a + t for a, t in zip(total_liabilities, totals, strict=True)]
    rows.append(
        _section("", [_row("Total Liabilities", map(_fmt, total_liabilities), kind="SummaryRow")])
    )
    net_assets = [a - b for a, b in zip(total_assets, total_liabilities, strict=True)]
    rows.append(_section("", [_row("Net Assets", map(_fmt, net_assets))]))
    # Equity: current year earnings (P&L accounts this financial year), retained earnings (the
    # retained earnings account plus every earlier year's P&L), the other equity accounts.
    earnings, retained = [], []
    for d, start, balances in zip(dates, starts, closing, strict=True):
        this_year = books.balances(start, d)
        earnings.append(-sum((v for k, v in this_year.items() if books.is_pl(k)), ZERO))
        before = sum((v for k, v in balances.items() if books.is_pl(k)), ZERO) + earnings[-1]
        retained.append(-before)
    equity_rows = [_row("Current Year Earnings", map(_fmt, earnings))]
    retained_account = next(
        (a for a in books.accounts.values() if a.get("SystemAccount") == "RETAINEDEARNINGS"), None
    )
    other_equity = []
    for account in books.ordered(("EQUITY",)):
        key = account["AccountID"].lower()
        values = [-c.get(key, ZERO) for c in closing]
        if account is retained_account:  # always printed, earlier years' earnings added
            values = [v + r for v, r in zip(values, retained, strict=True)]
        elif not any(values):
            continue
        equity_rows.append(_row(account["Name"], map(_fmt, values), account["AccountID"]))
        other_equity.append(values)
    if retained_account is None and any(retained):  # a chart without the system account
        equity_rows.append(_row("Retained Earnings", map(_fmt, retained)))
        other_equity.append(retained)
    total_equity = [e + sum((v[i] for v in other_equity), ZERO) for i, e in enumerate(earnings)]
    equity_rows.append(_row("Total Equity", map(_fmt, total_equity), kind="SummaryRow"))
    rows.append(_section("Equity", equity_rows))
    return _report(ledger, "BalanceSheet", "Balance Sheet", [f"As at {_long(day)}"], rows)


# -- profit and loss ---------------------------------------------------------------------------


def profit_and_loss(
    ledger: Ledger,
    start: date,
    end: date,
    periods: int,
    timeframe: str,
    category: dict | None,
    options: set[str],
    cash: bool = False,
) -> dict:
    """One column per period (newest first); with ``category`` per (period, option), an
    ``Unassigned`` column and the period's ``Total``."""
    books = Books(ledger, _keep_options(options), cash)
    spans = periods_between(start, end, periods - 1, timeframe)
    columns: list[dict[str, Decimal]] = []
    labels: list[str] = []
    for s, e in spans:
        whole = books.balances(s, e)
        if category is None:
            columns.append(whole)
            labels.append(_short(e))
            continue
        assigned: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for option in category.get("Options") or ():
            option_id = str(option["TrackingOptionID"]).lower()
            column = books.balances(s, e, option_id)
            for key, value in column.items():
                assigned[key] += value
            columns.append(column)
            labels.append(option["Name"])
        columns.append({k: v - assigned.get(k, ZERO) for k, v in whole.items()})
        labels.append("Unassigned")
        columns.append(whole)
        labels.append("Total")
    rows = [_header(labels)]
    totals: dict[str, list[Decimal]] = {}
    for title, types, sign in PL_SECTIONS:
        account_rows, section_totals = _account_rows(books, types, columns, sign)
        totals[title] = section_totals
        if account_rows:
            name = title.split(" ", 1)[1] if title.startswith(("Less ", "Plus ")) else title
            rows.append(
                _section(
                    title,
                    [
                        *account_rows,
                        _row(f"Total {name}", map(_fmt, section_totals), kind="SummaryRow"),
                    ],
                )
            )
        if title == "Less Cost of Sales":
            gross = [
                i - c for i, c in zip(totals["Income"], totals["Less Cost of Sales"], strict=True)
            ]
            rows.append(_section("", [_row("Gross Profit", map(_fmt, gross))]))
    net = [
        g + o - x
        for g, o, x in zip(
            gross, totals["Plus Other Income"], totals["Less Operating Expenses"], strict=True
        )
    ]
    rows.append(_section("", [_row("Net Profit", map(_fmt, net))]))
    title = f"For the period {_long(start)} to {_long(end)}"
    return _report(ledger, "ProfitAndLoss", "Profit and Loss", [title], rows)


# -- trial balance -----------------------------------------------------------------------------

TB_SECTIONS = (
    ("Revenue", "REVENUE"),
    ("Expenses", "EXPENSE"),
    ("Assets", "ASSET"),
    ("Liabilities", "LIABILITY"),
    ("Equity", "EQUITY"),
)


def _sides(value: Decimal) -> tuple[str, str]:
    if value > 0:
        return _fmt(value), ""
    if value < 0:
        return "", _fmt(-value)
    return "", "0.00"


def trial_balance(ledger: Ledger, day: date, cash: bool = False) -> dict:
    books = Books(ledger, cash=cash)
    fy_start = year_start(ledger, day)
    month = books.balances(date(day.year, day.month, 1), day)
    ever = books.balances(None, day)
    this_year = books.balances(fy_start, day)
    earlier_pl = sum((v - this_year.get(k, ZERO) for k, v in ever.items() if books.is_pl(k)), ZERO)
    rows = [
        {
            "RowType": "Header",
            "Cells": [
                {"Value": v} for v in ("Account", "Debit", "Credit", "YTD Debit", "YTD Credit")
            ],
        }
    ]
    sums = [ZERO] * 4
    for title, account_class in TB_SECTIONS:
        section = []
        for account in sorted(
            (a for a in books.accounts.values() if a.get("Class") == account_class),
            key=lambda a: a.get("Code") or "",
        ):
            key = account["AccountID"].lower()
            ytd = this_year.get(key, ZERO) if books.is_pl(key) else ever.get(key, ZERO)
            if account.get("SystemAccount") == "RETAINEDEARNINGS":
                ytd += earlier_pl
            moved = month.get(key, ZERO)
            if not ytd and not moved:
                continue
            debit, credit = _sides(moved)
            ytd_debit, ytd_credit = _sides(ytd)
            for i, v in enumerate((debit, credit, ytd_debit, ytd_credit)):
                sums[i] += Decimal(v or "0")
            name = (
                f"{account['Name']} ({account['Code']})" if account.get("Code") else account["Name"]
            )
            section.append(_row(name, (debit, credit, ytd_debit, ytd_credit), account["AccountID"]))
        if section:
            rows.append(_section(title, section))
    rows.append(_section("", [_row("Total", map(_fmt, sums), kind="SummaryRow")]))
    return _report(ledger, "TrialBalance", "Trial Balance", [f"As at {_long(day)}"], rows)


# -- aged by contact ---------------------------------------------------------------------------


def aged_by_contact(
    ledger: Ledger,
    side: str,
    contact: dict,
    as_of: date,
    from_date: date | None,
    to_date: date | None,
) -> dict:
    """Xero's per-contact aged report: an opening balance (items dated before ``from_date``),
    one row per open item dated ``from_date``..``to_date`` (Date, Number, Due Date, overdue
    days, Total, Paid, Credited, Due), its total, and the closing balance (every item)."""
    items = aged.open_items(ledger, side, as_of, contact["ContactID"])
    items.sort(key=lambda i: (i.day, i.number, i.id))
    to_date = to_date or as_of
    opening = [i for i in items if from_date and i.day < from_date]
    shown = [i for i in items if (not from_date or i.day >= from_date) and i.day <= to_date]
    later = [i for i in items if i.day > to_date]
    id_names = {"invoice": "invoiceID", "creditNote": "creditNoteID"}
    body = []
    for item in shown:
        overdue = (as_of - item.due_day).days
        attribute = [{"Value": item.id, "Id": id_names.get(item.kind, f"{item.kind}ID")}]
        values = (
            f"{item.day.isoformat()}T00:00:00",
            item.number,
            f"{item.due_day.isoformat()}T00:00:00",
            f"{overdue} days overdue" if overdue > 0 and item.due else "",
            _fmt(item.total),
            _fmt(item.paid),
            _fmt(item.credited),
            _fmt(item.due),
        )
        body.append(
            {"RowType": "Row", "Cells": [{"Value": v, "Attributes": attribute} for v in values]}
        )

    def sums(chosen: list[aged.Item]) -> list[str]:
        return [
            _fmt(sum((getattr(i, f) for i in chosen), ZERO))
            for f in ("total", "paid", "credited", "due")
        ]

    start = from_date or min((i.day for i in items), default=as_of)
    rows = [
        {
            "RowType": "Header",
            "Cells": [
                {"Value": v}
                for v in ("Date", "Number", "Due Date", "", "Total", "Paid", "Credited", "Due")
            ],
        },
        _section(
            "",
            [
                {
                    "RowType": "Row",
                    "Cells": [
                        {"Value": f"{start.isoformat()}T00:00:00"},
                        {"Value": "Opening Balance"},
                    ]
                    + [{"Value": ""}] * 5
                    + [{"Value": sums(opening)[3]}],
                }
            ],
        ),
        _section(
            "",
            [
                *body,
                {
                    "RowType": "SummaryRow",
                    "Cells": [{"Value": "Total"}]
                    + [{"Value": ""}] * 3
                    + [{"Value": v} for v in sums(shown)],
                },
            ],
        ),
        _section(
            "",
            [
                {
                    "RowType": "SummaryRow",
                    "Cells": [{"Value": "Closing Balance"}]
                    + [{"Value": ""}] * 3
                    + [{"Value": v} for v in sums(opening + shown + later)],
                }
            ],
        ),
    ]
    name = "Aged Receivables By Contact" if side == "receivables" else "Aged Payables By Contact"
    kind = "AgedReceivablesByContact" if side == "receivables" else "AgedPayablesByContact"
    titles = [
        contact.get("Name", ""),
        f"From {_long(start)} to {_long(to_date)}",
        f"Showing payments to {_long(as_of)}",
    ]
    report = _report(ledger, kind, name, titles, rows)
    report["ReportTitles"] = ["Invoices", *titles]
    return report

"""Intuit's report format pieces: the Header, columns (per period or per breakdown value) and
rows (``Section`` with ``Header``/``Rows``/``Summary``/``group``, ``Data`` with ``ColData``), and
the chart's account hierarchy as QuickBooks prints it (a parent with sub-accounts is a section
headed by the parent, its own amount a data row inside, closed by "Total <parent>")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from .reports_books import Books

__all__ = [
    "Col",
    "account_rows",
    "cell",
    "data_row",
    "header",
    "money",
    "period_columns",
    "section",
]

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Col:
    """One value column: entries dated ``start``..``end`` (``start`` None: from the beginning)
    and, for a breakdown column, of one dimension key (``""``: documents without one)."""

    title: str
    start: date | None
    end: date
    key: str | None = None
    col_key: str = "total"

    def meta(self) -> list[dict[str, str]]:
        out = []
        if self.start is not None and self.col_key not in ("total",) and self.key is None:
            out += [
                {"Name": "StartDate", "Value": self.start.isoformat()},
                {"Name": "EndDate", "Value": self.end.isoformat()},
            ]
        return [*out, {"Name": "ColKey", "Value": self.col_key}]


def money(value: Decimal) -> str:
    return f"{value:.2f}"


def cell(value: Any, ident: str | None = None) -> dict[str, str]:
    out = {"value": "" if value is None else str(value)}
    if ident:
        out["id"] = ident
    return out


def data_row(name: str, values: list[Decimal], ident: str | None = None, *, blank_zero=False):
    cells = [cell(name, ident)]
    cells += [cell("" if blank_zero and not v else money(v)) for v in values]
    return {"ColData": cells, "type": "Data"}


def section(
    title: str | None,
    rows: list[dict],
    summary: tuple[str, list[Decimal]] | None,
    group: str | None = None,
    ident: str | None = None,
    width: int = 1,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if title is not None:
        out["Header"] = {"ColData": [cell(title, ident)] + [cell("") for _ in range(width)]}
    if title is not None or rows:
        out["Rows"] = {"Row": rows}
    if summary is not None:
        name, values = summary
        out["Summary"] = {"ColData": [cell(name)] + [cell(money(v)) for v in values]}
    out["type"] = "Section"
    if group:
        out["group"] = group
    return out


def header(
    name: str,
    *,
    now: datetime,
    start: date,
    end: date,
    basis: str | None,
    summarize: str,
    currency: str,
    has_data: bool,
    extra: dict[str, Any] | None = None,
    date_macro: str | None = None,
    options: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {"Time": now.replace(microsecond=0).isoformat(), "ReportName": name}
    if date_macro:
        out["DateMacro"] = date_macro
    if basis:
        out["ReportBasis"] = basis
    out.update(
        {
            "StartPeriod": start.isoformat(),
            "EndPeriod": end.isoformat(),
            "SummarizeColumnsBy": summarize,
            "Currency": currency,
        }
    )
    out.update(extra or {})
    first = options if options is not None else [{"Name": "AccountingStandard", "Value": "GAAP"}]
    out["Option"] = [*first, {"Name": "NoReportData", "Value": "false" if has_data else "true"}]
    return out


def _month_end(day: date) -> date:
    nxt = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def period_columns(start: date, end: date, by: str) -> list[Col]:
    """Oldest first, as QuickBooks prints them; the first and last clipped to the range."""
    cols: list[Col] = []
    day = start
    while day <= end:
        if by == "Month":
            stop = _month_end(day)
            title = f"{MONTH_NAMES[day.month - 1]} {day.year}"
        elif by == "Quarter":
            q_end_month = (day.month - 1) // 3 * 3 + 3
            stop = _month_end(date(day.year, q_end_month, 1))
            first = MONTH_NAMES[q_end_month - 3]
            title = f"{first} - {MONTH_NAMES[q_end_month - 1]} {day.year}"
        else:  # Year
            stop = date(day.year, 12, 31)
            title = str(day.year)
        stop = min(stop, end)
        cols.append(Col(title, day, stop, None, title))
        day = stop + timedelta(days=1)
    return cols


def account_rows(
    books: Books,
    ids: list[str],
    values: dict[str, list[Decimal]],
    width: int,
    *,
    full_names: bool = False,
) -> tuple[list[dict], list[Decimal]]:
    """Rows for ``ids`` (accounts of one group) with non-zero ``values``, sub-accounts nested
    under their parents; and the group's totals per column."""
    group = set(ids)

    def parent(acc: str) -> str | None:
        p = ((books.accounts.get(acc) or {}).get("ParentRef") or {}).get("value")
        return str(p) if p and str(p) in group else None

    shown = {a for a in ids if any(values.get(a, ()))}
    for acc in list(shown):
        p = parent(acc)
        while p:
            shown.add(p)
            p = parent(p)

    def name(acc: str) -> str:
        doc = books.accounts.get(acc) or {}
        return str(doc.get("FullyQualifiedName" if full_names else "Name") or acc)

    def render(acc: str) -> tuple[dict, list[Decimal]]:
        own = values.get(acc) or [Decimal(0)] * width
        children = sorted((c for c in shown if parent(c) == acc), key=name)
        if not children:
            return data_row(name(acc), own, acc, blank_zero=width > 1), own
        rows = [data_row(name(acc), own, acc, blank_zero=width > 1)] if any(own) else []
        totals = list(own)
        for child in children:
            row, sums = render(child)
            rows.append(row)
            totals = [a + b for a, b in zip(totals, sums, strict=True)]
        return section(
            name(acc), rows, (f"Total {name(acc)}", totals), ident=acc, width=width
        ), totals

    rows, totals = [], [Decimal(0)] * width
    for acc in sorted((a for a in shown if parent(a) is None), key=name):
        row, sums = render(acc)
        rows.append(row)
        totals = [a + b for a, b in zip(totals, sums, strict=True)]
    return rows, totals

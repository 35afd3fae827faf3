"""QuickBooks report JSON (``Header``, ``Columns``, ``Rows``) → the unified ``Report``. Pure.

- Columns: QuickBooks prints periods oldest first; they come out newest first. Its cross-period
  "Total" column is dropped (kept in ``remote_data``); with a breakdown (``Classes``,
  ``Departments``) each value is a TRACKING column and the "Total" a TOTAL one; aged reports'
  "Current", "1 - 30", …, "91 and over" are BUCKET columns (min/max days from the titles); the
  trial balance's Debit and Credit become one signed column (debit positive).
- Rows: a ``Section`` with a ``Header`` is a SECTION (its id from Intuit's ``group``, else
  ``sect:<account id>`` for a parent account with sub-accounts, whose SECTION row carries the
  parent's ``account_remote_id``, else its title), its ``Summary``
  the section's last row, a TOTAL (``total.<section id>``) summing its direct rows; a ``Section``
  with only a ``Summary`` (Gross Profit, Net Income, …) is a TOTAL whose ``sum_of`` is the
  formula QuickBooks computes it by. ``Data`` rows with a ``ColData`` id are ACCOUNT rows
  (``acct:<id>``) or, in aged reports, CONTACT rows; rows without an id (Net Income, Retained
  Earnings, Opening Balance Equity on the balance sheet) are LINE rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from unified_models import (
    Report,
    ReportBasis,
    ReportColumn,
    ReportColumnKind,
    ReportRequest,
    ReportRow,
    ReportRowKind,
    ReportType,
)

from ..errors import ProviderError
from . import ids

__all__ = ["report_from_qbo"]

#: Intuit's section groups → unified row ids.
GROUP_IDS = {
    "Income": "income",
    "COGS": "cost_of_sales",
    "GrossProfit": "gross_profit",
    "Expenses": "expenses",
    "NetOperatingIncome": "net_operating_income",
    "OtherIncome": "other_income",
    "OtherExpenses": "other_expenses",
    "NetOtherIncome": "net_other_income",
    "NetIncome": "net_profit",
    "TotalAssets": "assets",
    "CurrentAssets": "assets.current",
    "BankAccounts": "assets.bank",
    "AR": "assets.receivable",
    "OtherCurrentAssets": "assets.other_current",
    "FixedAssets": "assets.fixed",
    "OtherAssets": "assets.other",
    "TotalLiabilitiesAndEquity": "liabilities_and_equity",
    "Liabilities": "liabilities",
    "CurrentLiabilities": "liabilities.current",
    "AP": "liabilities.payable",
    "CreditCards": "liabilities.credit_cards",
    "OtherCurrentLiabilities": "liabilities.other_current",
    "LongTermLiabilities": "liabilities.long_term",
    "Equity": "equity",
    "OperatingActivities": "operating",
    "OperatingAdjustments": "operating.adjustments",
    "InvestingActivities": "investing",
    "FinancingActivities": "financing",
    "CashIncrease": "net_cash_change",
    "BeginningCash": "cash_at_start",
    "EndingCash": "cash_at_end",
    "GrandTotal": "total",
}
#: Totals QuickBooks computes from other rows (only the operands present are named).
FORMULAS = {
    "gross_profit": ["total.income", "-total.cost_of_sales"],
    "net_operating_income": ["gross_profit", "-total.expenses"],
    "net_other_income": ["total.other_income", "-total.other_expenses"],
    "net_profit": ["net_operating_income", "net_other_income"],
    "net_cash_change": ["total.operating", "total.investing", "total.financing"],
    "cash_at_end": ["cash_at_start", "net_cash_change"],
}
#: Lines without an account: unified ids (the balance sheet's Net Income is the current year
#: earnings of the common design).
LINE_IDS = {
    ("Equity", "Net Income"): "current_year_earnings",
    ("Equity", "Retained Earnings"): "retained_earnings",
    ("Equity", "Opening Balance Equity"): "opening_balance_equity",
    ("NetIncome", "Net Income"): "operating.net_income",
}
AGED = {ReportType.AGED_RECEIVABLES, ReportType.AGED_PAYABLES}
POINT = {ReportType.BALANCE_SHEET, ReportType.TRIAL_BALANCE}


def _money(value: Any) -> Decimal | None:
    text = str(value or "").strip().replace(",", "")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _meta(column: Mapping[str, Any]) -> dict[str, str]:
    return {
        str(m.get("Name")): str(m.get("Value"))
        for m in column.get("MetaData") or ()
        if isinstance(m, Mapping)
    }


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "row"


_BUCKET = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")
_OVER = re.compile(r"^\s*(\d+)\s+and\s+over\s*$", re.I)


def _columns(
    body: Mapping[str, Any], report: ReportType, tracking_prefix: str
) -> tuple[list[ReportColumn], list[tuple[int, ...]]]:
    """Unified columns and, per column, the source value indexes (after the label column;
    two for the trial balance's debit and credit)."""
    head = body.get("Header") or {}
    source = [
        c for c in ((body.get("Columns") or {}).get("Column") or ()) if isinstance(c, Mapping)
    ]
    source = source[1:]
    end = _date(head.get("EndPeriod"))
    start = _date(head.get("StartPeriod"))
    by = str(head.get("SummarizeColumnsBy") or "Total")
    if report == ReportType.TRIAL_BALANCE:
        titles = [str(c.get("ColTitle")) for c in source]
        column = ReportColumn(
            id=str(end), kind=ReportColumnKind.PERIOD, label=str(end), end_date=end
        )
        if "Debit" not in titles or "Credit" not in titles:
            raise ProviderError("QuickBooks' trial balance came without Debit and Credit columns")
        return [column], [(titles.index("Debit"), titles.index("Credit"))]
    cols: list[tuple[ReportColumn, tuple[int, ...]]] = []
    for n, col in enumerate(source):
        title = str(col.get("ColTitle") or "")
        meta = _meta(col)
        key = meta.get("ColKey", "")
        if report in AGED:
            if key == "total" or title == "Total":
                c = ReportColumn(id="total", kind=ReportColumnKind.TOTAL, label="Total")
            elif title.lower() == "current":
                c = ReportColumn(
                    id="current", kind=ReportColumnKind.BUCKET, label=title, min_days=0, max_days=0
                )
            elif m := _BUCKET.match(title):
                lo, hi = int(m[1]), int(m[2])
                c = ReportColumn(
                    id=f"{lo}-{hi}",
                    kind=ReportColumnKind.BUCKET,
                    label=title,
                    min_days=lo,
                    max_days=hi,
                )
            elif m := _OVER.match(title):
                lo = int(m[1])
                c = ReportColumn(
                    id=f">{lo - 1}", kind=ReportColumnKind.BUCKET, label=title, min_days=lo
                )
            else:
                continue
        elif by in ("Classes", "Departments"):
            if key == "total":
                c = ReportColumn(
                    id="total",
                    kind=ReportColumnKind.TOTAL,
                    label=title,
                    start_date=start,
                    end_date=end,
                )
            else:
                option = key if key not in ("", "0") else None
                remote = ids.remote_id(tracking_prefix, option) if option else None
                c = ReportColumn(
                    id=f"tracking:{option or 'none'}",
                    kind=ReportColumnKind.TRACKING,
                    label=title,
                    start_date=start,
                    end_date=end,
                    tracking_category_remote_id=remote,
                    tracking_option_remote_id=option,
                    tracking_option_name=title,
                )
        elif by == "Total":
            c_start = None if report in POINT else start
            c = ReportColumn(
                id=str(end),
                kind=ReportColumnKind.PERIOD,
                label=title or str(end),
                start_date=c_start,
                end_date=end,
            )
        else:  # Month / Quarter / Year: one column per period, the cross-period total dropped
            if key == "total":
                continue
            p_start, p_end = _date(meta.get("StartDate")), _date(meta.get("EndDate"))
            c = ReportColumn(
                id=str(p_end),
                kind=ReportColumnKind.PERIOD,
                label=title,
                start_date=None if report in POINT else p_start,
                end_date=p_end,
            )
        cols.append((c, (n,)))
    if report not in AGED and by not in ("Classes", "Departments"):
        cols.sort(key=lambda item: item[0].end_date or dt.date.min, reverse=True)
    return [c for c, _ in cols], [p for _, p in cols]


class _Rows:
    def __init__(self, report: ReportType, picks: list[tuple[int, ...]], contact_prefix: str):
        self.report, self.picks, self.contact_prefix = report, picks, contact_prefix
        self.used: set[str] = set()

    def unique(self, wanted: str) -> str:
        rid, n = wanted, 2
        while rid in self.used:
            rid, n = f"{wanted}.{n}", n + 1
        self.used.add(rid)
        return rid

    def values(self, cells: list[Any]) -> list[Decimal | None]:
        raw = [_money(c.get("value")) if isinstance(c, Mapping) else None for c in cells[1:]]
        out: list[Decimal | None] = []
        for pick in self.picks:
            if len(pick) == 2:  # debit, credit → one signed value
                debit, credit = (raw[i] if i < len(raw) else None for i in pick)
                out.append(
                    None if debit is None and credit is None else (debit or 0) - (credit or 0)
                )
            else:
                out.append(raw[pick[0]] if pick[0] < len(raw) else None)
        return out

    def data(self, row: Mapping[str, Any], parent_group: str) -> ReportRow:
        cells = list(row.get("ColData") or ())
        first = cells[0] if cells and isinstance(cells[0], Mapping) else {}
        name, ident = str(first.get("value") or ""), first.get("id")
        values = self.values(cells)
        if ident and self.report in AGED:
            remote = ids.remote_id(self.contact_prefix, ident)
            return ReportRow(
                id=self.unique(f"contact:{remote}"),
                kind=ReportRowKind.CONTACT,
                name=name,
                values=values,
                contact_remote_id=remote,
            )
        if ident:
            return ReportRow(
                id=self.unique(f"acct:{ident}"),
                kind=ReportRowKind.ACCOUNT,
                name=name,
                values=values,
                account_remote_id=str(ident),
            )
        group = str(row.get("group") or parent_group)
        wanted = LINE_IDS.get((group, name)) or f"{_slug(group)}.{_slug(name)}"
        return ReportRow(id=self.unique(wanted), kind=ReportRowKind.LINE, name=name, values=values)

    def walk(self, rows: list[Any], parent_group: str = "") -> list[ReportRow]:
        out: list[ReportRow] = []
        for row in rows:
            if not isinstance(row, Mapping):
                continue
            if row.get("type") == "Data" or ("ColData" in row and "Summary" not in row):
                out.append(self.data(row, parent_group))
                continue
            out.extend(self.section(row, out))
        return out

    def section(self, row: Mapping[str, Any], siblings: list[ReportRow]) -> list[ReportRow]:
        group = str(row.get("group") or "")
        head = list(((row.get("Header") or {}).get("ColData")) or ())
        title_cell = head[0] if head and isinstance(head[0], Mapping) else {}
        title = str(title_cell.get("value") or "")
        summary = list(((row.get("Summary") or {}).get("ColData")) or ())
        s_name = str((summary[0] or {}).get("value") or "") if summary else ""
        if not head:  # a computed total (Gross Profit, Net Income, TOTAL …)
            rid = GROUP_IDS.get(group) or _slug(group or s_name)
            if rid == "total":  # trial balance / aged reports: everything above it
                sum_of = [ident for r in siblings for ident in _operands(r)]
            else:
                sum_of = [s for s in FORMULAS.get(rid, []) if s.lstrip("-") in self.used]
            inner = self.walk(list(((row.get("Rows") or {}).get("Row")) or ()), group)
            kind = ReportRowKind.TOTAL if sum_of else ReportRowKind.LINE  # operands known
            total = ReportRow(
                id=self.unique(rid),
                kind=kind,
                name=s_name,
                values=self.values(summary),
                sum_of=sum_of,
            )
            return [*inner, total]
        ident = title_cell.get("id")
        if group in GROUP_IDS:
            wanted = GROUP_IDS[group]
        elif ident:
            wanted = f"sect:{ident}"
        else:
            wanted = _slug(title)
        rid = self.unique(wanted)
        children = self.walk(list(((row.get("Rows") or {}).get("Row")) or ()), group)
        if summary:
            parts = [ident for c in children for ident in _operands(c)]
            children.append(
                ReportRow(
                    id=self.unique(f"total.{rid}"),
                    kind=ReportRowKind.TOTAL,
                    name=s_name,
                    values=self.values(summary),
                    sum_of=parts,
                )
            )
        return [
            ReportRow(
                id=rid,
                kind=ReportRowKind.SECTION,
                name=title,
                rows=children,
                account_remote_id=str(ident) if ident else None,
            )
        ]


def _total_of(section: ReportRow) -> str | None:
    last = section.rows[-1] if section.rows else None
    return last.id if last is not None and last.kind == ReportRowKind.TOTAL else None


def _operands(row: ReportRow) -> list[str]:
    """What a total over ``row`` adds: the row itself, a section's total, or (a section
    QuickBooks printed without a Summary) the operands of the section's rows."""
    if row.kind != ReportRowKind.SECTION:
        return [row.id]
    total = _total_of(row)
    if total:
        return [total]
    return [ident for child in row.rows for ident in _operands(child)]


def report_from_qbo(body: Mapping[str, Any], request: ReportRequest) -> Report:
    """The unified report of a QuickBooks report answer to ``request`` (``ProviderError`` for
    an answer that is no report)."""
    if not isinstance(body, Mapping) or not isinstance(body.get("Header") or {}, Mapping):
        raise ProviderError("QuickBooks answered a report request with no report")
    try:
        return _report(body, request)
    except (TypeError, ValueError, AttributeError, KeyError, IndexError) as exc:
        # A shape no QuickBooks report has (a list where a section is, …): the answer, not
        # the request, is wrong.
        raise ProviderError(f"QuickBooks' report is malformed ({type(exc).__name__})") from None


def _report(body: Mapping[str, Any], request: ReportRequest) -> Report:
    head = body.get("Header") or {}
    report = request.type
    tracking_prefix = (
        ids.DEPARTMENT if head.get("SummarizeColumnsBy") == "Departments" else ids.CLASS
    )
    contact_prefix = ids.VENDOR if report == ReportType.AGED_PAYABLES else ids.CUSTOMER
    columns, picks = _columns(body, report, tracking_prefix)
    rows_in = list(((body.get("Rows") or {}).get("Row")) or ())
    walker = _Rows(report, picks, contact_prefix)
    rows = walker.walk(rows_in)
    if report == ReportType.TRIAL_BALANCE:  # accounts in one section, the total after it
        body_rows = [r for r in rows if r.id != "total"]
        total = next((r for r in rows if r.id == "total"), None)
        rows = [
            ReportRow(id="accounts", kind=ReportRowKind.SECTION, name="Accounts", rows=body_rows)
        ]
        if total is not None:
            rows.append(total)
    basis = {"Accrual": ReportBasis.ACCRUAL, "Cash": ReportBasis.CASH}.get(
        str(head.get("ReportBasis") or "")
    )
    generated = None
    if head.get("Time"):
        try:
            generated = dt.datetime.fromisoformat(str(head["Time"]))
        except ValueError:
            generated = None
    end = _date(head.get("EndPeriod"))
    point = report in POINT or report in AGED
    return Report(
        type=report,
        currency=str(head.get("Currency") or "") or None,
        basis=basis,
        start_date=None if point else request.start_date or _date(head.get("StartPeriod")),
        end_date=None if point else request.end_date or end,
        date=(request.date or end) if point else None,
        periods=request.periods,
        timeframe=request.timeframe,
        columns=columns,
        rows=rows,
        remote_name=str(head.get("ReportName") or "") or None,
        remote_generated_at=generated if generated and generated.tzinfo else None,
        remote_data=dict(body),
    )

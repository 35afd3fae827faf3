"""A cash flow statement derived from Xero's reports (Xero's accounting API has none).

Indirect method, per period (column): the period's net profit (P&L ``net_profit``), plus the
change of every non-cash balance-sheet account between the balance sheet on the day before the
period starts (``opening``) and the one on its last day (``closing``), as its cash effect (an
asset that grew used cash: minus; a liability or equity that grew brought cash: plus):

- operating: net profit, current assets and current liabilities (and any other asset or
  liability section Xero prints that is not listed below);
- investing: fixed and non-current assets;
- financing: non-current liabilities and equity accounts. Current Year Earnings is not cash:
  its change less the net profit is shown (it is non-zero only when the period crosses the
  financial year end, where Xero moves the year's earnings into Retained Earnings, and then it
  cancels that account's change).

Cash is the ``Bank`` section. ``cash_at_end`` is the closing balance sheet's bank total and sums
``cash_at_start`` and ``net_change``: the identity a caller (and the tests) can check. Pure:
takes unified reports, returns rows.
"""

from __future__ import annotations

from decimal import Decimal

from unified_models import Report, ReportRow, ReportRowKind

__all__ = ["derive"]

ZERO = Decimal("0.00")
_INVESTING = ("assets.fixed_assets", "assets.non_current_assets")
_FINANCING = ("liabilities.non_current_liabilities", "equity")
_CASH = "assets.bank"


def _accounts(report: Report) -> dict[str, tuple[str, ReportRow, int]]:
    """row id → (section id, row, sign of its cash effect) for every balance-sheet account."""
    out: dict[str, tuple[str, ReportRow, int]] = {}

    def visit(rows: list[ReportRow], section: str, sign: int) -> None:
        for row in rows:
            if row.kind == ReportRowKind.SECTION:
                top = row.id.split(".", 1)[0]
                visit(row.rows, row.id, -1 if top == "assets" else 1)
            elif row.kind in (ReportRowKind.ACCOUNT, ReportRowKind.LINE):
                out[row.id] = (section, row, sign)

    visit(report.rows, "", 1)
    return out


def _value(row: ReportRow | None, index: int) -> Decimal:
    if row is None or index >= len(row.values):
        return ZERO
    return row.values[index] or ZERO


def _find(report: Report, row_id: str) -> ReportRow | None:
    return next((r for r in report.walk() if r.id == row_id), None)


def derive(pl: Report, opening: Report, closing: Report) -> list[ReportRow]:
    width = len(pl.columns)
    before, after = _accounts(opening), _accounts(closing)
    net_profit = _find(pl, "net_profit")
    profit = [_value(net_profit, i) for i in range(width)]
    sections: dict[str, list[ReportRow]] = {"operating": [], "investing": [], "financing": []}
    sections["operating"].append(
        ReportRow(
            id="operating.net_profit", kind=ReportRowKind.LINE, name="Net Profit", values=profit
        )
    )
    cash_start, cash_end = [ZERO] * width, [ZERO] * width
    earnings_adjustment: list[Decimal] | None = None
    for row_id in list(dict.fromkeys([*after, *before])):
        section, row, sign = after.get(row_id) or before[row_id]
        old, new = before.get(row_id), after.get(row_id)
        olds = [_value(old[1] if old else None, i) for i in range(width)]
        news = [_value(new[1] if new else None, i) for i in range(width)]
        if section == _CASH:
            cash_start = [a + b for a, b in zip(cash_start, olds, strict=True)]
            cash_end = [a + b for a, b in zip(cash_end, news, strict=True)]
            continue
        effect = [sign * (n - o) for n, o in zip(news, olds, strict=True)]
        if row_id.endswith("current_year_earnings") and row.kind == ReportRowKind.LINE:
            earnings_adjustment = [e - p for e, p in zip(effect, profit, strict=True)]
            continue
        if not any(effect):
            continue
        group = (
            "investing"
            if section in _INVESTING
            else "financing"
            if section in _FINANCING
            else "operating"
        )
        sections[group].append(
            ReportRow(
                id=row_id,
                kind=row.kind,
                name=row.name,
                values=effect,
                account_remote_id=row.account_remote_id,
                account_code=row.account_code,
            )
        )
    if earnings_adjustment is not None and any(earnings_adjustment):
        sections["financing"].append(
            ReportRow(
                id="financing.current_year_earnings",
                kind=ReportRowKind.LINE,
                name="Current Year Earnings (change less net profit)",
                values=earnings_adjustment,
            )
        )
    out: list[ReportRow] = []
    names = {
        "operating": "Operating Activities",
        "investing": "Investing Activities",
        "financing": "Financing Activities",
    }
    for key, rows in sections.items():
        total = [sum((_value(r, i) for r in rows), ZERO) for i in range(width)]
        rows.append(
            ReportRow(
                id=f"total.{key}",
                kind=ReportRowKind.TOTAL,
                name=f"Net Cash Flows from {names[key]}",
                values=total,
                sum_of=[r.id for r in rows],
            )
        )
        out.append(ReportRow(id=key, kind=ReportRowKind.SECTION, name=names[key], rows=rows))
    change = [sum((_value(s.rows[-1], i) for s in out), ZERO) for i in range(width)]
    out.append(
        ReportRow(
            id="net_change",
            kind=ReportRowKind.TOTAL,
            name="Net Cash Movement",
            values=change,
            sum_of=[f"total.{k}" for k in sections],
        )
    )
    out.append(
        ReportRow(
            id="cash_at_start", kind=ReportRowKind.LINE, name="Cash at Start", values=cash_start
        )
    )
    out.append(
        ReportRow(
            id="cash_at_end",
            kind=ReportRowKind.TOTAL,
            name="Cash at End",
            values=cash_end,
            sum_of=["cash_at_start", "net_change"],
        )
    )
    return out

"""ProfitAndLoss, BalanceSheet, TrialBalance and CashFlow from the books (reports_books.py), in
Intuit's row layout. Signs as QuickBooks prints them: income and expenses positive on the P&L,
assets positive and liabilities and equity positive (credit balances) on the balance sheet; the
balance sheet's equity carries Opening Balance Equity, Retained Earnings (the P&L before the
fiscal year of the column's date) and Net Income (the P&L of that fiscal year to the date), so
TOTAL ASSETS = TOTAL LIABILITIES AND EQUITY in every column."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from .reports_books import ACCOUNT_GROUPS, OPENING_EQUITY, Books
from .reports_format import Col, account_rows, data_row, section

__all__ = ["balance_sheet", "cash_flow", "profit_and_loss", "trial_balance"]

ZERO = Decimal(0)
CREDIT_TYPES_PL = {"Income", "Other Income"}


def _accounts_of(books: Books, types: set[str]) -> list[str]:
    return [a for a, doc in books.accounts.items() if doc.get("AccountType") in types]


def _column_sums(books: Books, cols: list[Col], statement: str, dimension: str, cumulative: bool):
    """Per column, ``{account: debit-positive sum}``."""
    out = []
    for col in cols:
        sums = books.balances(None if cumulative else col.start, col.end, statement, dimension)
        per: dict[str | None, Decimal] = {}
        for (acc, key), value in sums.items():
            if col.key is not None and (key or "") != col.key:
                continue
            per[acc] = per.get(acc, ZERO) + value
        out.append(per)
    return out


def _values(sums: list[dict], accounts: list[str], sign: int) -> dict[str, list[Decimal]]:
    return {a: [sign * s.get(a, ZERO) for s in sums] for a in accounts}


def _vec(*parts: tuple[int, list[Decimal]]) -> list[Decimal]:
    width = len(parts[0][1])
    return [sum((s * p[i] for s, p in parts), ZERO) for i in range(width)]


def profit_and_loss(books: Books, cols: list[Col], dimension: str) -> tuple[list[dict], bool]:
    width = len(cols)
    sums = _column_sums(books, cols, "PL", dimension, cumulative=False)
    rows: list[dict] = []
    totals: dict[str, list[Decimal]] = {}
    any_data = False
    for group, title, types in (
        ("Income", "Income", {"Income"}),
        ("COGS", "Cost of Goods Sold", {"Cost of Goods Sold"}),
        ("Expenses", "Expenses", {"Expense"}),
        ("OtherIncome", "Other Income", {"Other Income"}),
        ("OtherExpenses", "Other Expenses", {"Other Expense"}),
    ):
        accounts = _accounts_of(books, types)
        sign = -1 if types & CREDIT_TYPES_PL else 1
        body, total = account_rows(books, accounts, _values(sums, accounts, sign), width)
        totals[group] = total
        if body:
            any_data = True
            rows.append(section(title, body, (f"Total {title}", total), group, width=width))
        if group == "COGS":
            gross = _vec((1, totals["Income"]), (-1, total))
            totals["GrossProfit"] = gross
            rows.append(section(None, [], ("Gross Profit", gross), "GrossProfit"))
        if group == "Expenses":
            noi = _vec((1, totals["GrossProfit"]), (-1, total))
            totals["NetOperatingIncome"] = noi
            rows.append(section(None, [], ("Net Operating Income", noi), "NetOperatingIncome"))
    other = _vec((1, totals["OtherIncome"]), (-1, totals["OtherExpenses"]))
    if any(totals["OtherIncome"]) or any(totals["OtherExpenses"]):
        rows.append(section(None, [], ("Net Other Income", other), "NetOtherIncome"))
    net = _vec((1, totals["NetOperatingIncome"]), (1, other))
    rows.append(section(None, [], ("Net Income", net), "NetIncome"))
    return rows, any_data


def _pl_total(books: Books, start, end) -> Decimal:
    """Net income (credit positive) of entries dated start..end (None: from the beginning)."""
    return -sum(books.balances(start, end, "PL").values(), ZERO)


def balance_sheet(books: Books, cols: list[Col]) -> tuple[list[dict], bool]:
    width = len(cols)
    sums = _column_sums(books, cols, "BS", "", cumulative=True)
    sides: list[dict] = []
    any_data = False

    def build(types: list[str], sign: int) -> tuple[list[dict], list[Decimal]]:
        # Nest by the groups' paths: first level (e.g. CurrentAssets), second (BankAccounts).
        out: list[dict] = []
        total = [ZERO] * width
        firsts: list[tuple[str, str]] = []
        for t in types:
            first = ACCOUNT_GROUPS[t][1][0]
            if first not in firsts:
                firsts.append(first)
        for group, title in firsts:
            inner: list[dict] = []
            sub_total = [ZERO] * width
            for t in types:
                path = ACCOUNT_GROUPS[t][1]
                if path[0][0] != group:
                    continue
                accounts = _accounts_of(books, {t})
                body, tot = account_rows(books, accounts, _values(sums, accounts, sign), width)
                if len(path) > 1:
                    if body:
                        inner.append(
                            section(
                                path[1][1],
                                body,
                                (f"Total {path[1][1]}", tot),
                                path[1][0],
                                width=width,
                            )
                        )
                else:
                    inner += body
                sub_total = [a + b for a, b in zip(sub_total, tot, strict=True)]
            if inner:
                out.append(section(title, inner, (f"Total {title}", sub_total), group, width=width))
            total = [a + b for a, b in zip(total, sub_total, strict=True)]
        return out, total

    assets, total_assets = build(
        ["Bank", "Accounts Receivable", "Other Current Asset", "Fixed Asset", "Other Asset"], 1
    )
    liabilities, total_liabilities = build(
        [
            "Accounts Payable",
            "Credit Card",
            "Other Current Liability",
            "Long Term Liability",
        ],
        -1,
    )
    equity_accounts = _accounts_of(books, {"Equity"})
    equity_rows, equity_total = account_rows(
        books, equity_accounts, _values(sums, equity_accounts, -1), width
    )
    opening = [-s.get(None, ZERO) for s in sums]
    retained, net_income = [], []
    for col in cols:
        fy = books.fiscal_year_start(col.end)
        retained.append(_pl_total(books, None, fy - timedelta(days=1)))
        net_income.append(_pl_total(books, fy, col.end))
    extra = []
    if any(opening):
        extra.append(data_row(OPENING_EQUITY, opening))
    extra.append(data_row("Retained Earnings", retained))
    extra.append(data_row("Net Income", net_income))
    equity_total = _vec((1, equity_total), (1, opening), (1, retained), (1, net_income))
    any_data = bool(assets or liabilities or any(equity_total))
    sides.append(
        section("ASSETS", assets, ("TOTAL ASSETS", total_assets), "TotalAssets", width=width)
    )
    inner = []
    inner.append(
        section(
            "Liabilities",
            liabilities,
            ("Total Liabilities", total_liabilities),
            "Liabilities",
            width=width,
        )
    )
    inner.append(
        section(
            "Equity", equity_rows + extra, ("Total Equity", equity_total), "Equity", width=width
        )
    )
    both = _vec((1, total_liabilities), (1, equity_total))
    sides.append(
        section(
            "LIABILITIES AND EQUITY",
            inner,
            ("TOTAL LIABILITIES AND EQUITY", both),
            "TotalLiabilitiesAndEquity",
            width=width,
        )
    )
    return sides, any_data


def trial_balance(books: Books, end) -> tuple[list[dict], bool]:
    """Every account's debit or credit balance at ``end`` (P&L accounts: this fiscal year)."""
    fy = books.fiscal_year_start(end)
    balances: dict[str | None, Decimal] = {}
    for (acc, _), value in books.balances(None, end, "BS").items():
        balances[acc] = balances.get(acc, ZERO) + value
    for (acc, _), value in books.balances(fy, end, "PL").items():
        balances[acc] = balances.get(acc, ZERO) + value
    retained = -_pl_total(books, None, fy - timedelta(days=1))  # debit positive
    order = {t: n for n, t in enumerate(ACCOUNT_GROUPS)}

    def sort_key(acc: str) -> tuple:
        doc = books.accounts.get(acc) or {}
        return order.get(str(doc.get("AccountType")), 99), str(doc.get("FullyQualifiedName"))

    rows = []
    debit = credit = ZERO

    def add(name: str, value: Decimal, ident: str | None) -> None:
        nonlocal debit, credit
        if not value:
            return
        cells = [{"value": name, **({"id": ident} if ident else {})}]
        cells += [{"value": f"{value:.2f}" if value > 0 else ""}]
        cells += [{"value": f"{-value:.2f}" if value < 0 else ""}]
        rows.append({"ColData": cells, "type": "Data"})
        if value > 0:
            debit += value
        else:
            credit -= value

    for acc in sorted((a for a in balances if a is not None), key=sort_key):
        name = str((books.accounts.get(acc) or {}).get("FullyQualifiedName") or acc)
        add(name, balances[acc], acc)
    add(OPENING_EQUITY, balances.get(None, ZERO), None)
    add("Retained Earnings", retained, None)
    rows.append(
        {
            "Summary": {
                "ColData": [
                    {"value": "TOTAL"},
                    {"value": f"{debit:.2f}"},
                    {"value": f"{credit:.2f}"},
                ]
            },
            "type": "Section",
            "group": "GrandTotal",
        }
    )
    return rows, bool(debit or credit)


OPERATING = {
    "Accounts Receivable",
    "Other Current Asset",
    "Accounts Payable",
    "Credit Card",
    "Other Current Liability",
}
INVESTING = {"Fixed Asset", "Other Asset"}
FINANCING = {"Long Term Liability", "Equity"}


def cash_flow(books: Books, cols: list[Col]) -> tuple[list[dict], bool]:
    """Indirect method: net income, then the change of every non-bank balance-sheet account
    (cash effect: a debit balance's increase uses cash), cash = the Bank accounts."""
    width = len(cols)
    before = [Col(c.title, None, c.start - timedelta(days=1), None, c.col_key) for c in cols]
    at_start = _column_sums(books, before, "BS", "", cumulative=True)
    at_end = _column_sums(books, cols, "BS", "", cumulative=True)
    change = [
        {a: -(e.get(a, ZERO) - s.get(a, ZERO)) for a in set(e) | set(s)}
        for s, e in zip(at_start, at_end, strict=True)
    ]
    net_income = [_pl_total(books, c.start, c.end) for c in cols]

    def block(types: set[str], with_opening: bool) -> tuple[list[dict], list[Decimal]]:
        accounts = _accounts_of(books, types)
        values = {a: [ch.get(a, ZERO) for ch in change] for a in accounts}
        rows, total = account_rows(books, accounts, values, width, full_names=True)
        if with_opening:
            opening = [ch.get(None, ZERO) for ch in change]
            if any(opening):
                rows.append(data_row(OPENING_EQUITY, opening))
                total = _vec((1, total), (1, opening))
        return rows, total

    adj_rows, adj_total = block(OPERATING, False)
    adj_title = "Adjustments to reconcile Net Income to Net Cash provided by operations:"
    operating_rows = [{**data_row("Net Income", net_income), "group": "NetIncome"}]
    if adj_rows:
        operating_rows.append(
            section(
                adj_title,
                adj_rows,
                (f"Total {adj_title}", adj_total),
                "OperatingAdjustments",
                width=width,
            )
        )
    operating = _vec((1, net_income), (1, adj_total))
    rows = [
        section(
            "OPERATING ACTIVITIES",
            operating_rows,
            ("Net cash provided by operating activities", operating),
            "OperatingActivities",
            width=width,
        )
    ]
    net = operating
    for title, types, group, opening in (
        ("INVESTING ACTIVITIES", INVESTING, "InvestingActivities", False),
        ("FINANCING ACTIVITIES", FINANCING, "FinancingActivities", True),
    ):
        body, total = block(types, opening)
        if body:
            label = f"Net cash provided by {title.split()[0].lower()} activities"
            rows.append(section(title, body, (label, total), group, width=width))
        net = _vec((1, net), (1, total))
    bank = set(_accounts_of(books, {"Bank"}))
    begin = [sum((v for a, v in s.items() if a in bank), ZERO) for s in at_start]
    end = [sum((v for a, v in e.items() if a in bank), ZERO) for e in at_end]
    rows.append(section(None, [], ("Net cash increase for period", net), "CashIncrease"))
    rows.append(section(None, [], ("Cash at beginning of period", begin), "BeginningCash"))
    rows.append(section(None, [], ("Cash at end of period", end), "EndingCash"))
    has = any(net_income) or any(any(ch.values()) for ch in change) or any(end)
    return rows, bool(has)

"""OpenAPI examples: one small, realistic report per type, as the API answers it.

Built as unified `Report`s (so tests can check they validate and that their totals add up) and
rendered with the fields the gateway adds.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from drf_spectacular.utils import OpenApiExample

from unified_models import (
    Report,
    ReportBasis,
    ReportColumn,
    ReportColumnKind,
    ReportRow,
    ReportRowKind,
    ReportTimeframe,
    ReportType,
)

__all__ = ["EXAMPLE_REPORTS", "example_for"]

LINKED_ACCOUNT = "0c6a4f0e-5b1d-4e8a-9f3c-2d7e1a6b8c40"
GENERATED_AT = "2026-11-30T09:15:02Z"
_IDS = {  # provider account / contact id → the Ledgerlink id the gateway fills in
    "acc-090": "2b8e4c1d-7a3f-5e60-9c21-4d5e6f708192",
    "acc-610": "4c2e6a8b-0d1f-5a3c-8e5b-7d9f1a3c5e70",
    "acc-800": "6e4a8c0d-2f1b-5c3e-9a7d-1b3d5f7a9c21",
    "acc-820": "8a6c0e2f-4b3d-5e5a-9c9f-3d5f7b9c1e43",
    "acc-970": "1d3f5b7d-9f1b-5d3f-8b7d-5f7b9d1f3b65",
    "acc-200": "1f3e5d7c-9b2a-5c4e-8d6f-0a2c4e6b8d1f",
    "acc-310": "3a5c7e9b-1d3f-5a7c-9e1b-3d5f7a9c1e87",
    "acc-429": "5c7e9a1b-3d5f-5c7e-8a1b-5d7f9b1d3f09",
    "acc-493": "7e9a1c3d-5f7b-5e9a-9c3d-7f9b1d3f5b2a",
    "con-bayside": "3f9a1d0e-6a43-5d0c-9f0e-1c2b3a4d5e6f",
    "con-ridgeway": "5b1d3f5a-7c9e-5b1d-8f5a-9c1e3a5c7e4c",
}


def _m(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _account(code: str, name: str, *values: str | None) -> ReportRow:
    return ReportRow(
        id=f"acct:acc-{code}",
        kind=ReportRowKind.ACCOUNT,
        name=name,
        values=[_m(v) for v in values],
        account_remote_id=f"acc-{code}",
        account_code=code,
    )


def _total(row_id: str, name: str, sum_of: list[str], *values: str) -> ReportRow:
    return ReportRow(
        id=row_id,
        kind=ReportRowKind.TOTAL,
        name=name,
        values=[_m(v) for v in values],
        sum_of=sum_of,
    )


def _section(row_id: str, name: str, rows: list[ReportRow]) -> ReportRow:
    return ReportRow(id=row_id, kind=ReportRowKind.SECTION, name=name, rows=rows)


def _date_column(day: dt.date) -> ReportColumn:
    return ReportColumn(
        id=day.isoformat(), kind=ReportColumnKind.PERIOD, label=f"{day:%d %b %Y}", end_date=day
    )


def balance_sheet() -> Report:
    day = dt.date(2026, 11, 30)
    return Report(
        type=ReportType.BALANCE_SHEET,
        currency="GBP",
        basis=ReportBasis.ACCRUAL,
        date=day,
        columns=[_date_column(day)],
        rows=[
            _section(
                "assets",
                "Assets",
                [
                    _account("090", "Business Bank Account", "12480.00"),
                    _account("610", "Accounts Receivable", "4260.00"),
                    _total(
                        "total.assets", "Total Assets", ["acct:acc-090", "acct:acc-610"], "16740.00"
                    ),
                ],
            ),
            _section(
                "liabilities",
                "Liabilities",
                [
                    _account("800", "Accounts Payable", "1920.00"),
                    _account("820", "VAT", "710.00"),
                    _total(
                        "total.liabilities",
                        "Total Liabilities",
                        ["acct:acc-800", "acct:acc-820"],
                        "2630.00",
                    ),
                ],
            ),
            _section(
                "equity",
                "Equity",
                [
                    _account("970", "Owner A Funds Introduced", "10000.00"),
                    ReportRow(
                        id="current_year_earnings",
                        kind=ReportRowKind.LINE,
                        name="Current Year Earnings",
                        values=[Decimal("4110.00")],
                    ),
                    _total(
                        "total.equity",
                        "Total Equity",
                        ["acct:acc-970", "current_year_earnings"],
                        "14110.00",
                    ),
                ],
            ),
            _total("net_assets", "Net Assets", ["total.assets", "-total.liabilities"], "14110.00"),
        ],
        remote_name="Balance Sheet",
        remote_generated_at=dt.datetime(2026, 11, 30, 9, 15, tzinfo=dt.UTC),
    )


def profit_and_loss() -> Report:
    q4 = ReportColumn(
        id="2026-Q4",
        kind=ReportColumnKind.PERIOD,
        label="Oct-Dec 2026",
        start_date=dt.date(2026, 10, 1),
        end_date=dt.date(2026, 12, 31),
    )
    q3 = ReportColumn(
        id="2026-Q3",
        kind=ReportColumnKind.PERIOD,
        label="Jul-Sep 2026",
        start_date=dt.date(2026, 7, 1),
        end_date=dt.date(2026, 9, 30),
    )
    return Report(
        type=ReportType.PROFIT_AND_LOSS,
        currency="GBP",
        basis=ReportBasis.ACCRUAL,
        start_date=dt.date(2026, 10, 1),
        end_date=dt.date(2026, 12, 31),
        periods=2,
        timeframe=ReportTimeframe.QUARTER,
        columns=[q4, q3],
        rows=[
            _section(
                "income",
                "Income",
                [
                    _account("200", "Sales", "18400.00", "15250.00"),
                    _total(
                        "total.income", "Total Income", ["acct:acc-200"], "18400.00", "15250.00"
                    ),
                ],
            ),
            _section(
                "cost_of_sales",
                "Cost of Sales",
                [
                    _account("310", "Cost of Goods Sold", "5200.00", "4900.00"),
                    _total(
                        "total.cost_of_sales",
                        "Total Cost of Sales",
                        ["acct:acc-310"],
                        "5200.00",
                        "4900.00",
                    ),
                ],
            ),
            _total(
                "gross_profit",
                "Gross Profit",
                ["total.income", "-total.cost_of_sales"],
                "13200.00",
                "10350.00",
            ),
            _section(
                "expenses",
                "Operating Expenses",
                [
                    _account("429", "General Expenses", "3600.00", "2100.00"),
                    _account("493", "Travel - National", "1240.00", "380.00"),
                    _total(
                        "total.expenses",
                        "Total Operating Expenses",
                        ["acct:acc-429", "acct:acc-493"],
                        "4840.00",
                        "2480.00",
                    ),
                ],
            ),
            _total(
                "net_profit",
                "Net Profit",
                ["gross_profit", "-total.expenses"],
                "8360.00",
                "7870.00",
            ),
        ],
        remote_name="Profit and Loss",
    )


def trial_balance() -> Report:
    day = dt.date(2026, 11, 30)
    return Report(
        type=ReportType.TRIAL_BALANCE,
        currency="GBP",
        date=day,
        columns=[_date_column(day)],
        rows=[
            _section(
                "accounts",
                "Accounts",
                [
                    _account("090", "Business Bank Account", "12480.00"),
                    _account("610", "Accounts Receivable", "4260.00"),
                    _account("800", "Accounts Payable", "-1920.00"),
                    _account("820", "VAT", "-710.00"),
                    _account("970", "Owner A Funds Introduced", "-10000.00"),
                    _account("200", "Sales", "-9860.00"),
                    _account("429", "General Expenses", "5750.00"),
                ],
            ),
            _total(
                "total",
                "Total (debit positive, credit negative)",
                [f"acct:acc-{c}" for c in ("090", "610", "800", "820", "970", "200", "429")],
                "0.00",
            ),
        ],
        remote_name="Trial Balance",
    )


def _aged(kind: ReportType) -> Report:
    day = dt.date(2026, 11, 30)
    buckets = [
        ("current", "Current", 0, 0),
        ("1-30", "1 - 30 days", 1, 30),
        ("31-60", "31 - 60 days", 31, 60),
        ("61-90", "61 - 90 days", 61, 90),
        (">90", "Older than 90 days", 91, None),
    ]
    columns = [
        ReportColumn(id=i, kind=ReportColumnKind.BUCKET, label=lbl, min_days=lo, max_days=hi)
        for i, lbl, lo, hi in buckets
    ] + [ReportColumn(id="total", kind=ReportColumnKind.TOTAL, label="Total")]

    def contact(remote_id: str, name: str, *values: str) -> ReportRow:
        return ReportRow(
            id=f"contact:{remote_id}",
            kind=ReportRowKind.CONTACT,
            name=name,
            values=[_m(v) for v in values],
            contact_remote_id=remote_id,
        )

    receivable = kind is ReportType.AGED_RECEIVABLES
    return Report(
        type=kind,
        currency="GBP",
        date=day,
        columns=columns,
        rows=[
            contact(
                "con-bayside",
                "Bayside Club",
                "360.00",
                "1200.00",
                "0.00",
                "0.00",
                "0.00",
                "1560.00",
            )
            if receivable
            else contact(
                "con-ridgeway",
                "Ridgeway Supplies",
                "1200.00",
                "720.00",
                "0.00",
                "0.00",
                "0.00",
                "1920.00",
            ),
            contact(
                "con-ridgeway",
                "Ridgeway Supplies",
                "2100.00",
                "0.00",
                "0.00",
                "600.00",
                "0.00",
                "2700.00",
            )
            if receivable
            else contact(
                "con-bayside", "Bayside Club", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"
            ),
            _total(
                "total",
                "Total",
                ["contact:con-bayside", "contact:con-ridgeway"],
                *(
                    ["2460.00", "1200.00", "0.00", "600.00", "0.00", "4260.00"]
                    if receivable
                    else ["1200.00", "720.00", "0.00", "0.00", "0.00", "1920.00"]
                ),
            ),
        ],
        remote_name="Aged Receivables By Contact" if receivable else "Aged Payables By Contact",
    )


def cash_flow() -> Report:
    month = ReportColumn(
        id="2026-11",
        kind=ReportColumnKind.PERIOD,
        label="Nov 2026",
        start_date=dt.date(2026, 11, 1),
        end_date=dt.date(2026, 11, 30),
    )

    def line(row_id: str, name: str, value: str) -> ReportRow:
        return ReportRow(id=row_id, kind=ReportRowKind.LINE, name=name, values=[_m(value)])

    return Report(
        type=ReportType.CASH_FLOW,
        currency="GBP",
        start_date=dt.date(2026, 11, 1),
        end_date=dt.date(2026, 11, 30),
        columns=[month],
        rows=[
            _section(
                "operating",
                "Operating Activities",
                [
                    line("net_profit", "Net Profit", "2840.00"),
                    _account("610", "Accounts Receivable", "-1560.00"),
                    _account("800", "Accounts Payable", "720.00"),
                    _account("820", "VAT", "310.00"),
                    _total(
                        "total.operating",
                        "Net Cash from Operating Activities",
                        ["net_profit", "acct:acc-610", "acct:acc-800", "acct:acc-820"],
                        "2310.00",
                    ),
                ],
            ),
            _section(
                "financing",
                "Financing Activities",
                [
                    _account("970", "Owner A Funds Introduced", "1000.00"),
                    _total(
                        "total.financing",
                        "Net Cash from Financing Activities",
                        ["acct:acc-970"],
                        "1000.00",
                    ),
                ],
            ),
            _total(
                "net_change",
                "Net Change in Cash",
                ["total.operating", "total.financing"],
                "3310.00",
            ),
            line("cash_start", "Cash at Beginning of Period", "9170.00"),
            _total("cash_end", "Cash at End of Period", ["cash_start", "net_change"], "12480.00"),
        ],
        derived=True,
        remote_name="Cash flow (derived by Ledgerlink from the balance sheets and P&L)",
    )


EXAMPLE_REPORTS = {
    ReportType.BALANCE_SHEET: balance_sheet,
    ReportType.PROFIT_AND_LOSS: profit_and_loss,
    ReportType.TRIAL_BALANCE: trial_balance,
    ReportType.AGED_RECEIVABLES: lambda: _aged(ReportType.AGED_RECEIVABLES),
    ReportType.AGED_PAYABLES: lambda: _aged(ReportType.AGED_PAYABLES),
    ReportType.CASH_FLOW: cash_flow,
}

_TITLES = {
    ReportType.BALANCE_SHEET: "A small balance sheet",
    ReportType.PROFIT_AND_LOSS: "Profit and loss, two quarters compared",
    ReportType.TRIAL_BALANCE: "A trial balance netting to zero",
    ReportType.AGED_RECEIVABLES: "Aged receivables by contact, with buckets",
    ReportType.AGED_PAYABLES: "Aged payables by contact, with buckets",
    ReportType.CASH_FLOW: "A derived cash flow statement (indirect method)",
}


def answer_body(report: Report) -> dict[str, Any]:
    """The report as the API answers it (Ledgerlink ids filled, freshness fields added)."""
    body: dict[str, Any] = {"linked_account": LINKED_ACCOUNT, **report.model_dump(mode="json")}
    body.pop("remote_data", None)
    stack = list(body["rows"])
    while stack:
        row = stack.pop()
        row["account"] = _IDS.get(row["account_remote_id"]) if row["account_remote_id"] else None
        row["contact"] = _IDS.get(row["contact_remote_id"]) if row["contact_remote_id"] else None
        stack.extend(row["rows"])
    body["generated_at"] = GENERATED_AT
    body["cached"] = False
    return body


def example_for(report: ReportType) -> OpenApiExample:
    return OpenApiExample(
        _TITLES[report], value=answer_body(EXAMPLE_REPORTS[report]()), response_only=True
    )

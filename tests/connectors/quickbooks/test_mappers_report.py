"""QuickBooks report payloads (recorded from the sandbox: fixtures/quickbooks/record_reports.py)
→ unified reports: goldens, the column order and kinds, row ids and totals, and the identities
on the unified output (totals = their ``sum_of``, the balance sheet balances, the trial balance
nets to zero, aged receivables / payables = A/R / A/P on the balance sheet)."""

from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from connectors.quickbooks.mappers_report import report_from_qbo
from connectors.quickbooks.reports import REPORT_RULES, report_params
from unified_models import (
    Report,
    ReportBasis,
    ReportColumnKind,
    ReportRequest,
    ReportRowKind,
    ReportTimeframe,
    ReportType,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "quickbooks"
GOLDEN = FIXTURES / "golden"
D = dt.date
Q1 = {"start_date": D(2025, 1, 1), "end_date": D(2025, 3, 31)}

REQUESTS = {
    "us_profitandloss": ReportRequest(type=ReportType.PROFIT_AND_LOSS, **Q1),
    "us_profitandloss_month": ReportRequest(
        type=ReportType.PROFIT_AND_LOSS,
        start_date=D(2025, 3, 1),
        end_date=D(2025, 3, 31),
        periods=3,
        timeframe=ReportTimeframe.MONTH,
    ),
    "us_profitandloss_classes": ReportRequest(
        type=ReportType.PROFIT_AND_LOSS, tracking_category_remote_id="5000000000000019", **Q1
    ),
    "us_profitandloss_cash": ReportRequest(
        type=ReportType.PROFIT_AND_LOSS, basis=ReportBasis.CASH, **Q1
    ),
    "us_balancesheet": ReportRequest(type=ReportType.BALANCE_SHEET, date=D(2025, 3, 31)),
    "us_balancesheet_month": ReportRequest(
        type=ReportType.BALANCE_SHEET,
        date=D(2025, 3, 31),
        periods=3,
        timeframe=ReportTimeframe.MONTH,
    ),
    "us_trialbalance": ReportRequest(type=ReportType.TRIAL_BALANCE, date=D(2025, 3, 31)),
    "us_cashflow_month": ReportRequest(
        type=ReportType.CASH_FLOW,
        start_date=D(2025, 3, 1),
        end_date=D(2025, 3, 31),
        periods=3,
        timeframe=ReportTimeframe.MONTH,
    ),
    "us_agedreceivables": ReportRequest(type=ReportType.AGED_RECEIVABLES, date=D(2025, 3, 31)),
    "us_agedpayables": ReportRequest(type=ReportType.AGED_PAYABLES, date=D(2025, 3, 31)),
    "uk_balancesheet": ReportRequest(type=ReportType.BALANCE_SHEET, date=D(2025, 6, 30)),
    "uk_profitandloss_departments": ReportRequest(
        type=ReportType.PROFIT_AND_LOSS,
        start_date=D(2024, 4, 1),
        end_date=D(2025, 3, 31),
        tracking_category_remote_id="Department:1",
    ),
}


def _load(name: str) -> dict:
    return json.loads((FIXTURES / f"reports_sandbox_{name}.json").read_text())


def _map(name: str) -> Report:
    return report_from_qbo(_load(name), REQUESTS[name])


def _rows(report: Report) -> dict:
    return {row.id: row for row in report.walk()}


def _check_totals(report: Report) -> None:
    rows = _rows(report)
    assert len(rows) == len(list(report.walk())), "row ids are unique"
    for row in rows.values():
        assert len(row.values) == len(report.columns) or row.kind == ReportRowKind.SECTION
        if row.kind != ReportRowKind.TOTAL:
            continue
        assert row.sum_of, row.id
        for col in range(len(report.columns)):
            expected = Decimal(0)
            for ref in row.sum_of:
                sign, key = (-1, ref[1:]) if ref.startswith("-") else (1, ref)
                expected += sign * (rows[key].values[col] or 0)
            assert (row.values[col] or 0) == expected, (row.id, col)


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_fixture_maps_to_golden(name):
    report = _map(name)
    _check_totals(report)
    got = report.model_dump(mode="json", exclude={"remote_data"})
    golden = GOLDEN / f"reports_sandbox_{name}.json"
    if os.environ.get("RECORD_FIXTURES") == "1":
        golden.write_text(json.dumps(got, indent=2, sort_keys=True) + "\n")
    assert got == json.loads(golden.read_text())
    assert report.remote_data == _load(name)


def test_profit_and_loss_sections_and_net_profit():
    report = _map("us_profitandloss")
    rows = _rows(report)
    assert [r.id for r in report.rows] == [
        "income",
        "cost_of_sales",
        "gross_profit",
        "expenses",
        "net_operating_income",
        "net_profit",
    ]
    assert rows["gross_profit"].sum_of == ["total.income", "-total.cost_of_sales"]
    assert rows["acct:1"].account_remote_id == "1" and rows["acct:1"].kind == ReportRowKind.ACCOUNT
    # a parent with a sub-account: a section headed by the parent, its total summing the child
    legal = rows["sect:10"]
    assert legal.kind == ReportRowKind.SECTION and legal.account_remote_id == "10"
    assert rows["total.sect:10"].sum_of == ["acct:12"]
    assert report.basis == ReportBasis.ACCRUAL and report.currency == "USD"
    assert rows["net_profit"].values == [Decimal("2363.01")]


def test_periods_come_out_newest_first_without_the_cross_period_total():
    report = _map("us_profitandloss_month")
    assert [c.id for c in report.columns] == ["2025-03-31", "2025-02-28", "2025-01-31"]
    assert all(c.kind == ReportColumnKind.PERIOD for c in report.columns)
    assert report.columns[1].start_date == D(2025, 2, 1)
    raw = _load("us_profitandloss_month")
    net = next(r for r in raw["Rows"]["Row"] if r.get("group") == "NetIncome")
    printed = [Decimal(c["value"]) for c in net["Summary"]["ColData"][1:]]  # Jan, Feb, Mar, Total
    assert _rows(report)["net_profit"].values == [printed[2], printed[1], printed[0]]
    assert sum(printed[:3]) == printed[3]


def test_classes_breakdown_is_tracking_columns_then_total():
    report = _map("us_profitandloss_classes")
    kinds = [c.kind for c in report.columns]
    assert kinds[-1] == ReportColumnKind.TOTAL
    assert set(kinds[:-1]) == {ReportColumnKind.TRACKING}
    named = {c.tracking_option_remote_id: c for c in report.columns[:-1]}
    assert named["5000000000000019"].tracking_option_name == "Landscaping"
    assert named["5000000000000019"].tracking_category_remote_id == "5000000000000019"
    assert None in named  # documents without a class ("Not Specified")
    for row in report.walk():
        if row.kind in (ReportRowKind.ACCOUNT, ReportRowKind.TOTAL):
            parts = sum((v or 0 for v in row.values[:-1]), Decimal(0))
            assert parts == (row.values[-1] or 0), row.id


def test_departments_breakdown_names_department_ids():
    report = _map("uk_profitandloss_departments")
    ids = {c.tracking_category_remote_id for c in report.columns[:-1]}
    assert ids <= {"Department:1", "Department:2", None}


def test_balance_sheet_balances_and_carries_current_year_earnings():
    for name in ("us_balancesheet", "us_balancesheet_month", "uk_balancesheet"):
        report = _map(name)
        rows = _rows(report)
        assert rows["current_year_earnings"].kind == ReportRowKind.LINE
        assets = rows["total.assets"].values
        other = rows["total.liabilities_and_equity"].values
        assert assets == other and all(v is not None for v in assets), name
        assert rows["total.liabilities_and_equity"].sum_of == [
            "total.liabilities",
            "total.equity",
        ]
    month = _map("us_balancesheet_month")
    assert [c.end_date for c in month.columns] == [D(2025, 3, 31), D(2025, 2, 28), D(2025, 1, 31)]
    assert all(c.start_date is None for c in month.columns)


def test_current_year_earnings_equal_the_profit_and_loss_of_the_year():
    bs = _rows(_map("us_balancesheet"))  # fiscal year from January: Q1 is the year to date
    pl = _rows(_map("us_profitandloss"))
    assert bs["current_year_earnings"].values == pl["net_profit"].values


def test_trial_balance_is_one_signed_column_netting_to_zero():
    report = _map("us_trialbalance")
    assert len(report.columns) == 1 and report.date == D(2025, 3, 31)
    rows = _rows(report)
    assert rows["total"].values == [Decimal(0)]
    assert rows["acct:35"].values[0] > 0  # checking: a debit
    assert rows["acct:1"].values[0] < 0  # income: a credit
    raw = _load("us_trialbalance")["Rows"]["Row"][-1]["Summary"]["ColData"]
    assert raw[1]["value"] == raw[2]["value"]


def test_aged_reports_buckets_contacts_and_the_balance_sheet():
    bs = _rows(_map("us_balancesheet"))
    for name, account in (("us_agedreceivables", "acct:84"), ("us_agedpayables", "acct:33")):
        report = _map(name)
        assert [c.id for c in report.columns] == [
            "current",
            "1-30",
            "31-60",
            "61-90",
            ">90",
            "total",
        ]
        assert report.columns[4].min_days == 91 and report.columns[4].max_days is None
        rows = _rows(report)
        contacts = [r for r in report.walk() if r.kind == ReportRowKind.CONTACT]
        assert contacts and rows["total"].values[-1] == bs[account].values[0]
    payables = [r for r in _map("us_agedpayables").walk() if r.kind == ReportRowKind.CONTACT]
    assert all(r.contact_remote_id.startswith("Vendor:") for r in payables)


def test_cash_flow_reconciles_cash():
    report = _map("us_cashflow_month")
    rows = _rows(report)
    assert rows["cash_at_end"].sum_of == ["cash_at_start", "net_cash_change"]
    assert rows["cash_at_start"].kind == ReportRowKind.LINE
    # the newest column starts where the one before it ends
    assert rows["cash_at_start"].values[0] == rows["cash_at_end"].values[1]


def test_request_parameters():
    today = D(2025, 5, 5)
    params = report_params(REQUESTS["us_profitandloss_month"], today)
    assert params["start_date"] == "2025-01-01" and params["end_date"] == "2025-03-31"
    assert params["summarize_column_by"] == "Month" and params["minorversion"]
    bs = report_params(REQUESTS["us_balancesheet_month"], today)
    assert (bs["start_date"], bs["end_date"]) == ("2025-01-01", "2025-03-31")
    assert report_params(REQUESTS["us_profitandloss_cash"], today)["accounting_method"] == "Cash"
    klass = report_params(REQUESTS["us_profitandloss_classes"], today)
    assert klass["summarize_column_by"] == "Classes"
    dept = report_params(REQUESTS["uk_profitandloss_departments"], today)
    assert dept["summarize_column_by"] == "Departments"
    aged = report_params(
        ReportRequest(type=ReportType.AGED_PAYABLES, date=today, contact_remote_id="Vendor:4"),
        today,
    )
    assert aged["vendor"] == "4" and aged["report_date"] == "2025-05-05"
    from connectors.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        report_params(
            REQUESTS["us_profitandloss_month"].model_copy(
                update={"tracking_category_remote_id": "5000000000000019"}
            ),
            today,
        )


def test_rules_describe_every_report():
    described = REPORT_RULES.describe()
    assert all(described[t.value]["offered"] for t in ReportType)
    assert REPORT_RULES.problems(
        ReportRequest(type=ReportType.AGED_RECEIVABLES, basis=ReportBasis.CASH)
    )


def test_intuit_shapes_without_summaries_or_row_types():
    """Shapes Intuit's documentation shows: data rows without ``type``, an adjustments section
    without its own Summary (its parent's total then names its rows), an id-less equity line."""
    body = {
        "Header": {
            "ReportName": "CashFlow",
            "StartPeriod": "2016-01-01",
            "EndPeriod": "2016-10-31",
            "SummarizeColumnsBy": "Total",
            "Currency": "USD",
            "Time": "2016-10-31T09:42:21-07:00",
        },
        "Columns": {
            "Column": [
                {"ColTitle": "", "ColType": "Account"},
                {"ColTitle": "Total", "ColType": "Money"},
            ]
        },
        "Rows": {
            "Row": [
                {
                    "Header": {"ColData": [{"value": "OPERATING ACTIVITIES"}, {"value": ""}]},
                    "Rows": {
                        "Row": [
                            {
                                "ColData": [{"value": "Net Income"}, {"value": "100.00"}],
                                "group": "NetIncome",
                            },
                            {
                                "Header": {"ColData": [{"value": "Adjustments"}, {"value": ""}]},
                                "Rows": {
                                    "Row": [
                                        {
                                            "ColData": [
                                                {"id": "33", "value": "A/P"},
                                                {"value": "300.00"},
                                            ]
                                        }
                                    ]
                                },
                                "type": "Section",
                                "group": "OperatingAdjustments",
                            },
                        ]
                    },
                    "Summary": {"ColData": [{"value": "Net cash"}, {"value": "400.00"}]},
                    "type": "Section",
                    "group": "OperatingActivities",
                },
                {
                    "Summary": {
                        "ColData": [{"value": "Cash at end of period"}, {"value": "400.00"}]
                    },
                    "type": "Section",
                    "group": "EndingCash",
                },
            ]
        },
    }
    request = ReportRequest(
        type=ReportType.CASH_FLOW, start_date=D(2016, 1, 1), end_date=D(2016, 10, 31)
    )
    report = report_from_qbo(body, request)
    rows = _rows(report)
    assert rows["total.operating"].sum_of == ["operating.net_income", "acct:33"]
    assert rows["acct:33"].values == [Decimal("300.00")]
    # its operands (cash at start, net change) are not in this report: a plain line
    assert rows["cash_at_end"].kind == ReportRowKind.LINE and rows["cash_at_end"].sum_of == []
    assert report.remote_generated_at is not None and report.columns[0].start_date == D(2016, 1, 1)

"""Xero report payloads → unified reports (pure): recorded sandbox reports (UK in GBP: a
three-month balance sheet, two quarters of P&L, P&L by tracking category, trial balance, aged
receivables and payables of one contact; AU in AUD with an NZD bank account) and Xero's own
OpenAPI examples, mapped to golden files; every total equals its ``sum_of``; the identities
hold on the unified output; the derived cash flow from hand-made reports."""

from __future__ import annotations

import json
import os
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from connectors.errors import ProviderError
from connectors.jsonutil import loads
from connectors.xero import cash_flow, mappers_report
from connectors.xero import report_shapes as shapes
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

from .test_xero_reports_sandbox import assert_totals_add_up, rows_by_id, value

FIXTURES = Path(__file__).parents[1] / "fixtures" / "xero"
GOLDEN = FIXTURES / "golden"
END = date(2024, 3, 31)
ZERO = Decimal("0.00")


def xero_report(name: str) -> dict:
    return loads((FIXTURES / f"{name}.json").read_bytes())["Reports"][0]


def _options() -> dict[str, str]:
    body = loads((FIXTURES / "report_sandbox_uk_tracking_categories.json").read_bytes())
    category = body["TrackingCategories"][0]
    return {o["Name"]: o["TrackingOptionID"] for o in category["Options"]}


def _category() -> str:
    body = loads((FIXTURES / "report_sandbox_uk_tracking_categories.json").read_bytes())
    return body["TrackingCategories"][0]["TrackingCategoryID"]


CONTACT = "00000000-0000-0000-0000-0000000000c1"

#: fixture → (request, builder)
CASES: dict[str, tuple[ReportRequest, Any]] = {
    "report_sandbox_uk_balance_sheet_3_months": (
        ReportRequest(
            type=ReportType.BALANCE_SHEET, date=END, periods=3, timeframe=ReportTimeframe.MONTH
        ),
        lambda req, rep: shapes.balance_sheet_from_xero(req, rep, "GBP"),
    ),
    "report_sandbox_uk_profit_and_loss_2_quarters": (
        ReportRequest(
            type=ReportType.PROFIT_AND_LOSS,
            start_date=date(2024, 1, 1),
            end_date=END,
            periods=2,
            timeframe=ReportTimeframe.QUARTER,
        ),
        lambda req, rep: shapes.profit_and_loss_from_xero(req, rep, "GBP"),
    ),
    "report_sandbox_uk_profit_and_loss_by_tracking": (
        ReportRequest(
            type=ReportType.PROFIT_AND_LOSS,
            start_date=date(2024, 1, 1),
            end_date=END,
            tracking_category_remote_id=_category(),
        ),
        lambda req, rep: shapes.profit_and_loss_from_xero(req, rep, "GBP", _options()),
    ),
    "report_sandbox_uk_trial_balance": (
        ReportRequest(type=ReportType.TRIAL_BALANCE, date=END),
        lambda req, rep: shapes.trial_balance_from_xero(req, rep, "GBP"),
    ),
    "report_openapi_trial_balance": (
        ReportRequest(type=ReportType.TRIAL_BALANCE, date=date(2019, 4, 24)),
        lambda req, rep: shapes.trial_balance_from_xero(req, rep, "USD"),
    ),
    "report_sandbox_uk_aged_receivables_by_contact": (
        ReportRequest(type=ReportType.AGED_RECEIVABLES, date=END),
        lambda req, rep: shapes.aged_from_xero(req, [(CONTACT, "", rep)], "GBP"),
    ),
    "report_sandbox_uk_aged_payables_by_contact": (
        ReportRequest(type=ReportType.AGED_PAYABLES, date=END),
        lambda req, rep: shapes.aged_from_xero(req, [(CONTACT, "", rep)], "GBP"),
    ),
    "report_openapi_aged_receivables_by_contact": (
        ReportRequest(type=ReportType.AGED_RECEIVABLES, date=date(2019, 4, 23)),
        lambda req, rep: shapes.aged_from_xero(req, [(CONTACT, "ABC", rep)], "USD"),
    ),
    "report_sandbox_au_balance_sheet": (
        ReportRequest(type=ReportType.BALANCE_SHEET, date=END),
        lambda req, rep: shapes.balance_sheet_from_xero(req, rep, "AUD"),
    ),
    "report_sandbox_au_profit_and_loss": (
        ReportRequest(type=ReportType.PROFIT_AND_LOSS, start_date=date(2023, 7, 1), end_date=END),
        lambda req, rep: shapes.profit_and_loss_from_xero(req, rep, "AUD"),
    ),
}


def mapped(name: str) -> Report:
    request, build = CASES[name]
    return build(request, xero_report(name))


def test_every_report_fixture_has_a_case():
    recorded = {p.stem for p in FIXTURES.glob("report_*.json")} - {
        "report_sandbox_uk_tracking_categories"
    }
    assert recorded == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_report_maps_to_golden(name: str) -> None:
    report = mapped(name)
    assert_totals_add_up(report)
    got = report.model_dump(mode="json", exclude={"remote_data", "remote_generated_at"})
    golden_path = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDENS"):
        golden_path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
    assert golden_path.exists(), f"no golden for {name}: review, then run with UPDATE_GOLDENS=1"
    assert got == json.loads(golden_path.read_text())


def test_balance_sheet_identities_on_the_unified_output():
    for name in ("report_sandbox_uk_balance_sheet_3_months", "report_sandbox_au_balance_sheet"):
        bs = mapped(name)
        for i in range(len(bs.columns)):
            assert value(bs, "total.assets", i) == value(bs, "total.liabilities", i) + value(
                bs, "total.equity", i
            )
    bs = mapped("report_sandbox_uk_balance_sheet_3_months")
    assert [c.end_date for c in bs.columns] == [END, date(2024, 2, 29), date(2024, 1, 31)]
    accounts = [r for r in bs.walk() if r.kind == ReportRowKind.ACCOUNT]
    assert accounts and all(r.id == f"acct:{r.account_remote_id}" for r in accounts)
    au = mapped("report_sandbox_au_balance_sheet")
    assert au.currency == "AUD"
    assert "NZD Account" in {r.name for r in au.walk()}  # a foreign bank account, in AUD


def test_profit_and_loss_periods_newest_first_and_net_profit():
    pl = mapped("report_sandbox_uk_profit_and_loss_2_quarters")
    assert [(c.start_date, c.end_date) for c in pl.columns] == [
        (date(2024, 1, 1), END),
        (date(2023, 10, 1), date(2023, 12, 31)),
    ]
    assert rows_by_id(pl)["net_profit"].sum_of[0] == "gross_profit"
    for i in range(2):
        assert value(pl, "net_profit", i) == (
            value(pl, "total.income", i)
            - value(pl, "total.cost_of_sales", i)
            + value(pl, "total.other_income", i)
            - value(pl, "total.expenses", i)
        )


def test_tracking_columns_carry_the_option_ids():
    pl = mapped("report_sandbox_uk_profit_and_loss_by_tracking")
    options = _options()
    tracking = [c for c in pl.columns if c.kind == ReportColumnKind.TRACKING]
    assert [c.tracking_option_remote_id for c in tracking] == [*options.values(), None]
    assert pl.columns[-1].kind == ReportColumnKind.TOTAL
    for row in pl.walk():
        if row.values:
            assert sum((v or ZERO for v in row.values[:-1]), ZERO) == (row.values[-1] or ZERO)


def test_trial_balance_is_one_signed_column_netting_to_zero():
    tb = mapped("report_sandbox_uk_trial_balance")
    accounts = [r for r in tb.walk() if r.kind == ReportRowKind.ACCOUNT]
    assert sum((r.values[0] for r in accounts), ZERO) == ZERO == value(tb, "total")
    sales = next(r for r in accounts if r.name == "Sales")
    assert sales.account_code == "200" and sales.values[0] < 0  # a credit
    assert tb.remote_data["Rows"][0]["Cells"][3]["Value"] == "YTD Debit"


def test_aged_items_bucketed_by_days_past_due():
    ar = mapped("report_sandbox_uk_aged_receivables_by_contact")
    (contact,) = [r for r in ar.rows if r.kind == ReportRowKind.CONTACT]
    items, closing = mappers_report.aged_items(
        xero_report("report_sandbox_uk_aged_receivables_by_contact")["Rows"]
    )
    assert contact.values[-1] == closing == sum((d for _, d in items), ZERO) != ZERO
    openapi = mapped("report_openapi_aged_receivables_by_contact")
    (row,) = [r for r in openapi.rows if r.kind == ReportRowKind.CONTACT]
    # IV1242016 due 2018-06-22 (305 days past due on 2019-04-23), INV-0086 due 2019-05-07
    assert row.values == [Decimal("50.00"), ZERO, ZERO, ZERO, Decimal("100.00"), Decimal("150.00")]
    assert [mappers_report.bucket_of(d) for d in (-3, 0, 1, 30, 31, 60, 61, 90, 91)] == [
        0,
        0,
        1,
        1,
        2,
        2,
        3,
        3,
        4,
    ]


def test_column_count_mismatch_is_a_provider_error():
    request = ReportRequest(type=ReportType.BALANCE_SHEET, date=END, periods=2)
    with pytest.raises(ProviderError, match="columns"):
        shapes.balance_sheet_from_xero(
            request, xero_report("report_sandbox_uk_balance_sheet_3_months"), "GBP"
        )


def test_amounts_as_xero_prints_them():
    assert mappers_report.amount("1,234.50") == Decimal("1234.50")
    assert mappers_report.amount("(12.00)") == Decimal("-12.00")
    assert mappers_report.amount("") is None and mappers_report.amount("n/a") is None


def _bs(bank: str, receivable: str, payable: str, earnings: str, capital: str) -> Report:
    def acct(key: str, amount: str) -> ReportRow:
        return ReportRow(
            id=f"acct:{key}",
            kind=ReportRowKind.ACCOUNT,
            name=key,
            values=[Decimal(amount)],
            account_remote_id=key,
        )

    return Report(
        type=ReportType.BALANCE_SHEET,
        columns=[ReportColumn(id="p0", kind=ReportColumnKind.PERIOD, label="x")],
        rows=[
            ReportRow(
                id="assets",
                kind=ReportRowKind.SECTION,
                name="Assets",
                rows=[
                    ReportRow(
                        id="assets.bank",
                        kind=ReportRowKind.SECTION,
                        name="Bank",
                        rows=[acct("bank", bank)],
                    ),
                    ReportRow(
                        id="assets.current_assets",
                        kind=ReportRowKind.SECTION,
                        name="Current Assets",
                        rows=[acct("ar", receivable)],
                    ),
                ],
            ),
            ReportRow(
                id="liabilities",
                kind=ReportRowKind.SECTION,
                name="Liabilities",
                rows=[
                    ReportRow(
                        id="liabilities.current_liabilities",
                        kind=ReportRowKind.SECTION,
                        name="Current Liabilities",
                        rows=[acct("ap", payable)],
                    )
                ],
            ),
            ReportRow(
                id="equity",
                kind=ReportRowKind.SECTION,
                name="Equity",
                rows=[
                    ReportRow(
                        id="equity.current_year_earnings",
                        kind=ReportRowKind.LINE,
                        name="Current Year Earnings",
                        values=[Decimal(earnings)],
                    ),
                    acct("capital", capital),
                ],
            ),
        ],
    )


def test_cash_flow_indirect_method_ties_cash():
    opening = _bs("100.00", "50.00", "30.00", "20.00", "100.00")  # 150 = 30 + 20 + 100
    closing = _bs("185.00", "80.00", "45.00", "70.00", "150.00")  # 265 = 45 + 70 + 150
    pl = Report(
        type=ReportType.PROFIT_AND_LOSS,
        columns=[ReportColumn(id="p0", kind=ReportColumnKind.PERIOD, label="x")],
        rows=[
            ReportRow(
                id="net_profit", kind=ReportRowKind.TOTAL, name="Net", values=[Decimal("50.00")]
            )
        ],
    )
    rows = cash_flow.derive(pl, opening, closing)
    report = Report(type=ReportType.CASH_FLOW, columns=pl.columns, rows=rows, derived=True)
    assert_totals_add_up(report)
    assert value(report, "operating.net_profit") == Decimal("50.00")
    assert value(report, "acct:ar") == Decimal("-30.00")  # receivables grew: cash not in yet
    assert value(report, "acct:ap") == Decimal("15.00")
    assert value(report, "total.operating") == Decimal("35.00")
    assert value(report, "acct:capital") == Decimal("50.00")  # financing
    assert value(report, "net_change") == Decimal("85.00")
    assert value(report, "cash_at_start") == Decimal("100.00")
    assert value(report, "cash_at_end") == Decimal("185.00")
    assert "financing.current_year_earnings" not in rows_by_id(report)

"""The QuickBooks sandbox's financial reports over HTTP: the identities on its own output (both
companies, both bases, several dates), Intuit's refusals, figures moving when a bill and a
journal entry are added, and the connector's fetch_report end to end."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from unified_models import ReportBasis, ReportRequest, ReportRowKind, ReportTimeframe, ReportType

from .test_sandbox import link
from .test_sandbox_reference import fault_of, post

DATES = ("2024-12-31", "2025-01-20", "2025-03-31")


@pytest.fixture(params=["us", "uk"])
def api(request, quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect(request.param)
    handle = quickbooks_sandbox.api(tokens["access_token"], realm)
    handle.key = request.param
    return handle


def report(api, name: str, **params: str) -> dict[str, Any]:
    response = api.get(f"reports/{name}", params={**params, "minorversion": 75})
    assert response.status_code == 200, response.text
    return response.json()


def _d(cell: dict) -> Decimal:
    return Decimal(cell["value"] or "0")


def summary(body: dict, group: str) -> list[Decimal]:
    """The Summary values of the section of ``group`` anywhere in the report."""
    stack = list(body["Rows"]["Row"])
    while stack:
        row = stack.pop()
        if row.get("group") == group and "Summary" in row:
            return [_d(c) for c in row["Summary"]["ColData"][1:]]
        stack.extend((row.get("Rows") or {}).get("Row") or [])
    raise KeyError(group)


def line(body: dict, label: str = "", ident: str = "") -> list[Decimal]:
    stack = list(body["Rows"]["Row"])
    while stack:
        row = stack.pop()
        cells = row.get("ColData")
        if cells and (cells[0]["value"] == label or (ident and cells[0].get("id") == ident)):
            return [_d(c) for c in cells[1:]]
        stack.extend((row.get("Rows") or {}).get("Row") or [])
    return []


def check_sections_add_up(rows: list[dict]) -> None:
    """Each section's Summary = its data rows + its sub-sections' summaries."""
    for row in rows:
        inner = (row.get("Rows") or {}).get("Row") or []
        check_sections_add_up(inner)
        if "Header" not in row or "Summary" not in row:
            continue
        width = len(row["Summary"]["ColData"]) - 1
        sums = [Decimal(0)] * width
        for child in inner:
            cells = child["Summary"]["ColData"] if "Summary" in child else child["ColData"]
            sums = [s + _d(c) for s, c in zip(sums, cells[1:], strict=True)]
        assert [_d(c) for c in row["Summary"]["ColData"][1:]] == sums, row["Header"]


@pytest.mark.parametrize("method", ["Accrual", "Cash"])
def test_identities_on_the_sandbox_output(api, method):
    fiscal_start = "01-01" if api.key == "us" else "04-01"
    for day in DATES:
        bs = report(api, "BalanceSheet", end_date=day, accounting_method=method)
        check_sections_add_up(bs["Rows"]["Row"])
        assert summary(bs, "TotalAssets") == summary(bs, "TotalLiabilitiesAndEquity"), day
        year = int(day[:4]) - (1 if f"{day[5:]}" < fiscal_start else 0)
        pl = report(
            api,
            "ProfitAndLoss",
            start_date=f"{year}-{fiscal_start}",
            end_date=day,
            accounting_method=method,
        )
        check_sections_add_up(pl["Rows"]["Row"])
        assert summary(pl, "NetIncome") == line(bs, "Net Income"), day
        tb = report(api, "TrialBalance", end_date=day, accounting_method=method)
        total = tb["Rows"]["Row"][-1]["Summary"]["ColData"]
        assert total[1]["value"] == total[2]["value"], day
        debits = sum(_d(r["ColData"][1]) for r in tb["Rows"]["Row"][:-1])
        assert debits == Decimal(total[1]["value"])
        if method == "Accrual":
            for aged, account in (("AgedReceivables", "84"), ("AgedPayables", "33")):
                body = report(api, aged, report_date=day)
                grand = summary(body, "GrandTotal")[-1]
                assert grand == (line(bs, ident=account) or [Decimal(0)])[0], (aged, day)
    flow = report(
        api,
        "CashFlow",
        start_date="2025-01-01",
        end_date="2025-06-30",
        summarize_column_by="Month",
        accounting_method=method,
    )
    begin, change, end = (summary(flow, g) for g in ("BeginningCash", "CashIncrease", "EndingCash"))
    assert [b + c for b, c in zip(begin, change, strict=True)] == end
    assert begin[1:-1] == end[: len(end) - 2]  # each month starts where the last one ended


def test_multi_period_columns_add_up_to_the_total(api):
    body = report(
        api,
        "ProfitAndLoss",
        start_date="2025-01-01",
        end_date="2025-03-31",
        summarize_column_by="Month",
    )
    titles = [c["ColTitle"] for c in body["Columns"]["Column"]]
    assert titles == ["", "Jan 2025", "Feb 2025", "Mar 2025", "Total"]
    net = summary(body, "NetIncome")
    assert sum(net[:3]) == net[3]
    meta = {m["Name"]: m["Value"] for m in body["Columns"]["Column"][2]["MetaData"]}
    assert meta == {"StartDate": "2025-02-01", "EndDate": "2025-02-28", "ColKey": "Feb 2025"}


def test_cash_basis_recognises_income_as_paid(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("us")
    api = quickbooks_sandbox.api(tokens["access_token"], realm)
    accrual = report(api, "ProfitAndLoss", start_date="2025-01-01", end_date="2025-12-31")
    cash = report(
        api,
        "ProfitAndLoss",
        start_date="2025-01-01",
        end_date="2025-12-31",
        accounting_method="Cash",
    )
    assert cash["Header"]["ReportBasis"] == "Cash"
    assert summary(cash, "Income")[0] < summary(accrual, "Income")[0]
    bs = report(api, "BalanceSheet", end_date="2025-12-31", accounting_method="Cash")
    receivable = line(bs, ident="84")
    assert not receivable or receivable[0] <= 0  # only unapplied payments are left on A/R


def test_refusals_are_intuit_faults(api):
    bad = api.get("reports/ProfitAndLoss", params={"summarize_column_by": "Weeks"})
    assert fault_of(bad)["code"] == "2170"
    bad = api.get("reports/BalanceSheet", params={"accounting_method": "Modified"})
    assert fault_of(bad)["code"] == "2170"
    bad = api.get("reports/ProfitAndLoss", params={"start_date": "2025-02-30"})
    assert fault_of(bad)["element"] == "start_date"
    bad = api.get("reports/GeneralLedgerDetail")
    assert bad.status_code == 400


def test_a_bill_and_a_journal_entry_move_the_profit_and_loss(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("us")
    api = quickbooks_sandbox.api(tokens["access_token"], realm)
    span = {"start_date": "2025-04-01", "end_date": "2025-04-30"}
    before = report(api, "ProfitAndLoss", **span)
    bs_before = report(api, "BalanceSheet", end_date="2025-04-30")
    quickbooks_sandbox.control.create(
        "us",
        "Bill",
        TxnDate="2025-04-10",
        DueDate="2025-05-10",
        VendorRef={"value": "3"},
        APAccountRef={"value": "33"},
        TotalAmt=80.0,
        Balance=80.0,
        Line=[
            {
                "Amount": 80.0,
                "DetailType": "AccountBasedExpenseLineDetail",
                "AccountBasedExpenseLineDetail": {"AccountRef": {"value": "24"}},
            }
        ],
    )
    made = post(
        api,
        "journalentry",
        {
            "TxnDate": "2025-04-20",
            "Line": [
                {
                    "Amount": 25.0,
                    "DetailType": "JournalEntryLineDetail",
                    "JournalEntryLineDetail": {
                        "PostingType": "Debit",
                        "AccountRef": {"value": "11"},
                    },
                },
                {
                    "Amount": 25.0,
                    "DetailType": "JournalEntryLineDetail",
                    "JournalEntryLineDetail": {
                        "PostingType": "Credit",
                        "AccountRef": {"value": "35"},
                    },
                },
            ],
        },
    )
    assert made.status_code == 200, made.text
    after = report(api, "ProfitAndLoss", **span)
    gas = (line(before, ident="24") or [Decimal(0)])[0]
    insurance = (line(before, ident="11") or [Decimal(0)])[0]
    assert line(after, ident="24")[0] == gas + 80
    assert line(after, ident="11")[0] == insurance + 25
    assert summary(after, "NetIncome")[0] == summary(before, "NetIncome")[0] - 105
    bs = report(api, "BalanceSheet", end_date="2025-04-30")
    assert line(bs, ident="33")[0] == line(bs_before, ident="33")[0] + 80
    assert line(bs, ident="35")[0] == line(bs_before, ident="35")[0] - 25
    assert summary(bs, "TotalAssets") == summary(bs, "TotalLiabilitiesAndEquity")
    aged = report(api, "AgedPayables", report_date="2025-04-30")
    assert summary(aged, "GrandTotal")[-1] == line(bs, ident="33")[0]


def test_fetch_report_through_the_connector(quickbooks_sandbox):
    connector = link(quickbooks_sandbox, "us").connector()
    bs = connector.fetch_report(
        ReportRequest(
            type=ReportType.BALANCE_SHEET,
            date=__import__("datetime").date(2025, 3, 31),
            periods=3,
            timeframe=ReportTimeframe.MONTH,
        )
    )
    rows = {r.id: r for r in bs.walk()}
    assert len(bs.columns) == 3 and bs.columns[0].end_date.isoformat() == "2025-03-31"
    assert rows["total.assets"].values == rows["total.liabilities_and_equity"].values
    pl = connector.fetch_report(
        ReportRequest(
            type=ReportType.PROFIT_AND_LOSS,
            start_date=__import__("datetime").date(2025, 1, 1),
            end_date=__import__("datetime").date(2025, 3, 31),
            basis=ReportBasis.ACCRUAL,
        )
    )
    assert {r.id: r for r in pl.walk()}["net_profit"].values == [
        rows["current_year_earnings"].values[0]
    ]
    aged = connector.fetch_report(
        ReportRequest(
            type=ReportType.AGED_RECEIVABLES, date=__import__("datetime").date(2025, 3, 31)
        )
    )
    contacts = [r for r in aged.walk() if r.kind == ReportRowKind.CONTACT]
    assert (
        contacts and {r.id: r for r in aged.walk()}["total"].values[-1] == rows["acct:84"].values[0]
    )
    queries = quickbooks_sandbox.control.counters()["requests"]
    assert queries.get("reports", 0) >= 3


@pytest.mark.parametrize("kind", ["Receivable", "Payable"])
def test_aged_detail_lists_the_open_transactions_of_the_summary(api, kind):
    day = "2025-03-31"
    detail = report(api, f"Aged{kind}Detail", report_date=day)
    summary_body = report(api, f"Aged{kind}s", report_date=day)
    titles = [c["ColTitle"] for c in detail["Columns"]["Column"]]
    assert titles[:3] == ["Date", "Transaction Type", "Num"] and titles[-1] == "Open Balance"
    sections = [r for r in detail["Rows"]["Row"] if "Header" in r]
    opened = sum(_d(r["ColData"][-1]) for s in sections for r in s["Rows"]["Row"])
    assert opened == summary(detail, "GrandTotal")[-1] == summary(summary_body, "GrandTotal")[-1]
    assert {s["Header"]["ColData"][0]["value"] for s in sections} <= {
        "Current",
        "1 - 30 days past due",
        "31 - 60 days past due",
        "61 - 90 days past due",
        "91 or more days past due",
    }
    header = {o["Name"]: o["Value"] for o in detail["Header"]["Option"]}
    assert header["report_date"] == day


def test_aged_report_narrowed_to_one_contact(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("us")
    api = quickbooks_sandbox.api(tokens["access_token"], realm)
    body = report(api, "AgedReceivables", report_date="2025-03-31", customer="8")
    data = [r for r in body["Rows"]["Row"] if "ColData" in r]
    assert [r["ColData"][0]["id"] for r in data] == ["8"]  # Maple Leaf Outfitters (CAD)
    assert body["Header"]["Customer"] == "8"
    detail = report(api, "AgedReceivableDetail", report_date="2025-03-31", customer="8")
    items = [r["ColData"] for s in detail["Rows"]["Row"] if "Header" in s for r in s["Rows"]["Row"]]
    # the CAD invoice ages in home currency: 900.00 CAD at 0.7412
    invoice = next(i for i in items if i[2]["value"] == "1008")
    assert invoice[-1]["value"] == "667.08" and invoice[3]["id"] == "8"
    assert sum(_d(i[-1]) for i in items) == summary(body, "GrandTotal")[-1]


def test_runaway_requests_are_refused(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("us")
    api = quickbooks_sandbox.api(tokens["access_token"], realm)
    wide = api.get(
        "reports/ProfitAndLoss",
        params={
            "start_date": "1900-01-01",
            "end_date": "2199-12-31",
            "summarize_column_by": "Month",
        },
    )
    assert "Too many columns" in fault_of(wide)["Detail"]
    far = api.get("reports/BalanceSheet", params={"end_date": "9999-12-31"})
    assert fault_of(far)["element"] == "end_date"
    aging = api.get("reports/AgedReceivables", params={"aging_period": "0"})
    assert fault_of(aging)["code"] == "2170"


def test_fetch_report_rides_out_throttling_and_outages(quickbooks_sandbox):
    connector = link(quickbooks_sandbox, "us").connector()
    ctl = quickbooks_sandbox.control
    ctl.reset_counters()
    ctl.faults(
        [{"prefix": f"/v3/company/{connector.tenant_id}/reports", "status": 503, "times": 2}]
    )
    try:
        report_ = connector.fetch_report(
            ReportRequest(
                type=ReportType.TRIAL_BALANCE, date=__import__("datetime").date(2025, 3, 31)
            )
        )
    finally:
        ctl.clear_faults()
    assert {r.id: r for r in report_.walk()}["total"].values == [Decimal(0)]
    assert ctl.counters()["faults"] == 2  # both outages were answered, then retried


def test_date_macros_and_defaults(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("uk")  # fiscal year from April
    api = quickbooks_sandbox.api(tokens["access_token"], realm)
    body = report(api, "ProfitAndLoss", date_macro="Last Calendar Year")
    head = body["Header"]
    assert head["DateMacro"] == "last calendar year" and head["Currency"] == "GBP"
    assert int(head["StartPeriod"][:4]) == int(head["EndPeriod"][:4])
    assert head["StartPeriod"][5:] == "01-01" and head["EndPeriod"][5:] == "12-31"
    only_end = report(api, "BalanceSheet", end_date="2025-06-30")["Header"]
    assert only_end["StartPeriod"] == "2025-04-01"  # the fiscal year to that date
    bad = api.get("reports/ProfitAndLoss", params={"date_macro": "Someday"})
    assert fault_of(bad)["element"] == "date_macro"

"""The sandbox's financial reports: Xero's Reports format (validated against Xero's OpenAPI),
computed from the sandbox's books so the identities hold on the raw output (balance sheet
balances, net profit = current year earnings, trial balance nets to zero, aged reports sum to
the control accounts), bulk-seeded books included; Xero's parameters, limits and scopes."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from tests.plugins.sandbox import DEFAULT_SCOPE

from .schemas import validate

REPORT_SCOPES = (
    "accounting.reports.balancesheet.read accounting.reports.profitandloss.read "
    "accounting.reports.trialbalance.read accounting.reports.aged.read"
)
END = "2024-03-31"
ZERO = Decimal("0.00")


@pytest.fixture
def api(xero_sandbox):
    tokens = xero_sandbox.connect(tenants=["uk", "us"], scope=f"{DEFAULT_SCOPE} {REPORT_SCOPES}")
    return lambda tenant="uk": xero_sandbox.api(tokens["access_token"], tenant)


def report(api, name: str, **params) -> dict:
    response = api.get(f"Reports/{name}", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    validate(body, "ReportWithRows")
    (only,) = body["Reports"]
    assert only["ReportType"] == name and only["Rows"][0]["RowType"] == "Header"
    return only


def line(report_body: dict, name: str) -> list[Decimal]:
    """The figures of the row (or summary row) named ``name``."""
    for section in report_body["Rows"]:
        for row in section.get("Rows") or ():
            if row["Cells"][0]["Value"] == name:
                return [Decimal(c["Value"] or "0") for c in row["Cells"][1:]]
    raise KeyError(name)


def account_ids(report_body: dict) -> set[str]:
    return {
        a["Value"]
        for section in report_body["Rows"]
        for row in section.get("Rows") or ()
        for cell in row["Cells"]
        for a in cell.get("Attributes") or ()
        if a["Id"] == "account"
    }


def aged_total(api, side: str, date: str) -> Decimal:
    """Every contact's closing balance: Xero's aged report is per contact."""
    total = ZERO
    contacts = api.get("Contacts", params={"summaryOnly": "true"}).json()["Contacts"]
    page = 2
    while len(contacts) % 100 == 0 and contacts:
        more = api.get("Contacts", params={"summaryOnly": "true", "page": page}).json()["Contacts"]
        if not more:
            break
        contacts += more
        page += 1
    for contact in contacts:
        body = report(api, f"Aged{side}ByContact", contactId=contact["ContactID"], date=date)
        total += line(body, "Closing Balance")[6]
    return total


def check_identities(api, date: str = END) -> None:
    bs = report(api, "BalanceSheet", date=date)
    assert line(bs, "Total Assets") == [
        a + b for a, b in zip(line(bs, "Total Liabilities"), line(bs, "Total Equity"), strict=True)
    ]
    tb = report(api, "TrialBalance", date=date)
    debit, credit, ytd_debit, ytd_credit = line(tb, "Total")
    assert debit == credit and ytd_debit == ytd_credit and ytd_debit > 0
    assert aged_total(api, "Receivables", date) == line(bs, "Accounts Receivable")[0]
    assert aged_total(api, "Payables", date) == line(bs, "Accounts Payable")[0]


@pytest.mark.parametrize("tenant", ["uk", "us"])
def test_reports_tie_out_on_the_demo_books(api, tenant):
    check_identities(api(tenant))


@pytest.mark.parametrize("tenant", ["uk", "us"])
def test_cash_basis_ties_out_and_follows_payments(api, tenant):
    """``paymentsOnly=true``: income and expenses as payments settle documents."""
    books = api(tenant)
    cash = {"paymentsOnly": "true"}
    bs = report(books, "BalanceSheet", date=END, **cash)
    assert line(bs, "Total Assets") == [
        a + b for a, b in zip(line(bs, "Total Liabilities"), line(bs, "Total Equity"), strict=True)
    ]
    start = "2023-04-01" if tenant == "uk" else "2024-01-01"
    pl = report(books, "ProfitAndLoss", fromDate=start, toDate=END, **cash)
    accrual = report(books, "ProfitAndLoss", fromDate=start, toDate=END)
    assert line(pl, "Net Profit") == line(bs, "Current Year Earnings")
    assert line(pl, "Total Income")[0] < line(accrual, "Total Income")[0]  # unpaid invoices
    debit, credit, ytd_debit, ytd_credit = line(
        report(books, "TrialBalance", date=END, **cash), "Total"
    )
    assert debit == credit and ytd_debit == ytd_credit
    # Paying an unpaid invoice in full brings its income (net of tax) into the cash basis only.
    invoice = next(
        i
        for i in books.get("Invoices", params={"Statuses": "AUTHORISED"}).json()["Invoices"]
        if i["Type"] == "ACCREC"
        and Decimal(str(i["AmountPaid"])) == Decimal(str(i["AmountCredited"])) == 0
        and Decimal(str(i["CurrencyRate"])) == 1
    )
    payment = {
        "Invoice": {"InvoiceID": invoice["InvoiceID"]},
        "Account": {"Code": "090"},
        "Amount": str(invoice["AmountDue"]),
        "Date": "2024-03-20",
    }
    assert books.put("Payments", json={"Payments": [payment]}).status_code == 200
    after = report(books, "ProfitAndLoss", fromDate=start, toDate=END, **cash)
    moved = line(after, "Total Income")[0] - line(pl, "Total Income")[0]
    assert moved == Decimal(str(invoice["SubTotal"]))
    unchanged = report(books, "ProfitAndLoss", fromDate=start, toDate=END)
    assert line(unchanged, "Net Profit") == line(accrual, "Net Profit")


def test_bulk_seeded_books_tie_out_too(xero_sandbox):
    xero_sandbox.control.reset(invoices=400, contacts=40, payments=60)
    xero_sandbox.control.set_limits(minute=1000)  # one aged report per contact and side
    tokens = xero_sandbox.connect(tenants=["uk"], scope=f"{DEFAULT_SCOPE} {REPORT_SCOPES}")
    uk = xero_sandbox.api(tokens["access_token"], "uk")
    check_identities(uk, "2025-03-31")  # the bulk invoices are dated from 1 January 2024 on
    pl = report(uk, "ProfitAndLoss", fromDate="2024-04-01", toDate="2025-03-31")
    bs = report(uk, "BalanceSheet", date="2025-03-31")
    assert line(pl, "Net Profit") == line(bs, "Current Year Earnings")
    assert line(pl, "Total Income")[0] > Decimal("10000")  # the bulk invoices are in it


def test_balance_sheet_periods_and_profit_and_loss_of_the_year(api):
    uk = api()
    bs = report(uk, "BalanceSheet", date=END, periods=2, timeframe="MONTH")
    assert [c["Value"] for c in bs["Rows"][0]["Cells"]] == [
        "",
        "31 Mar 2024",
        "29 Feb 2024",
        "31 Jan 2024",
    ]
    assert bs["ReportTitles"] == ["Balance Sheet", "Demo Company (UK)", "As at 31 March 2024"]
    # The UK organisation's year ends on 31 March.
    pl = report(uk, "ProfitAndLoss", fromDate="2023-04-01", toDate=END)
    assert line(pl, "Net Profit") == line(bs, "Current Year Earnings")[:1]
    assert (
        line(pl, "Gross Profit")[0]
        == line(pl, "Total Income")[0] - line(pl, "Total Cost of Sales")[0]
    )
    quarters = report(
        uk, "ProfitAndLoss", fromDate="2024-01-01", toDate=END, periods=1, timeframe="QUARTER"
    )
    assert [c["Value"] for c in quarters["Rows"][0]["Cells"]] == ["", "31 Mar 2024", "31 Dec 2023"]
    assert account_ids(pl) <= {a["AccountID"] for a in uk.get("Accounts").json()["Accounts"]}


def test_profit_and_loss_by_tracking_category(api):
    uk = api()
    category = uk.get("TrackingCategories").json()["TrackingCategories"][0]
    pl = report(
        uk,
        "ProfitAndLoss",
        fromDate="2024-01-01",
        toDate=END,
        trackingCategoryID=category["TrackingCategoryID"],
    )
    header = [c["Value"] for c in pl["Rows"][0]["Cells"]][1:]
    assert header == [o["Name"] for o in category["Options"]] + ["Unassigned", "Total"]
    for section in pl["Rows"][1:]:
        for row in section["Rows"]:
            values = [Decimal(c["Value"]) for c in row["Cells"][1:]]
            assert sum(values[:-1], ZERO) == values[-1]
    option = category["Options"][0]["TrackingOptionID"]
    only = report(uk, "ProfitAndLoss", fromDate="2024-01-01", toDate=END, trackingOptionID=option)
    assert line(only, "Net Profit") == line(pl, "Net Profit")[:1]


def test_aged_by_contact_lists_open_items(api):
    uk = api()
    invoices = uk.get(
        "Invoices", params={"Statuses": "AUTHORISED", "where": 'Type=="ACCREC"'}
    ).json()["Invoices"]
    invoice = next(i for i in invoices if Decimal(str(i["AmountPaid"])) > 0)
    body = report(
        uk, "AgedReceivablesByContact", contactId=invoice["Contact"]["ContactID"], date=END
    )
    items = {
        row["Cells"][0]["Attributes"][0]["Value"]: [c["Value"] for c in row["Cells"]]
        for row in body["Rows"][2]["Rows"]
        if row["RowType"] == "Row"
    }
    cells = items[invoice["InvoiceID"]]
    assert cells[1] == invoice["InvoiceNumber"]
    assert Decimal(cells[5]) == Decimal(str(invoice["AmountPaid"]))
    assert Decimal(cells[7]) == Decimal(str(invoice["AmountDue"]))
    assert cells[3].endswith("days overdue")
    before = report(
        uk, "AgedReceivablesByContact", contactId=invoice["Contact"]["ContactID"], date="2023-12-31"
    )
    assert line(before, "Closing Balance")[6] == ZERO


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("AgedReceivablesByContact", {}, "contactId is required"),
        ("AgedPayablesByContact", {"contactId": "nope"}, "not a valid contactId"),
        ("BalanceSheet", {"periods": "12"}, "between 1 and 11"),
        ("ProfitAndLoss", {"timeframe": "WEEK"}, "MONTH, QUARTER or YEAR"),
        ("ProfitAndLoss", {"fromDate": "2024-03-01", "toDate": "2024-02-01"}, "fromDate"),
        (
            "ProfitAndLoss",
            {"trackingCategoryID": "00000000-0000-0000-0000-000000000000"},
            "not found",
        ),
        ("BalanceSheet", {"date": "2024-13-01"}, "not a valid date"),
    ],
)
def test_bad_parameters_are_xero_validation_errors(api, name, params, message):
    response = api().get(f"Reports/{name}", params=params)
    assert response.status_code == 400
    body = response.json()
    assert body["Type"] == "ValidationException"
    assert message in body["Elements"][0]["ValidationErrors"][0]["Message"]


def test_reports_need_a_report_scope(xero_sandbox):
    tokens = xero_sandbox.connect(
        tenants=["uk"], scope=f"{DEFAULT_SCOPE} accounting.reports.aged.read"
    )
    uk = xero_sandbox.api(tokens["access_token"], "uk")
    assert uk.get("Reports/BalanceSheet").status_code == 401
    contact = uk.get("Contacts").json()["Contacts"][0]["ContactID"]
    assert (
        uk.get("Reports/AgedReceivablesByContact", params={"contactId": contact}).status_code == 200
    )


def test_xero_python_sdk_reads_a_balance_sheet_and_an_aged_report(xero_sandbox):
    """Xero's own SDK, an independent client, parses the sandbox's reports."""
    from xero_python.accounting import AccountingApi
    from xero_python.api_client import ApiClient
    from xero_python.api_client.configuration import Configuration
    from xero_python.api_client.oauth2 import OAuth2Token

    tokens = xero_sandbox.connect(tenants=["uk"], scope=f"{DEFAULT_SCOPE} {REPORT_SCOPES}")
    token = {**tokens, "scope": tokens["scope"].split(), "expires_at": time.time() + 600}
    client = ApiClient(
        Configuration(
            oauth2_token=OAuth2Token(
                client_id=xero_sandbox.client_id, client_secret=xero_sandbox.client_secret
            )
        ),
        pool_threads=1,
        oauth2_token_getter=lambda: token,
        oauth2_token_saver=lambda new: token.update(new),
    )
    api = AccountingApi(client, base_url=xero_sandbox.api_url)
    tenant = xero_sandbox.tenant_id("uk")
    body = api.get_report_balance_sheet(tenant, date="2024-03-31", periods=2, timeframe="MONTH")
    (bs,) = body.reports
    assert bs.report_type == "BalanceSheet" and len(bs.rows[0].cells) == 4
    sections = {row.title: row for row in bs.rows if row.row_type.value == "Section"}
    bank = sections["Bank"].rows
    assert bank[0].cells[0].attributes[0].id == "account"
    totals = {
        row.cells[0].value: Decimal(row.cells[1].value)
        for section in bs.rows[1:]
        for row in section.rows or []
        if row.row_type.value == "SummaryRow"
    }
    assert totals["Total Assets"] == totals["Total Liabilities"] + totals["Total Equity"]
    contact = xero_sandbox.api(tokens["access_token"], "uk").get("Contacts").json()["Contacts"][0]
    aged = api.get_report_aged_receivables_by_contact(
        tenant, contact_id=contact["ContactID"], date="2024-03-31"
    ).reports[0]
    assert aged.report_type == "AgedReceivablesByContact"
    assert [c.value for c in aged.rows[0].cells][-1] == "Due"


def test_an_invoice_moves_sales_receivables_and_the_contacts_aged_report(api):
    uk = api()
    contact = uk.get("Contacts").json()["Contacts"][0]["ContactID"]
    sales = next(a for a in uk.get("Accounts").json()["Accounts"] if a["Code"] == "200")

    def figures() -> tuple[Decimal, Decimal, Decimal]:
        pl = report(uk, "ProfitAndLoss", fromDate="2024-03-01", toDate=END)
        bs = report(uk, "BalanceSheet", date=END)
        aged = report(uk, "AgedReceivablesByContact", contactId=contact, date=END)
        try:
            sold = line(pl, sales["Name"])[0]
        except KeyError:  # no sales in the month yet: Xero prints no row
            sold = ZERO
        return (
            sold,
            line(bs, "Accounts Receivable")[0],
            line(aged, "Closing Balance")[6],
        )

    before = figures()
    invoice = {
        "Type": "ACCREC",
        "Status": "AUTHORISED",
        "Contact": {"ContactID": contact},
        "Date": "2024-03-10",
        "DueDate": "2024-03-20",
        "LineAmountTypes": "Exclusive",
        "LineItems": [
            {"Description": "Work", "Quantity": 2, "UnitAmount": 150, "AccountCode": "200"}
        ],
    }
    created = uk.put("Invoices", json={"Invoices": [invoice]})
    assert created.status_code == 200, created.text
    total = Decimal(str(created.json()["Invoices"][0]["Total"]))
    after = figures()
    assert after[0] - before[0] == Decimal("300.00")  # net of tax, on the Sales line
    assert after[1] - before[1] == total == after[2] - before[2]  # gross, receivable and aged
    assert total > Decimal("300.00")  # the UK's default sales tax

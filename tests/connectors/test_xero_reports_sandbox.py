"""The Xero connector's reports against the sandbox: the identities on the unified output
(balance sheet balances, net profit = current year earnings, trial balance nets to zero, aged
receivables = the receivables account, derived cash flow ties cash), tracking columns, figures
moving when a bill or a journal is added, and the scopes reports need."""

from __future__ import annotations

import base64
import hashlib
from datetime import date
from decimal import Decimal

import pytest

from connectors.credentials import InMemoryCredentialStore
from connectors.errors import PermissionDenied
from connectors.limiter import InProcessLimiter
from connectors.oauth import new_code_verifier, new_state
from connectors.xero import XeroProvider
from unified_models import (
    Report,
    ReportBasis,
    ReportRequest,
    ReportRowKind,
    ReportTimeframe,
    ReportType,
)

from .test_sandbox import Linked, settings_for

ZERO = Decimal("0.00")
END = date(2024, 3, 31)


def rows_by_id(report: Report) -> dict:
    found = {}
    for row in report.walk():
        assert row.id not in found, f"duplicate row id {row.id}"
        found[row.id] = row
    return found


def assert_totals_add_up(report: Report) -> None:
    """Every TOTAL equals the signed sum of the rows it names, in every column."""
    rows = rows_by_id(report)
    for row in report.walk():
        assert len(row.values) in (0, len(report.columns)), row.id
        if row.kind != ReportRowKind.TOTAL:
            continue
        for i, value in enumerate(row.values):
            parts = ZERO
            for ref in row.sum_of:
                sign = -1 if ref.startswith("-") else 1
                parts += sign * (rows[ref.lstrip("-")].values[i] or ZERO)
            assert parts == (value or ZERO), (row.id, i, parts, value)


def value(report: Report, row_id: str, column: int = 0) -> Decimal:
    """A row's figure (zero when the report prints no such row: Xero leaves out empty
    sections and accounts)."""
    row = rows_by_id(report).get(row_id)
    return (row.values[column] or ZERO) if row is not None else ZERO


def link_granting(sb, scope: str | None = None, tenants=("uk", "us"), **settings) -> Linked:
    """A consent granting ``scope`` (default: everything the provider asks for, the report
    scopes among them; the sandbox's own helper grants a fixed list)."""
    provider = XeroProvider(settings_for(sb, **settings), limiter=InProcessLimiter())
    verifier, state = new_code_verifier(), new_state()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    code = sb.authorize(
        tenants=list(tenants),
        state=state,
        code_challenge=challenge.decode(),
        scope=scope or " ".join(provider.scopes_for()),
    )
    creds = provider.exchange_code(code, sb.redirect_uri, verifier)
    by_id = {t.id: t for t in provider.list_tenants(creds)}
    return Linked(
        provider, InMemoryCredentialStore(creds), [by_id[sb.tenant_id(t)] for t in tenants]
    )


@pytest.fixture
def linked(xero_sandbox) -> Linked:
    return link_granting(xero_sandbox)


@pytest.fixture
def conn(linked):
    return linked.connector()


def fetch(conn, type_, **kw) -> Report:
    report = conn.fetch_report(ReportRequest(type=type_, **kw))
    assert_totals_add_up(report)
    return report


def test_balance_sheet_balances_every_period(conn):
    bs = fetch(conn, ReportType.BALANCE_SHEET, date=END, periods=3, timeframe=ReportTimeframe.MONTH)
    assert [c.end_date for c in bs.columns] == [END, date(2024, 2, 29), date(2024, 1, 31)]
    assert bs.currency == "GBP" and bs.remote_id == "BalanceSheet"
    assert {"total.assets", "total.liabilities", "total.equity", "net_assets"} <= set(
        rows_by_id(bs)
    )
    for i in range(3):
        assert value(bs, "total.assets", i) == value(bs, "total.liabilities", i) + value(
            bs, "total.equity", i
        )
        assert value(bs, "net_assets", i) == value(bs, "total.equity", i)


#: The last day of each demo organisation's financial year holding END, and its first day.
YEAR_STARTS = {"uk": date(2023, 4, 1), "us": date(2024, 1, 1)}


@pytest.mark.parametrize("tenant", [0, 1])
def test_net_profit_of_the_year_is_current_year_earnings(linked, tenant):
    conn = linked.connector(tenant)
    bs = fetch(conn, ReportType.BALANCE_SHEET, date=END)
    start = YEAR_STARTS["uk" if tenant == 0 else "us"]
    pl = fetch(conn, ReportType.PROFIT_AND_LOSS, start_date=start, end_date=END)
    assert pl.columns[0].start_date == start and pl.columns[0].end_date == END
    assert value(pl, "net_profit") == value(bs, "equity.current_year_earnings")
    assert value(pl, "net_profit") != ZERO
    assert value(pl, "gross_profit") == value(pl, "total.income") - value(pl, "total.cost_of_sales")


def test_trial_balance_nets_to_zero(conn):
    tb = fetch(conn, ReportType.TRIAL_BALANCE, date=END)
    accounts = [r for r in tb.walk() if r.kind == ReportRowKind.ACCOUNT]
    assert len(accounts) > 5 and all(r.account_code for r in accounts)
    assert sum((r.values[0] for r in accounts), ZERO) == ZERO
    assert value(tb, "total") == ZERO
    assert tb.remote_data["ReportID"] == "TrialBalance"  # Xero's debit/credit columns kept


def _ar_row(bs: Report, name: str) -> Decimal:
    (row,) = [r for r in bs.walk() if r.kind == ReportRowKind.ACCOUNT and r.name == name]
    return row.values[0] or ZERO


@pytest.mark.parametrize("tenant", [0, 1])
def test_aged_reports_sum_to_the_control_accounts(linked, tenant):
    conn = linked.connector(tenant)
    bs = fetch(conn, ReportType.BALANCE_SHEET, date=END)
    before = conn.calls
    ar = fetch(conn, ReportType.AGED_RECEIVABLES, date=END)
    contacts = [r for r in ar.rows if r.kind == ReportRowKind.CONTACT]
    assert len(contacts) >= 3 and all(r.contact_remote_id for r in contacts)
    # 3 listings (one page each) + one report per contact with documents
    assert conn.calls - before == 3 + ar.remote_data["contacts_called"]
    assert [c.label for c in ar.columns] == ["Current", "1-30", "31-60", "61-90", ">90", "Total"]
    assert value(ar, "total", 5) == _ar_row(bs, "Accounts Receivable")
    ap = fetch(conn, ReportType.AGED_PAYABLES, date=END)
    assert value(ap, "total", 5) == _ar_row(bs, "Accounts Payable")
    for row in contacts:  # each contact's buckets add up to its total
        assert sum(row.values[:5], ZERO) == row.values[5]
    one = fetch(
        conn, ReportType.AGED_RECEIVABLES, date=END, contact_remote_id=contacts[0].contact_remote_id
    )
    assert [r.values for r in one.rows if r.kind == ReportRowKind.CONTACT] == [contacts[0].values]


def test_derived_cash_flow_ties_cash_at_start_and_end(conn):
    cf = fetch(
        conn,
        ReportType.CASH_FLOW,
        start_date=date(2024, 1, 1),
        end_date=END,
        periods=2,
        timeframe=ReportTimeframe.QUARTER,
    )
    assert cf.derived
    assert [(c.start_date, c.end_date) for c in cf.columns] == [
        (date(2024, 1, 1), END),
        (date(2023, 10, 1), date(2023, 12, 31)),
    ]
    closing = fetch(conn, ReportType.BALANCE_SHEET, date=END)
    opening = fetch(conn, ReportType.BALANCE_SHEET, date=date(2023, 12, 31))
    assert value(cf, "cash_at_end") == value(closing, "total.assets.bank")
    assert value(cf, "cash_at_start") == value(opening, "total.assets.bank")
    assert value(cf, "net_change") != ZERO
    # the older quarter ends where the newer one starts
    assert value(cf, "cash_at_end", 1) == value(cf, "cash_at_start", 0)


def test_profit_and_loss_by_tracking_option(conn):
    categories = conn.client.request("GET", "TrackingCategories").json()["TrackingCategories"]
    category = categories[0]
    pl = fetch(
        conn,
        ReportType.PROFIT_AND_LOSS,
        start_date=date(2024, 1, 1),
        end_date=END,
        tracking_category_remote_id=category["TrackingCategoryID"],
    )
    kinds = [c.kind.value for c in pl.columns]
    assert kinds[-1] == "TOTAL" and kinds[:-1] == ["TRACKING"] * (len(kinds) - 1)
    names = {o["Name"]: o["TrackingOptionID"] for o in category["Options"]}
    for column in pl.columns[:-2]:
        assert column.tracking_option_remote_id == names[column.label]
    assert pl.columns[-2].label == "Unassigned"
    tracked = False
    for row in pl.walk():
        if row.values:
            assert sum((v or ZERO for v in row.values[:-1]), ZERO) == (row.values[-1] or ZERO)
            tracked = tracked or any(row.values[:-2])
    assert tracked, "no tracked figure in the demo books"
    plain = fetch(conn, ReportType.PROFIT_AND_LOSS, start_date=date(2024, 1, 1), end_date=END)
    assert value(plain, "net_profit") == value(pl, "net_profit", len(pl.columns) - 1)


def test_a_bill_and_a_journal_move_the_right_lines(xero_sandbox, linked, conn):
    api = xero_sandbox.api(linked.store.load().access_token, "uk")
    accounts = {a["Code"]: a for a in api.get("Accounts").json()["Accounts"]}
    contact = api.get("Contacts").json()["Contacts"][0]["ContactID"]
    span = {"start_date": date(2024, 3, 1), "end_date": END}
    pl0 = fetch(conn, ReportType.PROFIT_AND_LOSS, **span)
    bs0 = fetch(conn, ReportType.BALANCE_SHEET, date=END)
    bill = {
        "Type": "ACCPAY",
        "Status": "AUTHORISED",
        "Contact": {"ContactID": contact},
        "Date": "2024-03-15",
        "DueDate": "2024-04-15",
        "LineAmountTypes": "NoTax",
        "LineItems": [
            {"Description": "Audit", "Quantity": 1, "UnitAmount": 250, "AccountCode": "429"}
        ],
    }
    assert api.put("Invoices", json={"Invoices": [bill]}).status_code == 200
    journal = {
        "Narration": "Accrual",
        "Date": "2024-03-20",
        "Status": "POSTED",
        "JournalLines": [
            {"LineAmount": 40, "AccountCode": "429"},
            {"LineAmount": -40, "AccountCode": "880"},
        ],
    }
    assert api.put("ManualJournals", json={"ManualJournals": [journal]}).status_code == 200
    pl1 = fetch(conn, ReportType.PROFIT_AND_LOSS, **span)
    bs1 = fetch(conn, ReportType.BALANCE_SHEET, date=END)
    expense = f"acct:{accounts['429']['AccountID']}"
    assert value(pl1, expense) - value(pl0, expense) == Decimal("290.00")
    assert value(pl1, "net_profit") - value(pl0, "net_profit") == Decimal("-290.00")
    creditors = _ar_row(bs1, "Accounts Payable") - _ar_row(bs0, "Accounts Payable")
    assert creditors == Decimal("250.00")
    assert value(bs1, "equity.current_year_earnings") - value(
        bs0, "equity.current_year_earnings"
    ) == Decimal("-290.00")
    drawings = f"acct:{accounts['880']['AccountID']}"
    assert value(bs1, drawings) - value(bs0, drawings) == Decimal("40.00")
    assert value(bs1, "total.assets") == value(bs1, "total.liabilities") + value(
        bs1, "total.equity"
    )


def test_reports_need_a_report_scope(xero_sandbox):
    provider = XeroProvider(settings_for(xero_sandbox), limiter=InProcessLimiter())
    assert "accounting.reports.balancesheet.read" in provider.scopes_for()
    assert (
        "accounting.reports.read"
        in XeroProvider(settings_for(xero_sandbox, scope_family="broad")).scopes_for()
    )
    without = " ".join(s for s in provider.scopes_for() if ".reports." not in s)
    conn = link_granting(xero_sandbox, scope=without).connector()
    with pytest.raises(PermissionDenied):
        conn.fetch_report(ReportRequest(type=ReportType.TRIAL_BALANCE, date=END))


def test_rules_describe_what_xero_serves():
    rules = XeroProvider.report_rules
    described = XeroProvider.describe()["reports"]
    assert described["CASH_FLOW"]["derived"] is True and described["CASH_FLOW"]["offered"]
    assert described["PROFIT_AND_LOSS"]["tracking"] is True
    assert rules.problems(ReportRequest(type=ReportType.BALANCE_SHEET, periods=13))
    assert not rules.problems(ReportRequest(type=ReportType.BALANCE_SHEET, periods=12))
    assert rules.problems(
        ReportRequest(type=ReportType.BALANCE_SHEET, tracking_category_remote_id="x")
    )


def test_cash_basis_through_payments_only(conn):
    bs = fetch(conn, ReportType.BALANCE_SHEET, date=END, basis=ReportBasis.CASH)
    accrual = fetch(conn, ReportType.BALANCE_SHEET, date=END)
    assert bs.basis == ReportBasis.CASH and accrual.basis == ReportBasis.ACCRUAL
    assert value(bs, "total.assets") == value(bs, "total.liabilities") + value(bs, "total.equity")
    assert value(bs, "total.assets") != value(accrual, "total.assets")
    pl = fetch(
        conn,
        ReportType.PROFIT_AND_LOSS,
        start_date=YEAR_STARTS["uk"],
        end_date=END,
        basis=ReportBasis.CASH,
    )
    assert value(pl, "net_profit") == value(bs, "equity.current_year_earnings")
    tb = fetch(conn, ReportType.TRIAL_BALANCE, date=END, basis=ReportBasis.CASH)
    assert value(tb, "total") == ZERO
    cf = fetch(
        conn,
        ReportType.CASH_FLOW,
        start_date=date(2024, 1, 1),
        end_date=END,
        basis=ReportBasis.CASH,
    )
    assert cf.basis == ReportBasis.CASH
    assert value(cf, "cash_at_end") == value(bs, "total.assets.bank")  # cash is cash


def test_injected_provider_errors_are_retried(xero_sandbox, conn):
    """A 503 or 429 from Xero on the report endpoint goes through the client's retries."""
    clean = fetch(conn, ReportType.PROFIT_AND_LOSS, start_date=date(2024, 1, 1), end_date=END)
    xero_sandbox.control.faults(
        [{"prefix": "/api.xro/2.0/Reports/ProfitAndLoss", "error_503": 0.4, "rate_429": 0.3}],
        seed=7,
    )
    for _ in range(3):
        again = fetch(conn, ReportType.PROFIT_AND_LOSS, start_date=date(2024, 1, 1), end_date=END)
        assert [r.values for r in again.walk()] == [r.values for r in clean.walk()]
    assert sum(xero_sandbox.control.counters()["faults"].values()) > 0


def test_aged_report_without_contact_is_bounded(conn, monkeypatch):
    from connectors.errors import NotSupported
    from connectors.xero import reports

    monkeypatch.setattr(reports, "MAX_AGED_CONTACTS", 2)
    before = conn.calls
    with pytest.raises(NotSupported, match="ask per contact"):
        conn.fetch_report(ReportRequest(type=ReportType.AGED_RECEIVABLES, date=END))
    assert conn.calls - before <= 4  # the listings (and the organisation), no report call


def test_cash_flow_across_the_financial_year_end(conn):
    """The UK year ends on 31 March: on 1 April Xero's Current Year Earnings move into
    Retained Earnings, which is no cash: the two changes cancel in financing."""
    cf = fetch(conn, ReportType.CASH_FLOW, start_date=date(2024, 4, 1), end_date=date(2024, 4, 30))
    rows = rows_by_id(cf)
    moved = value(cf, "financing.current_year_earnings")
    assert moved != ZERO
    retained = [r for r in rows.values() if r.name == "Retained Earnings"]
    assert [r.values[0] for r in retained] == [-moved]
    assert value(cf, "net_change") == ZERO  # nothing happened in April
    assert value(cf, "cash_at_end") == value(cf, "cash_at_start") != ZERO


@pytest.mark.parametrize(
    "request_",
    [
        ReportRequest(
            type=ReportType.PROFIT_AND_LOSS, tracking_category_remote_id="../Invoices?x="
        ),
        ReportRequest(type=ReportType.AGED_RECEIVABLES, contact_remote_id="x&contactId=y"),
    ],
)
def test_ids_that_are_not_xero_ids_never_reach_xero(conn, request_):
    from connectors.errors import ValidationFailed

    before = conn.calls
    with pytest.raises(ValidationFailed, match="GUID"):
        conn.fetch_report(request_)
    assert conn.calls == before

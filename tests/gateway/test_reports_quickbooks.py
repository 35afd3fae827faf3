"""`GET /v1/reports/...` on a linked QuickBooks account, end to end against the QuickBooks
sandbox: the connector's report_rules in /v1/providers, the unified answers and their
identities, refusals before any call."""

from __future__ import annotations

from decimal import Decimal

import pytest

pytest.importorskip("gateway.reports")  # the reports endpoints (branch i-rgw) come with them

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def qbo_client(authed_client, quickbooks_account):
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(quickbooks_account.id),
    )
    authed_client.account = quickbooks_account
    return authed_client


def _rows(body):
    stack = list(body["rows"])
    while stack:
        row = stack.pop()
        yield row
        stack.extend(row["rows"])


def _values(body, row_id):
    return [
        Decimal(v) if v is not None else None
        for v in next(r for r in _rows(body) if r["id"] == row_id)["values"]
    ]


def test_providers_list_quickbooks_reports(qbo_client):
    providers = {p["key"]: p for p in qbo_client.get("/v1/providers").json()["results"]}
    reports = providers["quickbooks"]["reports"]
    assert all(r["offered"] for r in reports.values())
    assert reports["PROFIT_AND_LOSS"]["tracking"] is True
    assert reports["AGED_RECEIVABLES"]["bases"] == []


def test_reports_through_the_api_hold_the_identities(qbo_client, quickbooks_sandbox):
    bs = qbo_client.get(
        "/v1/reports/balance-sheet",
        {"date": "2025-03-31", "periods": "3", "timeframe": "MONTH"},
    )
    assert bs.status_code == 200, bs.content
    bs = bs.json()
    assert [c["end_date"] for c in bs["columns"]] == ["2025-03-31", "2025-02-28", "2025-01-31"]
    assert _values(bs, "total.assets") == _values(bs, "total.liabilities_and_equity")
    pl = qbo_client.get(
        "/v1/reports/profit-and-loss", {"start_date": "2025-01-01", "end_date": "2025-03-31"}
    ).json()
    assert _values(pl, "net_profit")[0] == _values(bs, "current_year_earnings")[0]
    tb = qbo_client.get("/v1/reports/trial-balance", {"date": "2025-03-31"}).json()
    assert _values(tb, "total") == [Decimal(0)]
    aged = qbo_client.get("/v1/reports/aged-receivables", {"as_of": "2025-03-31"}).json()
    assert _values(aged, "total")[-1] == _values(bs, "acct:84")[0]
    flow = qbo_client.get(
        "/v1/reports/cash-flow",
        {
            "start_date": "2025-03-01",
            "end_date": "2025-03-31",
            "periods": "3",
            "timeframe": "MONTH",
        },
    ).json()
    start, change, end = (
        _values(flow, i) for i in ("cash_at_start", "net_cash_change", "cash_at_end")
    )
    assert [a + b for a, b in zip(start, change, strict=True)] == end


def test_refused_before_any_call(qbo_client, quickbooks_sandbox):
    before = sum(quickbooks_sandbox.control.counters()["statuses"].values())
    response = qbo_client.get(
        "/v1/reports/aged-receivables", {"as_of": "2025-03-31", "basis": "CASH"}
    )
    assert response.status_code == 400, response.content
    response = qbo_client.get(
        "/v1/reports/trial-balance", {"date": "2025-03-31", "periods": "2", "timeframe": "MONTH"}
    )
    assert response.status_code == 400, response.content
    assert sum(quickbooks_sandbox.control.counters()["statuses"].values()) == before

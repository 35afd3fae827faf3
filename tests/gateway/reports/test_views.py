"""`GET /v1/reports/...` against a throwaway provider with reports (tests/gateway/reports/fakes).

The answer, the Ledgerlink ids on rows, the 501 and 400 refusals before any provider call, the
provider's errors mapped like any live call's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from connectors import errors as ce
from gateway.records.models import Record
from gateway.records.store import upsert_records
from tests.gateway.builders import make_linked_account
from tests.gateway.reports import fakes
from unified_models import REPORT_PATHS, Account, AccountType, ReportType

pytestmark = pytest.mark.django_db


def _id(account, model: str, remote_id: str) -> str:
    return str(Record.objects.get(linked_account=account, model=model, remote_id=remote_id).id)


def _rows(body):
    stack = list(body["rows"])
    while stack:
        row = stack.pop()
        yield row
        stack.extend(row["rows"])


def test_balance_sheet_answer(report_client, report_provider):
    response = report_client.get("/v1/reports/balance-sheet")
    assert response.status_code == 200, response.content
    body = response.json()
    today = dt.datetime.now(dt.UTC).date()
    assert body["type"] == "BALANCE_SHEET"
    assert body["linked_account"] == str(report_client.account.id)
    assert body["date"] == today.isoformat()
    assert body["cached"] is False
    assert dt.datetime.fromisoformat(body["generated_at"]) <= dt.datetime.now(dt.UTC)
    assert "remote_data" not in body
    bank = next(r for r in _rows(body) if r["id"] == "acct:acc-090")
    assert bank["values"] == ["1200.00"]  # a decimal string, never a float
    assert bank["account_remote_id"] == "acc-090"
    assert bank["account"] is None  # the account has no stored acc-090: no id to drill into
    [(tenant, sent)] = report_provider.requests
    assert tenant == report_client.account.tenant_id
    assert sent.type is ReportType.BALANCE_SHEET and sent.date == today


def test_rows_carry_ledgerlink_ids_found_in_one_query(report_client):
    account = report_client.account
    with CaptureQueriesContext(connection) as queries:
        body = report_client.get("/v1/reports/profit-and-loss").json()
    sales = next(r for r in _rows(body) if r["id"] == "acct:acc-200")
    assert sales["account"] == _id(account, "account", "acc-200")
    assert next(r for r in _rows(body) if r["id"] == "acct:acc-429")["account"] is None
    record_reads = [q for q in queries.captured_queries if 'FROM "records_record"' in q["sql"]]
    assert len(record_reads) == 1, [q["sql"] for q in record_reads]

    aged = report_client.get("/v1/reports/aged-receivables").json()
    contacts = {r["contact_remote_id"]: r["contact"] for r in _rows(aged)}
    assert contacts == {"c0": _id(account, "contact", "c0"), "never-synced": None}


def test_every_report_path_is_routed(report_client):
    for report, path in REPORT_PATHS.items():
        response = report_client.get(f"/v1/reports/{path}")
        if report is ReportType.CASH_FLOW:
            assert response.status_code == 501
        else:
            assert response.status_code == 200, (path, response.content)
            assert response.json()["type"] == report.value


def test_a_report_the_provider_lacks_is_501_with_its_reason(report_client, report_provider):
    response = report_client.get("/v1/reports/cash-flow", {"start_date": "not a date"})
    assert response.status_code == 501
    error = response.json()["error"]
    assert error["type"] == "not_supported"
    assert "Report Books prints no cash flow statement." in error["message"]
    assert report_provider.requests == []


def test_a_provider_without_reports_is_501(account_client):
    response = account_client.get("/v1/reports/balance-sheet")
    assert response.status_code == 501
    assert response.json()["error"]["type"] == "not_supported"


@pytest.mark.parametrize(
    ("path", "params", "fields"),
    [
        ("balance-sheet", {"date": "2026-13-01"}, {"date"}),
        ("balance-sheet", {"date": "20261101"}, {"date"}),
        ("balance-sheet", {"date": "0001-01-01"}, {"date"}),
        ("balance-sheet", {"start_date": "2026-01-01"}, {"start_date"}),
        ("balance-sheet", {"colour": "red"}, {"colour"}),
        ("balance-sheet", {"basis": "CASH"}, {"basis"}),  # Report Books: its own basis only
        ("balance-sheet", {"tracking_category": "x"}, {"tracking_category"}),
        ("balance-sheet", {"periods": "5", "timeframe": "MONTH"}, {"periods"}),  # max 4
        ("profit-and-loss", {"start_date": "2026-02-01", "end_date": "2026-01-31"}, {"end_date"}),
        ("profit-and-loss", {"start_date": "2026-02-01"}, {"end_date"}),
        ("profit-and-loss", {"date": "2026-02-01"}, {"date"}),
        ("profit-and-loss", {"periods": "2"}, {"timeframe"}),
        ("profit-and-loss", {"periods": "0"}, {"periods"}),
        ("profit-and-loss", {"periods": "1.5"}, {"periods"}),
        ("profit-and-loss", {"periods": "13", "timeframe": "MONTH"}, {"periods"}),
        ("profit-and-loss", {"timeframe": "WEEK", "periods": "2"}, {"timeframe"}),
        ("profit-and-loss", {"basis": "modified"}, {"basis"}),
        ("profit-and-loss", {"max_age": "-1"}, {"max_age"}),
        ("profit-and-loss", {"contact": "x"}, {"contact"}),
        ("aged-receivables", {"as_of": "2026-11-30", "date": "2026-11-30"}, {"as_of"}),
        ("aged-receivables", {"periods": "2"}, {"periods"}),
        ("aged-payables", {"include_remote_data": "maybe"}, {"include_remote_data"}),
    ],
)
def test_bad_parameters_are_400_before_any_provider_call(
    report_client, report_provider, path, params, fields
):
    response = report_client.get(f"/v1/reports/{path}", params)
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["type"] == "validation_error"
    assert {d["field"] for d in error["details"]} == fields
    assert report_provider.requests == []


def test_a_repeated_parameter_is_refused(report_client, report_provider):
    response = report_client.get("/v1/reports/balance-sheet?date=2026-01-31&date=2026-02-28")
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["field"] == "date"
    assert report_provider.requests == []


def test_parameters_reach_the_connector_normalized(report_client, report_provider):
    account = report_client.account
    response = report_client.get(
        "/v1/reports/profit-and-loss",
        {
            "start_date": "2026-10-01",
            "end_date": "2026-12-31",
            "periods": "2",
            "timeframe": "quarter",
            "basis": "CASH",
            "tracking_category": _id(account, "tracking_category", "tc-1"),
        },
    )
    assert response.status_code == 200, response.content
    sent = report_provider.requests[-1][1]
    assert (sent.start_date, sent.end_date) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert (sent.periods, sent.timeframe.value, sent.basis.value) == (2, "QUARTER", "CASH")
    assert sent.tracking_category_remote_id == "tc-1"

    contact = _id(account, "contact", "c1")
    report_client.get("/v1/reports/aged-payables", {"as_of": "2026-11-30", "contact": contact})
    sent = report_provider.requests[-1][1]
    assert (sent.date, sent.contact_remote_id) == (dt.date(2026, 11, 30), "c1")
    report_client.get("/v1/reports/aged-receivables", {"date": "2026-10-31"})
    assert report_provider.requests[-1][1].date == dt.date(2026, 10, 31)


def test_a_period_report_without_dates_covers_the_current_month(report_client, report_provider):
    body = report_client.get("/v1/reports/profit-and-loss").json()
    today = dt.datetime.now(dt.UTC).date()
    start = dt.date.fromisoformat(body["start_date"])
    end = dt.date.fromisoformat(body["end_date"])
    assert start == today.replace(day=1)
    assert end.month == today.month and (end + dt.timedelta(days=1)).day == 1


def test_unknown_references_are_422(report_client, report_provider):
    other = make_linked_account(report_client.account.customer, provider=fakes.KEY)
    upsert_records(other, "contact", [])
    mine = _id(report_client.account, "contact", "c0")
    for path, name, value in [
        ("profit-and-loss", "tracking_category", "0b9d2c47-1a57-4c53-9d0e-5d1c0c0f0a11"),
        ("profit-and-loss", "tracking_category", "not-a-uuid"),
        ("aged-receivables", "contact", _id(report_client.account, "invoice", "i0")),
    ]:
        response = report_client.get(f"/v1/reports/{path}", {name: value})
        assert response.status_code == 422, response.content
        assert response.json()["error"]["details"][0]["field"] == name
    # Another linked account's contact (same customer) is not this account's.
    report_client.credentials(
        HTTP_AUTHORIZATION=report_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(other.id),
    )
    response = report_client.get("/v1/reports/aged-receivables", {"contact": mine})
    assert response.status_code == 422, response.content
    assert report_provider.requests == []


def test_remote_data_on_request(report_client):
    body = report_client.get("/v1/reports/profit-and-loss", {"include_remote_data": "true"}).json()
    assert body["remote_data"]["Reports"][0]["Amount"] == "1000.00"


@pytest.mark.parametrize(
    ("failure", "status", "error_type"),
    [
        (ce.RateLimited("slow down", retry_after=7), 429, "rate_limited"),
        (ce.AuthExpired("refresh token expired"), 409, "relink_required"),
        (ce.PermissionDenied("no reports scope"), 403, "permission_denied"),
        (ce.ProviderError("boom"), 502, "provider_error"),
    ],
)
def test_provider_errors_map_like_any_live_call(
    report_client, report_provider, failure, status, error_type
):
    report_provider.fail = failure
    response = report_client.get("/v1/reports/balance-sheet")
    assert response.status_code == status, response.content
    assert response.json()["error"]["type"] == error_type
    if status == 429:
        assert response["Retry-After"] == "7"
    report_provider.fail = None
    again = report_client.get("/v1/reports/balance-sheet")  # a failure is never cached
    assert again.status_code == 200 and again.json()["cached"] is False


def test_account_rows_follow_a_later_sync_of_the_account(report_client, report_provider):
    first = report_client.get("/v1/reports/balance-sheet").json()
    assert next(r for r in _rows(first) if r["id"] == "acct:acc-090")["account"] is None
    upsert_records(
        report_client.account,
        "account",
        [Account(remote_id="acc-090", name="Bank", code="090", type=AccountType.BANK)],
    )
    body = report_client.get("/v1/reports/balance-sheet").json()
    bank = next(r for r in _rows(body) if r["id"] == "acct:acc-090")
    assert bank["account"] == _id(report_client.account, "account", "acc-090")


def test_values_are_decimal_strings(report_client, report_provider):
    report_provider.ledgers[report_client.account.tenant_id]["acc-200"] = Decimal("0.10")
    body = report_client.get("/v1/reports/profit-and-loss").json()
    net = next(r for r in _rows(body) if r["id"] == "net_profit")
    assert net["values"] == ["-399.90"]


def test_a_consent_without_the_reports_scope_is_403_before_any_call(
    report_client, report_provider, monkeypatch
):
    import dataclasses

    from connectors.specs import ScopeNeed

    needs = ScopeNeed({"granular": "accounting.reports"})
    monkeypatch.setattr(
        fakes.ReportBooks, "report_rules", dataclasses.replace(fakes.RULES, scope=needs)
    )
    response = report_client.get("/v1/reports/balance-sheet")
    assert response.status_code == 403, response.content
    error = response.json()["error"]
    assert error["type"] == "permission_denied"
    assert "accounting.reports.read" in error["message"]
    assert report_provider.requests == []
    grant = report_client.account.grant
    grant.scope += " accounting.reports.read"
    grant.save(update_fields=["scope"])
    assert report_client.get("/v1/reports/balance-sheet").status_code == 200

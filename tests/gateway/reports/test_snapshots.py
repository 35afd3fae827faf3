"""Monthly snapshots: the beat queues accounts missing last month's, the task keeps the P&L and
the balance sheet (idempotently, catching up after a provider failure), the API lists them."""

from __future__ import annotations

import datetime as dt

import pytest

from connectors import errors as ce
from gateway.accounts.models import LinkedAccountStatus
from gateway.records.models import Record
from gateway.reports import snapshots, tasks
from gateway.reports.models import ReportSnapshot
from tests.gateway.builders import make_linked_account
from tests.gateway.reports import fakes
from unified_models import ReportType

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 3)
NOV = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def test_last_month():
    assert snapshots.last_month(TODAY) == NOV
    assert snapshots.last_month(dt.date(2026, 1, 1)) == (
        dt.date(2025, 12, 1),
        dt.date(2025, 12, 31),
    )
    assert snapshots.last_month(dt.date(2028, 3, 31)) == (dt.date(2028, 2, 1), dt.date(2028, 2, 29))


def test_the_beat_takes_last_months_pl_and_balance_sheet_once(report_account, report_provider):
    without_reports = make_linked_account(report_account.customer)  # the fake: no reports
    relink = make_linked_account(report_account.customer, provider=fakes.KEY, end_user_id="x")
    relink.status = LinkedAccountStatus.RELINK_REQUIRED
    relink.save(update_fields=["status"])

    assert snapshots.schedule(TODAY) == 1  # eager: the task ran for report_account only
    kept = ReportSnapshot.objects.filter(linked_account=report_account)
    assert sorted(kept.values_list("type", "period_start", "period_end")) == [
        ("BALANCE_SHEET", None, NOV[1]),
        ("PROFIT_AND_LOSS", *NOV),
    ]
    sent = {r.type: r for _, r in report_provider.requests}
    assert (
        sent[ReportType.PROFIT_AND_LOSS].start_date,
        sent[ReportType.PROFIT_AND_LOSS].end_date,
    ) == NOV
    assert sent[ReportType.BALANCE_SHEET].date == NOV[1]
    assert not ReportSnapshot.objects.filter(linked_account__in=[without_reports, relink]).exists()

    assert snapshots.schedule(TODAY) == 0  # nothing missing: nothing queued, no provider call
    assert len(report_provider.requests) == 2


def test_a_failed_snapshot_is_caught_up_by_a_later_run(report_account, report_provider):
    report_provider.fail = ce.ProviderUnavailable("down for maintenance")
    assert tasks.snapshot_account(str(report_account.id), NOV[1].isoformat()) == 0
    assert not ReportSnapshot.objects.exists()
    report_provider.fail = None
    assert snapshots.schedule(TODAY) == 1
    assert ReportSnapshot.objects.filter(linked_account=report_account).count() == 2


def test_a_month_end_is_required(report_account):
    with pytest.raises(ValueError, match="last day"):
        snapshots.take(report_account, dt.date(2026, 11, 15))


def test_snapshots_are_listed_newest_first_with_ledgerlink_ids(report_client, report_provider):
    account = report_client.account
    snapshots.take(account, dt.date(2026, 10, 31))
    report_provider.ledgers[account.tenant_id]["acc-200"] += 250
    snapshots.take(account, NOV[1])
    body = report_client.get("/v1/reports/snapshots").json()
    assert body["linked_account"] == str(account.id)
    assert [(s["type"], s["period_end"]) for s in body["results"]] == [
        ("BALANCE_SHEET", "2026-11-30"),
        ("PROFIT_AND_LOSS", "2026-11-30"),
        ("BALANCE_SHEET", "2026-10-31"),
        ("PROFIT_AND_LOSS", "2026-10-31"),
    ]
    pl_nov, pl_oct = (s["report"] for s in body["results"] if s["type"] == "PROFIT_AND_LOSS")
    sales = [next(r for r in pl["rows"] if r["id"] == "acct:acc-200") for pl in (pl_nov, pl_oct)]
    assert [s["values"] for s in sales] == [["1250.00"], ["1000.00"]]
    stored = str(
        Record.objects.get(linked_account=account, model="account", remote_id="acc-200").id
    )
    assert sales[0]["account"] == stored
    assert "remote_data" not in pl_nov

    only = report_client.get(
        "/v1/reports/snapshots",
        {"type": "PROFIT_AND_LOSS", "period_end_before": "2026-10-31", "include_remote_data": "1"},
    ).json()["results"]
    assert [s["period_end"] for s in only] == ["2026-10-31"]
    assert only[0]["report"]["remote_data"]
    assert len(report_client.get("/v1/reports/snapshots", {"limit": "1"}).json()["results"]) == 1


@pytest.mark.parametrize(
    "query",
    [{"type": "CASH"}, {"limit": "0"}, {"limit": "121"}, {"period_end_after": "x"}, {"a": "1"}],
)
def test_bad_snapshot_parameters_are_400(report_client, query):
    response = report_client.get("/v1/reports/snapshots", query)
    assert response.status_code == 400
    assert response.json()["error"]["details"]


def test_another_accounts_snapshots_are_not_listed(report_client, report_provider):
    other = make_linked_account(report_client.account.customer, provider=fakes.KEY, end_user_id="o")
    snapshots.take(other, NOV[1])
    assert report_client.get("/v1/reports/snapshots").json()["results"] == []


def test_accounts_whose_consent_lacks_the_reports_scope_are_skipped(
    report_account, report_provider, monkeypatch
):
    import dataclasses

    from connectors.specs import ScopeNeed

    rules = dataclasses.replace(fakes.RULES, scope=ScopeNeed({"granular": "accounting.reports"}))
    monkeypatch.setattr(fakes.ReportBooks, "report_rules", rules)
    assert snapshots.schedule(TODAY) == 0
    assert report_provider.requests == []

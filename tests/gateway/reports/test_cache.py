"""The report cache: per account and normalized parameters, `max_age`, and invalidation by a
stored ledger change (a sync, a webhook-driven fetch or an API write all store through
`upsert_records` / `mark_deleted`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache as django_cache

from connectors import errors as ce
from gateway.records.store import mark_deleted, upsert_records
from gateway.reports import cache, generations
from tests.gateway.builders import contact, invoice, make_linked_account, seed_store
from tests.gateway.reports import fakes

pytestmark = pytest.mark.django_db

PL = "/v1/reports/profit-and-loss"
MONTH = {"start_date": "2026-11-01", "end_date": "2026-11-30"}


def _sales(body) -> str:
    return next(r for r in body["rows"] if r["id"] == "acct:acc-200")["values"][0]


def test_a_second_request_is_served_from_the_cache(report_client, report_provider):
    first = report_client.get(PL, MONTH).json()
    second = report_client.get(PL, MONTH).json()
    assert (first["cached"], second["cached"]) == (False, True)
    assert second["generated_at"] == first["generated_at"]
    assert second["rows"] == first["rows"]
    assert len(report_provider.requests) == 1


def test_spellings_of_one_question_share_an_entry(report_client, report_provider):
    report_client.get(PL, {**MONTH, "basis": "cash", "periods": "1"})
    again = report_client.get(PL, {**MONTH, "basis": "CASH", "timeframe": "YEAR"}).json()
    assert again["cached"] is True
    other = report_client.get(PL, {**MONTH, "basis": "ACCRUAL"}).json()
    assert other["cached"] is False
    assert len(report_provider.requests) == 2


def test_max_age_lowers_freshness(report_client, report_provider, settings):
    report_client.get(PL, MONTH)
    assert report_client.get(PL, {**MONTH, "max_age": "0"}).json()["cached"] is False
    # Age the entry by ten minutes: fresh for the default 15, stale for max_age=300.
    request = report_provider.requests[-1][1]
    account = report_client.account
    key = cache.key_for(account.id, generations.current(account.id), request)
    entry = cache.load(key)
    cache.store(key, cache.Entry(entry.generated_at - dt.timedelta(minutes=10), entry.report))
    assert report_client.get(PL, MONTH).json()["cached"] is True
    assert report_client.get(PL, {**MONTH, "max_age": "3600"}).json()["cached"] is True
    fresh = report_client.get(PL, {**MONTH, "max_age": "300"}).json()
    assert fresh["cached"] is False
    assert report_client.get(PL, {**MONTH, "max_age": "300"}).json()["cached"] is True
    settings.REPORTS_FRESHNESS_SECONDS = 0  # the cache switched off
    assert report_client.get(PL, MONTH).json()["cached"] is False


def test_max_age_cannot_raise_freshness(report_client, report_provider, settings):
    settings.REPORTS_FRESHNESS_SECONDS = 60
    report_client.get(PL, MONTH)
    request = report_provider.requests[-1][1]
    account = report_client.account
    key = cache.key_for(account.id, generations.current(account.id), request)
    entry = cache.load(key)
    cache.store(key, cache.Entry(entry.generated_at - dt.timedelta(seconds=90), entry.report))
    assert report_client.get(PL, {**MONTH, "max_age": "3600"}).json()["cached"] is False


def test_a_stored_ledger_change_drops_the_accounts_reports(report_client, report_provider):
    account = report_client.account
    assert _sales(report_client.get(PL, MONTH).json()) == "1000.00"
    report_provider.ledgers[account.tenant_id]["acc-200"] = Decimal("1500.00")
    # The provider's figures moved, but nothing was synced: the cached report stands.
    assert report_client.get(PL, MONTH).json()["cached"] is True
    # A sync stores a new invoice: the next request asks the provider again.
    upsert_records(account, "invoice", [invoice("i-new", "c0")])
    body = report_client.get(PL, MONTH).json()
    assert (body["cached"], _sales(body)) == (False, "1500.00")
    assert report_client.get(PL, MONTH).json()["cached"] is True


@pytest.mark.parametrize(
    ("change", "drops"),
    [
        (lambda a: upsert_records(a, "contact", [contact("c-new")]), False),
        (lambda a: upsert_records(a, "contact", [contact("c0", name="Renamed")]), False),
        (lambda a: upsert_records(a, "invoice", [invoice("i0", "c0")]), False),  # unchanged
        (lambda a: upsert_records(a, "invoice", [invoice("i0", "c0", memo="paid late")]), True),
        (lambda a: mark_deleted(a, "payment", "p0"), True),
    ],
)
def test_which_changes_drop_the_cache(report_client, report_provider, change, drops):
    report_client.get(PL, MONTH)
    change(report_client.account)
    assert report_client.get(PL, MONTH).json()["cached"] is (not drops)


def test_a_change_stored_while_the_provider_computes_is_not_hidden(
    report_client, report_provider, monkeypatch
):
    """The generation is read before the fetch: a report computed before a change landed is
    cached under the old generation and never served after it."""
    account = report_client.account
    original = fakes.ReportConnector.fetch_report

    def racing(self, request):
        report = original(self, request)
        upsert_records(account, "invoice", [invoice("i-during", "c0")])
        return report

    monkeypatch.setattr(fakes.ReportConnector, "fetch_report", racing)
    report_client.get(PL, MONTH)
    monkeypatch.setattr(fakes.ReportConnector, "fetch_report", original)
    assert report_client.get(PL, MONTH).json()["cached"] is False


def test_one_accounts_cached_report_is_never_anothers(report_client, report_provider):
    account = report_client.account
    # The same organisation linked by another end user: the provider answers alike.
    twin = make_linked_account(
        account.customer, provider=fakes.KEY, tenant_id=account.tenant_id, end_user_id="other"
    )
    seed_store(twin)
    report_client.get("/v1/reports/aged-receivables", {"as_of": "2026-11-30"})
    report_client.credentials(
        HTTP_AUTHORIZATION=report_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(twin.id),
    )
    body = report_client.get("/v1/reports/aged-receivables", {"as_of": "2026-11-30"}).json()
    assert body["cached"] is False and body["linked_account"] == str(twin.id)
    c0 = next(r for r in body["rows"] if r["contact_remote_id"] == "c0")
    assert c0["contact"] == str(_record_id(twin, "contact", "c0"))
    assert c0["contact"] != str(_record_id(account, "contact", "c0"))
    assert len(report_provider.requests) == 2


def _record_id(account, model, remote_id):
    from gateway.records.models import Record

    return Record.objects.get(linked_account=account, model=model, remote_id=remote_id).id


def test_generation_bumps_add_up(report_account):
    assert generations.current(report_account.id) >= 1  # seeding stored ledger records
    before = generations.current(report_account.id)
    generations.bump(report_account.id)
    generations.bump(report_account.id)
    assert generations.current(report_account.id) == before + 2
    fresh = make_linked_account(report_account.customer, provider=fakes.KEY)
    assert generations.current(fresh.id) == 0


def test_an_unreadable_entry_is_a_miss(report_client, report_provider):
    report_client.get(PL, MONTH)
    account = report_client.account
    key = cache.key_for(account.id, generations.current(account.id), report_provider.requests[0][1])
    django_cache.set(key, b"{not json")
    assert report_client.get(PL, MONTH).json()["cached"] is False


def test_an_api_write_drops_the_accounts_reports(report_client, report_provider):
    contact_id = str(_record_id(report_client.account, "contact", "c0"))
    report_client.get(PL, MONTH)
    response = report_client.post(
        "/v1/invoices",
        {
            "type": "ACCOUNTS_RECEIVABLE",
            "contact": contact_id,
            "line_items": [{"description": "Consulting", "quantity": "2", "unit_price": "150"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert report_client.get(PL, MONTH).json()["cached"] is False


def _key_of(report_client, request) -> str:
    account = report_client.account
    return cache.key_for(account.id, generations.current(account.id), request)


def test_a_report_being_fetched_is_awaited_not_fetched_twice(report_client, report_provider):
    import threading

    report_client.get(PL, MONTH)  # learn the normalized request (and its key)
    key = _key_of(report_client, report_provider.requests[0][1])
    assert cache.claim(key)  # "another request" is fetching it now
    entry = cache.load(key)

    stored = []

    def other_request_finishes():
        stored.append(cache.Entry(dt.datetime.now(dt.UTC), entry.report))
        cache.store(key, stored[0])
        cache.release(key)

    timer = threading.Timer(0.5, other_request_finishes)
    timer.start()
    try:
        body = report_client.get(PL, {**MONTH, "max_age": "0"}).json()
    finally:
        timer.join()
    assert body["cached"] is True  # the other request's fresh report, no second call
    assert dt.datetime.fromisoformat(body["generated_at"]) == stored[0].generated_at
    assert len(report_provider.requests) == 1


def test_a_stuck_fetch_is_waited_for_a_bounded_time(report_client, report_provider, monkeypatch):
    from gateway.reports import services

    monkeypatch.setattr(services, "SHARED_FETCH_WAIT_SECONDS", 0.3)
    report_client.get(PL, MONTH)
    key = _key_of(report_client, report_provider.requests[0][1])
    assert cache.claim(key)  # a fetch that never finishes (its worker died)
    body = report_client.get(PL, {**MONTH, "max_age": "0"}).json()
    assert body["cached"] is False
    assert len(report_provider.requests) == 2
    cache.release(key)


def test_the_fetch_claim_is_released_after_success_and_failure(report_client, report_provider):
    report_client.get(PL, MONTH)
    key = _key_of(report_client, report_provider.requests[0][1])
    assert cache.claim(key)
    cache.release(key)
    report_provider.fail = ce.ProviderError("boom")
    assert report_client.get(PL, {**MONTH, "max_age": "0"}).status_code == 502
    assert cache.claim(key)
    cache.release(key)

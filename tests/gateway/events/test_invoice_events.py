"""Derived invoice events (`invoice.due_soon`, `invoice.overdue`, `invoice.paid`) with a frozen
clock: the scheduled task is run at chosen instants (`emit_due(now=…)`)."""

from __future__ import annotations

import json
import threading
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from gateway.accounts.models import LinkedAccountStatus
from gateway.events import invoice_events, services
from gateway.events.models import Event, InvoiceWatch, WebhookDelivery
from gateway.records import store
from gateway.records.today import account_zone, zone_named
from tests.gateway.events.receiver import Receiver
from tests.gateway.sync.helpers import make_linked_account
from unified_models import CompanyInfo, Invoice

pytestmark = pytest.mark.django_db(transaction=True)

DERIVED = ("invoice.due_soon", "invoice.overdue", "invoice.paid")
DUE = date(2026, 3, 10)
#: Noon UTC the day after DUE: overdue everywhere but in zones behind UTC-12.
AFTER = datetime(2026, 3, 11, 12, 0, tzinfo=UTC)


@pytest.fixture
def account(fake_provider, authed_client):
    return make_linked_account(authed_client.customer)


def invoice(remote_id: str, due: date | None = DUE, balance="100.00", status="OPEN", **extra):
    return Invoice(
        remote_id=remote_id,
        type="ACCOUNTS_RECEIVABLE",
        number=f"INV-{remote_id}",
        due_date=due,
        total_amount=Decimal("100.00"),
        balance=None if balance is None else Decimal(balance),
        status=status,
        **extra,
    )


def put(account, *invoices):
    return store.upsert_records(account, "invoice", invoices)


def derived(account) -> list[tuple[str, str]]:
    events = Event.objects.filter(linked_account=account, type__in=DERIVED).order_by("sequence")
    return [(e.type, json.loads(e.data)["remote_id"]) for e in events]


def assert_gapless(account) -> list[Event]:
    events = list(Event.objects.filter(linked_account=account).order_by("sequence"))
    assert [e.sequence for e in events] == list(range(1, len(events) + 1))
    return events


def run(now: datetime, **kwargs) -> int:
    return invoice_events.emit_due(now, **kwargs)


def overdue(account) -> list[str]:
    return [rid for kind, rid in derived(account) if kind == "invoice.overdue"]


def test_each_invoice_goes_overdue_exactly_once(account):
    put(
        account,
        invoice("a"),
        invoice("b", DUE + timedelta(days=1)),
        invoice("c", DUE + timedelta(days=30)),
    )
    for hours in (0, 0, 1, 11):
        run(AFTER + timedelta(hours=hours))
        assert overdue(account) == ["a"]
    for days in (1, 1, 2, 3):
        run(AFTER + timedelta(days=days))
        assert overdue(account) == ["a", "b"]  # b's due date has passed too
    assert run(AFTER + timedelta(days=3)) == 0
    assert_gapless(account)
    first = Event.objects.filter(type="invoice.overdue").order_by("sequence").first()
    body = json.loads(services.event_body(first))
    assert body["data"]["remote_id"] == "a" and body["data"]["due_date"] == "2026-03-10"
    assert body["data"]["balance"] == "100.00" and body["data"]["id"]


def test_a_worker_dying_mid_run_loses_and_repeats_nothing(account, monkeypatch):
    put(account, *(invoice(f"inv-{n}", DUE - timedelta(days=n)) for n in range(7)))
    real, calls = services.emit_many, []

    def dies_on_the_third_batch(acct, items):
        calls.append(len(items))
        if len(calls) == 3:
            raise SystemExit("worker killed")
        return real(acct, items)

    monkeypatch.setattr(services, "emit_many", dies_on_the_third_batch)
    with pytest.raises(SystemExit):
        run(AFTER, batch_size=2)
    assert len(derived(account)) == 4  # two whole batches; the third rolled back
    assert InvoiceWatch.objects.filter(overdue_pending=True).count() == 3
    monkeypatch.setattr(services, "emit_many", real)
    assert run(AFTER, batch_size=2) == 3  # the restarted worker takes up the rest
    assert run(AFTER, batch_size=2) == 0
    overdue = [rid for kind, rid in derived(account) if kind == "invoice.overdue"]
    assert sorted(overdue) == sorted(f"inv-{n}" for n in range(7))
    assert_gapless(account)


def test_a_moved_due_date_goes_overdue_again_once_it_passes(account):
    put(account, invoice("a"))
    assert run(AFTER) == 1
    later = DUE + timedelta(days=14)
    put(account, invoice("a", later))
    assert run(AFTER + timedelta(days=7)) == 0  # the new due date has not passed
    assert run(AFTER + timedelta(days=14)) == 1
    put(account, invoice("a", later, memo="edited"))  # other changes: no new overdue
    put(account, invoice("a", DUE))  # moved earlier, to a date already announced: not again
    assert run(AFTER + timedelta(days=20)) == 0
    put(account, invoice("a", later - timedelta(days=1)))  # earlier than the announced one
    assert run(AFTER + timedelta(days=21)) == 0
    assert [k for k, _ in derived(account)] == ["invoice.overdue", "invoice.overdue"]


def test_paid_is_emitted_when_the_balance_reaches_zero(account):
    put(account, invoice("a"))
    assert run(AFTER) == 1
    put(account, invoice("a", balance="40.00", status="PARTIALLY_PAID"))
    put(account, invoice("a", balance="0.00", status="PAID"))
    put(account, invoice("a", balance="0.00", status="PAID"))  # the same again: nothing
    events = assert_gapless(account)
    assert [e.type for e in events][-3:] == ["invoice.updated", "invoice.updated", "invoice.paid"]
    assert json.loads(events[-1].data)["status"] == "PAID"
    put(account, invoice("a", balance="60.00", status="PARTIALLY_PAID"))  # a payment removed
    assert run(AFTER + timedelta(days=1)) == 0  # same due date: not overdue again
    put(account, invoice("a", balance="0.00", status="PAID"))
    assert [k for k, _ in derived(account)] == ["invoice.overdue", "invoice.paid", "invoice.paid"]


def test_paid_history_is_not_announced_and_needs_no_rows(account):
    put(account, invoice("old", balance="0.00", status="PAID"), invoice("void", status="VOID"))
    put(account, invoice("old", balance="0.00", status="PAID", memo="touched"))
    assert InvoiceWatch.objects.count() == 0
    assert derived(account) == []


def test_due_soon_once_per_due_date(account, settings):
    settings.INVOICE_DUE_SOON_DAYS = 3
    put(account, invoice("a", DUE), invoice("late", DUE - timedelta(days=20)))
    assert run(datetime(2026, 3, 6, 12, tzinfo=UTC)) == 1  # late's overdue; a: four days to go
    assert run(datetime(2026, 3, 7, 0, 5, tzinfo=UTC)) == 1  # three days before
    assert run(datetime(2026, 3, 8, 12, tzinfo=UTC)) == 0
    assert run(datetime(2026, 3, 10, 12, tzinfo=UTC)) == 0  # due today: not overdue yet
    assert run(AFTER) == 1
    # The invoice already past due when stored had no "due soon", only its overdue.
    assert derived(account) == [
        ("invoice.overdue", "late"),
        ("invoice.due_soon", "a"),
        ("invoice.overdue", "a"),
    ]
    put(account, invoice("a", DUE + timedelta(days=10)))  # moved: due soon again before it
    assert run(datetime(2026, 3, 17, 12, tzinfo=UTC)) == 1
    assert derived(account)[-1] == ("invoice.due_soon", "a")


def _company(account, zone: str | None):
    store.upsert_records(account, "company_info", [CompanyInfo(remote_id="org", timezone=zone)])


def test_today_is_the_accounts_own(fake_provider, authed_client, settings):
    settings.INVOICE_DUE_SOON_DAYS = 0  # due soon on the due date itself: not counted below
    auckland = make_linked_account(authed_client.customer, tenant_id="nz")
    london = make_linked_account(authed_client.customer, tenant_id="uk")
    plain = make_linked_account(authed_client.customer, tenant_id="qbo")  # no time zone
    _company(auckland, "NEWZEALANDSTANDARDTIME")  # Xero's spelling
    _company(london, "Europe/London")
    for acct in (auckland, london, plain):
        put(acct, invoice("x"))
    assert run(datetime(2026, 3, 9, 10, 30, tzinfo=UTC)) == 0  # 23:30 on the 9th in Auckland
    assert run(datetime(2026, 3, 9, 11, 30, tzinfo=UTC)) == 1  # its due date (NZDT, UTC+13)
    assert derived(auckland) == [("invoice.due_soon", "x")]
    # 23:30 on the due date in Auckland: nobody's due date has passed; the others' is today.
    assert run(datetime(2026, 3, 10, 10, 30, tzinfo=UTC)) == 2
    assert derived(london) == derived(plain) == [("invoice.due_soon", "x")]
    # 00:30 the next day in Auckland, still the 10th in London and UTC.
    assert run(datetime(2026, 3, 10, 11, 30, tzinfo=UTC)) == 1
    assert overdue(auckland) == ["x"]
    assert overdue(london) == overdue(plain) == []
    # Midnight in UTC (and in London, on GMT in March) makes both overdue.
    assert run(datetime(2026, 3, 10, 23, 59, tzinfo=UTC)) == 0
    assert run(datetime(2026, 3, 11, 0, 0, tzinfo=UTC)) == 2
    assert run(datetime(2026, 3, 12, tzinfo=UTC)) == 0
    for acct in (auckland, london, plain):
        assert derived(acct) == [("invoice.due_soon", "x"), ("invoice.overdue", "x")]
    assert account_zone(auckland) == ZoneInfo("Pacific/Auckland")


def test_drafts_voids_deleted_and_unapproved_never_go_overdue(account):
    put(
        account,
        invoice("draft", status="DRAFT"),
        invoice("submitted", status="SUBMITTED"),
        invoice("void", status="VOID"),
        invoice("gone", remote_was_deleted=True),
        invoice("no-due-date", None),
        invoice("no-balance", balance=None),
        invoice("voided-later"),
        invoice("deleted-later"),
        invoice("owed", status="PARTIALLY_PAID", balance="10.00"),
    )
    put(account, invoice("voided-later", status="VOID", balance="0.00"))
    store.mark_deleted(account, "invoice", "deleted-later")
    assert run(AFTER) == 1
    assert run(AFTER + timedelta(days=400)) == 0
    assert derived(account) == [("invoice.overdue", "owed")]  # a voided one is not "paid" either


def test_relink_required_accounts_wait(account):
    put(account, invoice("a"))
    account.status = LinkedAccountStatus.RELINK_REQUIRED
    account.save(update_fields=["status"])
    assert run(AFTER) == 0
    account.status = LinkedAccountStatus.ACTIVE
    account.save(update_fields=["status"])
    assert run(AFTER) == 1


def test_webhook_filters_receive_the_derived_events(authed_client, account):
    with Receiver() as receiver:
        urls = {}
        for name, types in {
            "all": None,
            "family": ["invoice.*"],
            "overdue": ["invoice.overdue"],
            "paid": ["invoice.paid", "sync.failed"],
            "contacts": ["contact.*"],
        }.items():
            body = {"url": f"{receiver.url}/{name}", **({"event_types": types} if types else {})}
            response = authed_client.post("/v1/webhook-endpoints", body, format="json")
            assert response.status_code == 201, response.content
            urls[response.json()["id"]] = name
        refused = authed_client.post(
            "/v1/webhook-endpoints",
            {"url": receiver.url, "event_types": ["invoice.overdo"]},
            format="json",
        )
        assert refused.status_code == 400
        put(account, invoice("a"))
        run(AFTER)
        put(account, invoice("a", balance="0.00", status="PAID"))
        got: dict[str, list[str]] = {}
        for hit in receiver.wait_for(3 + 3 + 1 + 1):
            got.setdefault(hit.path.rsplit("/", 1)[1], []).append(
                hit.headers["ledgerlink-event-type"]
            )
    expected_family = ["invoice.created", "invoice.overdue", "invoice.updated", "invoice.paid"]
    assert sorted(got["family"]) == sorted(expected_family)
    assert sorted(got["all"]) == sorted(expected_family)
    assert got["overdue"] == ["invoice.overdue"]
    assert got["paid"] == ["invoice.paid"]
    assert "contacts" not in got
    assert WebhookDelivery.objects.filter(status="succeeded").count() == 10


def test_concurrent_runs_emit_each_event_once(account):
    """Runs in parallel (two beat ticks overlapping, each on its own connection): a row locked
    by one is skipped by the others, so every invoice is announced once."""
    put(account, *(invoice(f"i{n}", DUE - timedelta(days=n)) for n in range(40)))
    counts: list[int] = []

    def worker() -> None:
        try:
            counts.append(run(AFTER, batch_size=3))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(counts) == 40
    assert sorted(rid for _, rid in derived(account)) == sorted(f"i{n}" for n in range(40))
    assert_gapless(account)


def test_event_types_list_the_derived_ones():
    types = services.event_types()
    for name in DERIVED:
        assert name in types
    assert types.index("invoice.deleted") < types.index("invoice.due_soon")


def test_xero_zone_names():
    """Xero's stripped Windows names, as its organisations carry them."""
    assert zone_named("NEWZEALANDSTANDARDTIME") == ZoneInfo("Pacific/Auckland")
    assert zone_named("AUSEASTERNSTANDARDTIME") == ZoneInfo("Australia/Sydney")
    assert zone_named("GMTSTANDARDTIME") == ZoneInfo("Europe/London")
    assert zone_named("RUSSIATIMEZONE") is UTC  # ambiguous in Xero's enum


def test_invoices_stored_before_the_watch_rows_are_backfilled(account):
    from django.apps import apps

    from gateway.events.invoice_state import backfill
    from gateway.records.models import Record

    put(account, invoice("owed"), invoice("paid", balance="0.00", status="PAID"))
    put(account, invoice("draft", status="DRAFT"))
    InvoiceWatch.objects.all().delete()  # as before migration 0006
    assert run(AFTER) == 0
    assert backfill(Record, apps.get_model("events", "InvoiceWatch"), batch=2) == 1
    InvoiceWatch.objects.update(overdue_for=DUE)  # as if announced meanwhile
    backfill(Record, InvoiceWatch)  # again: the row is kept as it is
    assert list(InvoiceWatch.objects.values_list("overdue_for", flat=True)) == [DUE]
    InvoiceWatch.objects.update(overdue_for=None)
    assert run(AFTER) >= 1
    assert overdue(account) == ["owed"]


def test_a_run_out_of_time_leaves_the_rest_to_the_next(account, monkeypatch):
    put(account, *(invoice(f"t{n}", DUE - timedelta(days=n)) for n in range(5)))
    late = {"now": 0.0}
    real_batch = invoice_events._batch

    def batch_then_time_is_up(acct, kind, *args):
        count = real_batch(acct, kind, *args)
        if kind == "overdue":
            late["now"] = 1e9  # the run's time is up after its first overdue batch
        return count

    monkeypatch.setattr(invoice_events, "time", SimpleNamespace(monotonic=lambda: late["now"]))
    monkeypatch.setattr(invoice_events, "_batch", batch_then_time_is_up)
    assert run(AFTER, batch_size=2, max_seconds=60) == 2
    monkeypatch.undo()
    assert run(AFTER, batch_size=2) == 3  # the next run carries on
    assert sorted(overdue(account)) == sorted(f"t{n}" for n in range(5))
    assert_gapless(account)


def test_the_beat_task_uses_the_clock(account, settings):
    from gateway.events import tasks

    entry = settings.CELERY_BEAT_SCHEDULE["invoice-events"]
    assert entry["task"] == tasks.emit_invoice_events.name

    put(account, invoice("ancient", date(2000, 1, 1)))
    tasks.emit_invoice_events.delay()  # eager in tests; the beat's entry names it
    assert overdue(account) == ["ancient"]

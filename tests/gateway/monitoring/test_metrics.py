"""GET /metrics: Prometheus' text format, values from the stored rows, behind METRICS_TOKEN."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from gateway.accounts.models import LinkedAccountStatus
from gateway.events.models import DeliveryStatus, Event, WebhookDelivery, WebhookEndpoint
from gateway.monitoring import collector
from gateway.sync.models import (
    AccountState,
    AccountSync,
    InboundEvent,
    InboundStatus,
    RejectedInboundEvent,
    RunTrigger,
    SyncMode,
    SyncRun,
)
from tests.factories import make_customer
from tests.gateway.builders import make_linked_account

TOKEN = "metrics-token-for-tests-0123456789abcdef"


@pytest.fixture
def metrics_token(settings):
    settings.METRICS_TOKEN = TOKEN
    return TOKEN


def scrape(client, **headers) -> dict[str, dict[tuple, float]]:
    """{sample name: {sorted label items: value}} of a successful scrape."""
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}", **headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    assert response["Cache-Control"] == "no-store"
    samples: dict[str, dict[tuple, float]] = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            samples.setdefault(sample.name, {})[tuple(sorted(sample.labels.items()))] = sample.value
    return samples


def value(samples, name: str, **labels) -> float:
    return samples[name][tuple(sorted(labels.items()))]


def _sync(account, state, *, next_sync_at=None, last_success_at=None, run=None):
    return AccountSync.objects.create(
        linked_account=account,
        frequency_minutes=60,
        state=state,
        next_sync_at=next_sync_at,
        last_success_at=last_success_at,
        current_run=run,
    )


@pytest.fixture
def fleet(db, fake_provider):
    """Fake-provider accounts in known sync states, relative to now."""
    now = timezone.now()
    customer, _ = make_customer("Fleet Co")
    accounts = [make_linked_account(customer) for _ in range(7)]
    # Due since 40 minutes and 10 minutes (done / failed, next_sync_at passed).
    _sync(
        accounts[0],
        AccountState.DONE,
        next_sync_at=now - timedelta(minutes=40),
        last_success_at=now - timedelta(minutes=100),
    )
    _sync(
        accounts[1],
        AccountState.FAILED,
        next_sync_at=now - timedelta(minutes=10),
        last_success_at=now - timedelta(days=2),
    )
    # Queued 5 minutes ago, not started.
    run = SyncRun.objects.create(
        linked_account=accounts[2], mode=SyncMode.INCREMENTAL, trigger=RunTrigger.SCHEDULE
    )
    SyncRun.objects.filter(pk=run.pk).update(queued_at=now - timedelta(minutes=5))
    _sync(
        accounts[2],
        AccountState.QUEUED,
        next_sync_at=now + timedelta(minutes=55),
        last_success_at=now - timedelta(minutes=2),
        run=run,
    )
    # Queued again after a pause (started 3 hours ago): not a wait for a worker.
    resumed = SyncRun.objects.create(
        linked_account=accounts[6], mode=SyncMode.FULL, trigger=RunTrigger.LINKED
    )
    SyncRun.objects.filter(pk=resumed.pk).update(
        queued_at=now - timedelta(hours=3), started_at=now - timedelta(hours=3)
    )
    _sync(accounts[6], AccountState.QUEUED, next_sync_at=now + timedelta(minutes=5), run=resumed)
    # Paused for the provider's budget; never synced successfully.
    _sync(accounts[3], AccountState.PAUSED, next_sync_at=now + timedelta(minutes=30))
    # Done and not yet due.
    _sync(
        accounts[4],
        AccountState.DONE,
        next_sync_at=now + timedelta(minutes=50),
        last_success_at=now - timedelta(minutes=10),
    )
    # Needs relinking: counted by status, left out of the sync figures.
    accounts[5].status = LinkedAccountStatus.RELINK_REQUIRED
    accounts[5].save(update_fields=["status"])
    _sync(accounts[5], AccountState.DONE, next_sync_at=now - timedelta(days=9))
    return customer, accounts, now


def test_exposition_parses_and_reflects_the_sync_rows(client, metrics_token, fleet):
    s = scrape(client)
    assert value(s, "ledgerlink_linked_accounts", provider="fake", status="active") == 6
    assert value(s, "ledgerlink_linked_accounts", provider="fake", status="relink_required") == 1
    states = {
        st: value(s, "ledgerlink_sync_accounts", provider="fake", state=st)
        for st in AccountState.values
    }
    assert states == {"idle": 0, "queued": 2, "syncing": 0, "paused": 1, "done": 2, "failed": 1}
    assert value(s, "ledgerlink_sync_due_accounts", provider="fake") == 2
    assert 40 * 60 <= value(s, "ledgerlink_sync_oldest_due_seconds", provider="fake") < 41 * 60
    assert 5 * 60 <= value(s, "ledgerlink_sync_oldest_queued_seconds", provider="fake") < 6 * 60
    assert value(s, "ledgerlink_sync_never_succeeded_accounts", provider="fake") == 2
    assert value(s, "ledgerlink_sync_oldest_success_age_seconds", provider="fake") >= 2 * 86400
    buckets = {
        dict(labels)["le"]: v
        for labels, v in s["ledgerlink_sync_last_success_age_seconds_bucket"].items()
        if dict(labels)["provider"] == "fake"
    }
    # Ages: 2 min, 10 min, 100 min, 2 days.
    assert buckets["300.0"] == 1
    assert buckets["900.0"] == 2
    assert buckets["3600.0"] == 2
    assert buckets["7200.0"] == 3
    assert buckets["86400.0"] == 3
    assert buckets["604800.0"] == 4 and buckets["+Inf"] == 4
    assert value(s, "ledgerlink_sync_last_success_age_seconds_count", provider="fake") == 4
    total = value(s, "ledgerlink_sync_last_success_age_seconds_sum", provider="fake")
    assert (2 + 10 + 100 + 2 * 1440) * 60 <= total < (2 + 10 + 100 + 2 * 1440) * 60 + 60
    # Enabled providers without accounts read 0, not absent.
    assert value(s, "ledgerlink_sync_due_accounts", provider="xero") == 0
    assert value(s, "ledgerlink_scrape_part_success", part="sync") == 1


def test_no_label_names_a_linked_account(client, metrics_token, fleet):
    _, accounts, _ = fleet
    body = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").content.decode()
    for account in accounts:
        assert str(account.id) not in body and account.tenant_id not in body


def test_deliveries_endpoints_and_inbound_backlog(client, metrics_token, fleet):
    customer, accounts, now = fleet
    endpoint = WebhookEndpoint.objects.create(
        customer=customer, url="https://h.example/in", secret="s", failing_since=now
    )
    WebhookEndpoint.objects.create(
        customer=customer,
        url="https://d.example/in",
        secret="s",
        enabled=False,
        disabled_reason="failed for 24 hours",
    )
    WebhookEndpoint.objects.create(
        customer=customer, url="https://off.example/in", secret="s", enabled=False
    )  # disabled by the customer: not counted
    rows = [
        (DeliveryStatus.PENDING, 0, now + timedelta(minutes=1)),
        (DeliveryStatus.PENDING, 3, now - timedelta(minutes=7)),
        (DeliveryStatus.PENDING, 1, now + timedelta(minutes=30)),
        (DeliveryStatus.FAILED, 12, None),
        (DeliveryStatus.SUCCEEDED, 1, None),
        (DeliveryStatus.SUCCEEDED, 2, None),
    ]
    for n, (status, attempts, next_at) in enumerate(rows, start=1):
        event = Event.objects.create(
            customer=customer,
            linked_account=accounts[0],
            sequence=n,
            type="invoice.updated",
            data="{}",
            created_at=now,
        )
        WebhookDelivery.objects.create(
            customer=customer,
            endpoint=endpoint,
            event=event,
            status=status,
            attempts=attempts,
            next_attempt_at=next_at,
            created_at=now,
        )
    for n, (status, age) in enumerate(
        [
            (InboundStatus.PENDING, 90),
            (InboundStatus.PENDING, 20),
            (InboundStatus.PROCESSING, 5),
            (InboundStatus.DONE, 3600),
        ]
    ):
        InboundEvent.objects.create(
            provider="fake",
            dedupe_key=f"k{n}",
            tenant_id="t",
            model="invoice",
            remote_id=str(n),
            occurred_at=now,
            received_at=now - timedelta(seconds=age),
            status=status,
        )
    RejectedInboundEvent.objects.create(provider="fake", received_at=now, reason="bad")
    RejectedInboundEvent.objects.create(
        provider="fake", received_at=now - timedelta(days=2), reason="old"
    )

    s = scrape(client)
    assert value(s, "ledgerlink_webhook_deliveries", status="pending") == 3
    assert value(s, "ledgerlink_webhook_deliveries", status="failed") == 1
    assert value(s, "ledgerlink_webhook_deliveries_retrying") == 2
    assert value(s, "ledgerlink_webhook_deliveries_due") == 1
    assert 7 * 60 <= value(s, "ledgerlink_webhook_delivery_oldest_due_seconds") < 8 * 60
    assert value(s, "ledgerlink_webhook_endpoints", state="failing") == 1
    assert value(s, "ledgerlink_webhook_endpoints", state="disabled") == 1
    assert value(s, "ledgerlink_inbound_events", provider="fake", status="pending") == 2
    assert value(s, "ledgerlink_inbound_events", provider="fake", status="processing") == 1
    assert 90 <= value(s, "ledgerlink_inbound_oldest_pending_seconds", provider="fake") < 150
    assert value(s, "ledgerlink_inbound_rejected_last_24h", provider="fake") == 1


def test_provider_budget_from_the_shared_limiter(client, metrics_token, fake_provider):
    from gateway.core.providers import get_registry

    registry = get_registry()
    xero = registry.get("xero")
    limiter = registry.limiter
    before = scrape(client)
    calls_before = value(before, "ledgerlink_provider_calls_total", provider="xero")
    limited_before = value(before, "ledgerlink_provider_rate_limited_total", provider="xero")
    for _ in range(3):
        limiter.acquire("xero", "tenant-a", xero.limits).release()
    limiter.block("xero", "tenant-a", "appminute", 120)

    s = scrape(client)
    assert value(s, "ledgerlink_provider_calls_total", provider="xero") == calls_before + 3
    assert value(s, "ledgerlink_provider_rate_limited_total", provider="xero") == limited_before + 1
    assert value(s, "ledgerlink_provider_app_minute_used", provider="xero") >= 3
    app_limit = xero.limits.app_per_minute
    assert value(s, "ledgerlink_provider_app_minute_remaining", provider="xero") <= app_limit - 3
    assert value(s, "ledgerlink_provider_limit", provider="xero", window="app_per_minute") == (
        app_limit
    )
    assert 100 < value(s, "ledgerlink_provider_app_blocked_seconds", provider="xero") <= 120


def test_queue_depth_per_celery_queue(client, metrics_token, db, settings):
    """With a Redis broker each queue is a Redis list: its length is what waits."""
    import os

    import redis

    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("needs Redis (REDIS_URL)")
    settings.CELERY_BROKER_URL = url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    r = redis.Redis.from_url(url)
    r.delete("syncs", "deliveries", "syncs\x06\x163", "unacked")
    try:
        r.rpush("syncs", "m1", "m2")
        r.rpush("syncs\x06\x163", "m3")  # a message sent with a priority
        r.rpush("deliveries", "m4")
        r.hset("unacked", "tag", "m5")
        s = scrape(client)
    finally:
        r.delete("syncs", "deliveries", "syncs\x06\x163", "unacked")
        r.close()
    assert value(s, "ledgerlink_celery_queue_length", queue="syncs") == 3
    assert value(s, "ledgerlink_celery_queue_length", queue="deliveries") == 1
    assert value(s, "ledgerlink_celery_queue_length", queue="ticks") == 0
    assert value(s, "ledgerlink_celery_unacked_messages") == 1


def test_in_process_tasks_have_no_queue_to_measure(client, metrics_token, db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    s = scrape(client)
    assert "ledgerlink_celery_queue_length" not in s
    assert value(s, "ledgerlink_scrape_part_success", part="queues") == 1


def test_a_part_whose_source_is_down_is_reported_and_the_rest_served(
    client, metrics_token, db, settings, monkeypatch
):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    settings.CELERY_TASK_ALWAYS_EAGER = False
    s = scrape(client)
    assert value(s, "ledgerlink_scrape_part_success", part="queues") == 0
    assert value(s, "ledgerlink_scrape_part_success", part="sync") == 1
    assert "ledgerlink_celery_queue_length" not in s
    assert "ledgerlink_sync_due_accounts" in s


def test_openmetrics_when_the_scraper_asks_for_it(client, metrics_token, db):
    response = client.get(
        "/metrics",
        HTTP_AUTHORIZATION=f"Bearer {TOKEN}",
        HTTP_ACCEPT="application/openmetrics-text;version=1.0.0,text/plain;q=0.5",
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/openmetrics-text")
    assert response.content.decode().rstrip().endswith("# EOF")


def test_the_answering_process_describes_itself(client, metrics_token, db):
    s = scrape(client)
    assert "python_info" in s
    assert value(s, "process_resident_memory_bytes") > 0  # Linux: read from /proc


def test_the_query_count_does_not_grow_with_the_fleet(db, fake_provider, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            list(collector.LedgerlinkCollector().collect())
        return len(captured.captured_queries)

    customer, _ = make_customer("Small Co")
    make_linked_account(customer)
    few = queries()
    for _ in range(30):
        account = make_linked_account(customer)
        _sync(account, AccountState.DONE, last_success_at=timezone.now())
    assert queries() == few <= 8

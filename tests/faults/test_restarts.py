"""PostgreSQL and Redis restarted under a running worker (private instances on ports of their
own, never the shared ones): the sync resumes and completes, nothing lost or duplicated."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from django.db import OperationalError, connections
from django.db.utils import InterfaceError

from gateway.events import endpoints
from gateway.events.models import WebhookDelivery
from gateway.sync import services
from gateway.sync.models import ModelCheckpoint, RunTrigger
from tests.faults.checks import assert_books_match
from tests.faults.services import PrivatePostgres, PrivateRedis, harness
from tests.gateway.sync.live import database_url, wait_until
from tests.services import require_redis

pytestmark = [pytest.mark.slow]

API = "/api.xro/2.0/"
#: A dead worker's lease expires fast and the beat tick resumes its run at once.
FAST = {"SYNC_LEASE_SECONDS": "2", "SYNC_TICK_SECONDS": "1"}


def tolerant(predicate):
    """A wait_until predicate that reads through a database outage."""

    def check():
        try:
            return predicate()
        except (OperationalError, InterfaceError):
            connections["default"].close()
            return None

    return check


def mid(account, model: str, records: int):
    def check():
        c = ModelCheckpoint.objects.filter(linked_account=account, model=model).first()
        return c and c.records_seen >= records

    return tolerant(check)


@pytest.fixture
def private_pg(django_db_blocker, settings, xero_sandbox, tmp_path) -> Iterator:
    """The test process and its workers on a private PostgreSQL (the default connection is
    pointed at it for the test's duration)."""
    database_url()  # skipped locally on SQLite, failed under CI
    redis_url = require_redis()
    pg = PrivatePostgres().start()
    url = pg.create_database()
    connection = connections["default"]
    saved = dict(connection.settings_dict)
    try:
        with django_db_blocker.unblock():
            connection.close()
            connection.settings_dict.update(
                NAME="ledgerlink",
                HOST="127.0.0.1",
                PORT=str(pg.port),
                USER="postgres",
                PASSWORD="",
                CONN_MAX_AGE=0,
            )
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            with harness(settings, xero_sandbox, url, redis_url, tmp_path) as live:
                live.pg = pg
                yield live
    finally:
        with django_db_blocker.unblock():
            connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
        pg.destroy()


@pytest.fixture
def private_redis(transactional_db, settings, xero_sandbox, tmp_path) -> Iterator:
    """The test's workers on a private Redis (broker and shared rate limiter)."""
    db_url = database_url()
    redis = PrivateRedis().start()
    try:
        with harness(settings, xero_sandbox, db_url, redis.url, tmp_path) as live:
            live.redis = redis
            yield live
    finally:
        redis.stop()


def test_postgres_restarted_under_a_running_sync(private_pg):
    from tests.factories import make_customer

    live = private_pg
    live.sandbox.control.reset(contacts=1000, invoices=5000, payments=300, tenant="uk")
    live.sandbox.control.faults([{"prefix": f"{API}Invoices", "slow": 1.0, "slow_ms": 250}])
    customer, _ = make_customer("Restart Co")
    account = live.link(customer, "uk")
    # Queued before the worker (and its beat) starts, so the scheduler cannot claim it first.
    run = services.request_sync(account, "full", RunTrigger.API)
    live.worker(env=FAST, beat=True)
    wait_until(mid(account, "invoice", 1000), 60, "the sync to be part-way through invoices")

    live.pg.stop("fast")  # every session is cut; nothing can be written for a while
    time.sleep(2)
    live.pg.start()
    connections["default"].close()
    live.sandbox.control.clear_faults()

    wait_until(tolerant(lambda: services.sync_status(account)["state"] == "done"), 120, "the sync")
    live.wait_for_run(run.id, timeout=10)
    assert_books_match(live, account)


def test_redis_restarted_under_a_running_sync(private_redis, customer_with_key):
    live = private_redis
    live.sandbox.control.reset(contacts=1000, invoices=5000, payments=300, tenant="au")
    live.sandbox.control.faults([{"prefix": f"{API}Invoices", "slow": 1.0, "slow_ms": 250}])
    customer, _ = customer_with_key
    account = live.link(customer, "au")
    # Queued before the worker (and its beat) starts, so the scheduler cannot claim it first.
    run = services.request_sync(account, "full", RunTrigger.API)
    live.worker(env=FAST, beat=True)
    wait_until(mid(account, "invoice", 1000), 60, "the sync to be part-way through invoices")

    live.redis.stop()  # broker and limiter gone, and everything they held (--save '')
    time.sleep(2)
    live.redis.start()
    live.sandbox.control.clear_faults()

    wait_until(lambda: services.sync_status(account)["state"] == "done", 120, "the sync")
    live.wait_for_run(run.id, timeout=10)
    assert_books_match(live, account)
    assert services.sync_status(account)["state"] == "done"
    assert [w.process.poll() for w in live.workers] == [None], live.workers[0].log()[-3000:]


def test_worker_outlives_a_redis_restart(private_redis, customer_with_key):
    """Celery 5.7 exited ("Unrecoverable error: AttributeError: 'NoneType' object has no
    attribute 'hostname'") when Redis went away with a task in flight. The same worker, with no
    help, runs a sync and a delivery queued after Redis is back."""
    from tests.faults.test_delivery_kill import SlowReceiver

    live = private_redis
    live.sandbox.control.reset(contacts=50, invoices=400, payments=20, tenant="au")
    live.sandbox.control.faults([{"prefix": f"{API}Invoices", "slow": 1.0, "slow_ms": 300}])
    customer, _ = customer_with_key
    account = live.link(customer, "au")
    run = services.request_sync(account, "full", RunTrigger.API)
    worker = live.worker(env=FAST, beat=True)
    wait_until(lambda: services.sync_status(account)["state"] == "syncing", 60, "a sync in flight")

    live.redis.stop()
    time.sleep(2)
    live.redis.start()
    live.sandbox.control.clear_faults()
    time.sleep(3)  # the worker reconnects (or, before the fix, has exited)
    assert worker.process.poll() is None, worker.log()[-4000:]

    # The run in flight was interrupted by the outage; the beat's tick resumes it.
    live.wait_for_run(run.id, timeout=90)

    receiver = SlowReceiver(delay=0)
    try:
        endpoints.create_endpoint(customer, {"url": receiver.url, "event_types": ["sync.*"]})
        second = services.request_sync(account, "incremental", RunTrigger.API)
        live.wait_for_run(second.id, timeout=60)
        wait_until(
            lambda: WebhookDelivery.objects.filter(status="succeeded").exists(),
            30,
            "the sync.completed delivery",
        )
        assert receiver.seen
    finally:
        receiver.close()
    assert worker.process.poll() is None

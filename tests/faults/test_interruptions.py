"""Our own services failing under a sync (the database or Redis dropping out) interrupt the run
instead of failing it: the checkpoint stays, and the scheduler tick resumes it. Embedded setup
(eager Celery, any database), an in-memory provider; the real restarts are in test_restarts."""

from __future__ import annotations

import pytest
import redis.exceptions
from django.db import OperationalError

from gateway.events.models import Event
from gateway.records.models import Record
from gateway.sync import services
from gateway.sync.models import AccountState, AccountSync, RunStatus, RunTrigger, SyncRun
from tests.gateway.sync.conftest import fake_provider  # noqa: F401
from tests.gateway.sync.helpers import make_linked_account

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    "error",
    [
        redis.exceptions.ConnectionError("Error 111 connecting to 127.0.0.1:6379."),
        OperationalError("server closed the connection unexpectedly"),
    ],
)
def test_an_outage_interrupts_the_run_and_the_tick_resumes_it(
    fake_provider,  # noqa: F811
    customer_with_key,
    monkeypatch,
    error,
):
    customer, _ = customer_with_key
    account = make_linked_account(customer)
    remote = fake_provider.remote(account.tenant_id)
    for i in range(7):
        remote.put("contact", f"c{i}", name=f"Contact {i}")
        remote.put("invoice", f"i{i}", contact=f"c{i}")
    store_page = services._store_page
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:  # part-way through invoices
            raise error
        return store_page(*args, **kwargs)

    monkeypatch.setattr(services, "_store_page", flaky)
    run = services.request_sync(account, "full", RunTrigger.API)  # eager: runs now
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING and "interrupted" in run.error
    sync = AccountSync.objects.get(pk=account.pk)
    assert sync.state == AccountState.SYNCING and sync.lease_owner == ""
    assert "interrupted" in services.sync_status(account)["last_error"]
    assert not Event.objects.filter(type="sync.failed").exists()

    assert services.tick()["recovered"] == 1  # eager: the resumed run completes at once
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert SyncRun.objects.filter(linked_account=account).count() == 1
    for model in ("contact", "invoice"):
        ids = list(
            Record.objects.filter(linked_account=account, model=model).values_list(
                "remote_id", flat=True
            )
        )
        assert sorted(ids) == sorted(set(ids)) and len(ids) == 7
        assert Event.objects.filter(type=f"{model}.created").count() == 7
    assert services.sync_status(account)["last_error"] == ""

"""Fixtures for tests that run syncs in a real Celery worker against the Xero sandbox:
PostgreSQL (the test database, shared with the worker), Redis (broker and rate limiter) and a
queue of their own. Skipped locally when PostgreSQL or Redis is missing; failed under CI."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from gateway.queues import task_routes
from tests.gateway.sync.worker import Worker, all_queues
from tests.services import require_redis

CI = os.environ.get("CI", "").lower() == "true"


def wait_until(predicate: Callable[[], Any], timeout: float = 60, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def database_url() -> str:
    from django.db import connection

    if connection.vendor != "postgresql":
        message = "worker tests need PostgreSQL (DATABASE_URL=postgres://…)"
        if CI:
            pytest.fail(message)
        pytest.skip(message)
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def xero_settings(sandbox, **overrides: Any) -> dict[str, Any]:
    return {
        "client_id": sandbox.client_id,
        "client_secret": sandbox.client_secret,
        "authorize_url": sandbox.authorize_url,
        "token_url": sandbox.token_url,
        "revoke_url": sandbox.revocation_url,
        "connections_url": sandbox.connections_url,
        "api_url": sandbox.api_url,
        "webhook_key": sandbox.webhook_key,
        "http": {
            "read_timeout": 3.0,
            "max_attempts": 8,
            "backoff_initial": 0.05,
            "backoff_max": 0.5,
        },
        **overrides,
    }


@pytest.fixture
def live(transactional_db, settings, xero_sandbox, tmp_path) -> Iterator[Live]:
    db_url = database_url()
    redis_url = require_redis()
    from gateway.celery import app

    queue = f"ledgerlink-test-{uuid.uuid4().hex[:10]}"
    keys = ("task_always_eager", "broker_url", "task_default_queue", "task_routes")
    saved = {k: app.conf[k] for k in keys}
    app.conf.update(
        task_always_eager=False,
        broker_url=redis_url,
        task_default_queue=queue,
        task_routes=task_routes(prefix=f"{queue}-"),
    )
    for cached in ("queues", "router", "_producer_pool"):
        app.amqp.__dict__.pop(cached, None)
    app.amqp._producer_pool = None
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.REDIS_URL = redis_url
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    harness = Live(settings, xero_sandbox, db_url, redis_url, queue, tmp_path)
    harness.configure()
    try:
        yield harness
    finally:
        harness.stop_all()
        app.conf.update(saved)
        for cached in ("queues", "router"):
            app.amqp.__dict__.pop(cached, None)
        app.amqp._producer_pool = None
        from kombu import Connection

        with Connection(redis_url) as conn:  # drop what is left in our queues
            conn.default_channel.client.delete(*all_queues(queue))


class Live:
    def __init__(self, settings, sandbox, db_url, redis_url, queue, tmp_path) -> None:
        self.settings, self.sandbox = settings, sandbox
        self.db_url, self.redis_url, self.queue, self.tmp_path = db_url, redis_url, queue, tmp_path
        self.workers: list[Worker] = []
        self.provider: dict[str, Any] = {}

    def configure(self, **overrides: Any) -> None:
        """Provider settings for this process and the workers started from now on."""
        self.provider = xero_settings(self.sandbox, **overrides)
        self.settings.LEDGERLINK_PROVIDER_SETTINGS = {"xero": self.provider}

    def worker(self, **kwargs: Any) -> Worker:
        worker = Worker(
            database_url=self.db_url,
            broker_url=self.redis_url,
            queue=self.queue,
            provider_settings={"xero": self.provider},
            log_dir=self.tmp_path,
            name=f"w{len(self.workers)}",
            **kwargs,
        )
        self.workers.append(worker)
        return worker.start()

    def stop_all(self) -> None:
        for worker in self.workers:
            worker.stop()

    def link(self, customer, tenant: str = "uk", end_user_id: str = "user-1"):
        """Consent in the sandbox and store the grant and linked account (no signal sent)."""
        from gateway.accounts.models import Grant, LinkedAccount

        tokens = self.sandbox.connect(tenants=[tenant])
        grant = Grant.objects.create(
            customer=customer,
            provider="xero",
            end_user_id=end_user_id,
            access_token=tokens["access_token"],
            refresh_token=tokens["refresh_token"],
            access_expires_at=datetime.now(UTC) + timedelta(seconds=tokens["expires_in"]),
            refreshed_at=datetime.now(UTC),
        )
        return LinkedAccount.objects.create(
            customer=customer,
            grant=grant,
            provider="xero",
            tenant_id=self.sandbox.tenant_id(tenant),
            tenant_name=self.sandbox.tenant_names[tenant],
            end_user_id=end_user_id,
        )

    def remote_count(self, account, collection: str, params: dict | None = None) -> int:
        """How many records the sandbox lists (as our connector asks for them)."""
        api = self.sandbox.api(account.grant.access_token, account.tenant_id)
        query = {"page": 1, "pageSize": 1, **(params or {})}
        body = api.get(collection, params=query).json()
        return body["pagination"]["itemCount"]

    def wait_for_run(self, run_id, timeout: float = 90, statuses=("succeeded",)):
        from gateway.sync.models import SyncRun

        def finished():
            run = SyncRun.objects.get(pk=run_id)
            return run if run.status in (*statuses, "failed") else None

        run = wait_until(finished, timeout, f"sync run {run_id}")
        if run.status not in statuses:
            logs = "\n".join(w.log()[-3000:] for w in self.workers)
            raise AssertionError(f"run {run.status}: {run.error}\n{logs}")
        return run

"""Every task of the gateway goes to the queue of its kind (gateway.queues)."""

from __future__ import annotations

import pytest

from gateway.celery import app
from gateway.queues import QUEUES

EXPECTED = {
    "gateway.sync.tasks.tick": "ticks",
    "gateway.sync.tasks.refresh_grants": "ticks",
    "gateway.connect.tasks.expire_link_sessions": "ticks",
    "gateway.reports.tasks.schedule_snapshots": "ticks",
    "gateway.events.tasks.emit_invoice_events": "ticks",
    "gateway.reports.tasks.snapshot_account": "syncs",
    "gateway.sync.tasks.process_inbound": "inbound",
    "gateway.sync.tasks.run_sync": "syncs",
    "gateway.sync.tasks.resume_sync": "syncs",
    "gateway.events.tasks.deliver_webhooks": "deliveries",
}


def routed_queue(task_name: str) -> str:
    return app.amqp.router.route({}, task_name)["queue"].name


@pytest.mark.parametrize(("task", "queue"), sorted(EXPECTED.items()))
def test_each_task_goes_to_its_queue(task, queue):
    assert routed_queue(task) == queue


def test_no_gateway_task_is_left_on_the_default_queue():
    app.loader.import_default_modules()
    ours = {name for name in app.tasks if name.startswith("gateway.")}
    assert ours == set(EXPECTED)
    assert {routed_queue(name) for name in ours} == set(QUEUES)


def test_the_beat_schedule_only_names_routed_tasks(settings):
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in EXPECTED

"""Which Celery queue each kind of background work goes to, so one kind cannot starve another.

A burst of provider webhooks once delayed the beat's `sync.tick` by over two minutes because
every task shared one queue. Each kind now has its own queue and its own worker (the README's
production section lists the command lines):

- `ticks`: the beat's scheduling and upkeep (sync tick, grant refresh, link sessions, the
  derived invoice events, each run bounded), short;
- `inbound`: processing provider webhooks (fetching the changed records);
- `syncs`: sync runs, long (and the monthly report snapshots: provider calls too);
- `deliveries`: sending outbound webhooks.
"""

from __future__ import annotations

QUEUES = ("ticks", "inbound", "syncs", "deliveries")

ROUTES = {
    "gateway.sync.tasks.tick": "ticks",
    "gateway.sync.tasks.refresh_grants": "ticks",
    "gateway.connect.tasks.expire_link_sessions": "ticks",
    "gateway.reports.tasks.schedule_snapshots": "ticks",
    "gateway.events.tasks.emit_invoice_events": "ticks",
    "gateway.sync.tasks.process_inbound": "inbound",
    "gateway.sync.tasks.run_sync": "syncs",
    "gateway.sync.tasks.resume_sync": "syncs",
    "gateway.reports.tasks.snapshot_account": "syncs",
    "gateway.events.tasks.deliver_webhooks": "deliveries",
}


def task_routes(prefix: str = "") -> dict[str, dict[str, str]]:
    """Celery's `task_routes`; `prefix` namespaces the queues (tests sharing one Redis)."""
    return {task: {"queue": f"{prefix}{queue}"} for task, queue in ROUTES.items()}


def queue_names(prefix: str = "") -> list[str]:
    return [f"{prefix}{queue}" for queue in QUEUES]

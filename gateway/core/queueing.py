"""Queueing background work whose state is already in the database.

A sync run, an inbound webhook event and a webhook delivery are rows first; the task only says
"work is waiting". When the broker is down the row stays and the beat picks it up (the sync
tick recovers queued runs, the inbound and delivery sweeps run every minute or so), so a failed
enqueue is logged, never raised into a request whose change is already committed.
"""

from __future__ import annotations

import logging
from typing import Any

from gateway.core.errors import ServiceUnavailable, infrastructure_errors

logger = logging.getLogger(__name__)


def enqueue(task: Any, *args: Any, **options: Any) -> bool:
    """`task.apply_async(args, **options)`; False (logged) when the broker is unreachable."""
    try:
        task.apply_async(args=args, **options)
    except infrastructure_errors() as exc:
        logger.warning("could not queue %s (%r); the beat's sweep picks it up", task.name, exc)
        return False
    return True


def require_broker() -> None:
    """Refuse a request that exists to start background work while the broker is down."""
    from gateway.core.health import check_broker

    if not check_broker().ok:
        raise ServiceUnavailable(
            "The task queue is unavailable, so the work cannot be started; retry after the delay."
        )

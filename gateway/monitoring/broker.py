"""Celery queue depths, read from the Redis broker.

With kombu's Redis transport a queue is a Redis list named after it (plus one list per message
priority step, `<queue>\\x06\\x16<n>`, used only by messages sent with a priority): its length is
the messages waiting. Messages a worker has taken but not acknowledged yet (`acks_late`) sit in
the transport's `unacked` hash. Without a Redis broker (tasks run in-process, or another broker)
there is nothing to read: `None`.
"""

from __future__ import annotations

from django.conf import settings
from kombu.transport.redis import PRIORITY_STEPS, Channel

from gateway.queues import queue_names

#: Seconds a scrape waits for the broker before reporting it unreachable.
TIMEOUT = 2.0


def _list_keys(queue: str) -> list[str]:
    return [queue] + [f"{queue}{Channel.sep}{step}" for step in PRIORITY_STEPS if step]


def queue_depths() -> tuple[dict[str, int], int] | None:
    """(queue name → messages waiting, messages taken by a worker and not yet acknowledged)."""
    url = settings.CELERY_BROKER_URL
    if settings.CELERY_TASK_ALWAYS_EAGER or not url.startswith(("redis://", "rediss://")):
        return None
    import redis

    client = redis.Redis.from_url(url, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT)
    try:
        with client.pipeline(transaction=False) as pipe:
            queues = queue_names()
            for queue in queues:
                for key in _list_keys(queue):
                    pipe.llen(key)
            pipe.hlen(Channel.unacked_key)
            lengths = pipe.execute()
    finally:
        client.close()
    steps = len(_list_keys(""))
    depths = {queue: sum(lengths[i * steps : (i + 1) * steps]) for i, queue in enumerate(queues)}
    return depths, lengths[-1]

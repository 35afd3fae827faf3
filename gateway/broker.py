"""The Celery broker transport: kombu's Redis transport, made to survive a Redis restart.

With Celery 5.7.0 / kombu 5.7.0 a worker exited for good when Redis went away under it
("Unrecoverable error: AttributeError: 'NoneType' object has no attribute 'hostname'"): once the
lost connection is closed, kombu detaches the transport from its channels, but the closed
channel is still asked for a Redis client (to give back unacknowledged messages when it is
closed a second time, or to acknowledge a task that finishes after the reconnection), and
building that client reads the detached connection's host. Celery only tolerates connection
errors there, so the `AttributeError` ended the worker.

Here a channel whose connection is gone says so with a connection error, which Celery and kombu
already handle: the close is ignored, the late acknowledgement is logged and dropped, and the
consumer reconnects. Nothing is lost by that: the messages lived in the Redis that went away,
and every task is recoverable from the database (the beat's tick and sweeps).
"""

from __future__ import annotations

from kombu.transport import redis as kombu_redis
from redis.exceptions import ConnectionError as RedisConnectionError


class Channel(kombu_redis.Channel):
    def _connparams(self, asynchronous=False):
        if self.connection.client is None:
            raise RedisConnectionError("the broker connection was closed")
        return super()._connparams(asynchronous=asynchronous)


class Transport(kombu_redis.Transport):
    Channel = Channel


def transport_for(broker_url: str) -> str | None:
    """The transport to use for `broker_url` (None: kombu's choice from the URL's scheme)."""
    if broker_url.startswith(("redis://", "rediss://")):
        return "gateway.broker:Transport"
    return None

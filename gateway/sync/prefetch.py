"""Read the next page from the provider while the current one is being stored."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import TypeVar

from django.db import connections

T = TypeVar("T")
_DONE = object()


class _Failure:
    def __init__(self, exc: BaseException):
        self.exc = exc


def prefetch(source: Iterator[T], depth: int) -> Iterator[T]:
    """Iterate `source` in a background thread, at most `depth` items ahead (0: inline).

    Exceptions from the source are raised at the consumer's matching position; leaving the loop
    early stops the producer after its current item."""
    if depth <= 0:
        yield from source
        return
    buffer: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                buffer.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in source:
                if not put(item):
                    return
            put(_DONE)
        except BaseException as exc:  # handed to the consumer
            put(_Failure(exc))
        finally:
            connections.close_all()  # token refreshes may have opened a connection here

    thread = threading.Thread(target=produce, name="sync-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            item = buffer.get()
            if item is _DONE:
                return
            if isinstance(item, _Failure):
                raise item.exc
            yield item
    finally:
        stop.set()
        thread.join(timeout=30)

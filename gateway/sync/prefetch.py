"""Read the next page from the provider while the current one is being stored."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator
from typing import TypeVar

from django.db import connections

T = TypeVar("T")
_DONE = object()


class _Failure:
    def __init__(self, exc: BaseException):
        self.exc = exc


def prefetch(
    source: Iterator[T],
    depth: int,
    *,
    ends_page: Callable[[T], bool] = lambda item: True,
    size: Callable[[T], int] = lambda item: 1,
    max_size: int | None = None,
) -> Iterator[T]:
    """Iterate `source` in a background thread (0: inline), at most `depth` page ends ahead
    and, with `max_size`, at most that much `size` held (an item always fits an empty buffer).

    A provider page handed on in parts ends with the item `ends_page` is true of: its parts are
    limited by `max_size` only, so the producer reads the next page as soon as it has handed
    on the last part of this one, while the consumer is still storing the parts before it.
    Exceptions from the source are raised at the consumer's matching position; leaving the loop
    early stops the producer after its current item."""
    if depth <= 0:
        yield from source
        return
    buffer: deque = deque()
    held = {"ends": 0, "size": 0}
    changed = threading.Condition()
    stop = threading.Event()

    def fits(item: object, end: bool, weight: int) -> bool:
        if not buffer:
            return True
        if end and held["ends"] >= depth:
            return False
        return max_size is None or held["size"] + weight <= max_size

    def put(item: object, end: bool = True, weight: int = 0) -> bool:
        with changed:
            while not stop.is_set() and not fits(item, end, weight):
                changed.wait(timeout=0.1)
            if stop.is_set():
                return False
            buffer.append((item, end, weight))
            held["ends"] += end
            held["size"] += weight
            changed.notify_all()
            return True

    def produce() -> None:
        try:
            for item in source:
                if not put(item, ends_page(item), size(item)):
                    return
            put(_DONE)
        except BaseException as exc:  # handed to the consumer
            put(_Failure(exc))
        finally:
            connections.close_all()  # token refreshes may have opened a connection here

    def take() -> object:
        with changed:
            while not buffer:
                changed.wait()
            item, end, weight = buffer.popleft()
            held["ends"] -= end
            held["size"] -= weight
            changed.notify_all()
            return item

    thread = threading.Thread(target=produce, name="sync-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            item = take()
            if item is _DONE:
                return
            if isinstance(item, _Failure):
                raise item.exc
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        with changed:
            changed.notify_all()
        thread.join(timeout=30)

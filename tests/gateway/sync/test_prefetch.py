"""The sync's read-ahead: one provider page ahead, a page's parts not counting as pages."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pytest

from gateway.sync.prefetch import prefetch


@dataclass
class Part:
    name: str
    continued: bool
    records: int = 100


def test_the_next_page_is_read_while_the_parts_of_this_one_are_stored():
    reading = {name: threading.Event() for name in ("B", "C")}

    def source():
        yield Part("A1", True)
        yield Part("A2", True)
        yield Part("A3", False)  # page A ends
        reading["B"].set()
        yield Part("B1", False)
        reading["C"].set()
        yield Part("C1", False)

    ahead = prefetch(
        source(),
        1,
        ends_page=lambda part: not part.continued,
        size=lambda part: part.records,
        max_size=1000,
    )
    assert next(ahead).name == "A1"
    # Page B is read while A2 and A3 still wait to be stored...
    assert reading["B"].wait(timeout=5)
    # ...but not C: one page end (A3's) is held, so B1 waits and C is not asked for.
    assert not reading["C"].wait(timeout=0.3)
    assert [next(ahead).name for _ in range(2)] == ["A2", "A3"]
    assert reading["C"].wait(timeout=5)
    assert [part.name for part in ahead] == ["B1", "C1"]


def test_the_records_held_are_bounded():
    asked: list[str] = []

    def source():
        for n in range(30):
            asked.append(f"P{n}")
            yield Part(f"P{n}", True)
        yield Part("end", False)

    ahead = prefetch(
        source(),
        1,
        ends_page=lambda part: not part.continued,
        size=lambda part: part.records,
        max_size=1000,
    )
    next(ahead)
    threading.Event().wait(0.3)
    # 10 parts of 100 held, one more in the producer's hand, none beyond.
    assert len(asked) <= 12
    assert len(list(ahead)) == 30


def test_a_failure_reaches_the_consumer_at_its_place():
    def source():
        yield Part("A1", False)
        raise RuntimeError("the provider went away")

    ahead = prefetch(source(), 1, ends_page=lambda part: not part.continued)
    assert next(ahead).name == "A1"
    with pytest.raises(RuntimeError, match="went away"):
        next(ahead)

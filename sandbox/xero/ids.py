"""Deterministic identifiers for seeded data, random ones for API-created data."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

NAMESPACE = uuid.UUID("5e1d0b7a-4c1b-4f52-9f0c-6c6564676572")


def stable(*parts: object) -> str:
    """A UUID5 derived from ``parts`` (same input, same id, every run)."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


_local = threading.local()


def fresh() -> str:
    """A new id: random, or deterministic inside ``seeded()``."""
    prefix = getattr(_local, "prefix", None)
    if prefix is None:
        return str(uuid.uuid4())
    _local.count += 1
    return stable(prefix, _local.count)


@contextmanager
def seeded(prefix: str) -> Iterator[None]:
    """Make ``fresh()`` deterministic in this thread (for seeding demo data)."""
    _local.prefix, _local.count = prefix, 0
    try:
        yield
    finally:
        _local.prefix = None


def is_guid(text: object) -> bool:
    try:
        uuid.UUID(str(text))
    except (ValueError, TypeError, AttributeError):
        return False
    return True

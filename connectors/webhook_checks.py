"""Checks a connector applies to each event of a provider webhook before the gateway stores it.

A signed delivery is still untrusted input: an event may not be an object, carry a date that
does not parse, an id far longer than any provider uses, NUL or other control characters (which
PostgreSQL text refuses), or nesting deep enough to break an encoder. Each check raises
``BadEvent`` with a reason an operator can read; ``excerpt`` renders what arrived, bounded.
"""

from __future__ import annotations

import reprlib
import unicodedata
from typing import Any

__all__ = ["BadEvent", "excerpt", "text_field"]

#: Longest rendering of a rejected event that is kept.
EXCERPT_CHARS = 1000


class BadEvent(ValueError):
    pass


def text_field(
    event: dict[str, Any], name: str, *, max_length: int, required: bool = True
) -> str | None:
    """A string field of the event: present (if required), short, printable."""
    value = event.get(name)
    if value is None or value == "":
        if required:
            raise BadEvent(f"{name} is missing")
        return None
    if not isinstance(value, str):
        raise BadEvent(f"{name} is not a string")
    if len(value) > max_length:
        raise BadEvent(f"{name} is longer than {max_length} characters")
    if any(unicodedata.category(ch) in {"Cc", "Cs"} for ch in value):
        raise BadEvent(f"{name} contains control characters")
    return value


def _renderer() -> reprlib.Repr:
    r = reprlib.Repr()
    r.maxlevel = 4
    r.maxdict = r.maxlist = r.maxtuple = 20
    r.maxstring = r.maxother = 200
    return r


_RENDER = _renderer()


def excerpt(value: Any) -> str:
    """A bounded, printable rendering (depth, items and lengths capped; NULs escaped)."""
    text = _RENDER.repr(value)
    return text[:EXCERPT_CHARS]

"""Fast JSON for hot paths (orjson), with Decimals written digit for digit as JSON numbers and
UTC datetimes ending in `Z`, as DRF and pydantic write them: one timestamp format on the wire."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import orjson

__all__ = ["dumps", "isoformat", "loads"]

loads = orjson.loads


def isoformat(value: datetime) -> str:
    """A timestamp in the wire format (UTC, `Z`), for text that is not written by `dumps`."""
    return orjson.dumps(value, option=orjson.OPT_UTC_Z).decode()[1:-1]


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise TypeError("cannot encode a non-finite Decimal")
        return orjson.Fragment(format(value, "f"))
    raise TypeError(f"cannot encode {type(value).__name__}")


_INT_RANGE = range(-(2**63), 2**64)  # what orjson writes natively


def _big_ints(value: Any) -> Any:
    """`value` with integers orjson cannot write replaced by their digits (still JSON numbers)."""
    if isinstance(value, dict):
        return {k: _big_ints(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_big_ints(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and value not in _INT_RANGE:
        return orjson.Fragment(str(value))
    return value


def dumps(value: Any, *, sort_keys: bool = False) -> bytes:
    option = orjson.OPT_UTC_Z | (orjson.OPT_SORT_KEYS if sort_keys else 0)
    try:
        return orjson.dumps(value, default=_default, option=option)
    except TypeError as exc:  # orjson.JSONEncodeError is one too
        # Client bodies parsed by the stdlib may hold integers of any size (`1e30` written out).
        if "Integer exceeds" not in str(exc):
            raise
        return orjson.dumps(_big_ints(value), default=_default, option=option)

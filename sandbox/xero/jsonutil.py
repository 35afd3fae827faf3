"""JSON in and out with exact ``Decimal`` money (numbers on the wire, never floats)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import orjson

Fragment = orjson.Fragment


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return orjson.Fragment(_decimal_text(value))
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def _decimal_text(value: Decimal) -> str:
    text = format(value, "f")
    return text if text not in ("-0", "-0.00") else text[1:]


def dumps(value: Any) -> bytes:
    """Serialize to JSON bytes; ``Decimal`` becomes a plain JSON number."""
    return orjson.dumps(value, default=_default)


def dumps_str(value: Any) -> str:
    return dumps(value).decode()


def loads(data: str | bytes) -> Any:
    """Parse JSON keeping every non-integer number as ``Decimal``."""
    if isinstance(data, bytes | bytearray):
        data = data.decode("utf-8")
    return json.loads(data, parse_float=Decimal)

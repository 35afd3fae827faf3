"""Provider JSON: decoded with Decimal for every number with a fraction (never float), encoded
with Decimals written as JSON numbers digit for digit."""

from __future__ import annotations

import codecs
import json
from decimal import Decimal
from typing import Any

import msgspec

__all__ = ["dumps", "loads"]

_encode_str = json.encoder.encode_basestring_ascii  # type: ignore[attr-defined]

#: msgspec hands every number with a fraction or exponent to the hook as its literal text, so
#: the Decimal is the provider's digits exactly (as `json.loads(parse_float=Decimal)`, which
#: was a sixth of a sync's time). Errors are `msgspec.DecodeError`, a `ValueError`.
_decoder = msgspec.json.Decoder(float_hook=Decimal)


def loads(data: bytes | str) -> Any:
    if not data:
        return None
    if isinstance(data, bytes | bytearray) and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif isinstance(data, str):
        data = data.removeprefix("\ufeff")
    return _decoder.decode(data)


def dumps(value: Any) -> bytes:
    """Encode a request body (small: writes only)."""
    parts: list[str] = []
    _encode(value, parts.append)
    return "".join(parts).encode("ascii")


def _encode(value: Any, out: Any) -> None:
    if value is None:
        out("null")
    elif value is True:
        out("true")
    elif value is False:
        out("false")
    elif isinstance(value, str):
        out(_encode_str(value))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("cannot encode a non-finite Decimal")
        out(format(value, "f"))
    elif isinstance(value, int):
        out(str(int(value)))
    elif isinstance(value, float):
        raise TypeError("floats are not allowed in provider payloads; use Decimal")
    elif isinstance(value, dict):
        out("{")
        for i, (k, v) in enumerate(value.items()):
            if i:
                out(",")
            out(_encode_str(str(k)))
            out(":")
            _encode(v, out)
        out("}")
    elif isinstance(value, list | tuple):
        out("[")
        for i, v in enumerate(value):
            if i:
                out(",")
            _encode(v, out)
        out("]")
    else:
        raise TypeError(f"cannot encode {type(value).__name__}")

"""Scalar types shared by every unified model.

``Money`` is a :class:`~decimal.Decimal` that is serialized as a string in JSON mode and never
holds a binary float: a float input (e.g. a JSON number decoded without ``parse_float=Decimal``)
is converted through its shortest ``repr`` so ``10.1`` stays ``Decimal("10.1")``; NaN and
infinities are rejected. Connectors decode provider JSON with ``parse_float=Decimal`` so they
never produce floats in the first place. ``to_decimal`` is the same coercion for plain code.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AwareDatetime, Field, PlainSerializer, WithJsonSchema

__all__ = ["AwareDatetime", "Money", "Rate", "to_decimal"]


def to_decimal(value: Any) -> Any:
    """Coerce money-like input to Decimal without going through binary floating point."""
    if value is None:
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("amounts must be finite")
        return value
    if isinstance(value, bool):
        raise ValueError("a boolean is not an amount")
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"not a decimal number: {value!r}") from None
        if not result.is_finite():
            raise ValueError("amounts must be finite")
        return result
    return value


def _as_str(value: Decimal) -> str:
    return str(value)


#: A monetary amount (or quantity): Decimal in Python, a decimal string in JSON. Validation is
#: pydantic-core's own (fast): str/int/Decimal exact, float through its shortest repr, NaN,
#: infinities and booleans rejected. Its JSON schema is a string of format `decimal` (the
#: OpenAPI format registry's), so generated clients can read it as a decimal, not a float.
Money = Annotated[
    Decimal,
    Field(allow_inf_nan=False),
    PlainSerializer(_as_str, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "decimal"}, mode="serialization"),
]
#: Exchange rates, percentages and quantities: same representation as Money.
Rate = Money

"""What write inputs may hold: the values every provider accepts, checked before anything is sent.

Decimal inputs are bounded (digits and exponent): a value such as ``"1e400"`` is valid JSON
and a valid Python Decimal, but no provider can store it, and sending one makes the provider
fail instead of refusing. Amounts and quantities have at most 12 digits before the point and
4 after (Xero's unit amounts and quantities, with ``unitdp=4``); rates at most 6 after.
Dates are plain ``YYYY-MM-DD`` strings: pydantic's lax mode would read ``0`` as 1970-01-01 and
accept a datetime string.

Errors whose type is in :data:`LIMIT_ERRORS` mean "well formed, but beyond what the provider
accepts": the gateway answers them 422, as the provider would; every other error is a 400.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

__all__ = [
    "LIMIT_ERRORS",
    "MAX_WHOLE_DIGITS",
    "OUT_OF_RANGE",
    "UNBALANCED",
    "InputAmount",
    "InputDate",
    "InputRate",
    "bounded_decimal",
    "parse_iso_date",
]

MAX_WHOLE_DIGITS = 12
AMOUNT_PLACES = 4
RATE_PLACES = 6

#: Error type of a well-formed value beyond what providers accept (answered 422).
OUT_OF_RANGE = "out_of_range"
NEGATIVE_TOTAL = "negative_total"
#: A journal whose debits and credits differ (every provider refuses it).
UNBALANCED = "unbalanced"
LIMIT_ERRORS = frozenset({OUT_OF_RANGE, NEGATIVE_TOTAL, UNBALANCED})

#: A decimal written as JSON text: optional sign, digits with an optional point, an optional
#: exponent. No spaces, underscores, hex, NaN or infinities (Python's Decimal takes those).
DECIMAL_PATTERN = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"
_DECIMAL = re.compile(DECIMAL_PATTERN)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _not_a_decimal() -> PydanticCustomError:
    return PydanticCustomError("decimal_parsing", "Input should be a decimal number")


def _as_decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise _not_a_decimal()
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        value = repr(value)  # the shortest repr: 0.1 stays 0.1
    if isinstance(value, str) and _DECIMAL.match(value):
        try:
            return Decimal(value)
        except InvalidOperation:
            pass
    raise _not_a_decimal()


def _places_and_whole_digits(value: Decimal) -> tuple[int, int]:
    """Decimal places (trailing zeros aside) and digits before the point, read off the digits
    and exponent without arithmetic, so ``1e999999999`` costs nothing."""
    _, digits, exponent = value.as_tuple()
    significant = "".join(map(str, digits)).rstrip("0")
    if not significant:
        return 0, 0
    assert isinstance(exponent, int)  # finite
    trailing = len(digits) - len(significant)
    return max(0, -(exponent + trailing)), max(0, len(digits) + exponent)


def bounded_decimal(places: int, whole_digits: int = MAX_WHOLE_DIGITS):
    """A validator: a decimal with at most `whole_digits` before the point and `places` after,
    returned in plain notation (``"1E+3"`` → ``Decimal("1000")``)."""

    def validate(value: Any) -> Decimal | None:
        if value is None:
            return None
        number = _as_decimal(value)
        if not number.is_finite():
            raise _not_a_decimal()
        found_places, found_whole = _places_and_whole_digits(number)
        if found_places > places or found_whole > whole_digits:
            raise PydanticCustomError(
                OUT_OF_RANGE,
                "At most {whole} digits before the decimal point and {places} after",
                {"whole": whole_digits, "places": places},
            )
        return number.quantize(Decimal(1).scaleb(-found_places)) + 0  # + 0: -0 becomes 0

    return validate


def _json_schema(places: int) -> dict[str, Any]:
    limit = 10**MAX_WHOLE_DIGITS
    return {
        "anyOf": [
            {"type": "string", "format": "decimal", "pattern": DECIMAL_PATTERN},
            {"type": "number", "exclusiveMinimum": -limit, "exclusiveMaximum": limit},
            {"type": "null"},
        ],
        "description": f"A decimal (a string, or a JSON number): at most {MAX_WHOLE_DIGITS} "
        f"digits before the point and {places} after; beyond that the answer is 422.",
    }


def _as_str(value: Decimal) -> str:
    return str(value)


def _decimal_input(places: int):
    return Annotated[
        Decimal | None,
        BeforeValidator(bounded_decimal(places)),
        PlainSerializer(_as_str, return_type=str, when_used="json-unless-none"),
        WithJsonSchema(_json_schema(places)),
    ]


#: Money amounts and quantities in write inputs (nullable).
InputAmount = _decimal_input(AMOUNT_PLACES)
#: Exchange rates and percentages in write inputs (nullable).
InputRate = _decimal_input(RATE_PLACES)


def parse_iso_date(value: Any) -> date:
    """A ``date``, or a ``YYYY-MM-DD`` string naming a real day; nothing else (no timestamps,
    no datetimes, no ``20260101``). Raises ``ValueError``."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        return date.fromisoformat(value)  # ValueError for 2026-02-30
    raise ValueError("a date as YYYY-MM-DD is required")


def _validate_date(value: Any) -> date | None:
    if value is None:
        return None
    try:
        return parse_iso_date(value)
    except ValueError:
        raise PydanticCustomError("date_parsing", "Input should be a date as YYYY-MM-DD") from None


#: Dates in write inputs (nullable): ``YYYY-MM-DD`` only.
InputDate = Annotated[
    date | None,
    BeforeValidator(_validate_date),
    WithJsonSchema({"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]}),
]

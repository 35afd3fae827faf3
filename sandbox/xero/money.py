"""Decimal money helpers: Xero rounds amounts half-up to 2 places (units to 4)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
UNIT4 = Decimal("0.0001")
RATE6 = Decimal("0.000001")
ZERO = Decimal("0.00")


def dec(value: object, default: Decimal | None = None) -> Decimal | None:
    """Coerce a JSON number or numeric string to Decimal (None when absent)."""
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        raise ValueError("boolean is not a number")
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {value!r}") from exc


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def unit(value: Decimal, places: int = 2) -> Decimal:
    quantum = UNIT4 if places >= 4 else CENT
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def qty(value: Decimal) -> Decimal:
    return value.quantize(UNIT4, rounding=ROUND_HALF_UP)


def rate(value: Decimal) -> Decimal:
    return value.quantize(RATE6, rounding=ROUND_HALF_UP)

"""One rule for money amounts, for every provider's mappers: an amount carries its currency's
minor units (ISO 4217 exponent: ``USD`` 2, ``JPY`` 0, ``KWD`` 3), so QuickBooks' ``435.0`` and
``435`` and Xero's ``435.00`` are all ``Decimal("435.00")`` for USD.

The rule only pads: an amount the provider gives with more places than its currency has keeps
them (nothing is rounded away silently). Unit prices, quantities, rates and exchange rates are
not amounts in this sense and keep their own precision; don't pass them here.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

from unified_models import to_decimal

__all__ = ["DEFAULT_MINOR_UNITS", "MINOR_UNITS", "amount", "minor_units"]

#: ISO 4217 exponents that are not 2 (active codes).
MINOR_UNITS: dict[str, int] = {
    # no minor units
    "BIF": 0,
    "CLP": 0,
    "DJF": 0,
    "GNF": 0,
    "ISK": 0,
    "JPY": 0,
    "KMF": 0,
    "KRW": 0,
    "PYG": 0,
    "RWF": 0,
    "UGX": 0,
    "UYI": 0,
    "VND": 0,
    "VUV": 0,
    "XAF": 0,
    "XOF": 0,
    "XPF": 0,
    # thousandths
    "BHD": 3,
    "IQD": 3,
    "JOD": 3,
    "KWD": 3,
    "LYD": 3,
    "OMR": 3,
    "TND": 3,
    # ten-thousandths
    "CLF": 4,
    "UYW": 4,
}
#: Most currencies, and the one assumed when a record does not say which.
DEFAULT_MINOR_UNITS = 2


def minor_units(currency: str | None) -> int:
    """The ISO 4217 exponent of ``currency`` (2 when unknown or not given)."""
    if not currency:
        return DEFAULT_MINOR_UNITS
    return _units(currency)


@functools.lru_cache(maxsize=1024)
def _units(currency: str) -> int:
    return MINOR_UNITS.get(currency.strip().upper(), DEFAULT_MINOR_UNITS)


#: The quantum of each exponent (`Decimal("0.01")` for 2), made once.
_QUANTA = {places: Decimal(1).scaleb(-places) for places in range(5)}


def amount(value: Any, currency: str | None) -> Decimal | None:
    """``value`` as a Decimal with at least ``currency``'s minor units (None stays None; empty
    strings are None). Floats go through their shortest repr, never binary."""
    if type(value) is Decimal:  # what the providers' decoder gives (fast path: a sync maps
        if not value.is_finite():  # sixteen of these per invoice)
            raise ValueError("amounts must be finite")
        number = value
    else:
        if value is None or value == "":
            return None
        number = to_decimal(value)
        if not isinstance(number, Decimal):
            raise ValueError(f"not an amount: {value!r}")
    places = minor_units(currency)
    quantum = _QUANTA.get(places) or Decimal(1).scaleb(-places)
    if number.same_quantum(quantum) or _places(number) >= places:  # the first: most amounts
        return number
    return number.quantize(quantum)


def _places(number: Decimal) -> int:
    """Digits after the point as written (``435.00``: 2, ``435``: 0, ``4E+2``: -2); read from
    the text, several times cheaper than ``as_tuple()`` building the digit tuple."""
    text = str(number)
    if "E" in text:
        exponent = number.as_tuple().exponent
        return -exponent if isinstance(exponent, int) else 0
    dot = text.find(".")
    return len(text) - dot - 1 if dot >= 0 else 0

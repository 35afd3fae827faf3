"""The money rule shared by every provider's mappers (connectors/money.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from connectors.money import amount, minor_units


@pytest.mark.parametrize(
    ("value", "currency", "expected"),
    [
        (Decimal("435.0"), "USD", "435.00"),
        (435, "USD", "435.00"),
        (0, "USD", "0.00"),
        ("435", "usd", "435.00"),
        (Decimal("435.00"), "GBP", "435.00"),
        (435.5, None, "435.50"),  # no currency: two places
        (Decimal("1200"), "JPY", "1200"),
        (Decimal("1200.0"), "JPY", "1200.0"),  # more places than the currency: kept
        (Decimal("12.5"), "KWD", "12.500"),
        (Decimal("12.3456"), "USD", "12.3456"),  # never rounded away silently
        (Decimal("-7.1"), "EUR", "-7.10"),
    ],
)
def test_amounts_carry_their_currencys_minor_units(value, currency, expected):
    result = amount(value, currency)
    assert isinstance(result, Decimal) and str(result) == expected


def test_missing_amounts_stay_missing():
    assert amount(None, "USD") is None and amount("", "USD") is None


@pytest.mark.parametrize("bad", ["abc", float("nan"), True])
def test_non_amounts_are_refused(bad):
    with pytest.raises(ValueError):
        amount(bad, "USD")


def test_minor_units_follow_iso_4217():
    assert [minor_units(c) for c in ("USD", "JPY", "BHD", "KWD", "XYZ", None)] == [
        2,
        0,
        3,
        3,
        2,
        2,
    ]

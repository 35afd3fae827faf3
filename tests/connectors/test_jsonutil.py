"""Provider JSON decoding: every fractional number becomes the Decimal of its own digits."""

from decimal import Decimal

import pytest

from connectors.jsonutil import dumps, loads


def test_fractions_keep_their_digits_and_integers_stay_integers():
    body = b'{"Total": 1.50, "Qty": 3, "Rate": 0.125, "Big": 1e5, "Long": 1.2345678901234567891}'
    value = loads(body)
    assert value == {
        "Total": Decimal("1.50"),
        "Qty": 3,
        "Rate": Decimal("0.125"),
        "Big": Decimal("1E+5"),
        "Long": Decimal("1.2345678901234567891"),
    }
    assert str(value["Total"]) == "1.50"
    assert type(value["Qty"]) is int


@pytest.mark.parametrize("data", [b'\xef\xbb\xbf{"A": 2.0}', '\ufeff{"A": 2.0}', b'{"A": 2.0}'])
def test_a_byte_order_mark_is_ignored(data):
    assert loads(data) == {"A": Decimal("2.0")}


@pytest.mark.parametrize("data", [b'{"A": NaN}', b'{"A": 1,}', b"[1] x", b'{"A": "\xff"}'])
def test_malformed_json_is_a_value_error(data):
    with pytest.raises(ValueError):
        loads(data)


def test_empty_bodies_decode_to_none():
    assert loads(b"") is None
    assert loads("") is None


def test_round_trip_is_digit_for_digit():
    body = b'{"Amount":10.10,"Lines":[{"Qty":2,"Price":0.005}]}'
    assert dumps(loads(body)) == body

"""Write inputs hold what providers accept: bounded decimals, plain ISO dates, no negative
invoices. Refusals carry a field path and, for values out of a provider's range, a type in
``LIMIT_ERRORS`` (the gateway answers those 422)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from unified_models import LIMIT_ERRORS, InvoiceInput, PaymentInput


def errors(model, body) -> list[tuple[tuple, str]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(body)
    return [(e["loc"], e["type"]) for e in caught.value.errors()]


def line(**fields):
    return InvoiceInput.model_validate({"line_items": [fields]})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("quantity", "1e400"),
        ("unit_price", "1E+400"),
        ("unit_price", "1e-400"),
        ("quantity", "1.00001"),
        ("unit_price", "1234567890123"),
        ("discount", "-1234567890123.5"),
        ("tax_amount", 1e20),
        ("discount_rate", "1.0000001"),
    ],
)
def test_decimals_beyond_what_providers_accept_are_limit_errors(field, value):
    [(loc, kind)] = errors(InvoiceInput, {"line_items": [{field: value}]})
    assert loc == ("line_items", 0, field)
    assert kind in LIMIT_ERRORS


@pytest.mark.parametrize(
    ("model", "body", "loc"),
    [
        (InvoiceInput, {"exchange_rate": "1e30"}, ("exchange_rate",)),
        (PaymentInput, {"total_amount": "9" * 13}, ("total_amount",)),
        (
            PaymentInput,
            {"applied_to": [{"applied_amount": "0.00001"}]},
            ("applied_to", 0, "applied_amount"),
        ),
    ],
)
def test_every_money_input_is_bounded(model, body, loc):
    [(where, kind)] = errors(model, body)
    assert where == loc and kind in LIMIT_ERRORS


@pytest.mark.parametrize("value", ["many", "NaN", "Infinity", "1_000", " 5", "0x10", True, [1]])
def test_what_is_not_a_decimal_is_a_type_error(value):
    [(_, kind)] = errors(InvoiceInput, {"line_items": [{"quantity": value}]})
    assert kind not in LIMIT_ERRORS


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1E+3", "1000"),
        ("0E-400", "0"),
        ("1.50000", "1.5"),
        ("-999999999999.9999", "-999999999999.9999"),
        (2, "2"),
        (0.1, "0.1"),
        (Decimal("19.9999"), "19.9999"),
    ],
)
def test_accepted_decimals_are_held_in_plain_notation(value, expected):
    quantity = line(quantity=value).line_items[0].quantity
    assert quantity == Decimal(expected) and str(quantity) == expected


def test_a_line_amount_beyond_range_names_the_line():
    [(loc, kind)] = errors(
        InvoiceInput,
        {"line_items": [{"quantity": "1"}, {"quantity": "999999999", "unit_price": "999999"}]},
    )
    assert loc == ("line_items", 1) and kind in LIMIT_ERRORS


@pytest.mark.parametrize(
    "lines",
    [
        [{"quantity": "1", "unit_price": "-5"}],
        [{"quantity": "2", "unit_price": "10", "tax_amount": "0"}, {"unit_price": "-30"}],
        [{"unit_price": "10", "discount": "15"}],
        [{"quantity": "1", "unit_price": "10", "tax_amount": "2"}, {"unit_price": "-13"}],
    ],
)
def test_an_invoice_whose_total_is_surely_negative_is_refused(lines):
    [(loc, kind)] = errors(InvoiceInput, {"line_items": lines})
    assert loc == ("line_items",) and kind in LIMIT_ERRORS


@pytest.mark.parametrize(
    ("lines", "treatment"),
    [
        ([{"quantity": "1", "unit_price": "10"}, {"unit_price": "-9"}], None),
        ([{"unit_price": "-5", "item_code": "WIDGET"}, {"item_code": "BOOK"}], None),
        # Tax added to the positive line (rate unknown to the gateway) may outweigh the credit.
        ([{"unit_price": "100"}, {"unit_price": "-110"}], "EXCLUSIVE"),
        ([], None),
        ([{"description": "note only"}], None),
    ],
)
def test_an_invoice_that_may_total_zero_or_more_passes(lines, treatment):
    body = {"line_items": lines, **({"tax_treatment": treatment} if treatment else {})}
    InvoiceInput.model_validate(body)


def test_without_tax_the_net_total_decides():
    body = {
        "tax_treatment": "NO_TAX",
        "line_items": [{"unit_price": "100"}, {"unit_price": "-110"}],
    }
    [(loc, kind)] = errors(InvoiceInput, body)
    assert loc == ("line_items",) and kind in LIMIT_ERRORS


@pytest.mark.parametrize(
    "value",
    [
        0,
        1700000000,
        "2026-01-01T00:00:00",
        "2026-01-01T00:00:00Z",
        "20260101",
        "2026-1-1",
        "2026-02-30",
        "",
    ],
)
def test_dates_are_plain_iso_dates_only(value):
    [(loc, kind)] = errors(InvoiceInput, {"due_date": value})
    assert loc == ("due_date",) and kind not in LIMIT_ERRORS


def test_iso_dates_and_null_pass():
    assert InvoiceInput.model_validate({"due_date": "2026-02-28"}).due_date == date(2026, 2, 28)
    assert PaymentInput.model_validate({"transaction_date": None}).transaction_date is None
    assert InvoiceInput(issue_date=date(2026, 1, 1)).issue_date == date(2026, 1, 1)

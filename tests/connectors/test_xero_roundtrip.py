"""Round trips unified → Xero → unified, and property tests on money and dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from connectors.jsonutil import dumps, loads
from connectors.xero import dates, mappers
from unified_models import (
    Address,
    AddressType,
    Contact,
    ContactStatus,
    Invoice,
    InvoiceLineItem,
    InvoiceStatus,
    InvoiceType,
    Payment,
    PaymentApplication,
    PaymentStatus,
    PaymentType,
    PhoneNumber,
    PhoneNumberType,
    RelatedObjectType,
    TaxTreatment,
    TrackingCategoryRef,
)

money = st.decimals(
    allow_nan=False, allow_infinity=False, places=4, min_value=-(10**12), max_value=10**12
)
positive = st.decimals(
    allow_nan=False, allow_infinity=False, places=2, min_value=Decimal("0.01"), max_value=10**9
)
text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20)
opt = st.none  # shorthand
ids = st.uuids().map(str)
instants = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC)
).map(lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000))
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
currencies = st.sampled_from(["NZD", "USD", "GBP", "EUR", "AUD"])


def maybe(strategy):
    return st.one_of(st.none(), strategy)


tracking = st.builds(
    TrackingCategoryRef,
    category_remote_id=maybe(ids),
    name=maybe(text),
    option=maybe(text),
    option_remote_id=maybe(ids),
)

line_items = st.builds(
    InvoiceLineItem,
    remote_id=maybe(ids),
    description=maybe(text),
    quantity=maybe(money),
    unit_price=maybe(money),
    discount=maybe(money),
    discount_rate=maybe(money),
    tax_amount=maybe(money),
    total_amount=maybe(money),
    account_remote_id=maybe(ids),
    account_code=maybe(text),
    item_remote_id=maybe(ids),
    item_code=maybe(text),
    tax_rate_remote_id=maybe(text),
    tracking_categories=st.lists(tracking, max_size=2),
)


@st.composite
def invoices(draw):
    deleted = draw(st.booleans()) and draw(st.booleans())
    status = None if deleted else draw(maybe(st.sampled_from(list(InvoiceStatus))))
    amount_paid = draw(maybe(money))
    if status is InvoiceStatus.PARTIALLY_PAID:
        amount_paid = draw(positive)
    elif status is InvoiceStatus.OPEN:
        amount_paid = draw(st.sampled_from([None, Decimal(0)]))
    raw = "DELETED" if deleted else (mappers.INVOICE_STATUSES_OUT[status] if status else None)
    return Invoice(
        remote_id=draw(ids),
        remote_updated_at=draw(maybe(instants)),
        remote_was_deleted=deleted,
        type=draw(st.sampled_from(list(InvoiceType))),
        number=draw(maybe(text)),
        contact_remote_id=draw(maybe(ids)),
        issue_date=draw(maybe(days)),
        due_date=draw(maybe(days)),
        paid_on_date=draw(maybe(days)),
        reference=draw(maybe(text)),
        currency=draw(maybe(currencies)),
        exchange_rate=draw(maybe(money)),
        tax_treatment=draw(maybe(st.sampled_from(list(TaxTreatment)))),
        sub_total=draw(maybe(money)),
        total_tax_amount=draw(maybe(money)),
        total_discount=draw(maybe(money)),
        total_amount=draw(maybe(money)),
        amount_paid=amount_paid,
        amount_credited=draw(maybe(money)),
        balance=draw(maybe(money)),
        status=status,
        status_raw=raw,
        line_items=draw(st.lists(line_items, max_size=4)),
        payment_remote_ids=draw(st.lists(ids, max_size=3)),
    )


line = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)
addresses = st.builds(
    Address,
    type=st.sampled_from(list(AddressType)),
    street_1=maybe(text),
    street_2=maybe(st.lists(line, min_size=1, max_size=3).map("\n".join)),
    city=maybe(text),
    region=maybe(text),
    postal_code=maybe(text),
    country=maybe(text),
    attention_to=text,  # at least one field set: empty addresses are dropped on read
)
phones = st.builds(
    PhoneNumber,
    type=st.sampled_from(list(PhoneNumberType)),
    number=text,
    area_code=maybe(text),
    country_code=maybe(text),
)


@st.composite
def contacts(draw):
    status = draw(maybe(st.sampled_from(list(ContactStatus))))
    return Contact(
        remote_id=draw(ids),
        remote_updated_at=draw(maybe(instants)),
        name=draw(maybe(text)),
        first_name=draw(maybe(text)),
        last_name=draw(maybe(text)),
        is_customer=draw(st.booleans()),
        is_supplier=draw(st.booleans()),
        email_address=draw(maybe(text)),
        tax_number=draw(maybe(text)),
        account_number=draw(maybe(text)),
        status=status,
        status_raw=status.value if status else None,
        currency=draw(maybe(currencies)),
        addresses=draw(st.lists(addresses, max_size=2)),
        phone_numbers=draw(st.lists(phones, max_size=4)),
    )


@st.composite
def payments(draw):
    has_doc = draw(st.booleans())
    amount = draw(money)
    status = draw(maybe(st.sampled_from(list(PaymentStatus))))
    kind = draw(st.sampled_from(list(RelatedObjectType)))
    return Payment(
        remote_id=draw(ids),
        remote_updated_at=draw(maybe(instants)),
        type=draw(st.sampled_from(list(PaymentType))) if has_doc else None,
        transaction_date=draw(maybe(days)),
        contact_remote_id=draw(maybe(ids)) if has_doc else None,
        account_remote_id=draw(maybe(ids)),
        account_code=draw(maybe(text)),
        currency=draw(maybe(currencies)) if has_doc else None,
        exchange_rate=draw(maybe(money)),
        total_amount=amount,
        reference=draw(maybe(text)),
        status=status,
        status_raw=mappers.PAYMENT_STATUSES_OUT[status] if status else None,
        applied_to=[
            PaymentApplication(
                related_object_type=kind,
                related_object_remote_id=draw(ids),
                applied_amount=amount,
            )
        ]
        if has_doc
        else [],
    )


def _wire(body: dict) -> dict:
    """Through real JSON bytes, as Xero would send it back."""
    return loads(dumps(body))


def _same(a, b) -> None:
    assert a.model_dump(exclude={"remote_data"}) == b.model_dump(exclude={"remote_data"})


@settings(max_examples=150, deadline=None)
@given(invoices())
def test_invoice_round_trip(inv: Invoice) -> None:
    _same(mappers.invoice_from_xero(_wire(mappers.invoice_to_xero(inv))), inv)


@settings(max_examples=150, deadline=None)
@given(contacts())
def test_contact_round_trip(contact: Contact) -> None:
    _same(mappers.contact_from_xero(_wire(mappers.contact_to_xero(contact))), contact)


@settings(max_examples=150, deadline=None)
@given(payments())
def test_payment_round_trip(payment: Payment) -> None:
    _same(mappers.payment_from_xero(_wire(mappers.payment_to_xero(payment))), payment)


# -- money -------------------------------------------------------------------------------------
@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_decimal_survives_the_wire_exactly(value: Decimal) -> None:
    back = loads(dumps({"Amount": value}))["Amount"]
    assert isinstance(back, Decimal | int)
    assert Decimal(back) == value


@given(money)
def test_money_maps_to_decimal_never_float(value: Decimal) -> None:
    raw = loads(
        dumps(
            {
                "InvoiceID": "i",
                "Type": "ACCREC",
                "Total": value,
                "LineItems": [{"UnitAmount": value, "Quantity": value}],
            }
        )
    )
    inv = mappers.invoice_from_xero(raw)
    for v in (inv.total_amount, inv.line_items[0].unit_price, inv.line_items[0].quantity):
        assert type(v) is Decimal and v == value
    assert Invoice.model_validate_json(inv.model_dump_json()).total_amount == value
    assert inv.model_dump(mode="json")["total_amount"] == str(value)


# -- dates -------------------------------------------------------------------------------------
@given(instants)
def test_ms_date_round_trip(when: datetime) -> None:
    text_ = dates.format_ms_date(when)
    assert dates.parse_datetime(text_) == when
    assert dates.parse_datetime(text_).tzinfo is not None


@given(
    st.integers(min_value=-(10**13), max_value=10**13),
    st.sampled_from(["", "+0000", "+1300", "-0500"]),
)
def test_ms_date_parse_is_utc_instant(ms: int, offset: str) -> None:
    parsed = dates.parse_datetime(f"/Date({ms}{offset})/")
    assert parsed == datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=ms)
    assert dates.format_ms_date(parsed) == f"/Date({ms}+0000)/"


@given(days)
def test_calendar_dates_round_trip(day: date) -> None:
    assert dates.parse_date(dates.format_date(day)) == day
    assert dates.parse_date(dates.format_ms_date(day)) == day


@given(instants)
def test_iso_and_naive_strings_are_utc(when: datetime) -> None:
    naive = when.replace(tzinfo=None).isoformat()
    assert dates.parse_datetime(naive) == when
    assert dates.parse_datetime(when.isoformat()) == when
    assert dates.parse_datetime(dates.format_modified_since(when)) == when

"""Demo purchase orders for each organisation: one in every status (DRAFT, SUBMITTED,
AUTHORISED, BILLED, DELETED) and one in the organisation's first foreign currency. Seeded after
the rest of the books, so their ids and timestamps do not move."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from . import resources as R
from .domain import purchase_orders
from .ledger import Ledger

START = date(2024, 2, 5)


def _supplier(ledger: Ledger, name: str) -> dict:
    (row,) = ledger.records.by_column(R.CONTACTS, "name", name)
    return {"ContactID": row["id"]}


def _line(desc: str, quantity: str, unit: str, account: str = "429", **extra) -> dict:
    return {
        "Description": desc,
        "Quantity": Decimal(quantity),
        "UnitAmount": Decimal(unit),
        "AccountCode": account,
        **extra,
    }


def seed_purchase_orders(ledger: Ledger, country: dict) -> None:
    foreign = country["currencies"][1]

    def order(status: str, supplier: str, lines: list[dict], days: int, **extra) -> dict:
        payload = {
            "Status": status,
            "Contact": _supplier(ledger, supplier),
            "Date": (START + timedelta(days=days)).isoformat(),
            "DeliveryDate": (START + timedelta(days=days + 14)).isoformat(),
            "LineItems": lines,
            **extra,
        }
        return purchase_orders.upsert(ledger, payload, None)

    order("DRAFT", "PowerDirect", [_line("Spare fuses", "40", "2.50")], 0)
    order(
        "SUBMITTED",
        "Hoyt Productions",
        [
            _line(
                "Studio hire (days)",
                "3",
                "450.00",
                Tracking=[{"Name": "Region", "Option": "North"}],
            ),
            _line("Sound engineer", "3", "200.00"),
        ],
        2,
        Reference="Spring campaign",
    )
    order(
        "AUTHORISED",
        "SMART Agency",
        [_line("Brochure print run", "500", "1.2500", "461", DiscountRate=Decimal(10))],
        4,
        DeliveryAddress="Unit 4, Harbour Park\nMarineville",
        AttentionTo="Goods in",
        Telephone="0800 555 0101",
        DeliveryInstructions="Call ahead; loading bay closes at 4pm",
        ExpectedArrivalDate=(START + timedelta(days=16)).isoformat(),
        SentToContact=True,
    )
    billed = order(
        "AUTHORISED", "Young Bros Transport", [_line("Pallet freight", "6", "85.00", "310")], 6
    )
    purchase_orders.upsert(ledger, {"Status": "BILLED"}, billed)
    dropped = order("DRAFT", "PowerDirect", [_line("Cancelled order", "1", "99.00")], 8)
    purchase_orders.upsert(ledger, {"Status": "DELETED"}, dropped)
    order(
        "AUTHORISED",
        "Young Bros Transport",
        [_line("Container freight", "2", "1250.00", "310")],
        10,
        CurrencyCode=foreign,
        Reference="Import 2024-02",
    )

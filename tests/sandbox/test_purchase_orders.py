"""The Xero sandbox's PurchaseOrders: seed, filters, paging, If-Modified-Since, status rules and
validation errors, every response checked strictly against Xero's OpenAPI schema."""

from __future__ import annotations

from decimal import Decimal

import pytest

from .schemas import validate

STATUSES = {"DRAFT", "SUBMITTED", "AUTHORISED", "BILLED", "DELETED"}


def _orders(api, **params):
    response = api.get("PurchaseOrders", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    validate(body, "PurchaseOrders")
    return body


def _supplier(api, name="PowerDirect"):
    contacts = api.get("Contacts", params={"where": f'Name=="{name}"'}).json()["Contacts"]
    return contacts[0]["ContactID"]


def _put(api, order, **params):
    return api.put("PurchaseOrders", json={"PurchaseOrders": [order]}, params=params)


def test_seed_covers_every_status_and_a_foreign_currency_in_every_org(connected):
    for tenant in ("uk", "us", "au"):
        orders = _orders(connected.api(tenant))["PurchaseOrders"]
        assert {o["Status"] for o in orders} == STATUSES, tenant
        currencies = {o["CurrencyCode"] for o in orders}
        assert len(currencies) == 2, tenant
        foreign = next(o for o in orders if o["CurrencyRate"] != 1)
        assert foreign["Status"] == "AUTHORISED" and foreign["Total"] > 0


def test_status_and_date_filters(connected):
    api = connected.uk
    for status in STATUSES:
        orders = _orders(api, Status=status)["PurchaseOrders"]
        assert orders and {o["Status"] for o in orders} == {status}
    dated = _orders(api, DateFrom="2024-02-07", DateTo="2024-02-11")["PurchaseOrders"]
    assert sorted(o["DateString"][:10] for o in dated) == ["2024-02-07", "2024-02-09", "2024-02-11"]
    bad = api.get("PurchaseOrders", params={"Status": "OPEN"})
    assert bad.status_code == 400 and bad.json()["Type"] == "QueryParseException"


def test_paging_and_if_modified_since(connected, xero_sandbox):
    api = connected.uk
    first = _orders(api, page=1, pageSize=4)
    assert first["pagination"] == {"page": 1, "pageSize": 4, "pageCount": 2, "itemCount": 6}
    second = _orders(api, page=2, pageSize=4)
    ids = [o["PurchaseOrderID"] for o in first["PurchaseOrders"] + second["PurchaseOrders"]]
    assert len(set(ids)) == 6
    xero_sandbox.control.advance_clock(60)
    since = xero_sandbox.control.clock()["now"]
    unchanged = api.get("PurchaseOrders", headers={"If-Modified-Since": since})
    assert unchanged.status_code == 200 and unchanged.json()["PurchaseOrders"] == []
    xero_sandbox.control.advance_clock(5)
    created = _put(
        api,
        {
            "Contact": {"ContactID": _supplier(api)},
            "LineItems": [{"Description": "Cable", "Quantity": 2, "UnitAmount": 3.5}],
        },
    )
    assert created.status_code == 200, created.text
    changed = api.get("PurchaseOrders", headers={"If-Modified-Since": since}).json()
    assert [o["PurchaseOrderID"] for o in changed["PurchaseOrders"]] == [
        created.json()["PurchaseOrders"][0]["PurchaseOrderID"]
    ]


def test_create_computes_totals_number_and_matches_schema(connected):
    api = connected.uk
    response = _put(
        api,
        {
            "Contact": {"ContactID": _supplier(api)},
            "Date": "2026-11-02",
            "DeliveryDate": "2026-11-16",
            "DeliveryAddress": "23 Main Street\nCentral City",
            "Status": "AUTHORISED",
            "LineItems": [
                {"Description": "Widgets", "Quantity": 50, "UnitAmount": 10, "AccountCode": "429"}
            ],
        },
        unitdp=4,
    )
    assert response.status_code == 200, response.text
    validate(response.json(), "PurchaseOrders")
    (order,) = response.json()["PurchaseOrders"]
    assert order["PurchaseOrderNumber"] == "PO-0101"
    assert (order["SubTotal"], order["TotalTax"], order["Total"]) == (500, 100, 600)
    assert order["DeliveryDateString"] == "2026-11-16T00:00:00"
    got = api.get(f"PurchaseOrders/{order['PurchaseOrderID']}").json()
    validate(got, "PurchaseOrders")
    by_number = api.get("PurchaseOrders/PO-0101").json()["PurchaseOrders"][0]
    assert by_number["PurchaseOrderID"] == order["PurchaseOrderID"]


@pytest.mark.parametrize(
    ("order", "message"),
    [
        ({"LineItems": [{"Description": "x", "UnitAmount": 1}]}, "A Contact must be specified"),
        (
            {"Contact": {"ContactID": "00000000-0000-0000-0000-000000000001"}},
            "The contact with ContactID '00000000-0000-0000-0000-000000000001' does not exist",
        ),
        ({"Status": "BILLED"}, "Purchase Order not of valid status for creation"),
        ({"Status": "AUTHORISED"}, "At least one line item must be specified"),
        (
            {"LineItems": [{"Description": "x", "UnitAmount": 1, "AccountCode": "999"}]},
            "Account code '999'",
        ),
        ({"CurrencyCode": "JPY"}, "Organisation is not subscribed to currency JPY"),
    ],
)
def test_validation_errors_are_xeros_and_nothing_is_written(connected, order, message):
    api = connected.uk
    if "Contact" not in order and "A Contact" not in message:
        order = {"Contact": {"ContactID": _supplier(api)}, **order}
    before = len(_orders(api)["PurchaseOrders"])
    response = _put(api, order)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["Type"] == "ValidationException"
    errors = [e["Message"] for e in body["Elements"][0]["ValidationErrors"]]
    assert any(m.startswith(message) for m in errors), errors
    assert len(_orders(api)["PurchaseOrders"]) == before


def test_status_rules(connected):
    api = connected.uk
    orders = {o["Status"]: o for o in _orders(api)["PurchaseOrders"]}

    def move(order, **change):
        return api.post(
            f"PurchaseOrders/{order['PurchaseOrderID']}",
            json={"PurchaseOrders": [{"PurchaseOrderID": order["PurchaseOrderID"], **change}]},
        )

    draft = orders["DRAFT"]
    submitted = move(draft, Status="SUBMITTED")
    assert submitted.status_code == 200 and submitted.json()["PurchaseOrders"][0]["Status"] == (
        "SUBMITTED"
    )
    assert move(draft, Status="BILLED").status_code == 400  # not from SUBMITTED
    authorised = move(draft, Status="AUTHORISED").json()["PurchaseOrders"][0]
    billed = move(authorised, Status="BILLED")
    assert billed.json()["PurchaseOrders"][0]["Status"] == "BILLED"
    refused = move(authorised, LineItems=[{"Description": "more", "UnitAmount": 5}])
    assert refused.status_code == 400
    assert refused.json()["Elements"][0]["ValidationErrors"][0]["Message"] == (
        "Purchase Order not of valid status for modification"
    )
    assert move(authorised, DeliveryInstructions="Side door").status_code == 200
    assert move(orders["DELETED"], Status="DRAFT").status_code == 400
    gone = move(orders["SUBMITTED"], Status="DELETED").json()["PurchaseOrders"][0]
    assert gone["Status"] == "DELETED"
    validate(billed.json(), "PurchaseOrders")


def test_discount_rate_and_foreign_currency(connected):
    api = connected.uk
    response = _put(
        api,
        {
            "Contact": {"ContactID": _supplier(api)},
            "CurrencyCode": "USD",
            "CurrencyRate": 1.25,
            "LineItems": [
                {"Description": "Bulk", "Quantity": 10, "UnitAmount": 10, "DiscountRate": 10}
            ],
        },
    )
    assert response.status_code == 200, response.text
    (order,) = response.json()["PurchaseOrders"]
    assert order["LineItems"][0]["LineAmount"] == 90
    assert Decimal(str(order["CurrencyRate"])) == Decimal("1.25")
    assert order["CurrencyCode"] == "USD"

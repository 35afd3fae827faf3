"""The QuickBooks sandbox's PurchaseOrder: the seed, the query endpoint, create and sparse
update with SyncToken checks, and Intuit's refusals."""

from __future__ import annotations

import pytest

from .test_sandbox_reference import fault_of, post, rows


@pytest.fixture
def api(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("us")
    return quickbooks_sandbox.api(tokens["access_token"], realm)


@pytest.fixture
def uk(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("uk")
    return quickbooks_sandbox.api(tokens["access_token"], realm)


def test_seed_has_open_closed_and_foreign_orders(api, uk):
    orders = rows(api, "select * from PurchaseOrder")
    assert {o["POStatus"] for o in orders} == {"Open", "Closed"}
    cad = [o for o in orders if o["CurrencyRef"]["value"] == "CAD"]
    assert len(cad) == 1 and cad[0]["ExchangeRate"] == 0.7412
    assert cad[0]["VendorRef"] == {"value": "7", "name": "Maple Timber Supply"}
    billed = next(o for o in orders if o["LinkedTxn"])
    assert billed["POStatus"] == "Closed" and billed["LinkedTxn"][0]["TxnType"] == "Bill"
    kinds = {line["DetailType"] for o in orders for line in o["Line"]}
    assert kinds == {"ItemBasedExpenseLineDetail", "AccountBasedExpenseLineDetail"}
    # UK orders carry VAT from their tax code (20% on 130.00 + 62.50).
    first = rows(uk, "select * from PurchaseOrder where DocNumber = '1001'")[0]
    assert first["TxnTaxDetail"]["TotalTax"] == 38.5 and first["TotalAmt"] == 231.0


def test_query_filters_on_status_vendor_and_time(api):
    closed = rows(api, "select * from PurchaseOrder where POStatus = 'Closed'")
    assert {o["DocNumber"] for o in closed} == {"1003", "1004"}
    lumber = rows(api, "select * from PurchaseOrder where VendorRef = '2'")
    assert {o["DocNumber"] for o in lumber} == {"1001", "1004"}
    assert (
        rows(
            api,
            "select * from PurchaseOrder where MetaData.LastUpdatedTime >= '2030-01-01T00:00:00Z'",
        )
        == []
    )


def test_create_fills_totals_and_sparse_update_checks_the_sync_token(api):
    created = post(
        api,
        "purchaseorder",
        {
            "VendorRef": {"value": "5"},
            "Line": [
                {
                    "Amount": 24.0,
                    "DetailType": "ItemBasedExpenseLineDetail",
                    "ItemBasedExpenseLineDetail": {
                        "ItemRef": {"value": "13"},
                        "Qty": 6,
                        "UnitPrice": 4,
                    },
                }
            ],
        },
    )
    assert created.status_code == 200, created.text
    order = created.json()["PurchaseOrder"]
    assert order["POStatus"] == "Open" and order["TotalAmt"] == 24.0
    assert order["SyncToken"] == "0" and order["DocNumber"] == "1006"
    assert order["VendorRef"]["name"] == "Tania's Nursery"
    assert order["Line"][0]["ItemBasedExpenseLineDetail"]["ItemRef"]["name"] == "Plants"
    updated = post(
        api,
        "purchaseorder",
        {"Id": order["Id"], "SyncToken": "0", "sparse": True, "POStatus": "Closed"},
    ).json()["PurchaseOrder"]
    assert updated["POStatus"] == "Closed" and updated["SyncToken"] == "1"
    assert updated["Line"] == order["Line"]  # sparse: kept
    stale = post(
        api, "purchaseorder", {"Id": order["Id"], "SyncToken": "0", "sparse": True, "Memo": "x"}
    )
    assert fault_of(stale)["code"] == "5010"
    assert api.get(f"purchaseorder/{order['Id']}").json()["PurchaseOrder"] == updated


ITEM_LINE = {
    "Amount": 10,
    "DetailType": "ItemBasedExpenseLineDetail",
    "ItemBasedExpenseLineDetail": {"ItemRef": {"value": "13"}, "Qty": 2, "UnitPrice": 5},
}


@pytest.mark.parametrize(
    ("body", "code", "element"),
    [
        ({"Line": [ITEM_LINE]}, "2020", "VendorRef"),
        ({"VendorRef": {"value": "5"}}, "2020", "Line"),
        ({"VendorRef": {"value": "99"}, "Line": [ITEM_LINE]}, "2500", "VendorRef"),
        ({"VendorRef": {"value": "6"}, "Line": [ITEM_LINE]}, "2500", "VendorRef"),  # inactive
        (
            {"VendorRef": {"value": "5"}, "Line": [{**ITEM_LINE, "Amount": 11}]},
            "6070",
            "Amount",
        ),
        (
            {
                "VendorRef": {"value": "5"},
                "Line": [
                    {
                        "Amount": 5,
                        "DetailType": "AccountBasedExpenseLineDetail",
                        "AccountBasedExpenseLineDetail": {"AccountRef": {"value": "999"}},
                    }
                ],
            },
            "2500",
            "AccountRef",
        ),
        (
            {"VendorRef": {"value": "5"}, "POStatus": "Draft", "Line": [ITEM_LINE]},
            "2170",
            "POStatus",
        ),
        (
            {"VendorRef": {"value": "5"}, "CurrencyRef": {"value": "CAD"}, "Line": [ITEM_LINE]},
            "6000",
            "CurrencyRef",
        ),
    ],
)
def test_refusals_write_nothing(api, body, code, element):
    before = len(rows(api, "select * from PurchaseOrder"))
    error = fault_of(post(api, "purchaseorder", body))
    assert (error["code"], error["element"]) == (code, element)
    assert len(rows(api, "select * from PurchaseOrder")) == before

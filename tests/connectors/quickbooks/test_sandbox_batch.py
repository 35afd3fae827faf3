"""The QuickBooks sandbox's batch endpoint (``POST /v3/company/<realmId>/batch``): each query
and change data capture item answered as its own endpoint answers it, under its bId; per-item
Faults beside good answers; Intuit's limits (30 items, 40 batch requests a minute, 1,000 objects
a response); one call in the sandbox's counters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests


@pytest.fixture
def api(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("us")
    return quickbooks_sandbox.api(tokens["access_token"], realm)


def batch(api, items: list[dict[str, Any]]) -> requests.Response:
    return api.http.post(
        f"{api.base}/batch",
        params={"minorversion": "75"},
        json={"BatchItemRequest": items},
        timeout=30,
    )


def by_bid(response: requests.Response) -> dict[str, dict[str, Any]]:
    assert response.status_code == 200, response.text
    return {item["bId"]: item for item in response.json()["BatchItemResponse"]}


def test_queries_are_answered_as_the_query_endpoint_answers_them(api, quickbooks_sandbox):
    statements = {
        "1": "SELECT * FROM Customer WHERE Active IN (true, false) ORDERBY Id MAXRESULTS 5",
        "2": "SELECT * FROM Vendor ORDERBY Id STARTPOSITION 3 MAXRESULTS 2",
        "3": "SELECT COUNT(*) FROM Invoice",
        "4": "SELECT * FROM Preferences",
        "5": "SELECT * FROM Bill WHERE MetaData.LastUpdatedTime >= '2999-01-01T00:00:00Z'",
    }
    quickbooks_sandbox.control.reset_counters()
    answers = by_bid(batch(api, [{"bId": b, "Query": q} for b, q in statements.items()]))
    assert set(answers) == set(statements)
    for bid, statement in statements.items():
        alone = api.query(statement)["QueryResponse"]
        assert answers[bid] == {"bId": bid, "QueryResponse": alone}
    assert len(answers["1"]["QueryResponse"]["Customer"]) == 5
    assert answers["2"]["QueryResponse"]["startPosition"] == 3
    assert answers["5"]["QueryResponse"] == {}  # nothing matched: an empty QueryResponse
    assert answers["4"]["QueryResponse"]["Preferences"][0]["CurrencyPrefs"]


def test_a_batch_is_one_call_in_the_counters(api, quickbooks_sandbox):
    ctl = quickbooks_sandbox.control
    ctl.reset_counters()
    items = [{"bId": str(n), "Query": "SELECT * FROM Class"} for n in range(12)]
    assert len(by_bid(batch(api, items))) == 12
    counters = ctl.counters()
    assert counters["requests"] == {"batch": 1}
    assert counters["queries"] == []  # the query endpoint's own log: not called
    assert counters["batches"] == [
        {"realm": quickbooks_sandbox.realm("us"), "items": ["Query: SELECT * FROM Class"] * 12}
    ]


def test_change_data_capture_items(api, quickbooks_sandbox):
    ctl = quickbooks_sandbox.control
    since = (datetime.now(UTC) - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    ctl.delete("us", "Invoice", "5")
    ctl.edit("us", "Bill", "1", PrivateNote="changed")
    answers = by_bid(
        batch(
            api, [{"bId": "cdc", "CDCQuery": {"Entities": "Invoice,Bill", "ChangedSince": since}}]
        )
    )
    alone = api.get("cdc", params={"entities": "Invoice,Bill", "changedSince": since}).json()
    # one CDCResponse object (the cdc endpoint's answer holds a list of them)
    assert answers["cdc"]["CDCResponse"] == alone["CDCResponse"][0]
    invoices, bills = answers["cdc"]["CDCResponse"]["QueryResponse"]
    assert invoices["Invoice"] == [
        {
            "domain": "QBO",
            "status": "Deleted",
            "Id": "5",
            "MetaData": invoices["Invoice"][0]["MetaData"],
        }
    ]
    assert [b["Id"] for b in bills["Bill"]] == ["1"]


def test_a_bad_item_gets_its_fault_and_the_others_their_answers(api):
    response = batch(
        api,
        [
            {"bId": "ok", "Query": "SELECT * FROM Department"},
            {"bId": "parse", "Query": "SELECT * FROM Invoice WHERE Id = '1' OR Id = '2'"},
            {"bId": "entity", "Query": "SELECT * FROM Gizmo"},
            {"bId": "field", "Query": "SELECT * FROM Class WHERE Colour = 'red'"},
            {"bId": "cdc", "CDCQuery": {"Entities": "TaxCode", "ChangedSince": "2026-01-01"}},
            {"bId": "write", "operation": "create", "Vendor": {"DisplayName": "Smith"}},
            {"bId": "both", "operation": "create", "Query": "SELECT * FROM Class"},
            {"bId": "nothing"},
        ],
    )
    answers = by_bid(response)
    assert [i["bId"] for i in response.json()["BatchItemResponse"]] == [
        "ok", "parse", "entity", "field", "cdc", "write", "both", "nothing"
    ]  # fmt: skip
    assert answers["ok"]["QueryResponse"]["Department"]
    faults = {bid: item["Fault"] for bid, item in answers.items() if bid != "ok"}
    assert all(set(item) == {"bId", "Fault"} for bid, item in answers.items() if bid != "ok")
    assert all(f["type"] == "ValidationFault" for f in faults.values())
    codes = {bid: f["Error"][0]["code"] for bid, f in faults.items()}
    assert codes == {
        "parse": "4000",
        "entity": "4001",
        "field": "4001",
        "cdc": "4001",
        "write": "500",
        "both": "2310",
        "nothing": "2310",
    }
    # the same Fault the query endpoint answers alone (HTTP 400 there)
    alone = api.get("query", params={"query": "SELECT * FROM Gizmo"})
    assert alone.status_code == 400
    assert faults["entity"] == alone.json()["Fault"]
    assert faults["parse"]["Error"][0]["Detail"].startswith("QueryParserError: Encountered")


def test_thirty_items_at_most(api):
    items = [{"bId": f"b{n}", "Query": "SELECT * FROM TaxCode"} for n in range(31)]
    assert len(by_bid(batch(api, items[:30]))) == 30
    response = batch(api, items)
    assert response.status_code == 400
    fault = response.json()["Fault"]
    assert fault["type"] == "ValidationFault"
    assert "at most 30" in fault["Error"][0]["Detail"]


@pytest.mark.parametrize(
    "items",
    [
        [],
        [{"Query": "SELECT * FROM Class"}],
        [{"bId": "1", "Query": "SELECT * FROM Class"}, {"bId": "1", "Query": "SELECT * FROM Item"}],
    ],
    ids=["empty", "no-bId", "same-bId"],
)
def test_malformed_batches_are_refused_whole(api, items):
    response = batch(api, items)
    assert response.status_code == 400
    assert response.json()["Fault"]["type"] == "ValidationFault"


def test_a_response_holds_a_thousand_objects_at_most(quickbooks_sandbox):
    """An item whose objects would take the response past 1,000 gets a Fault; it is never cut
    short (a short page would read as the last one)."""
    quickbooks_sandbox.control.reset(invoices=1_500)
    tokens, realm = quickbooks_sandbox.connect("us")
    api = quickbooks_sandbox.api(tokens["access_token"], realm)
    page = "SELECT * FROM Invoice ORDERBY Id STARTPOSITION {} MAXRESULTS {}"
    answers = by_bid(
        batch(
            api,
            [
                {"bId": "a", "Query": page.format(1, 600)},
                {"bId": "b", "Query": page.format(601, 600)},
                {"bId": "c", "Query": page.format(1201, 400)},
            ],
        )
    )
    assert len(answers["a"]["QueryResponse"]["Invoice"]) == 600
    assert answers["b"]["Fault"]["Error"][0]["Message"] == "Too many objects"
    assert len(answers["c"]["QueryResponse"]["Invoice"]) == 312  # 1,512 invoices in all


def test_forty_batch_requests_a_minute(api, quickbooks_sandbox):
    ctl = quickbooks_sandbox.control
    ctl.set_limits(batch_minute=3)
    item = [{"bId": "1", "Query": "SELECT * FROM Class"}]
    assert [batch(api, item).status_code for _ in range(3)] == [200, 200, 200]
    throttled = batch(api, item)
    assert throttled.status_code == 429
    assert int(throttled.headers["Retry-After"]) >= 1
    assert throttled.json()["Fault"]["type"] == "ThrottleExceeded"
    assert api.get("query", params={"query": "SELECT * FROM Class"}).status_code == 200
    ctl.advance_clock(61)
    assert batch(api, item).status_code == 200
    ctl.reset()
    assert ctl.set_limits()["batch_minute"] == 40  # Intuit's limit, back after a reset

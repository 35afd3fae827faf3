"""Purchase orders through the unified API, both sandboxes: a sync serves them, writes go to the
provider and come back through the next sync, events follow, bad input writes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gateway.accounts.models import Grant
from gateway.events.models import Event
from gateway.records.models import Record
from gateway.sync import services
from gateway.sync.models import RunStatus, RunTrigger, SyncMode

pytestmark = pytest.mark.django_db(transaction=True)

PATH = "/v1/purchase-orders"


def _client(authed_client, account):
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    return authed_client


def _sync(account, mode=SyncMode.FULL):
    run = services.request_sync(account, mode, RunTrigger.API)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    return run


def _events(account) -> list[str]:
    return list(
        Event.objects.filter(linked_account=account)
        .exclude(type__startswith="sync.")
        .order_by("sequence")
        .values_list("type", flat=True)
    )


def _all(client, **params):
    return client.get(PATH, {"page_size": 100, **params}).json()["results"]


def _by_remote(client, model_path: str, remote_id: str) -> dict:
    rows = client.get(model_path, {"remote_id": remote_id}).json()["results"]
    assert len(rows) == 1, rows
    return rows[0]


def _po_count(account) -> int:
    return Record.objects.filter(linked_account=account, model="purchase_order").count()


# -- Xero ---------------------------------------------------------------------------------------
@pytest.fixture
def xero(authed_client, xero_account):
    _sync(xero_account)
    return _client(authed_client, xero_account), xero_account


def test_xero_sync_serves_every_status_with_references_resolved(xero, xero_sandbox):
    client, _account = xero
    api = xero_sandbox.api(Grant.objects.get().access_token, "uk")
    raw = api.get("PurchaseOrders").json()["PurchaseOrders"]
    listed = _all(client, include_deleted="true")
    assert len(listed) == len(raw) == 6
    assert {r["status"] for r in listed} == {
        "DRAFT",
        "SUBMITTED",
        "AUTHORISED",
        "BILLED",
        "DELETED",
    }
    assert "DELETED" not in {r["status"] for r in _all(client)}  # deleted hidden by default
    billed = _all(client, status="BILLED")
    assert [r["status_raw"] for r in billed] == ["BILLED"]
    supplier = client.get(f"/v1/contacts/{billed[0]['contact']}").json()
    assert supplier["remote_id"] == billed[0]["contact_remote_id"] and supplier["is_supplier"]
    line = billed[0]["line_items"][0]
    account_row = client.get(f"/v1/accounts/{line['account']}").json()
    assert account_row["code"] == line["account_code"] == "310"
    dated = _all(client, issue_date_after="2024-02-09", issue_date_before="2024-02-15")
    assert sorted(r["issue_date"] for r in dated) == ["2024-02-09", "2024-02-11", "2024-02-15"]
    foreign = next(r for r in listed if r["currency"] == "USD")
    assert Decimal(foreign["exchange_rate"]) != 1
    expanded = client.get(f"{PATH}/{billed[0]['id']}", {"expand": "contact"}).json()
    assert expanded["contact"]["id"] == supplier["id"]


def test_xero_create_update_round_trip_with_events(xero, xero_sandbox):
    client, account = xero
    api = xero_sandbox.api(Grant.objects.get().access_token, "uk")
    supplier = _by_remote(
        client,
        "/v1/contacts",
        api.get("Contacts", params={"where": 'Name=="PowerDirect"'}).json()["Contacts"][0][
            "ContactID"
        ],
    )
    expenses = client.get("/v1/accounts", {"page_size": 100}).json()["results"]
    general = next(a for a in expenses if a["code"] == "429")
    Event.objects.filter(linked_account=account).delete()
    body = {
        "contact": supplier["id"],
        "issue_date": "2026-11-02",
        "delivery_date": "2026-11-16",
        "delivery_address": "23 Main Street\nCentral City",
        "attention_to": "Goods in",
        "status": "AUTHORISED",
        "line_items": [
            {
                "description": "Widgets",
                "quantity": "50",
                "unit_price": "10.00",
                "account": general["id"],
            }
        ],
    }
    created = client.post(PATH, body, format="json", HTTP_IDEMPOTENCY_KEY="po-1")
    assert created.status_code == 201, created.content
    order = created.json()
    assert order["status"] == "AUTHORISED" and order["contact"] == supplier["id"]
    assert Decimal(order["total_amount"]) == Decimal("600.00")
    assert order["line_items"][0]["account"] == general["id"]
    remote = api.get(f"PurchaseOrders/{order['remote_id']}").json()["PurchaseOrders"][0]
    assert remote["Total"] == 600 and remote["DeliveryAddress"] == body["delivery_address"]
    replay = client.post(PATH, body, format="json", HTTP_IDEMPOTENCY_KEY="po-1")
    assert replay.json()["id"] == order["id"]

    patched = client.patch(f"{PATH}/{order['id']}", {"status": "BILLED"}, format="json")
    assert patched.status_code == 200, patched.content
    assert patched.json()["status"] == "BILLED"
    assert (
        api.get(f"PurchaseOrders/{order['remote_id']}").json()["PurchaseOrders"][0]["Status"]
        == "BILLED"
    )
    assert _events(account) == ["purchase_order.created", "purchase_order.updated"]

    _sync(account, SyncMode.INCREMENTAL)
    again = client.get(f"{PATH}/{order['id']}").json()
    assert again["status"] == "BILLED" and again["remote_id"] == order["remote_id"]
    assert _events(account) == ["purchase_order.created", "purchase_order.updated"]

    refused = client.patch(f"{PATH}/{order['id']}", {"status": "DRAFT"}, format="json")
    assert refused.status_code == 422, refused.content
    assert refused.json()["error"]["details"][0]["field"] == "status"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"contact": "00000000-0000-0000-0000-000000000001"}, "contact"),
        (
            {
                "line_items": [
                    {
                        "description": "x",
                        "unit_price": "1",
                        "account": "00000000-0000-0000-0000-000000000002",
                    }
                ]
            },
            "line_items[0].account",
        ),
        ({"memo": "Xero has no memo on purchase orders"}, "memo"),
        ({"status": "BILLED"}, "status"),
        ({"line_items": [{"description": "x", "unit_price": "1", "account_code": "999"}]}, None),
    ],
)
def test_xero_bad_input_is_422_and_writes_nothing(xero, xero_sandbox, change, field):
    client, account = xero
    api = xero_sandbox.api(Grant.objects.get().access_token, "uk")
    supplier = next(
        c
        for c in client.get("/v1/contacts", {"page_size": 100}).json()["results"]
        if c["name"] == "PowerDirect"
    )
    before_remote = len(api.get("PurchaseOrders").json()["PurchaseOrders"])
    before = _po_count(account)
    Event.objects.filter(linked_account=account).delete()
    body = {"contact": supplier["id"], "line_items": [{"description": "x", "unit_price": "1"}]}
    response = client.post(PATH, {**body, **change}, format="json")
    assert response.status_code == 422, response.content
    fields = [d["field"] for d in response.json()["error"]["details"]]
    assert (field in fields) if field else any(f.startswith("line_items[0]") for f in fields)
    assert len(api.get("PurchaseOrders").json()["PurchaseOrders"]) == before_remote
    assert _po_count(account) == before and _events(account) == []


# -- QuickBooks ---------------------------------------------------------------------------------
def _qbo_doc(sandbox, remote_id: str) -> dict:
    (doc,) = [d for d in sandbox.control.records("us", "PurchaseOrder") if d["Id"] == remote_id]
    return doc


@pytest.fixture
def qbo(authed_client, quickbooks_account, quickbooks_settings):
    _sync(quickbooks_account)
    return _client(authed_client, quickbooks_account), quickbooks_account


def test_quickbooks_sync_maps_open_and_closed(qbo):
    client, _account = qbo
    listed = _all(client)
    assert len(listed) == 5
    assert {r["status_raw"]: r["status"] for r in listed} == {
        "Open": "AUTHORISED",
        "Closed": "BILLED",
    }
    cad = next(r for r in listed if r["currency"] == "CAD")
    assert cad["contact_remote_id"] == "Vendor:7" and cad["contact"]
    assert client.get(f"/v1/contacts/{cad['contact']}").json()["name"] == "Maple Timber Supply"
    items = next(r for r in listed if r["number"] == "1001")["line_items"]
    assert items[0]["item"] and items[0]["item_remote_id"] == "12"


def test_quickbooks_create_update_round_trip_and_deletion(qbo, quickbooks_settings):
    client, account = qbo
    sandbox = quickbooks_settings
    tania = _by_remote(client, "/v1/contacts", "Vendor:5")
    plants = _by_remote(client, "/v1/items", "13")
    cogs = _by_remote(client, "/v1/accounts", "80")
    Event.objects.filter(linked_account=account).delete()
    created = client.post(
        PATH,
        {
            "contact": tania["id"],
            "issue_date": "2026-11-02",
            "delivery_date": "2026-11-20",
            "memo": "Deliver to the nursery gate",
            "line_items": [
                {"item": plants["id"], "quantity": "6", "unit_price": "4.00"},
                {"account": cogs["id"], "description": "Freight", "unit_price": "12.50"},
            ],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    order = created.json()
    assert order["status"] == "AUTHORISED" and Decimal(order["total_amount"]) == Decimal("36.50")
    assert [li["item"] for li in order["line_items"]] == [plants["id"], None]
    remote = _qbo_doc(sandbox, order["remote_id"])
    assert remote["POStatus"] == "Open" and remote["SyncToken"] == "0"

    patched = client.patch(f"{PATH}/{order['id']}", {"status": "BILLED"}, format="json")
    assert patched.status_code == 200, patched.content
    remote = _qbo_doc(sandbox, order["remote_id"])
    assert (remote["POStatus"], remote["SyncToken"]) == ("Closed", "1")
    assert len(remote["Line"]) == 2  # sparse update: lines kept
    assert _events(account) == ["purchase_order.created", "purchase_order.updated"]

    sandbox.control.delete("us", "PurchaseOrder", order["remote_id"])
    _sync(account, SyncMode.INCREMENTAL)
    gone = client.get(f"{PATH}/{order['id']}").json()
    assert gone["remote_was_deleted"] is True
    assert _events(account)[-1] == "purchase_order.deleted"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"contact": "00000000-0000-0000-0000-000000000001"}, "contact"),
        ({"status": "DRAFT"}, "status"),
        ({"reference": "R-1"}, "reference"),
        (
            {"line_items": [{"description": "no account", "unit_price": "1"}]},
            "line_items[0].account",
        ),
    ],
)
def test_quickbooks_bad_input_is_422_and_writes_nothing(qbo, quickbooks_settings, change, field):
    client, account = qbo
    tania = _by_remote(client, "/v1/contacts", "Vendor:5")
    cogs = _by_remote(client, "/v1/accounts", "80")
    before_remote = len(quickbooks_settings.control.records("us", "PurchaseOrder"))
    before = _po_count(account)
    Event.objects.filter(linked_account=account).delete()
    body = {
        "contact": tania["id"],
        "line_items": [{"account": cogs["id"], "unit_price": "5"}],
        **change,
    }
    response = client.post(PATH, body, format="json")
    assert response.status_code == 422, response.content
    assert field in [d["field"] for d in response.json()["error"]["details"]]
    assert len(quickbooks_settings.control.records("us", "PurchaseOrder")) == before_remote
    assert _po_count(account) == before and _events(account) == []


def test_xero_delete_by_status_is_a_deleted_event_and_hides_the_order(xero, xero_sandbox):
    client, account = xero
    draft = _all(client, status="DRAFT")[0]
    Event.objects.filter(linked_account=account).delete()
    deleted = client.patch(f"{PATH}/{draft['id']}", {"status": "DELETED"}, format="json")
    assert deleted.status_code == 200, deleted.content
    assert deleted.json()["remote_was_deleted"] is True
    assert draft["id"] not in {r["id"] for r in _all(client)}
    assert _events(account) == ["purchase_order.deleted"]
    assert client.delete(f"{PATH}/{draft['id']}").status_code == 405  # no DELETE route
    _sync(account, SyncMode.INCREMENTAL)
    assert _events(account) == ["purchase_order.deleted"]

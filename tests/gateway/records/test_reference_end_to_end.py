"""The five reference models end to end, per provider, against its sandbox: an end user links
the demo company through the hosted link flow (the link's initial sync runs), the unified API
serves every record the provider lists (list, get, the `status`/`type` filters,
`include_remote_data`), then a user changes one record of each model at the provider and an
incremental sync brings the change to the API with one `<family>.updated` event each
(`ledger_account.updated` for accounts) and nothing else.

Neither provider sends webhooks for these models (Xero's webhooks cover invoices and contacts,
the QuickBooks connector takes none), so the change travels by the incremental sync."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from django.test import Client
from rest_framework.test import APIClient

from gateway.accounts.models import LinkedAccount
from gateway.sync import services
from gateway.sync.models import RunStatus, RunTrigger, SyncMode, SyncRun
from tests.gateway.connect.conftest import (
    REDIRECT_URL,
    ConnectDriver,
    query_of,
    sandbox_provider_settings,
)

pytestmark = pytest.mark.django_db(transaction=True)

PLURALS = {
    "company_info": "company-info",
    "tax_rate": "tax-rates",
    "account": "accounts",
    "tracking_category": "tracking-categories",
    "item": "items",
}
FAMILIES = {model: model for model in PLURALS} | {"account": "ledger_account"}


@pytest.fixture
def gateway(settings, xero_sandbox, quickbooks_sandbox, customer_with_key):
    """Both providers at their sandboxes, as `make demo` runs them; the customer's API client."""
    settings.LEDGERLINK_PROVIDERS = {
        "xero": "connectors.xero.XeroProvider",
        "quickbooks": "connectors.quickbooks.QuickBooksProvider",
    }
    settings.LEDGERLINK_PROVIDER_SETTINGS = {
        "xero": {
            **sandbox_provider_settings(xero_sandbox),
            "webhook_key": xero_sandbox.webhook_key,
        },
        "quickbooks": quickbooks_sandbox.provider_settings(),
    }
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8000"
    customer, key = customer_with_key
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    api.customer = customer
    return api


def link_xero(api, sandbox) -> LinkedAccount:
    """The end user picks Xero on the hosted page and consents to Demo Company (UK)."""
    driver = ConnectDriver(api, Client(), sandbox, api.customer)
    _token, response = driver.link(["uk"])
    assert "connect/success.html" in [t.name for t in response.templates]
    return LinkedAccount.objects.get(provider="xero")


def link_quickbooks(api, sandbox) -> LinkedAccount:
    """The end user picks QuickBooks on the hosted page and the US company at Intuit's."""
    browser = Client()
    token = api.post(
        "/v1/link-tokens",
        {"end_user_id": "end-user-1", "redirect_url": REDIRECT_URL},
        format="json",
    ).json()
    path = urlsplit(token["url"]).path
    assert browser.get(path).status_code == 200
    started = browser.post(f"{path}/start", {"provider": "quickbooks"})
    assert started.status_code == 302, started.content
    authorize_url = started["Location"]
    form = {**query_of(authorize_url), "action": "connect", "realm": sandbox.realm("us")}
    consent = requests.post(
        authorize_url.split("?")[0], data=form, allow_redirects=False, timeout=30
    )
    assert consent.status_code == 302, consent.text
    response = browser.get("/connect/callback", query_of(consent.headers["Location"]))
    while response.status_code == 302 and response["Location"].startswith("/connect/"):
        response = browser.get(response["Location"])
    assert "connect/success.html" in [t.name for t in response.templates]
    return LinkedAccount.objects.get(provider="quickbooks")


def for_account(api, account) -> APIClient:
    api.credentials(
        HTTP_AUTHORIZATION=api._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    return api


def listed(client, plural: str, **params) -> list[dict]:
    out, cursor = [], None
    while True:
        query = {"page_size": 100, **params, **({"cursor": cursor} if cursor else {})}
        response = client.get(f"/v1/{plural}", query)
        assert response.status_code == 200, response.content
        body = response.json()
        out += body["results"]
        cursor = body["next"]
        if not cursor:
            return out


def events_after(client, after: int) -> list[dict]:
    response = client.get("/v1/events", {"after": after, "page_size": 500})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def last_sequence(client) -> int:
    return client.get("/v1/events", {"page_size": 500}).json()["next_after"]


@dataclass
class Raw:
    """What the provider holds for one model: its records, the remote id of each, and the
    provider field each filter value comes from."""

    records: list[dict[str, Any]]
    remote_id: Callable[[dict[str, Any]], str]


def check_served(client, model: str, raw: Raw, id_field: str) -> dict[str, dict]:
    """List, get, include_remote_data: every provider record is served, as itself."""
    plural = PLURALS[model]
    everything = listed(client, plural, include_deleted="true")
    by_remote = {r["remote_id"]: r for r in everything}
    assert set(by_remote) == {raw.remote_id(r) for r in raw.records}, model
    assert len(by_remote) == len(everything)  # one record per provider record
    visible = listed(client, plural)
    assert {r["id"] for r in visible} == {
        r["id"] for r in everything if not r["remote_was_deleted"]
    }
    assert all("remote_data" not in r for r in visible)
    with_raw = {r["remote_id"]: r for r in listed(client, plural, include_remote_data="true")}
    for provider_record in raw.records:
        remote = raw.remote_id(provider_record)
        record = by_remote[remote]
        got = client.get(f"/v1/{plural}/{record['id']}")
        assert got.status_code == 200, got.content
        assert got.json() == record and "remote_data" not in got.json()
        full = client.get(f"/v1/{plural}/{record['id']}", {"include_remote_data": "true"}).json()
        assert full["remote_data"][id_field] == provider_record[id_field]
        assert {k: v for k, v in full.items() if k != "remote_data"} == record
        if remote in with_raw:
            assert with_raw[remote]["remote_data"] == full["remote_data"]
    unknown = client.get(f"/v1/{plural}/00000000-0000-0000-0000-000000000000")
    assert unknown.status_code == 404
    return by_remote


def check_filter(client, model: str, name: str, value: str) -> list[dict]:
    """`?name=value` answers exactly the listed records whose field has that value."""
    plural = PLURALS[model]
    everything = listed(client, plural)
    chosen = listed(client, plural, **{name: value})
    assert chosen, f"{plural}?{name}={value} is empty"
    assert [r["id"] for r in chosen] == [r["id"] for r in everything if r[name] == value]
    assert len(chosen) < len(everything) or name == "status"
    refused = client.get(f"/v1/{plural}", {name: "NOT_A_VALUE"})
    assert refused.status_code in (400, 422), refused.content
    return chosen


def sync(account, mode: str) -> SyncRun:
    run = services.request_sync(account, mode, RunTrigger.API)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    return run


def check_updates(client, account, changed: dict[str, tuple[str, str, Any]]) -> None:
    """After an incremental sync: each changed record shows its new value through the API and
    has one `<family>.updated` event carrying it; nothing else changed."""
    before = last_sequence(client)
    run = sync(account, SyncMode.INCREMENTAL)
    assert run.mode == SyncMode.INCREMENTAL
    events = events_after(client, before)
    record_events = [e for e in events if not e["type"].startswith("sync.")]
    assert sorted(e["type"] for e in record_events) == sorted(
        f"{FAMILIES[model]}.updated" for model in changed
    )
    assert [e["type"] for e in events][-1] == "sync.completed"
    by_type = {e["type"]: e["data"] for e in record_events}
    for model, (gateway_id, field, value) in changed.items():
        record = client.get(f"/v1/{PLURALS[model]}/{gateway_id}").json()
        assert record[field] == value, (model, record)
        data = by_type[f"{FAMILIES[model]}.updated"]
        assert data["id"] == gateway_id and data[field] == value


# -- Xero ----------------------------------------------------------------------------------------


def test_xero_reference_models_from_link_to_incremental_change(gateway, xero_sandbox):
    account = link_xero(gateway, xero_sandbox)
    initial = SyncRun.objects.get(linked_account=account)  # the link started it
    assert initial.status == RunStatus.SUCCEEDED, initial.error
    client = for_account(gateway, account)
    linked = client.get(f"/v1/linked-accounts/{account.id}")
    assert linked.status_code == 200 and linked.json()["status"] == "active"
    created = {e["type"] for e in events_after(client, 0)}
    assert {f"{FAMILIES[m]}.created" for m in PLURALS} <= created

    xero = xero_sandbox.api(account.grant.access_token, "uk")

    def raw(path: str, key: str, **params) -> list[dict]:
        response = xero.get(path, params=params)
        assert response.status_code == 200, response.text
        return response.json()[key]

    organisations = raw("Organisation", "Organisations")
    tax_rates = raw("TaxRates", "TaxRates")
    accounts = raw("Accounts", "Accounts")
    categories = raw("TrackingCategories", "TrackingCategories", includeArchived="true")
    items = raw("Items", "Items")

    (company,) = check_served(
        client,
        "company_info",
        Raw(organisations, lambda r: r["OrganisationID"]),
        "OrganisationID",
    ).values()
    assert company["name"] == organisations[0]["Name"] == xero_sandbox.tenant_names["uk"]
    assert company["currency"] == organisations[0]["BaseCurrency"] == "GBP"

    rates = check_served(client, "tax_rate", Raw(tax_rates, lambda r: r["TaxType"]), "TaxType")
    output2 = rates["OUTPUT2"]
    assert output2["name"] == next(r["Name"] for r in tax_rates if r["TaxType"] == "OUTPUT2")
    active_rates = check_filter(client, "tax_rate", "status", "ACTIVE")
    assert {r["remote_id"] for r in active_rates} == {
        r["TaxType"] for r in tax_rates if r["Status"] == "ACTIVE"
    }

    chart = check_served(client, "account", Raw(accounts, lambda r: r["AccountID"]), "AccountID")
    banks = check_filter(client, "account", "type", "BANK")
    assert {r["remote_id"] for r in banks} == {
        r["AccountID"] for r in accounts if r["Type"] == "BANK"
    }
    active_accounts = check_filter(client, "account", "status", "ACTIVE")
    assert {r["remote_id"] for r in active_accounts} == {
        r["AccountID"] for r in accounts if r["Status"] == "ACTIVE"
    }
    sales = next(r for r in accounts if r["Code"] == "200")
    assert chart[sales["AccountID"]]["code"] == "200"
    assert chart[sales["AccountID"]]["tax_rate_remote_id"] == sales.get("TaxType")

    tracking = check_served(
        client,
        "tracking_category",
        Raw(categories, lambda r: r["TrackingCategoryID"]),
        "TrackingCategoryID",
    )
    for category in categories:
        options = tracking[category["TrackingCategoryID"]]["options"]
        assert [o["remote_id"] for o in options] == [
            o["TrackingOptionID"] for o in category["Options"]
        ]
    check_filter(client, "tracking_category", "status", "ACTIVE")

    stock = check_served(client, "item", Raw(items, lambda r: r["ItemID"]), "ItemID")
    tracked = [r for r in items if r.get("IsTrackedAsInventory")]
    assert tracked, "the demo books have a tracked item"
    inventory = check_filter(client, "item", "type", "INVENTORY")
    assert {r["remote_id"] for r in inventory} == {r["ItemID"] for r in tracked}
    assert all(stock[r["ItemID"]]["is_tracked_as_inventory"] for r in tracked)

    # A Xero user changes one record of each model.
    control = xero_sandbox.control
    # (the sandbox keeps the organisation under its tenant id)
    control.edit("uk", "Organisations", account.tenant_id, raw=True, Name="Demo Company (UK) Ltd")
    control.edit("uk", "TaxRates", "OUTPUT2", raw=True, Name="Standard Rate Sales")
    control.edit("uk", "Accounts", sales["AccountID"], Name="Sales (renamed)")
    category = next(c for c in categories if c["Status"] == "ACTIVE")
    control.edit("uk", "TrackingCategories", category["TrackingCategoryID"], raw=True, Name="Area")
    item = next(r for r in items if not r.get("IsTrackedAsInventory"))
    control.edit("uk", "Items", item["ItemID"], Name="Renamed item")
    assert raw("Accounts", "Accounts", where='Code=="200"')[0]["Name"] == "Sales (renamed)"

    check_updates(
        client,
        account,
        {
            "company_info": (company["id"], "name", "Demo Company (UK) Ltd"),
            "tax_rate": (output2["id"], "name", "Standard Rate Sales"),
            "account": (chart[sales["AccountID"]]["id"], "name", "Sales (renamed)"),
            "tracking_category": (
                tracking[category["TrackingCategoryID"]]["id"],
                "name",
                "Area",
            ),
            "item": (stock[item["ItemID"]]["id"], "name", "Renamed item"),
        },
    )


# -- QuickBooks ----------------------------------------------------------------------------------


def test_quickbooks_reference_models_from_link_to_incremental_change(gateway, quickbooks_sandbox):
    account = link_quickbooks(gateway, quickbooks_sandbox)
    initial = SyncRun.objects.get(linked_account=account)
    assert initial.status == RunStatus.SUCCEEDED, initial.error
    client = for_account(gateway, account)
    created = {e["type"] for e in events_after(client, 0)}
    assert {f"{FAMILIES[m]}.created" for m in PLURALS} <= created

    control = quickbooks_sandbox.control

    def records(entity: str) -> list[dict]:
        return control.records("us", entity)

    info = records("CompanyInfo")
    (company,) = check_served(client, "company_info", Raw(info, lambda r: r["Id"]), "Id").values()
    assert company["name"] == quickbooks_sandbox.names["us"] == info[0]["CompanyName"]
    assert company["currency"] == "USD"  # from Preferences, read beside CompanyInfo

    codes = records("TaxCode")
    rates = check_served(client, "tax_rate", Raw(codes, lambda r: r["Id"]), "Id")
    california = rates["2"]
    assert california["name"] == "California"
    active_codes = check_filter(client, "tax_rate", "status", "ACTIVE")
    assert {r["remote_id"] for r in active_codes} == {
        r["Id"] for r in codes if r.get("Active") is not False
    }

    accounts = records("Account")
    chart = check_served(client, "account", Raw(accounts, lambda r: r["Id"]), "Id")
    banks = check_filter(client, "account", "type", "BANK")
    assert {r["remote_id"] for r in banks} == {
        r["Id"] for r in accounts if r["AccountType"] == "Bank"
    }
    active_accounts = check_filter(client, "account", "status", "ACTIVE")
    assert {r["remote_id"] for r in active_accounts} == {r["Id"] for r in accounts if r["Active"]}
    accounting = next(r for r in accounts if r["Name"] == "Accounting")
    assert chart[accounting["Id"]]["parent_account_remote_id"] == accounting["ParentRef"]["value"]

    classes, departments = records("Class"), records("Department")
    everything = [*classes, *departments]
    tracking = check_served(
        client,
        "tracking_category",
        Raw(
            everything,
            lambda r: r["Id"] if r in classes else f"Department:{r['Id']}",
        ),
        "Id",
    )
    inactive = {r["remote_id"] for r in listed(client, "tracking-categories", status="ARCHIVED")}
    assert inactive == {r["Id"] for r in classes if not r["Active"]} | {
        f"Department:{r['Id']}" for r in departments if not r["Active"]
    }
    check_filter(client, "tracking_category", "status", "ACTIVE")

    items = records("Item")
    stock = check_served(client, "item", Raw(items, lambda r: r["Id"]), "Id")
    inventory = check_filter(client, "item", "type", "INVENTORY")
    assert {r["remote_id"] for r in inventory} == {
        r["Id"] for r in items if r["Type"] == "Inventory"
    }
    check_filter(client, "item", "status", "ACTIVE")

    # A QuickBooks user changes one record of each model.
    control.edit("us", "CompanyInfo", info[0]["Id"], CompanyName="Craig's Landscaping")
    control.edit("us", "TaxCode", "2", Name="California (Oakland)")
    checking = next(r for r in accounts if r["Name"] == "Checking")
    control.edit("us", "Account", checking["Id"], Name="Operating", FullyQualifiedName="Operating")
    design = next(r for r in classes if r["Name"] == "Design")
    control.edit("us", "Class", design["Id"], Name="Design work", FullyQualifiedName="Design work")
    item = next(r for r in items if r["Active"])
    control.edit("us", "Item", item["Id"], Name="Renamed item", FullyQualifiedName="Renamed item")

    check_updates(
        client,
        account,
        {
            "company_info": (company["id"], "name", "Craig's Landscaping"),
            "tax_rate": (california["id"], "name", "California (Oakland)"),
            "account": (chart[checking["Id"]]["id"], "name", "Operating"),
            "tracking_category": (tracking[design["Id"]]["id"], "name", "Design work"),
            "item": (stock[item["Id"]]["id"], "name", "Renamed item"),
        },
    )
    # the renamed account keeps its place in the filtered list
    assert [r["name"] for r in listed(client, "accounts", type="BANK")] == ["Operating"]

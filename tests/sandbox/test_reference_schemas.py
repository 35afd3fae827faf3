"""The sandbox's answers for the five Xero resources the reference models read (Organisation,
TaxRates, Accounts, TrackingCategories, Items) match Xero's OpenAPI schemas strictly, asked
exactly as the connector asks (its spec's path and parameters), for every record of every demo
organisation, by list and by id, and in the states users bring records to (archived, deleted,
tracked inventory, edited, changed since a time).

`test_schemas.py` checks the plain lists and the first records by id; this covers what the
connector reads beside it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from connectors.xero.dates import format_modified_since
from connectors.xero.spec import RESOURCES
from unified_models import CATALOGUE

from .schemas import validate

#: The reference models (catalogue entries without writes of documents): what the connector
#: reads for them, per its spec.
REFERENCE_MODELS = ("company_info", "tax_rate", "account", "tracking_category", "item")
TENANTS = ("uk", "us", "au")


def test_the_reference_models_are_the_catalogue_s_and_xero_serves_them():
    assert set(REFERENCE_MODELS) <= set(CATALOGUE.names())
    assert set(REFERENCE_MODELS) <= set(RESOURCES)


def as_the_connector_lists(api, model: str) -> dict:
    spec = RESOURCES[model]
    response = api.get(spec.path, params=dict(spec.list_params))
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("model", REFERENCE_MODELS)
@pytest.mark.parametrize("tenant", TENANTS)
def test_lists_as_the_connector_asks_match_the_schema(connected, model, tenant):
    spec = RESOURCES[model]
    body = as_the_connector_lists(connected.api(tenant), model)
    assert body[spec.records_field], f"{spec.path} is empty for {tenant}"
    validate(body, spec.records_field)


@pytest.mark.parametrize("model", ["tax_rate", "account", "tracking_category", "item"])
@pytest.mark.parametrize("tenant", TENANTS)
def test_every_record_by_id_matches_the_schema(connected, model, tenant):
    """The connector's `get` (and what a sync re-reads one at a time), for every record,
    archived tracking categories included."""
    spec = RESOURCES[model]
    api = connected.api(tenant)
    records = as_the_connector_lists(api, model)[spec.records_field]
    for record in records:
        response = api.get(f"{spec.path}/{record[spec.primary_key]}")
        assert response.status_code == 200, response.text
        body = response.json()
        validate(body, spec.records_field)
        (one,) = body[spec.records_field]
        assert one[spec.primary_key] == record[spec.primary_key]


def test_records_in_the_states_users_bring_them_to_match_the_schema(connected):
    uk, control = connected.uk, connected.sandbox.control
    accounts = {a["Code"]: a for a in uk.get("Accounts").json()["Accounts"] if a.get("Code")}

    # an account archived, and one renamed, through the API
    spare = next(
        a
        for a in accounts.values()
        if a["Type"] == "OVERHEADS" and not a.get("SystemAccount") and a["Status"] == "ACTIVE"
    )
    archived = uk.post(f"Accounts/{spare['AccountID']}", json={"Status": "ARCHIVED"})
    assert archived.status_code == 200, archived.text
    validate(archived.json(), "Accounts")
    assert archived.json()["Accounts"][0]["Status"] == "ARCHIVED"
    renamed = uk.post(f"Accounts/{accounts['200']['AccountID']}", json={"Name": "Sales (UK)"})
    assert renamed.status_code == 200, renamed.text
    validate(renamed.json(), "Accounts")

    # a tracked inventory item, then a partial update of it
    created = uk.put(
        "Items",
        params={"unitdp": "4"},
        json={
            "Items": [
                {
                    "Code": "SCHEMA-STOCK",
                    "Name": "Schema stock",
                    "InventoryAssetAccountCode": "630",
                    "PurchaseDetails": {"UnitPrice": 3.1234, "COGSAccountCode": "310"},
                    "SalesDetails": {"UnitPrice": 9.9999, "AccountCode": "200"},
                }
            ]
        },
    )
    assert created.status_code == 200, created.text
    validate(created.json(), "Items")
    item_id = created.json()["Items"][0]["ItemID"]
    updated = uk.post(f"Items/{item_id}", json={"Description": "Counted weekly"})
    assert updated.status_code == 200, updated.text
    validate(updated.json(), "Items")

    # what a Xero user does in the app: a tax rate deleted, a category renamed, the
    # organisation renamed (the control plane, as the end-to-end tests use it)
    control.edit("uk", "TaxRates", "INPUT2", raw=True, Status="DELETED")
    categories = uk.get("TrackingCategories").json()["TrackingCategories"]
    control.edit(
        "uk", "TrackingCategories", categories[0]["TrackingCategoryID"], raw=True, Name="Area"
    )
    control.edit(
        "uk", "Organisations", connected.sandbox.tenant_id("uk"), raw=True, Name="Renamed Ltd"
    )

    for model in REFERENCE_MODELS:
        spec = RESOURCES[model]
        body = as_the_connector_lists(uk, model)
        validate(body, spec.records_field)
    rates = {r["TaxType"]: r for r in uk.get("TaxRates").json()["TaxRates"]}
    assert rates["INPUT2"]["Status"] == "DELETED"
    assert uk.get("Organisation").json()["Organisations"][0]["Name"] == "Renamed Ltd"


def test_changed_since_answers_match_the_schema(connected):
    """Accounts and items are read incrementally (If-Modified-Since): those answers too."""
    uk = connected.uk
    now = datetime.fromisoformat(connected.sandbox.control.clock()["now"])
    since = now - timedelta(seconds=1)
    made = uk.put("Accounts", json={"Code": "456", "Name": "Schema fuel", "Type": "EXPENSE"})
    assert made.status_code == 200, made.text
    item = uk.put("Items", json={"Items": [{"Code": "SCHEMA-2", "Name": "Schema two"}]})
    assert item.status_code == 200, item.text
    header = {"If-Modified-Since": format_modified_since(since)}
    for model, code in (("account", "456"), ("item", "SCHEMA-2")):
        spec = RESOURCES[model]
        response = uk.get(spec.path, params=dict(spec.list_params), headers=header)
        assert response.status_code == 200, response.text
        body = response.json()
        validate(body, spec.records_field)
        assert [r["Code"] for r in body[spec.records_field]] == [code]

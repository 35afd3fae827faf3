"""Reference data in the Xero sandbox: tracking categories (list, includeArchived, one by id,
lines tagged with them), If-Modified-Since only where Xero honours it, and the validation of
account and item writes."""

from __future__ import annotations

import pytest

from .schemas import validate

GRANULAR_WITHOUT_SETTINGS = (
    "openid profile email offline_access accounting.invoices accounting.payments "
    "accounting.contacts"
)


def _categories(api, **params):
    response = api.get("TrackingCategories", params=params)
    assert response.status_code == 200, response.text
    validate(response.json(), "TrackingCategories")
    return response.json()["TrackingCategories"]


def _options(category):
    return {o["Name"]: o for o in category["Options"]}


def _errors(response):
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["Type"] == "ValidationException"
    return [e["Message"] for el in body["Elements"] for e in el["ValidationErrors"]]


# -- tracking categories ------------------------------------------------------------------


def test_tracking_categories_hide_archived_unless_asked(connected):
    active = _categories(connected.uk)
    assert [c["Name"] for c in active] == ["Department", "Region"]
    assert all(c["Status"] == "ACTIVE" for c in active)
    region = next(c for c in active if c["Name"] == "Region")
    assert set(_options(region)) == {"North", "South", "East"}  # West is archived
    assert all(o["TrackingOptionID"] and o["Status"] == "ACTIVE" for o in region["Options"])

    everything = _categories(connected.uk, includeArchived="true")
    assert [c["Name"] for c in everything] == ["Department", "Projects (2023)", "Region"]
    region = next(c for c in everything if c["Name"] == "Region")
    assert _options(region)["West"]["Status"] == "ARCHIVED"


def test_tracking_category_by_id_and_404(connected):
    region = next(c for c in _categories(connected.uk) if c["Name"] == "Region")
    response = connected.uk.get(f"TrackingCategories/{region['TrackingCategoryID']}")
    assert response.status_code == 200, response.text
    validate(response.json(), "TrackingCategories")
    (one,) = response.json()["TrackingCategories"]
    assert one["TrackingCategoryID"] == region["TrackingCategoryID"]
    assert "West" in _options(one)  # a single category shows its archived options
    missing = connected.uk.get("TrackingCategories/00000000-0000-0000-0000-000000000001")
    assert missing.status_code == 404


def test_tracking_categories_are_per_organisation(connected):
    uk = {c["TrackingCategoryID"] for c in _categories(connected.uk)}
    us = {c["TrackingCategoryID"] for c in _categories(connected.us)}
    assert len(uk) == len(us) == 2 and not uk & us


def test_tracking_categories_need_the_settings_scope(xero_sandbox):
    tokens = xero_sandbox.connect(tenants=["uk"], scope=GRANULAR_WITHOUT_SETTINGS)
    api = xero_sandbox.api(tokens["access_token"], "uk")
    assert api.get("TrackingCategories").status_code == 401
    assert api.get("Invoices").status_code == 200
    read_only = xero_sandbox.connect(
        tenants=["uk"], scope="openid offline_access accounting.settings.read"
    )
    api = xero_sandbox.api(read_only["access_token"], "uk")
    assert api.get("TrackingCategories").status_code == 200


def test_seeded_lines_carry_tracking_ids(connected):
    categories = _categories(connected.uk)
    option_ids = {
        (c["TrackingCategoryID"], o["TrackingOptionID"]): (c["Name"], o["Name"])
        for c in categories
        for o in c["Options"]
    }
    invoices = connected.uk.get("Invoices", params={"page": 1}).json()["Invoices"]
    tags = [t for i in invoices for line in i["LineItems"] for t in line["Tracking"]]
    assert len(tags) >= 4
    for tag in tags:
        pair = (tag["TrackingCategoryID"], tag["TrackingOptionID"])
        assert option_ids[pair] == (tag["Name"], tag["Option"])


def _invoice(contact_id, tracking):
    return {
        "Type": "ACCREC",
        "Contact": {"ContactID": contact_id},
        "LineItems": [
            {
                "Description": "Tagged work",
                "Quantity": 1,
                "UnitAmount": 10,
                "AccountCode": "200",
                "Tracking": tracking,
            }
        ],
    }


def test_invoice_lines_resolve_tracking_by_name_or_id(connected):
    contact_id = connected.uk.get("Contacts").json()["Contacts"][0]["ContactID"]
    region = next(c for c in _categories(connected.uk) if c["Name"] == "Region")
    north = _options(region)["North"]
    by_name = connected.uk.put(
        "Invoices",
        json={"Invoices": [_invoice(contact_id, [{"Name": "region", "Option": "north"}])]},
    )
    assert by_name.status_code == 200, by_name.text
    validate(by_name.json(), "Invoices")
    (tag,) = by_name.json()["Invoices"][0]["LineItems"][0]["Tracking"]
    assert tag == {
        "Name": "Region",
        "Option": "North",
        "TrackingCategoryID": region["TrackingCategoryID"],
        "TrackingOptionID": north["TrackingOptionID"],
    }
    by_id = connected.uk.put(
        "Invoices",
        json={
            "Invoices": [
                _invoice(
                    contact_id,
                    [
                        {
                            "TrackingCategoryID": region["TrackingCategoryID"],
                            "TrackingOptionID": north["TrackingOptionID"],
                        }
                    ],
                )
            ]
        },
    )
    assert by_id.status_code == 200, by_id.text
    assert by_id.json()["Invoices"][0]["LineItems"][0]["Tracking"] == [tag]


@pytest.mark.parametrize(
    ("tracking", "message"),
    [
        ([{"Name": "Region", "Option": "West"}], "Tracking option 'West'"),  # archived
        ([{"Name": "Region", "Option": "Mars"}], "Tracking option 'Mars'"),
        ([{"Name": "Projects (2023)", "Option": "Website relaunch"}], "Tracking category"),
        (
            [{"Name": "Region", "Option": "North"}, {"Name": "Region", "Option": "South"}],
            "used twice",
        ),
        ("North", "must be a list"),
    ],
)
def test_invoice_lines_refuse_unknown_or_archived_tracking(connected, tracking, message):
    contact_id = connected.uk.get("Contacts").json()["Contacts"][0]["ContactID"]
    response = connected.uk.put("Invoices", json={"Invoices": [_invoice(contact_id, tracking)]})
    assert any(message in m for m in _errors(response)), response.text


# -- If-Modified-Since --------------------------------------------------------------------


def test_if_modified_since_is_ignored_where_xero_ignores_it(connected):
    later = {"If-Modified-Since": "2999-01-01T00:00:00"}
    for path, key in (
        ("TaxRates", "TaxRates"),
        ("TrackingCategories", "TrackingCategories"),
        ("Organisation", "Organisations"),
        ("Currencies", "Currencies"),
    ):
        response = connected.uk.get(path, headers=later)
        assert response.status_code == 200 and response.json()[key], path
    for path in ("Accounts", "Items"):
        assert connected.uk.get(path, headers=later).json()[path] == []


def test_if_modified_since_returns_changed_accounts_and_items(connected):
    control = connected.sandbox.control
    mark = control.clock()["now"]
    control.advance_clock(5)
    account = connected.uk.get("Accounts/" + _account_id(connected, "400")).json()["Accounts"][0]
    changed = connected.uk.post(
        f"Accounts/{account['AccountID']}", json={"Description": "Ads and promotion"}
    )
    assert changed.status_code == 200, changed.text
    item = connected.uk.get("Items/BOOK").json()["Items"][0]
    assert connected.uk.post(f"Items/{item['ItemID']}", json={"Name": "Brand book"}).ok
    since = {"If-Modified-Since": mark}
    accounts = connected.uk.get("Accounts", headers=since).json()["Accounts"]
    assert [a["Code"] for a in accounts] == ["400"]
    assert [i["Code"] for i in connected.uk.get("Items", headers=since).json()["Items"]] == ["BOOK"]


# -- account writes -----------------------------------------------------------------------


def _account_id(connected, code):
    accounts = connected.uk.get("Accounts", params={"where": f'Code=="{code}"'}).json()
    return accounts["Accounts"][0]["AccountID"]


def test_account_create_update_and_archive(connected):
    created = connected.uk.put(
        "Accounts",
        json={"Code": "410", "Name": "Subscriptions", "Type": "OVERHEADS", "TaxType": "INPUT2"},
    )
    assert created.status_code == 200, created.text
    validate(created.json(), "Accounts")
    (account,) = created.json()["Accounts"]
    assert account["Class"] == "EXPENSE" and account["Status"] == "ACTIVE"
    archived = connected.uk.post(f"Accounts/{account['AccountID']}", json={"Status": "ARCHIVED"})
    assert archived.status_code == 200, archived.text
    validate(archived.json(), "Accounts")
    assert archived.json()["Accounts"][0]["Status"] == "ARCHIVED"
    listed = connected.uk.get("Accounts", params={"where": 'Status=="ARCHIVED"'}).json()
    assert "410" in {a["Code"] for a in listed["Accounts"]}  # archived accounts stay listed
    bank = connected.uk.put(
        "Accounts",
        json={
            "Name": "Euro Account",
            "Type": "BANK",
            "BankAccountNumber": "12-34",
            "CurrencyCode": "EUR",
        },
    )
    assert bank.status_code == 200, bank.text
    assert bank.json()["Accounts"][0]["BankAccountType"] == "BANK"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"Code": "200", "Name": "Dup", "Type": "SALES"}, "unique Code"),
        ({"Code": "4101", "Name": "Sales", "Type": "SALES"}, "unique Name"),
        ({"Code": "X" * 11, "Name": "Long code", "Type": "SALES"}, "10 characters"),
        ({"Code": "411", "Name": "No type"}, "Account Type"),
        ({"Code": "412", "Name": "Bad tax", "Type": "SALES", "TaxType": "NOPE"}, "TaxType"),
        ({"Name": "Bank w/o number", "Type": "BANK"}, "Bank Account Number"),
        ({"Code": "413", "Name": "FX sales", "Type": "SALES", "CurrencyCode": "EUR"}, "bank"),
        ({"Code": "414", "Name": "Gone", "Type": "SALES", "Status": "DELETED"}, "ACTIVE or"),
    ],
)
def test_account_writes_are_validated(connected, payload, message):
    response = connected.uk.put("Accounts", json=payload)
    assert any(message in m for m in _errors(response)), response.text


def test_system_accounts_cannot_be_archived_or_retyped(connected):
    receivable = _account_id(connected, "610")
    archive = connected.uk.post(f"Accounts/{receivable}", json={"Status": "ARCHIVED"})
    assert "System accounts cannot be archived" in _errors(archive)
    retype = connected.uk.post(f"Accounts/{receivable}", json={"Type": "BANK"})
    assert any("system account" in m for m in _errors(retype))


# -- item writes --------------------------------------------------------------------------


def test_tracked_inventory_item(connected):
    created = connected.uk.put(
        "Items",
        json={
            "Items": [
                {
                    "Code": "STOCK-1",
                    "Name": "Stocked thing",
                    "InventoryAssetAccountCode": "630",
                    "PurchaseDetails": {"UnitPrice": 3, "COGSAccountCode": "310"},
                    "SalesDetails": {"UnitPrice": 9, "AccountCode": "200"},
                }
            ]
        },
    )
    assert created.status_code == 200, created.text
    validate(created.json(), "Items")
    (item,) = created.json()["Items"]
    assert item["IsTrackedAsInventory"] is True and item["QuantityOnHand"] == 0
    plain = connected.uk.get("Items/BOOK").json()["Items"][0]
    assert plain["IsTrackedAsInventory"] is False and "QuantityOnHand" not in plain


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"Code": "S2", "InventoryAssetAccountCode": "200"}, "type INVENTORY"),
        (
            {"Code": "S3", "InventoryAssetAccountCode": "630", "PurchaseDetails": {}},
            "COGSAccountCode",
        ),
        ({"Code": "S4", "SalesDetails": {"AccountCode": "999"}}, "not a valid code"),  # archived
        ({"Code": "S5", "PurchaseDetails": {"TaxType": "NOPE"}}, "TaxType"),
        ({"Code": "BOOK"}, "already exists"),
        ({"Name": "No code"}, "code must be specified"),
    ],
)
def test_item_writes_are_validated(connected, payload, message):
    response = connected.uk.put("Items", json={"Items": [payload]})
    assert any(message in m for m in _errors(response)), response.text


def test_item_no_longer_sold_loses_its_sales_details(connected):
    item = connected.uk.get("Items/PAPER").json()["Items"][0]
    response = connected.uk.post(f"Items/{item['ItemID']}", json={"IsSold": False})
    assert response.status_code == 200, response.text
    updated = response.json()["Items"][0]
    assert updated["IsSold"] is False
    assert "SalesDetails" not in updated and "Description" not in updated
    assert updated["PurchaseDetails"]["AccountCode"] == "310"

"""The QuickBooks sandbox's reference lists (Account, TaxCode, TaxRate, Class, Department,
CompanyInfo, Preferences, Item) and its Account and Item writes, as Intuit answers them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import requests

REFERENCE = ("Account", "TaxCode", "TaxRate", "Class", "Department", "Item")


@pytest.fixture
def api(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("us")
    return quickbooks_sandbox.api(tokens["access_token"], realm)


def rows(api, statement: str) -> list[dict[str, Any]]:
    body = api.query(statement)["QueryResponse"]
    (entity,) = [k for k in body if k not in ("startPosition", "maxResults", "totalCount")] or [
        None
    ]
    return body[entity] if entity else []


def post(api, entity: str, body: dict[str, Any], **params: str) -> requests.Response:
    return api.http.post(
        f"{api.base}/{entity}", json=body, params={"minorversion": 75, **params}, timeout=30
    )


def fault_of(response: requests.Response) -> dict[str, Any]:
    assert response.status_code == 400, response.text
    body = response.json()["Fault"]
    assert body["type"] == "ValidationFault"
    return body["Error"][0]


def _refs(node: Any) -> list[tuple[str, str]]:
    """Every ``(key, value)`` of a ``*Ref`` anywhere in a document."""
    found: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("Ref") and isinstance(value, dict) and "value" in value:
                found.append((key, value["value"]))
            else:
                found += _refs(value)
    elif isinstance(node, list):
        for value in node:
            found += _refs(value)
    return found


#: Reference key → the entity its ids live in (CurrencyRef, SalesTermRef... are not emulated).
REF_ENTITY = {
    "AccountRef": "Account",
    "ItemAccountRef": "Account",
    "IncomeAccountRef": "Account",
    "ExpenseAccountRef": "Account",
    "AssetAccountRef": "Account",
    "DepositToAccountRef": "Account",
    "APAccountRef": "Account",
    "BankAccountRef": "Account",
    "CCAccountRef": "Account",
    "DiscountAccountRef": "Account",
    "ItemRef": "Item",
    "ClassRef": "Class",
    "DepartmentRef": "Department",
    "TaxRateRef": "TaxRate",
    "SalesTaxCodeRef": "TaxCode",
    "PurchaseTaxCodeRef": "TaxCode",
}


@pytest.mark.parametrize("company", ["us", "uk"])
def test_every_seeded_reference_resolves(quickbooks_sandbox, company):
    """Lines and lists refer to accounts, items, classes, departments and tax codes that exist
    (US lines name Intuit's TAX/NON codes, which a US company's TaxCode list holds; UK lines
    name real VAT codes)."""
    control = quickbooks_sandbox.control
    known = {e: {d["Id"] for d in control.records(company, e)} for e in REFERENCE}
    entities = ("Invoice", "Bill", "Payment", "BillPayment", "Item", "Account", "TaxCode")
    missing = []
    for entity in entities:
        for doc in control.records(company, entity):
            for key, value in _refs(doc):
                target = REF_ENTITY.get(key)
                if key == "TaxCodeRef":
                    target = "TaxCode"
                    assert company == "uk" or value in ("TAX", "NON")
                if key == "ParentRef":
                    target = entity
                if target and value not in known[target]:
                    missing.append((entity, doc["Id"], key, value))
    assert missing == []


def test_some_seeded_lines_are_tagged_with_classes_and_departments(quickbooks_sandbox):
    control = quickbooks_sandbox.control
    tagged = [
        (entity, key)
        for entity in ("Invoice", "Bill")
        for doc in control.records("us", entity)
        for key, _ in _refs(doc)
        if key in ("ClassRef", "DepartmentRef")
    ]
    assert {("Invoice", "ClassRef"), ("Invoice", "DepartmentRef")} <= set(tagged)
    assert {("Bill", "ClassRef"), ("Bill", "DepartmentRef")} <= set(tagged)


def test_reference_lists_are_queried_like_the_others(api):
    accounts = rows(api, "select * from Account")
    assert all(a["Active"] for a in accounts)  # name lists: active ones unless asked
    everything = rows(api, "select * from Account where Active in (true, false)")
    assert len(everything) == len(accounts) + 1
    accounting = next(a for a in accounts if a["Name"] == "Accounting")
    assert accounting["SubAccount"] is True and accounting["ParentRef"]["value"] == "10"
    assert accounting["FullyQualifiedName"] == "Legal & Professional Fees:Accounting"
    assert accounting["Classification"] == "Expense"
    assert accounting["AccountSubType"] == "LegalProfessionalFees"
    banks = rows(api, "SELECT * FROM Account WHERE AccountType = 'Bank' MAXRESULTS 5")
    assert [b["Name"] for b in banks] == ["Checking"]
    page = rows(api, "select * from Account startposition 3 maxresults 2")
    assert [a["Id"] for a in page] == [a["Id"] for a in accounts[2:4]]
    codes = {c["Id"]: c for c in rows(api, "select * from TaxCode")}
    assert set(codes) == {"TAX", "NON", "2"}  # Intuit's line codes and the one active group
    assert (codes["TAX"]["Taxable"], codes["NON"]["Taxable"]) == (True, False)
    assert not codes["TAX"].get("SalesTaxRateList") and not codes["NON"].get("TaxGroup")
    assert api.get("taxcode/NON").json()["TaxCode"]["Name"] == "NON"
    code = codes["2"]
    assert code["TaxGroup"] is True
    rate_ids = [d["TaxRateRef"]["value"] for d in code["SalesTaxRateList"]["TaxRateDetail"]]
    rates = {r["Id"]: r for r in rows(api, "select * from TaxRate")}
    assert sum(rates[i]["RateValue"] for i in rate_ids) == 8  # the company's 8% sales tax
    classes = rows(api, "select * from Class")
    irrigation = next(c for c in classes if c["Name"] == "Irrigation")
    assert irrigation["SubClass"] is True and irrigation["ParentRef"]["value"] in {
        c["Id"] for c in classes
    }
    assert rows(api, "select * from Department where Name = 'Harbor Office'")[0]["SubDepartment"]
    (info,) = rows(api, "select * from CompanyInfo")
    assert info["Country"] == "US" and info["FiscalYearStartMonth"] == "January"


def test_incremental_queries_see_written_accounts(api, quickbooks_sandbox):
    since = (datetime.now(UTC) - timedelta(seconds=5)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    assert rows(api, f"select * from Account where Metadata.LastUpdatedTime > '{since}'") == []
    made = post(api, "account", {"Name": "Fuel", "AccountType": "Expense"})
    assert made.status_code == 200, made.text
    (changed,) = rows(api, f"select * from Account where Metadata.LastUpdatedTime > '{since}'")
    assert changed["Name"] == "Fuel"


def test_company_info_and_preferences(api, quickbooks_sandbox):
    realm = quickbooks_sandbox.realm("us")
    info = api.get(f"companyinfo/{realm}").json()["CompanyInfo"]
    assert info["CompanyName"] == quickbooks_sandbox.names["us"]
    assert info["CompanyAddr"]["City"] and info["LegalAddr"] and info["Email"]["Address"]
    assert api.get("companyinfo/123").status_code == 400
    prefs = api.get("preferences").json()["Preferences"]
    assert prefs["CurrencyPrefs"]["HomeCurrency"]["value"] == "USD"
    assert prefs["AccountingInfoPrefs"]["FirstMonthOfFiscalYear"] == "January"
    assert prefs["AccountingInfoPrefs"]["TrackDepartments"] is True
    tokens, _ = quickbooks_sandbox.connect("uk")
    uk_prefs = quickbooks_sandbox.api(tokens["access_token"], "uk").get("preferences").json()
    assert uk_prefs["Preferences"]["CurrencyPrefs"]["HomeCurrency"]["value"] == "GBP"


def test_reads_by_id(api):
    assert api.get("account/35").json()["Account"]["Name"] == "Checking"
    assert api.get("class/5000000000000019").json()["Class"]["Name"] == "Landscaping"
    assert api.get("department/3").json()["Department"]["FullyQualifiedName"] == (
        "Half Moon Bay:Harbor Office"
    )
    assert api.get("taxrate/2").json()["TaxRate"]["RateValue"] == 1.5
    assert api.get("taxcode/2").json()["TaxCode"]["Name"] == "California"
    assert fault_of(api.get("account/999"))["code"] == "610"


def test_account_create_and_updates(api):
    made = post(
        api,
        "account",
        {"Name": "Tree surgery", "AccountSubType": "ServiceFeeIncome", "AcctNum": "4100"},
    )
    assert made.status_code == 200, made.text
    account = made.json()["Account"]
    assert account["AccountType"] == "Income" and account["Classification"] == "Revenue"
    assert account["SyncToken"] == "0" and account["Active"] is True
    assert api.get(f"account/{account['Id']}").json()["Account"] == account
    # Sparse update: only what is sent changes.
    sparse = post(
        api,
        "account",
        {"Id": account["Id"], "SyncToken": "0", "sparse": True, "Description": "Arborists"},
    ).json()["Account"]
    assert sparse["Description"] == "Arborists" and sparse["AcctNum"] == "4100"
    assert sparse["SyncToken"] == "1"
    # Full update: writable properties not sent are cleared.
    full = post(
        api,
        "account",
        {"Id": account["Id"], "SyncToken": "1", "Name": "Tree care", "AccountType": "Income"},
    ).json()["Account"]
    assert full["Name"] == "Tree care" and "AcctNum" not in full and "Description" not in full
    # Archive: Active false (QuickBooks does not delete accounts).
    archived = post(
        api, "account", {"Id": account["Id"], "SyncToken": "2", "sparse": True, "Active": False}
    ).json()["Account"]
    assert archived["Active"] is False
    assert account["Id"] not in {a["Id"] for a in rows(api, "select * from Account")}
    assert fault_of(post(api, "account", {"Id": account["Id"]}, operation="delete"))["code"] == (
        "500"
    )


def test_sub_accounts_take_their_parents_name(api):
    made = post(
        api,
        "account",
        {
            "Name": "Water",
            "SubAccount": True,
            "ParentRef": {"value": "23"},
            "AccountType": "Expense",
        },
    ).json()["Account"]
    assert made["FullyQualifiedName"] == "Utilities:Water"
    assert made["ParentRef"] == {"value": "23", "name": "Utilities"}


@pytest.mark.parametrize(
    ("body", "code", "element"),
    [
        ({"AccountType": "Expense"}, "2020", "Name"),
        ({"Name": "Fuel"}, "2020", "AccountType"),
        ({"Name": "checking", "AccountType": "Bank"}, "6240", "Name"),
        ({"Name": "Fuel", "AccountType": "Spaceship"}, "2170", "AccountType"),
        ({"Name": "Fuel", "AccountType": "Bank", "AccountSubType": "Insurance"}, "2170", None),
        ({"Name": "Fuel", "AccountType": "Expense", "SubAccount": True}, "2020", "ParentRef"),
        (
            {
                "Name": "Fuel",
                "AccountType": "Expense",
                "SubAccount": True,
                "ParentRef": {"value": "7"},
            },
            "2500",
            "ParentRef",
        ),
        ({"Id": "35", "Name": "Checking", "AccountType": "Bank"}, "2020", "SyncToken"),
        ({"Id": "35", "SyncToken": "9", "Name": "Checking", "AccountType": "Bank"}, "5010", None),
        ({"Id": "777", "SyncToken": "0", "Name": "X", "AccountType": "Bank"}, "610", None),
    ],
)
def test_account_writes_are_refused_as_intuit_refuses_them(api, body, code, element):
    error = fault_of(post(api, "account", body))
    assert error["code"] == code
    if element:
        assert error["element"] == element
    if code == "6240":
        assert error["Message"] == "Duplicate Name Exists Error"
        assert "Another account is already using this name" in error["Detail"]
    if code == "2020":
        assert error["Message"].startswith("Required param missing")


def test_item_create_and_sparse_update(api):
    made = post(
        api,
        "item",
        {
            "Name": "Sprinkler head",
            "Type": "Inventory",
            "Sku": "SPR-01",
            "UnitPrice": 12.5,
            "PurchaseCost": 4.25,
            "QtyOnHand": 40,
            "InvStartDate": "2025-01-01",
            "IncomeAccountRef": {"value": "1"},
            "ExpenseAccountRef": {"value": "80"},
            "AssetAccountRef": {"value": "81"},
        },
    )
    assert made.status_code == 200, made.text
    item = made.json()["Item"]
    assert item["TrackQtyOnHand"] is True and item["QtyOnHand"] == 40
    assert item["IncomeAccountRef"] == {"value": "1", "name": "Services"}
    (found,) = rows(api, "select *, Sku from Item where Sku = 'SPR-01'")
    assert found == item
    updated = post(
        api, "item", {"Id": item["Id"], "SyncToken": "0", "sparse": True, "UnitPrice": 13}
    ).json()["Item"]
    assert updated["UnitPrice"] == 13 and updated["Sku"] == "SPR-01"
    assert updated["SyncToken"] == "1"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"Type": "Service", "IncomeAccountRef": {"value": "1"}}, "2020"),
        ({"Name": "Mulch", "Type": "Service"}, "2020"),
        ({"Name": "design", "Type": "Service", "IncomeAccountRef": {"value": "1"}}, "6240"),
        ({"Name": "Mulch", "Type": "Service", "IncomeAccountRef": {"value": "999"}}, "2500"),
        ({"Name": "Mulch", "Type": "Bundle", "IncomeAccountRef": {"value": "1"}}, "2170"),
        (
            {
                "Name": "Mulch",
                "Type": "Inventory",
                "IncomeAccountRef": {"value": "1"},
                "ExpenseAccountRef": {"value": "80"},
                "AssetAccountRef": {"value": "81"},
            },
            "2020",
        ),
    ],
)
def test_item_writes_are_refused_as_intuit_refuses_them(api, body, code):
    error = fault_of(post(api, "item", body))
    assert error["code"] == code
    if code == "6240":
        assert "Another product or service is already using this name" in error["Detail"]


def test_other_entities_are_not_written(api):
    assert fault_of(post(api, "taxcode", {"Name": "X"}))["code"] == "500"
    assert fault_of(post(api, "class", {"Name": "X"}))["code"] == "500"


def test_change_data_capture_covers_accounts_classes_and_departments(api, quickbooks_sandbox):
    since = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    post(api, "account", {"Name": "Fuel", "AccountType": "Expense"})
    quickbooks_sandbox.control.edit("us", "Class", "5000000000000018", Name="Design work")
    ok = api.get("cdc", params={"entities": "Account,Class,Department", "changedSince": since})
    assert ok.status_code == 200, ok.text
    accounts, classes, departments = ok.json()["CDCResponse"][0]["QueryResponse"]
    assert [a["Name"] for a in accounts["Account"]] == ["Fuel"]
    assert [c["Name"] for c in classes["Class"]] == ["Design work"]
    assert "Department" not in departments
    refused = api.get("cdc", params={"entities": "TaxCode", "changedSince": since})
    assert refused.status_code == 400


# -- the connector ------------------------------------------------------------------------------
REFERENCE_MODELS = ("company_info", "tax_rate", "account", "tracking_category", "item")


@pytest.fixture
def reference_connector(quickbooks_sandbox):
    from tests.connectors.quickbooks.test_sandbox import link

    return link(quickbooks_sandbox, "us").connector()


def read_all(conn, model: str, **kw: Any) -> list[Any]:
    return [record for page in conn.list(model, **kw) for record in page.records]


def test_the_connector_reads_every_reference_model(reference_connector, quickbooks_sandbox):

    conn = reference_connector
    (info,) = read_all(conn, "company_info")
    assert info.name == quickbooks_sandbox.names["us"] and info.currency == "USD"
    assert conn.get("company_info", info.remote_id).currency == "USD"
    rates = {r.remote_id: r for r in read_all(conn, "tax_rate")}
    assert rates["2"].total_tax_rate == Decimal("8") and rates["5"].status.value == "ARCHIVED"
    assert conn.get("tax_rate", "2").components[0].rate == 6
    accounts = {a.remote_id: a for a in read_all(conn, "account")}
    assert "90" in accounts and accounts["24"].parent_account_remote_id == "23"
    categories = {c.remote_id: c for c in read_all(conn, "tracking_category")}
    assert {"5000000000000019", "Department:3"} <= set(categories)
    assert conn.get("tracking_category", "Department:3").name == "Half Moon Bay:Harbor Office"
    assert conn.get("tracking_category", "5000000000000022").status.value == "ARCHIVED"
    items = {i.remote_id: i for i in read_all(conn, "item")}
    assert items["4"].quantity_on_hand == 25 and "20" in items  # inactive ones too
    # Every line's references resolve to what the reference models serve.
    for invoice in read_all(conn, "invoice"):
        for line in invoice.line_items:
            assert line.item_remote_id in (None, *items), line
            assert line.account_remote_id in (None, *accounts), line
            for tag in line.tracking_categories:
                options = [o.remote_id for o in categories[tag.category_remote_id].options]
                assert tag.option_remote_id in options


def test_the_connector_creates_and_updates_accounts_and_items(reference_connector):
    from connectors.errors import ValidationFailed
    from unified_models import AccountInput, AccountStatus, AccountType, ItemInput, ItemType

    conn = reference_connector
    made = conn.create("account", AccountInput(name="Fuel", type=AccountType.EXPENSE, code="6200"))
    assert made.remote_id and made.code == "6200" and made.type is AccountType.EXPENSE
    archived = conn.update("account", made.remote_id, AccountInput(status=AccountStatus.ARCHIVED))
    assert archived.status is AccountStatus.ARCHIVED and archived.code == "6200"
    with pytest.raises(ValidationFailed) as dup:
        conn.create("account", AccountInput(name="checking", type=AccountType.BANK))
    assert dup.value.details[0]["field"] == "name"
    assert "already using this name" in dup.value.details[0]["message"]
    item = conn.create(
        "item",
        ItemInput(
            name="Sprinkler head",
            type=ItemType.INVENTORY,
            sale_unit_price="12.5",
            sale_account_remote_id="1",
            purchase_account_remote_id="80",
            inventory_asset_account_remote_id="81",
        ),
    )
    assert item.type is ItemType.INVENTORY and item.quantity_on_hand == 0
    renamed = conn.update("item", item.remote_id, ItemInput(name="Sprinkler head, brass"))
    assert renamed.name == "Sprinkler head, brass" and renamed.sale_unit_price == Decimal("12.5")
    with pytest.raises(ValidationFailed) as missing:
        conn.create("item", ItemInput(name="Mulch", type=ItemType.SERVICE))
    assert missing.value.details[0]["field"] == "sale_account_remote_id"


def test_a_repeated_requestid_gets_the_first_answer_again(api):
    """Intuit's duplicate-request guard: the same ``requestid`` is not written twice."""
    body = {"Name": "Fuel", "AccountType": "Expense"}
    first = post(api, "account", body, requestid="req-1")
    again = post(api, "account", body, requestid="req-1")
    assert first.status_code == again.status_code == 200
    assert again.json()["Account"] == first.json()["Account"]
    other = post(api, "account", body, requestid="req-2")
    assert fault_of(other)["code"] == "6240"


def test_a_retried_create_with_the_same_key_is_written_once(reference_connector):
    from unified_models import AccountInput, AccountType

    conn = reference_connector
    data = AccountInput(name="Tolls", type=AccountType.EXPENSE)
    first = conn.create("account", data, idempotency_key="create-tolls")
    again = conn.create("account", data, idempotency_key="create-tolls")
    assert again.remote_id == first.remote_id
    tolls = [a for a in read_all(conn, "account") if a.name == "Tolls"]
    assert len(tolls) == 1

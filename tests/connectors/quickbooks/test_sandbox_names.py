"""The QuickBooks sandbox's Customer and Vendor writes, as Intuit answers them: create, sparse
and full update with the SyncToken, display names unique across customers, vendors and
employees, computed balances, currencies, archiving (never deleting), and change data
capture and webhooks hearing of every write."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from .test_sandbox_reference import fault_of, post, rows
from .test_sandbox_webhooks import hooked, receiver  # noqa: F401 (fixtures)


@pytest.fixture
def api(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("us")
    return quickbooks_sandbox.api(tokens["access_token"], realm)


@pytest.fixture
def uk(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("uk")
    return quickbooks_sandbox.api(tokens["access_token"], realm)


def saved(response, entity: str) -> dict:
    assert response.status_code == 200, response.text
    return response.json()[entity]


def test_create_fills_what_quickbooks_computes(api):
    customer = saved(
        post(
            api,
            "customer",
            {
                "DisplayName": "Harbor Gardens",
                "PrimaryEmailAddr": {"Address": "hello@harbor.example"},
                "Balance": 999,  # read only: never taken
                "BalanceWithJobs": 999,
            },
        ),
        "Customer",
    )
    assert customer["SyncToken"] == "0" and customer["Active"] is True
    assert customer["Balance"] == 0 and customer["BalanceWithJobs"] == 0
    assert customer["CurrencyRef"] == {"value": "USD", "name": "United States Dollar"}
    assert customer["FullyQualifiedName"] == "Harbor Gardens"
    assert customer["MetaData"]["CreateTime"] and customer["domain"] == "QBO"
    vendor = saved(
        post(api, "vendor", {"DisplayName": "Stone Yard", "AcctNum": "SY-1", "Balance": 5}),
        "Vendor",
    )
    assert vendor["Balance"] == 0 and vendor["AcctNum"] == "SY-1"
    assert vendor["Vendor1099"] is False and vendor["CurrencyRef"]["value"] == "USD"
    assert api.get(f"vendor/{vendor['Id']}").json()["Vendor"] == vendor
    assert [
        c["Id"] for c in rows(api, "select * from Customer where DisplayName = 'Harbor Gardens'")
    ] == [customer["Id"]]


def test_sparse_and_full_updates_check_the_sync_token(api):
    made = saved(
        post(
            api,
            "customer",
            {
                "DisplayName": "Harbor Gardens",
                "PrimaryEmailAddr": {"Address": "hello@harbor.example"},
                "PrimaryPhone": {"FreeFormNumber": "555-0100"},
            },
        ),
        "Customer",
    )
    sparse = saved(
        post(
            api,
            "customer",
            {"Id": made["Id"], "SyncToken": "0", "sparse": True, "GivenName": "Hal"},
        ),
        "Customer",
    )
    assert sparse["SyncToken"] == "1" and sparse["GivenName"] == "Hal"
    assert sparse["PrimaryEmailAddr"] == made["PrimaryEmailAddr"]  # sparse: kept
    full = saved(
        post(api, "customer", {"Id": made["Id"], "SyncToken": "1", "DisplayName": "Harbor G."}),
        "Customer",
    )
    assert full["SyncToken"] == "2" and full["DisplayName"] == "Harbor G."
    assert "PrimaryEmailAddr" not in full and "GivenName" not in full  # full: cleared
    assert full["CurrencyRef"]["value"] == "USD" and full["Balance"] == 0  # kept
    stale = post(api, "customer", {"Id": made["Id"], "SyncToken": "1", "sparse": True})
    assert fault_of(stale)["code"] == "5010"
    unknown = post(api, "vendor", {"Id": "999", "SyncToken": "0", "sparse": True})
    assert fault_of(unknown)["code"] == "610"
    assert api.get(f"customer/{made['Id']}").json()["Customer"] == full


def test_an_update_keeps_the_balance_the_seed_computed(api):
    (amy,) = rows(api, "select * from Customer where Id = '1'")
    assert amy["Balance"] > 0
    renamed = saved(
        post(
            api,
            "customer",
            {
                "Id": "1",
                "SyncToken": amy["SyncToken"],
                "sparse": True,
                "DisplayName": "Amy's Bird Sanctuary Inc",
                "Balance": 0,
            },
        ),
        "Customer",
    )
    assert renamed["Balance"] == amy["Balance"]
    assert renamed["BalanceWithJobs"] == amy["BalanceWithJobs"]
    assert renamed["FullyQualifiedName"] == "Amy's Bird Sanctuary Inc"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"GivenName": "Ana", "FamilyName": "Ruiz"}, "Ana Ruiz"),
        (
            {
                "Title": "Dr",
                "GivenName": "Ana",
                "MiddleName": "M",
                "FamilyName": "Ruiz",
                "Suffix": "Jr",
            },
            "Dr Ana M Ruiz Jr",
        ),
        ({"CompanyName": "Ruiz Landscaping"}, "Ruiz Landscaping"),
        ({"DisplayName": "  Ruiz & Co  ", "GivenName": "Ana"}, "Ruiz & Co"),
    ],
)
def test_a_missing_display_name_is_made_from_the_name_parts(api, body, expected):
    assert saved(post(api, "customer", body), "Customer")["DisplayName"] == expected


@pytest.mark.parametrize(
    ("entity", "body", "code", "element"),
    [
        ("customer", {"PrimaryEmailAddr": {"Address": "x@y.example"}}, "2020", "DisplayName"),
        ("vendor", {"DisplayName": "  "}, "2020", "DisplayName"),
        ("customer", {"DisplayName": "Parent:Child"}, "2010", "DisplayName"),
        ("customer", {"DisplayName": "AMY'S BIRD SANCTUARY"}, "6240", "DisplayName"),
        ("vendor", {"DisplayName": "amy's bird sanctuary"}, "6240", "DisplayName"),
        ("customer", {"DisplayName": "pg&e"}, "6240", "DisplayName"),
        ("customer", {"DisplayName": "Jeff's Jalopies"}, "6240", "DisplayName"),  # inactive
        ("customer", {"DisplayName": "X", "CurrencyRef": {"value": "EURO"}}, "2500", "CurrencyRef"),
    ],
)
def test_names_are_refused_as_intuit_refuses_them(api, entity, body, code, element):
    before = rows(api, "select * from Customer where Active IN (true, false)")
    error = fault_of(post(api, entity, body))
    assert (error["code"], error.get("element")) == (code, element)
    if code == "6240":
        assert error["Message"] == "Duplicate Name Exists Error"
        assert "is already using this name" in error["Detail"]
    assert rows(api, "select * from Customer where Active IN (true, false)") == before


def test_a_rename_onto_another_list_s_name_is_a_duplicate(api):
    (vendor,) = rows(api, "select * from Vendor where Id = '1'")
    (customer,) = rows(api, "select * from Customer where Id = '4'")
    clash = post(
        api,
        "vendor",
        {
            "Id": vendor["Id"],
            "SyncToken": vendor["SyncToken"],
            "sparse": True,
            "DisplayName": customer["DisplayName"].upper(),
        },
    )
    error = fault_of(clash)
    assert (error["code"], error["element"]) == ("6240", "DisplayName")
    assert "Another customer" in error["Detail"]
    # Its own name in another case is no clash.
    own = post(
        api,
        "customer",
        {
            "Id": customer["Id"],
            "SyncToken": customer["SyncToken"],
            "sparse": True,
            "DisplayName": customer["DisplayName"].lower(),
        },
    )
    assert saved(own, "Customer")["DisplayName"] == customer["DisplayName"].lower()


def test_currency_defaults_home_and_cannot_change_once_the_name_has_transactions(api, uk):
    euro = saved(
        post(api, "customer", {"DisplayName": "Lyon Jardins", "CurrencyRef": {"value": "EUR"}}),
        "Customer",
    )
    assert euro["CurrencyRef"] == {"value": "EUR", "name": "Euro"}
    # No transactions yet: it may still change.
    cad = saved(
        post(
            api,
            "customer",
            {"Id": euro["Id"], "SyncToken": "0", "sparse": True, "CurrencyRef": {"value": "CAD"}},
        ),
        "Customer",
    )
    assert cad["CurrencyRef"]["value"] == "CAD"
    # Amy has invoices; vendor 2 has bills and purchase orders.
    for entity, entity_id in (("Customer", "1"), ("Vendor", "2")):
        (doc,) = rows(api, f"select * from {entity} where Id = '{entity_id}'")
        refused = post(
            api,
            entity.lower(),
            {
                "Id": entity_id,
                "SyncToken": doc["SyncToken"],
                "sparse": True,
                "CurrencyRef": {"value": "EUR"},
            },
        )
        error = fault_of(refused)
        assert (error["code"], error["element"]) == ("6000", "CurrencyRef")
        assert "has transactions" in error["Detail"]
        # The same currency again is no change.
        same = post(
            api,
            entity.lower(),
            {
                "Id": entity_id,
                "SyncToken": doc["SyncToken"],
                "sparse": True,
                "CurrencyRef": {"value": "USD"},
            },
        )
        assert saved(same, entity)["CurrencyRef"]["value"] == "USD"
    # Multicurrency is off in the UK company: its names are in pounds.
    error = fault_of(
        post(uk, "vendor", {"DisplayName": "Paris Soie", "CurrencyRef": {"value": "EUR"}})
    )
    assert (error["code"], error["element"]) == ("6000", "CurrencyRef")
    assert saved(post(uk, "vendor", {"DisplayName": "Paris Soie"}), "Vendor")["CurrencyRef"] == {
        "value": "GBP",
        "name": "British Pound Sterling",
    }


def test_names_are_archived_never_deleted(api):
    made = saved(post(api, "vendor", {"DisplayName": "Stone Yard"}), "Vendor")
    refused = post(api, "vendor", {"Id": made["Id"], "SyncToken": "0"}, operation="delete")
    error = fault_of(refused)
    assert (error["code"], error["Message"]) == ("500", "Unsupported Operation")
    assert error["Detail"] == "Operation Delete is not supported."
    archived = saved(
        post(api, "vendor", {"Id": made["Id"], "SyncToken": "0", "sparse": True, "Active": False}),
        "Vendor",
    )
    assert archived["Active"] is False and archived["SyncToken"] == "1"
    assert rows(api, "select * from Vendor where DisplayName = 'Stone Yard'") == []  # active only
    everyone = rows(api, "select * from Vendor where Active IN (true, false)")
    assert archived in everyone
    back = saved(
        post(api, "vendor", {"Id": made["Id"], "SyncToken": "1", "sparse": True, "Active": True}),
        "Vendor",
    )
    assert back["Active"] is True


def test_change_data_capture_and_webhooks_hear_of_name_writes(quickbooks_sandbox, hooked, receiver):  # noqa: F811
    api, realm = hooked
    since = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    customer = saved(post(api, "customer", {"DisplayName": "Harbor Gardens"}), "Customer")
    vendor = saved(post(api, "vendor", {"DisplayName": "Stone Yard"}), "Vendor")
    saved(
        post(
            api, "vendor", {"Id": vendor["Id"], "SyncToken": "0", "sparse": True, "Active": False}
        ),
        "Vendor",
    )
    cdc = api.get("cdc", params={"entities": "Customer,Vendor", "changedSince": since})
    assert cdc.status_code == 200, cdc.text
    customers, vendors = cdc.json()["CDCResponse"][0]["QueryResponse"]
    assert [c["Id"] for c in customers["Customer"]] == [customer["Id"]]
    assert [(v["Id"], v["Active"]) for v in vendors["Vendor"]] == [(vendor["Id"], False)]
    assert quickbooks_sandbox.control.flush_webhooks()
    assert receiver.entities() == [
        (realm, "Customer", customer["Id"], "Create"),
        (realm, "Vendor", vendor["Id"], "Create"),
        (realm, "Vendor", vendor["Id"], "Update"),
    ]


def test_every_way_a_transaction_names_a_customer_or_vendor_counts(tmp_path):
    from sandbox.quickbooks.names import has_transactions
    from sandbox.quickbooks.store import Store

    store = Store(tmp_path / "books.sqlite3")
    assert not has_transactions(store, "r", "Vendor", "3")
    store.put("r", "Purchase", {"Id": "1", "EntityRef": {"value": "3"}})  # a vendor by default
    store.put(
        "r",
        "Deposit",
        {
            "Id": "1",
            "Line": [
                {
                    "DetailType": "DepositLineDetail",
                    "DepositLineDetail": {"Entity": {"value": "7", "type": "Customer"}},
                }
            ],
        },
    )
    store.put(
        "r",
        "JournalEntry",
        {
            "Id": "1",
            "Line": [
                {
                    "DetailType": "JournalEntryLineDetail",
                    "JournalEntryLineDetail": {
                        "Entity": {"Type": "Customer", "EntityRef": {"value": "8"}}
                    },
                }
            ],
        },
    )
    store.put("r", "Bill", {"Id": "1", "VendorRef": {"value": "4"}})
    assert has_transactions(store, "r", "Vendor", "3")
    assert not has_transactions(store, "r", "Customer", "3")
    assert has_transactions(store, "r", "Customer", "7")
    assert has_transactions(store, "r", "Customer", "8")
    assert has_transactions(store, "r", "Vendor", "4")
    assert not has_transactions(store, "r", "Customer", "4")

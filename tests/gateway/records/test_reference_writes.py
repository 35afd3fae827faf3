"""Writes that name reference data by Ledgerlink id, through the real connectors and sandboxes.

An invoice line's `account`, `tax_rate`, `item` and `tracking_categories[].category`, an
account's `tax_rate`/`parent_account` and an item's `sale_account`/`purchase_account`/
`sale_tax_rate` are Ledgerlink ids: the gateway turns them into the provider's ids and the
connector into what the provider takes (Xero: AccountID/TaxType/ItemCode/TrackingCategoryID;
QuickBooks: `*Ref` values). An id this linked account does not have is a 422 naming the field;
a reference to an archived account is the provider's refusal, as a 422.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from gateway.accounts.connections import connector_for
from gateway.events.models import Event
from gateway.records.ids import record_id
from gateway.records.store import upsert_records
from tests.gateway.builders import make_linked_account
from unified_models import Account

pytestmark = pytest.mark.django_db(transaction=True)

REFERENCE_MODELS = ("tax_rate", "account", "tracking_category", "item", "contact")
#: A well-formed id no record has.
UNKNOWN_ID = "00000000-0000-5000-8000-000000000001"


def pull(account, *models: str) -> None:
    """Store everything the connector lists (what a sync does, without the bookkeeping)."""
    for model in models:
        for page in connector_for(account).list(model):
            upsert_records(account, model, page.records)


def client_for(authed_client, account):
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    authed_client.account = account
    return authed_client


def listed(client, plural: str) -> list[dict]:
    response = client.get(f"/v1/{plural}", {"page_size": 1000, "include_deleted": "true"})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def one(client, plural: str, **match) -> dict:
    found = [r for r in listed(client, plural) if all(r.get(k) == v for k, v in match.items())]
    assert len(found) == 1, (plural, match, len(found))
    return found[0]


def events_of(account, event_type: str) -> list[dict]:
    import json

    rows = Event.objects.filter(linked_account=account, type=event_type).order_by("sequence")
    return [json.loads(e.data) for e in rows]


@pytest.fixture
def foreign_account_id(customer_with_key):
    """The Ledgerlink id of an account record another linked account of the same customer
    holds (never one the account under test may name)."""
    other = make_linked_account(customer_with_key[0], provider="xero", tenant_id="other-org")
    upsert_records(other, "account", [Account(remote_id="other-200", name="Other Sales")])
    return str(record_id(other.id, "account", "other-200"))


# -- Xero -----------------------------------------------------------------------------------------
@pytest.fixture
def xero(authed_client, xero_account, xero_sandbox):
    client = client_for(authed_client, xero_account)
    pull(xero_account, *REFERENCE_MODELS)
    client.api = xero_sandbox.api(xero_account.grant.access_token, "uk")
    return client


def xero_refs(client) -> dict:
    region = one(client, "tracking-categories", name="Region")
    return {
        "contact": listed(client, "contacts")[0],
        "sales": one(client, "accounts", code="200"),
        "cogs": one(client, "accounts", code="310"),
        "archived": one(client, "accounts", code="999"),
        "output2": one(client, "tax-rates", remote_id="OUTPUT2"),
        "input2": one(client, "tax-rates", remote_id="INPUT2"),
        "book": one(client, "items", code="BOOK"),
        "region": region,
        "north": next(o for o in region["options"] if o["name"] == "North"),
    }


def test_xero_invoice_lines_take_ledgerlink_ids(xero):
    refs = xero_refs(xero)
    body = {
        "type": "ACCOUNTS_RECEIVABLE",
        "contact": refs["contact"]["id"],
        "issue_date": "2026-11-01",
        "due_date": "2026-11-30",
        "status": "OPEN",
        "line_items": [
            {
                "description": "Consulting",
                "quantity": "2",
                "unit_price": "150.00",
                "account": refs["sales"]["id"],
                "tax_rate": refs["output2"]["id"],
                "tracking_categories": [
                    {
                        "category": refs["region"]["id"],
                        "option_remote_id": refs["north"]["remote_id"],
                    }
                ],
            },
            {"quantity": "3", "item": refs["book"]["id"], "account": refs["sales"]["id"]},
        ],
    }
    response = xero.post("/v1/invoices", body, format="json")
    assert response.status_code == 201, response.content
    invoice = response.json()

    remote = xero.api.get(f"Invoices/{invoice['remote_id']}").json()["Invoices"][0]
    first, second = remote["LineItems"]
    assert first["AccountID"] == refs["sales"]["remote_id"] and first["AccountCode"] == "200"
    assert first["TaxType"] == "OUTPUT2"
    assert first["Tracking"][0]["TrackingCategoryID"] == refs["region"]["remote_id"]
    assert first["Tracking"][0]["Option"] == "North"
    assert second["ItemCode"] == "BOOK" and Decimal(str(second["UnitAmount"])) == Decimal("19.95")

    stored_first, stored_second = invoice["line_items"]
    assert stored_first["account"] == refs["sales"]["id"]
    assert stored_first["tax_rate"] == refs["output2"]["id"]
    assert stored_first["tracking_categories"][0]["category"] == refs["region"]["id"]
    assert stored_second["item"] == refs["book"]["id"]
    assert Decimal(invoice["sub_total"]) == Decimal("300.00") + 3 * Decimal("19.95")

    # An update names references the same way (every line is sent: Xero replaces the list).
    other = one(xero, "accounts", code="260")
    lines = [
        {"remote_id": stored_first["remote_id"], "description": "Consulting", "quantity": "2",
         "unit_price": "150.00", "account": other["id"], "tax_rate": refs["output2"]["id"]},
        {"remote_id": stored_second["remote_id"], "quantity": "3", "item": refs["book"]["id"],
         "account": refs["sales"]["id"]},
    ]  # fmt: skip
    patched = xero.patch(f"/v1/invoices/{invoice['id']}", {"line_items": lines}, format="json")
    assert patched.status_code == 200, patched.content
    assert patched.json()["line_items"][0]["account"] == other["id"]
    remote = xero.api.get(f"Invoices/{invoice['remote_id']}").json()["Invoices"][0]
    assert [li["AccountCode"] for li in remote["LineItems"]] == ["260", "200"]
    assert events_of(xero.account, "invoice.updated")[-1]["id"] == invoice["id"]


@pytest.mark.parametrize("which", ["unknown", "foreign"])
def test_xero_line_references_this_account_lacks_are_422_naming_each(
    xero, foreign_account_id, which
):
    refs = xero_refs(xero)
    bad = foreign_account_id if which == "foreign" else UNKNOWN_ID
    before = len(xero.api.get("Invoices", params={"page": 1}).json()["Invoices"])
    body = {
        "type": "ACCOUNTS_RECEIVABLE",
        "contact": refs["contact"]["id"],
        "line_items": [
            {"description": "ok", "unit_price": "1", "account": refs["sales"]["id"]},
            {
                "description": "bad",
                "unit_price": "1",
                "account": bad,
                "tax_rate": bad,
                "item": bad,
                "tracking_categories": [{"category": bad, "option_remote_id": "x"}],
            },
        ],
    }
    response = xero.post("/v1/invoices", body, format="json")
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["type"] == "validation_error"
    assert sorted(d["field"] for d in error["details"]) == [
        "line_items[1].account",
        "line_items[1].item",
        "line_items[1].tax_rate",
        "line_items[1].tracking_categories[0].category",
    ]
    assert len(xero.api.get("Invoices", params={"page": 1}).json()["Invoices"]) == before


def test_xero_account_and_item_writes_take_ledgerlink_ids(xero, foreign_account_id):
    refs = xero_refs(xero)
    account = xero.post(
        "/v1/accounts",
        {
            "name": "Consulting Income",
            "code": "205",
            "type": "REVENUE",
            "tax_rate": refs["output2"]["id"],
        },
        format="json",
    )
    assert account.status_code == 201, account.content
    account = account.json()
    remote = xero.api.get(f"Accounts/{account['remote_id']}").json()["Accounts"][0]
    assert (remote["Code"], remote["TaxType"]) == ("205", "OUTPUT2")
    assert account["tax_rate"] == refs["output2"]["id"]
    assert [e["id"] for e in events_of(xero.account, "ledger_account.created")][-1] == account["id"]

    patched = xero.patch(
        f"/v1/accounts/{account['id']}", {"tax_rate": refs["input2"]["id"]}, format="json"
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["tax_rate"] == refs["input2"]["id"]
    assert xero.api.get(f"Accounts/{account['remote_id']}").json()["Accounts"][0]["TaxType"] == (
        "INPUT2"
    )
    assert events_of(xero.account, "ledger_account.updated")[-1]["id"] == account["id"]

    # Xero has no sub-accounts: an id it could take is still refused, naming the field.
    parent = xero.patch(
        f"/v1/accounts/{account['id']}", {"parent_account": refs["sales"]["id"]}, format="json"
    )
    assert parent.status_code == 422, parent.content
    assert "parent_account" in {d["field"] for d in parent.json()["error"]["details"]}

    item = xero.post(
        "/v1/items",
        {
            "code": "CONSULT",
            "name": "Consulting hour",
            "sale_unit_price": "120.00",
            "sale_account": account["id"],
            "sale_tax_rate": refs["output2"]["id"],
            "purchase_account": refs["cogs"]["id"],
        },
        format="json",
    )
    assert item.status_code == 201, item.content
    item = item.json()
    remote = xero.api.get(f"Items/{item['remote_id']}").json()["Items"][0]
    assert remote["SalesDetails"]["AccountCode"] == "205"
    assert remote["SalesDetails"]["TaxType"] == "OUTPUT2"
    assert remote["PurchaseDetails"]["AccountCode"] == "310"
    assert (item["sale_account"], item["purchase_account"]) == (account["id"], refs["cogs"]["id"])
    assert item["sale_tax_rate"] == refs["output2"]["id"]
    assert events_of(xero.account, "item.created")[-1]["id"] == item["id"]

    updated = xero.patch(
        f"/v1/items/{item['id']}", {"sale_account": refs["sales"]["id"]}, format="json"
    )
    assert updated.status_code == 200, updated.content
    assert updated.json()["sale_account"] == refs["sales"]["id"]
    assert Decimal(updated.json()["sale_unit_price"]) == Decimal("120.00")
    assert (
        xero.api.get(f"Items/{item['remote_id']}").json()["Items"][0]["SalesDetails"]["AccountCode"]
        == "200"
    )
    assert events_of(xero.account, "item.updated")[-1] == updated.json()
    assert xero.get(f"/v1/items/{item['id']}").json() == updated.json()  # as stored

    for plural, body, field in (
        ("accounts", {"name": "X", "code": "206", "type": "REVENUE"}, "tax_rate"),
        ("accounts", {"name": "Y", "code": "207", "type": "REVENUE"}, "parent_account"),
        ("items", {"code": "Z1", "name": "Z1"}, "sale_account"),
        ("items", {"code": "Z2", "name": "Z2"}, "purchase_account"),
        ("items", {"code": "Z3", "name": "Z3"}, "sale_tax_rate"),
    ):
        for bad in (foreign_account_id, UNKNOWN_ID):
            response = xero.post(f"/v1/{plural}", {**body, field: bad}, format="json")
            assert response.status_code == 422, response.content
            assert [d["field"] for d in response.json()["error"]["details"]] == [field]
    codes = {
        code: len(xero.api.get("Accounts", params={"where": f'Code=="{code}"'}).json()["Accounts"])
        for code in ("205", "206", "207")
    }
    assert codes == {"205": 1, "206": 0, "207": 0}  # nothing refused reached Xero


def test_xero_refuses_an_archived_account_as_a_422(xero):
    refs = xero_refs(xero)
    assert refs["archived"]["status"] == "ARCHIVED"
    line = {"description": "Old campaign", "quantity": "1", "unit_price": "50.00"}
    body = {
        "type": "ACCOUNTS_PAYABLE",
        "contact": refs["contact"]["id"],
        "issue_date": "2026-11-01",
        "due_date": "2026-11-30",
        "status": "OPEN",
        "line_items": [{**line, "account": refs["archived"]["id"]}],
    }
    response = xero.post("/v1/invoices", body, format="json")
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["type"] == "validation_error"
    assert error["details"] == [
        {
            "field": "line_items",
            "message": "Account code '999' has been archived, or has been deleted. Each line "
            "item must reference a valid account.",
        }
    ]
    by_code = xero.post(
        "/v1/invoices",
        {**body, "line_items": [{**line, "account_code": "999"}]},
        format="json",
    )
    assert by_code.status_code == 422, by_code.content
    assert by_code.json()["error"]["details"][0]["field"] == "line_items[0].account_code"

    item = xero.post(
        "/v1/items",
        {"code": "OLD", "name": "Old thing", "purchase_account": refs["archived"]["id"]},
        format="json",
    )
    assert item.status_code == 422, item.content
    assert item.json()["error"]["type"] == "validation_error"


# -- QuickBooks -----------------------------------------------------------------------------------
# QuickBooks writes accounts and items only (connectors/quickbooks/connector.py WRITERS); its
# invoices are read only, so line references are tested against Xero alone.
@pytest.fixture
def quickbooks(authed_client, quickbooks_account, quickbooks_sandbox):
    client = client_for(authed_client, quickbooks_account)
    pull(quickbooks_account, "tax_rate", "account", "item")
    client.sandbox = quickbooks_sandbox
    return client


def qbo_get(client, entity: str, qbo_id: str) -> dict:
    account = client.account
    api = client.sandbox.api(account.grant.access_token, account.tenant_id)
    rows = api.query(f"SELECT * FROM {entity} WHERE Id = '{qbo_id}'")["QueryResponse"][entity]
    return rows[0]


def qbo_refs(client) -> dict:
    return {
        "income": one(client, "accounts", remote_id="1"),
        "expense": one(client, "accounts", remote_id="11"),
        "utilities": one(client, "accounts", remote_id="23"),
        "inactive": one(client, "accounts", remote_id="90"),
        "california": one(client, "tax-rates", remote_id="2"),
    }


def test_quickbooks_account_and_item_writes_take_ledgerlink_ids(quickbooks):
    refs = qbo_refs(quickbooks)
    # (Invoice lines naming items and accounts by Ledgerlink id:
    # test_quickbooks_invoices_end_to_end.py.)
    created = quickbooks.post(
        "/v1/accounts",
        {
            "name": "Water",
            "type": "EXPENSE",
            "parent_account": refs["utilities"]["id"],
            "tax_rate": refs["california"]["id"],
        },
        format="json",
        HTTP_IDEMPOTENCY_KEY="qbo-account-1",
    )
    assert created.status_code == 201, created.content
    account = created.json()
    remote = qbo_get(quickbooks, "Account", account["remote_id"])
    assert remote["ParentRef"]["value"] == "23" and remote["SubAccount"] is True
    assert remote["FullyQualifiedName"] == "Utilities:Water"
    assert remote["TaxCodeRef"]["value"] == "2"
    assert account["parent_account"] == refs["utilities"]["id"]
    assert account["tax_rate"] == refs["california"]["id"]
    assert events_of(quickbooks.account, "ledger_account.created")[-1]["id"] == account["id"]

    moved = quickbooks.patch(
        f"/v1/accounts/{account['id']}",
        {"parent_account": refs["expense"]["id"]},
        format="json",
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["parent_account"] == refs["expense"]["id"]
    assert qbo_get(quickbooks, "Account", account["remote_id"])["ParentRef"]["value"] == "11"
    assert (
        events_of(quickbooks.account, "ledger_account.updated")[-1]["parent_account"]
        == (refs["expense"]["id"])
    )

    created = quickbooks.post(
        "/v1/items",
        {
            "name": "Garden design",
            "type": "SERVICE",
            "sale_unit_price": "95.50",
            "sale_account": refs["income"]["id"],
            "purchase_account": account["id"],
            "sale_tax_rate": refs["california"]["id"],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    item = created.json()
    remote = qbo_get(quickbooks, "Item", item["remote_id"])
    assert remote["IncomeAccountRef"]["value"] == "1"
    assert remote["ExpenseAccountRef"]["value"] == account["remote_id"]
    assert remote["SalesTaxCodeRef"]["value"] == "2"
    assert (item["sale_account"], item["purchase_account"]) == (refs["income"]["id"], account["id"])
    assert item["sale_tax_rate"] == refs["california"]["id"]
    assert Decimal(item["sale_unit_price"]) == Decimal("95.50")
    assert events_of(quickbooks.account, "item.created")[-1]["id"] == item["id"]

    updated = quickbooks.patch(
        f"/v1/items/{item['id']}", {"purchase_account": refs["expense"]["id"]}, format="json"
    )
    assert updated.status_code == 200, updated.content
    assert updated.json()["purchase_account"] == refs["expense"]["id"]
    assert updated.json()["sale_account"] == refs["income"]["id"]  # a sparse update
    assert qbo_get(quickbooks, "Item", item["remote_id"])["ExpenseAccountRef"]["value"] == "11"
    assert events_of(quickbooks.account, "item.updated")[-1] == updated.json()
    assert quickbooks.get(f"/v1/items/{item['id']}").json() == updated.json()  # as stored
    assert quickbooks.get(f"/v1/accounts/{account['id']}").json() == moved.json()


@pytest.mark.parametrize("which", ["unknown", "foreign"])
def test_quickbooks_references_this_account_lacks_are_422_naming_each(
    quickbooks, foreign_account_id, which
):
    bad = foreign_account_id if which == "foreign" else UNKNOWN_ID
    before = len(listed(quickbooks, "accounts")), len(listed(quickbooks, "items"))
    response = quickbooks.post(
        "/v1/accounts",
        {"name": "Nowhere", "type": "EXPENSE", "parent_account": bad, "tax_rate": bad},
        format="json",
    )
    assert response.status_code == 422, response.content
    assert sorted(d["field"] for d in response.json()["error"]["details"]) == [
        "parent_account",
        "tax_rate",
    ]
    response = quickbooks.post(
        "/v1/items",
        {"name": "Nothing", "sale_account": bad, "purchase_account": bad, "sale_tax_rate": bad},
        format="json",
    )
    assert response.status_code == 422, response.content
    assert sorted(d["field"] for d in response.json()["error"]["details"]) == [
        "purchase_account",
        "sale_account",
        "sale_tax_rate",
    ]
    pull(quickbooks.account, "account", "item")
    assert (len(listed(quickbooks, "accounts")), len(listed(quickbooks, "items"))) == before


def test_quickbooks_refuses_an_inactive_account_as_a_422(quickbooks):
    refs = qbo_refs(quickbooks)
    assert refs["inactive"]["status"] == "ARCHIVED"
    for plural, body in (
        ("items", {"name": "Truck hire", "sale_account": refs["inactive"]["id"]}),
        (
            "accounts",
            {"name": "Tyres", "type": "FIXED_ASSET", "parent_account": refs["inactive"]["id"]},
        ),
    ):
        response = quickbooks.post(f"/v1/{plural}", body, format="json")
        assert response.status_code == 422, response.content
        error = response.json()["error"]
        assert error["type"] == "validation_error"
        assert error["details"] == [
            {
                "field": "",  # Intuit names no element for this fault
                "message": "Object Not Found : Something you're trying to use has been made "
                "inactive. Check the fields with accounts.",
            }
        ], error

    inactive_code = one(quickbooks, "tax-rates", remote_id="5")  # Arizona, inactive
    assert inactive_code["status"] == "ARCHIVED"
    response = quickbooks.post(
        "/v1/items",
        {
            "name": "Arizona service",
            "sale_account": refs["income"]["id"],
            "sale_tax_rate": inactive_code["id"],
        },
        format="json",
    )
    assert response.status_code == 422, response.content
    assert response.json()["error"]["type"] == "validation_error"

    # Archived through the API, then named: the same refusal.
    archived = quickbooks.patch(
        f"/v1/accounts/{refs['expense']['id']}", {"status": "ARCHIVED"}, format="json"
    )
    assert archived.status_code == 200, archived.content
    assert archived.json()["status"] == "ARCHIVED"
    response = quickbooks.post(
        "/v1/items",
        {
            "name": "Cover",
            "sale_account": refs["income"]["id"],
            "purchase_account": refs["expense"]["id"],
        },
        format="json",
    )
    assert response.status_code == 422, response.content
    assert response.json()["error"]["type"] == "validation_error"


def test_xero_refuses_an_account_id_it_does_not_have(xero):
    """Given as the provider's id (no Ledgerlink id to check), an AccountID Xero does not know
    is Xero's refusal."""
    refs = xero_refs(xero)
    response = xero.post(
        "/v1/invoices",
        {
            "type": "ACCOUNTS_RECEIVABLE",
            "contact": refs["contact"]["id"],
            "line_items": [
                {"description": "x", "unit_price": "1", "account_remote_id": UNKNOWN_ID},
            ],
        },
        format="json",
    )
    assert response.status_code == 422, response.content
    assert response.json()["error"]["details"] == [
        {"field": "line_items", "message": "Account must be valid."}
    ]


def test_xero_an_item_gone_since_the_sync_is_a_422_on_its_line(xero):
    """The gateway knows the id (synced), Xero no longer has the item: the connector's look-up
    of its code fails and the line's field is named."""
    refs = xero_refs(xero)
    assert xero.api.delete(f"Items/{refs['book']['remote_id']}").status_code == 204
    response = xero.post(
        "/v1/invoices",
        {
            "type": "ACCOUNTS_RECEIVABLE",
            "contact": refs["contact"]["id"],
            "line_items": [
                {"description": "x", "unit_price": "1", "account": refs["sales"]["id"]},
                {"quantity": "1", "item": refs["book"]["id"]},
            ],
        },
        format="json",
    )
    assert response.status_code == 422, response.content
    assert response.json()["error"]["details"] == [
        {"field": "line_items[1].item", "message": "No Xero item has this id."}
    ]

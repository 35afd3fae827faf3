"""`expand=`: every expandable reference of every catalogue model embeds the record it names.

The data is what the real connectors read from both sandboxes (Xero's UK organisation and
QuickBooks' US company), synced whole; each model's expandable names come from the catalogue
(`CATALOGUE[model].expandable`), so a model or reference added there is covered here too.
"""

from __future__ import annotations

import pytest

from gateway.accounts.connections import connector_for, provider_for
from gateway.records.store import upsert_records
from unified_models import CATALOGUE

pytestmark = pytest.mark.django_db(transaction=True)


def pull_everything(account) -> None:
    provider = provider_for(account)
    for entry in CATALOGUE:
        if "list" not in provider.supported_operations().get(entry.name, ()):
            continue
        for page in connector_for(account).list(entry.name):
            upsert_records(account, entry.name, page.records)


@pytest.fixture
def accounts(xero_account, quickbooks_account):
    for account in (xero_account, quickbooks_account):
        pull_everything(account)
    return {"xero": xero_account, "quickbooks": quickbooks_account}


def read_all(client, account, plural: str, **params) -> list[dict]:
    out, cursor = [], None
    while True:
        query = {"page_size": 1000, "include_deleted": "true", **params}
        if cursor:
            query["cursor"] = cursor
        response = client.get(f"/v1/{plural}", query, HTTP_X_LINKED_ACCOUNT=str(account.id))
        assert response.status_code == 200, response.content
        body = response.json()
        out += body["results"]
        cursor = body["next"]
        if not cursor:
            return out


def spots(document: dict, name: str) -> list[tuple[dict, str]]:
    """(holder, leaf) for every place of `name` in a document (`line_items.account`: each
    line's `account`)."""
    *path, leaf = name.split(".")
    holders = [document]
    for segment in path:
        nxt = []
        for holder in holders:
            value = holder.get(segment)
            nxt += value if isinstance(value, list) else [value] if isinstance(value, dict) else []
        holders = nxt
    return [(holder, leaf) for holder in holders]


def stored_ids(client, account) -> dict[str, dict]:
    """Every stored record of the account by Ledgerlink id (whatever its model)."""
    out = {}
    for entry in CATALOGUE:
        if "list" in provider_for(account).supported_operations().get(entry.name, ()):
            out.update({r["id"]: r for r in read_all(client, account, entry.plural)})
    return out


EXPANDABLE = [(entry.name, name) for entry in CATALOGUE for name in entry.expandable]


def test_the_catalogue_declares_expandable_references():
    """What the test below walks through (a model without any is simply not in it)."""
    names = {f"{model}:{name}" for model, name in EXPANDABLE}
    assert {
        "invoice:contact",
        "invoice:line_items.account",
        "invoice:line_items.tracking_categories.category",
        "payment:applied_to.related_object_id",
        "account:parent_account",
        "item:sale_account",
    } <= names


def test_every_expandable_reference_embeds_its_record(authed_client, accounts):
    records = {key: stored_ids(authed_client, account) for key, account in accounts.items()}
    covered: dict[tuple[str, str], int] = {}
    for key, account in accounts.items():
        for model, name in EXPANDABLE:
            plural = CATALOGUE[model].plural
            if "list" not in provider_for(account).supported_operations().get(model, ()):
                continue
            plain = {r["id"]: r for r in read_all(authed_client, account, plural)}
            expanded = read_all(authed_client, account, plural, expand=name)
            assert [r["id"] for r in expanded] == list(plain)
            for document in expanded:
                for (holder, leaf), (old_holder, _) in zip(
                    spots(document, name), spots(plain[document["id"]], name), strict=True
                ):
                    old = old_holder.get(leaf)
                    new = holder.get(leaf)
                    olds = old if isinstance(old, list) else [old]
                    news = new if isinstance(new, list) else [new]
                    for old_id, value in zip(olds, news, strict=True):
                        if old_id is None:
                            assert value is None
                        elif old_id in records[key]:
                            assert value == records[key][old_id], (model, name, old_id)
                            covered[(model, name)] = covered.get((model, name), 0) + 1
                        else:  # a record the account has not stored: the id stays
                            assert value == old_id
    missing = [pair for pair in EXPANDABLE if not covered.get(pair)]
    assert not missing, f"no sandbox record exercises {missing}"


def test_several_names_at_once_and_on_a_single_record(authed_client, accounts):
    account = accounts["xero"]
    names = "contact,payments,line_items.account,line_items.tax_rate,line_items.item"
    invoices = read_all(authed_client, account, "invoices", expand=names)
    paid = next(i for i in invoices if i["payments"] and any(li["item"] for li in i["line_items"]))
    assert (
        isinstance(paid["contact"], dict)
        and paid["contact"]["remote_id"] == (paid["contact_remote_id"])
    )
    assert all(isinstance(p, dict) for p in paid["payments"])
    assert [p["remote_id"] for p in paid["payments"]] == paid["payment_remote_ids"]
    for line in paid["line_items"]:
        assert line["account"]["remote_id"] == line["account_remote_id"]
        assert line["tax_rate"]["remote_id"] == line["tax_rate_remote_id"]
        if line["item_remote_id"]:
            assert line["item"]["remote_id"] == line["item_remote_id"]

    one = authed_client.get(
        f"/v1/invoices/{paid['id']}", {"expand": names}, HTTP_X_LINKED_ACCOUNT=str(account.id)
    )
    assert one.status_code == 200, one.content
    assert one.json() == paid

    # Xero items name accounts by code; the connector gives them the accounts' ids too.
    book = next(
        i
        for i in read_all(authed_client, account, "items", expand="sale_account,purchase_account")
        if i["code"] == "BOOK"
    )
    assert (book["sale_account"]["code"], book["purchase_account"]["code"]) == ("200", "310")

    quickbooks = accounts["quickbooks"]
    items = read_all(
        authed_client,
        quickbooks,
        "items",
        expand="sale_account,purchase_account,inventory_asset_account",
    )
    tracked = next(i for i in items if i["inventory_asset_account_remote_id"])
    assert tracked["sale_account"]["remote_id"] == tracked["sale_account_remote_id"]
    assert tracked["purchase_account"]["remote_id"] == tracked["purchase_account_remote_id"]
    assert tracked["inventory_asset_account"]["classification"] == "ASSET"


@pytest.mark.parametrize(
    ("plural", "expand", "refused"),
    [
        ("invoices", "nope", "'nope'"),
        ("invoices", "contact,line_items.nope", "'line_items.nope'"),
        ("invoices", "line_items", "'line_items'"),
        ("payments", "applied_to", "'applied_to'"),
        ("accounts", "contact", "'contact'"),
        ("tax-rates", "account", "'account'"),
    ],
)
def test_an_unknown_name_is_400(authed_client, xero_account, plural, expand, refused):
    header = {"HTTP_X_LINKED_ACCOUNT": str(xero_account.id)}
    response = authed_client.get(f"/v1/{plural}", {"expand": expand}, **header)
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["type"] == "validation_error"
    assert error["details"] == [{"field": "expand", "message": f"Cannot expand {refused}."}]
    detail = authed_client.get(
        f"/v1/{plural}/00000000-0000-5000-8000-000000000000", {"expand": expand}, **header
    )
    assert detail.status_code == 400, detail.content

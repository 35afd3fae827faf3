"""Xero items name their accounts by code; read beside the chart of accounts (the item spec's
companion), each code also gives the account's id, so the gateway can fill `sale_account`,
`purchase_account` and `inventory_asset_account` like any other reference."""

from __future__ import annotations

from pathlib import Path

from connectors.jsonutil import loads
from connectors.xero import spec
from connectors.xero.mappers_reference import item_from_xero

FIXTURES = Path(__file__).parents[1] / "fixtures" / "xero"


def load(name: str) -> list[dict]:
    body = loads((FIXTURES / f"{name}.json").read_bytes())
    return body["Items"] if "Items" in body else body["Accounts"]


ITEMS, ACCOUNTS = load("sandbox_get_items"), load("sandbox_get_accounts")
ID_OF = {a["Code"]: a["AccountID"] for a in ACCOUNTS if a.get("Code")}


def test_the_item_spec_reads_the_chart_of_accounts_beside_items():
    companion = spec.RESOURCES["item"].companion
    assert companion is not None
    assert (companion.path, companion.records_field) == ("Accounts", "Accounts")
    assert companion.to_unified is item_from_xero


def test_each_account_code_gives_its_account_id():
    items = {i.code: i for i in (item_from_xero(row, ACCOUNTS) for row in ITEMS)}
    book = items["BOOK"]
    assert (book.sale_account_code, book.sale_account_remote_id) == ("200", ID_OF["200"])
    assert (book.purchase_account_code, book.purchase_account_remote_id) == ("310", ID_OF["310"])
    assert book.inventory_asset_account_remote_id is None
    tracked = items["WIDGET-B"]  # its purchase account is the COGSAccountCode
    assert tracked.purchase_account_remote_id == ID_OF["310"]
    assert tracked.inventory_asset_account_remote_id == ID_OF["630"]


def test_without_the_accounts_or_for_an_unknown_code_the_id_stays_empty():
    plain = item_from_xero(ITEMS[0])
    assert plain.sale_account_code and plain.sale_account_remote_id is None
    row = {**ITEMS[0], "SalesDetails": {**ITEMS[0]["SalesDetails"], "AccountCode": "NOPE"}}
    odd = item_from_xero(row, ACCOUNTS)
    assert (odd.sale_account_code, odd.sale_account_remote_id) == ("NOPE", None)
    assert odd.purchase_account_remote_id == ID_OF["310"]

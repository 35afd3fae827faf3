"""The Xero connector's reference data specs (accounts, tax rates, items, tracking categories,
the organisation) against the sandbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from connectors.errors import ValidationFailed
from unified_models import (
    AccountInput,
    AccountStatus,
    AccountType,
    ItemInput,
    ItemType,
    TrackingCategoryStatus,
)

from .test_sandbox import link, read_all

REFERENCE_MODELS = ("company_info", "tax_rate", "account", "tracking_category", "item")


@pytest.fixture
def wired(xero_sandbox):
    return link(xero_sandbox).connector()


#: Items name accounts by code: the chart of accounts is read beside them (one more call).
#: Items take the chart the connector read just before them (as `account`): one call each.
CALLS: dict[str, int] = {}


def test_every_reference_model_reads_in_one_page(wired):
    got = {}
    for model in REFERENCE_MODELS:
        records, calls, pages = read_all(wired, model)
        assert (calls, pages) == (CALLS.get(model, 1), 1), model
        got[model] = records
    assert len(got["company_info"]) == 1 and got["company_info"][0].currency == "GBP"
    assert "OUTPUT2" in {r.remote_id for r in got["tax_rate"]}
    assert len(got["account"]) == 18  # 092: the foreign-currency bank account (seed_bank)
    assert "WIDGET-B" in {i.code for i in got["item"]}
    account_ids = {a.code: a.remote_id for a in got["account"]}
    book = next(i for i in got["item"] if i.code == "BOOK")
    assert book.sale_account_remote_id == account_ids["200"]
    names = {c.name: c for c in got["tracking_category"]}
    assert names["Projects (2023)"].status is TrackingCategoryStatus.ARCHIVED  # includeArchived
    assert "West" in {o.name for o in names["Region"].options}


def test_get_one_by_remote_id(wired):
    account = next(a for a in read_all(wired, "account")[0] if a.code == "200")
    assert wired.get("account", account.remote_id).name == "Sales"
    assert wired.get("tax_rate", "OUTPUT2").effective_tax_rate == Decimal("20.0000")
    category = read_all(wired, "tracking_category")[0][0]
    assert wired.get("tracking_category", category.remote_id).name == category.name
    item = next(i for i in read_all(wired, "item")[0] if i.code == "BOOK")
    assert wired.get("item", item.remote_id).sale_unit_price == Decimal("19.9500")


def test_items_read_incrementally_and_the_chart_whole(wired, xero_sandbox):
    ctl = xero_sandbox.control
    ctl.advance_clock(60)
    mark = ctl.clock()["now"]
    from datetime import datetime

    since = datetime.fromisoformat(mark) - timedelta(seconds=1)
    assert read_all(wired, "item", modified_since=since)[0] == []
    created = wired.create("item", ItemInput(code="NEW-1", name="New", sale_unit_price="5"))
    changed = read_all(wired, "item", modified_since=since)[0]
    assert [i.remote_id for i in changed] == [created.remote_id]
    # The chart of accounts and the tax rates have no change cursor here: read whole.
    chart = read_all(wired, "account")[0]
    assert len(read_all(wired, "account", modified_since=since)[0]) == len(chart) > 0
    assert read_all(wired, "tax_rate", modified_since=since)[0]


def test_items_take_their_account_ids_from_the_chart_the_connector_just_read(wired):
    """In a sync the chart is read (as `account`) just before the items: no second call."""
    read_all(wired, "account")
    items, calls, _ = read_all(wired, "item")
    assert calls == 1
    assert all(i.sale_account_remote_id for i in items if i.sale_account_code)


def test_account_create_update_archive(wired):
    created = wired.create(
        "account",
        AccountInput(name="Card", type="CREDIT_CARD", bank_account_number="4111-1111"),
    )
    assert created.type is AccountType.CREDIT_CARD and created.sub_type_raw == "CREDITCARD"
    archived = wired.update("account", created.remote_id, AccountInput(status="ARCHIVED"))
    assert archived.status is AccountStatus.ARCHIVED and archived.name == "Card"


def test_account_writes_are_refused_or_translated(wired):
    with pytest.raises(ValidationFailed) as missing:
        wired.create("account", AccountInput(name="No code", type="SALES"))
    assert [d["field"] for d in missing.value.details] == ["code"]
    with pytest.raises(ValidationFailed) as parent:
        wired.create(
            "account",
            AccountInput(name="Child", code="201", type="SALES", parent_account_remote_id="x"),
        )
    assert parent.value.details[0]["field"] == "parent_account_remote_id"
    with pytest.raises(ValidationFailed) as duplicate:
        wired.create("account", AccountInput(name="Sales", code="200", type="SALES"))
    assert {d["field"] for d in duplicate.value.details} == {"code", "name"}


def test_item_create_with_account_ids_and_partial_update(wired):
    accounts = {a.code: a for a in read_all(wired, "account")[0]}
    created = wired.create(
        "item",
        ItemInput(
            code="STOCK-9",
            name="Stocked",
            sale_unit_price="9.9999",
            sale_account_remote_id=accounts["200"].remote_id,
            purchase_account_remote_id=accounts["310"].remote_id,
            inventory_asset_account_remote_id=accounts["630"].remote_id,
        ),
    )
    assert created.type is ItemType.INVENTORY and created.quantity_on_hand == 0
    assert created.sale_unit_price == Decimal("9.9999")  # unitdp=4 on writes
    assert (created.sale_account_code, created.purchase_account_code) == ("200", "310")
    updated = wired.update("item", created.remote_id, ItemInput(sale_unit_price="12.50"))
    assert updated.sale_unit_price == Decimal("12.50")
    assert updated.sale_account_code == "200"  # kept: the details were merged, not replaced
    assert updated.purchase_account_code == "310" and updated.is_tracked_as_inventory


def test_item_with_unknown_account_id_is_refused_before_writing(wired):
    with pytest.raises(ValidationFailed) as caught:
        wired.create(
            "item",
            ItemInput(
                code="X1", name="X", sale_account_remote_id="00000000-0000-0000-0000-000000000009"
            ),
        )
    assert caught.value.details[0]["field"] == "sale_account_remote_id"


def test_a_whole_read_names_every_id_on_its_last_page(wired):
    """Models read whole on every sync (no change cursor) say which ids exist, so the store
    can flag the ones the provider deleted outright; incremental models and resumed reads
    (a cursor: the first pages are not in hand) say nothing."""
    for model in ("tax_rate", "account", "tracking_category"):
        pages = list(wired.list(model))
        assert pages[-1].complete_remote_ids == frozenset(
            r.remote_id for page in pages for r in page.records
        ), model
        assert all(page.complete_remote_ids is None for page in pages[:-1])
    since = wired.list("account", modified_since=datetime.now(UTC) - timedelta(days=1))
    assert list(since)[-1].complete_remote_ids is not None  # still read whole
    assert all(page.complete_remote_ids is None for page in wired.list("invoice"))

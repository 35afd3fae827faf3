"""The reference data models of issue 14: Account, TaxRate, Item, TrackingCategory, CompanyInfo."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from unified_models import (
    INPUT_MODELS,
    MODELS,
    Account,
    AccountClassification,
    AccountInput,
    AccountType,
    CompanyInfo,
    Item,
    ItemInput,
    TaxRate,
    TaxRateAppliesTo,
    TrackingCategory,
    UnifiedInput,
    UnifiedRecord,
)

REFERENCE_MODELS = {
    "company_info": CompanyInfo,
    "tax_rate": TaxRate,
    "account": Account,
    "tracking_category": TrackingCategory,
    "item": Item,
}


def test_the_reference_models_are_served_first_in_sync_order():
    assert list(MODELS)[:5] == list(REFERENCE_MODELS)
    assert {name: MODELS[name] for name in REFERENCE_MODELS} == REFERENCE_MODELS
    assert INPUT_MODELS["account"] is AccountInput
    assert INPUT_MODELS["item"] is ItemInput
    assert all(issubclass(m, UnifiedRecord) for m in MODELS.values())
    assert all(issubclass(m, UnifiedInput) for m in INPUT_MODELS.values())


def test_every_reference_model_carries_the_record_fields():
    for model in REFERENCE_MODELS.values():
        assert {"remote_id", "remote_updated_at", "remote_was_deleted", "remote_data"} <= set(
            model.model_fields
        ), model
        assert "status_raw" in model.model_fields, model


def test_issue_fields_exist():
    assert {
        "name",
        "code",
        "description",
        "classification",
        "type",
        "type_raw",
        "status",
        "currency",
        "tax_rate",
        "tax_rate_remote_id",
        "bank_account_number",
        "parent_account",
        "parent_account_remote_id",
    } <= set(Account.model_fields)
    assert {
        "name",
        "code",
        "effective_tax_rate",
        "components",
        "status",
        "applies_to",
    } <= set(TaxRate.model_fields)
    assert {
        "code",
        "name",
        "description",
        "sale_unit_price",
        "sale_account",
        "sale_account_remote_id",
        "sale_tax_rate",
        "purchase_unit_price",
        "purchase_account",
        "purchase_tax_rate",
        "is_tracked_as_inventory",
        "quantity_on_hand",
        "status",
    } <= set(Item.model_fields)
    assert {"name", "status", "options"} <= set(TrackingCategory.model_fields)
    assert {
        "legal_name",
        "name",
        "currency",
        "country",
        "tax_number",
        "fiscal_year_end_month",
        "fiscal_year_end_day",
        "timezone",
        "addresses",
        "phone_numbers",
        "email_address",
        "organisation_type",
    } <= set(CompanyInfo.model_fields)


def test_every_gateway_reference_has_its_remote_id_twin():
    """The gateway fills ``<ref>`` from ``<ref>_remote_id``: both must exist on records."""
    refs = {
        Account: ["tax_rate", "parent_account"],
        Item: [
            "sale_account",
            "sale_tax_rate",
            "purchase_account",
            "purchase_tax_rate",
            "inventory_asset_account",
        ],
    }
    for model, names in refs.items():
        for name in names:
            assert name in model.model_fields and f"{name}_remote_id" in model.model_fields


def test_account_enums_and_json():
    acc = Account(
        remote_id="a1",
        type="ACCOUNTS_RECEIVABLE",
        type_raw="CURRENT",
        classification="ASSET",
        status="ARCHIVED",
    )
    assert acc.type is AccountType.ACCOUNTS_RECEIVABLE
    assert acc.classification is AccountClassification.ASSET
    js = acc.model_dump(mode="json")
    assert js["type"] == "ACCOUNTS_RECEIVABLE" and js["status"] == "ARCHIVED"
    with pytest.raises(ValidationError):
        Account(remote_id="a1", classification="INCOME")
    with pytest.raises(ValidationError):
        Account(remote_id="a1", type="CURRENT")  # a provider value belongs in type_raw


def test_tax_rate_rates_are_decimals_serialized_as_strings():
    rate = TaxRate(
        remote_id="OUTPUT2",
        effective_tax_rate="15.0000",
        components=[{"name": "GST", "rate": 15, "is_compound": False}],
        applies_to=["SALES"],
    )
    assert rate.effective_tax_rate == Decimal("15.0000")
    assert rate.components[0].rate == Decimal(15)
    assert rate.applies_to == [TaxRateAppliesTo.SALES]
    js = rate.model_dump(mode="json")
    assert js["effective_tax_rate"] == "15.0000" and js["components"][0]["rate"] == "15"
    with pytest.raises(ValidationError):
        TaxRate(remote_id="X", effective_tax_rate="NaN")


def test_item_money_and_quantity():
    item = Item(remote_id="i1", sale_unit_price=0.1, quantity_on_hand="3.5000")
    assert item.sale_unit_price == Decimal("0.1")
    assert item.model_dump(mode="json")["quantity_on_hand"] == "3.5000"
    with pytest.raises(ValidationError):
        Item(remote_id="i1", purchase_unit_price="Infinity")


def test_tracking_options_need_their_own_ids():
    cat = TrackingCategory(
        remote_id="c1", name="Region", options=[{"remote_id": "o1", "name": "North"}]
    )
    assert cat.options[0].remote_id == "o1"
    with pytest.raises(ValidationError):
        TrackingCategory(remote_id="c1", options=[{"name": "North"}])


@pytest.mark.parametrize("field,value", [("fiscal_year_end_month", 13), ("fiscal_year_end_day", 0)])
def test_company_info_fiscal_year_end_is_bounded(field, value):
    with pytest.raises(ValidationError):
        CompanyInfo(remote_id="org", **{field: value})


def test_write_inputs_patch_semantics():
    assert AccountInput().missing_for_create() == ["name", "type"]
    assert AccountInput(name="Sales", type="SALES").missing_for_create() == []
    assert "classification" not in AccountInput.writable_fields()
    patch = AccountInput.model_validate({"status": "ARCHIVED"})
    assert patch.changes() == {"status": "ARCHIVED"}
    assert ItemInput().missing_for_create() == ["name"]
    assert "quantity_on_hand" not in ItemInput.writable_fields()
    item = ItemInput.model_validate_json('{"name": "Widget", "sale_unit_price": "19.9999"}')
    assert item.sale_unit_price == Decimal("19.9999")
    with pytest.raises(ValidationError):
        ItemInput(colour="red")
    with pytest.raises(ValidationError):
        AccountInput(classification="ASSET")

"""QuickBooks reference lists (recorded from the sandbox, and after Intuit's documented examples)
in, golden unified records out; and unified inputs out to QuickBooks bodies."""

from __future__ import annotations

import json
import os
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from connectors.errors import ValidationFailed
from connectors.jsonutil import loads
from connectors.quickbooks import mappers_reference as m
from connectors.quickbooks.spec import RESOURCES
from unified_models import (
    AccountClassification,
    AccountInput,
    AccountStatus,
    AccountType,
    ItemInput,
    ItemStatus,
    ItemType,
    TaxRateAppliesTo,
    TaxRateStatus,
    TrackingCategoryStatus,
)

FIXTURES = Path(__file__).parents[2] / "fixtures" / "quickbooks"
GOLDEN = FIXTURES / "golden"

#: Entity → mapper of one object (the companion-needing ones are handled in ``records``).
READERS = {
    "Account": m.account_from_qbo,
    "Item": m.item_from_qbo,
    "Class": m.class_from_qbo,
    "Department": m.department_from_qbo,
}
#: What each case's companion fixture is called (TaxCode needs TaxRates, CompanyInfo Preferences).
COMPANIONS = {"taxcode": "taxrate", "companyinfo": "preferences"}


def load(name: str) -> Any:
    return loads((FIXTURES / f"{name}.json").read_bytes())


def objects(body: Any, entity: str) -> list[dict[str, Any]]:
    holder = body.get("QueryResponse", body)
    rows = holder.get(entity, [])
    return rows if isinstance(rows, list) else [rows]


def entity_of(body: Any) -> str:
    holder = body.get("QueryResponse", body)
    (entity,) = [k for k in holder if k not in ("startPosition", "maxResults", "time")]
    return entity


def companion_of(name: str, kind: str) -> Any:
    """``..._query_taxcode`` → ``..._query_taxrate``; ``..._companyinfo`` →
    ``..._read_preferences`` (Preferences is read, not queried)."""
    stem, _, _ = name.rpartition("_")
    if kind == "preferences":
        stem = stem.replace("_query", "_read")
    return load(f"{stem}_{kind}")


def records(name: str) -> tuple[list[dict[str, Any]], list[Any]]:
    body = load(name)
    entity = entity_of(body)
    rows = objects(body, entity)
    if entity == "TaxCode":
        rates = {r["Id"]: r for r in objects(companion_of(name, "taxrate"), "TaxRate")}
        return rows, [m.tax_rate_from_qbo(row, rates) for row in rows]
    if entity == "CompanyInfo":
        (prefs,) = objects(companion_of(name, "preferences"), "Preferences")
        return rows, [m.company_info_from_qbo(row, prefs) for row in rows]
    return rows, [READERS[entity](row) for row in rows]


def golden_cases() -> list[str]:
    return sorted(
        p.stem
        for p in FIXTURES.glob("reference_*.json")
        if not p.stem.endswith(tuple(COMPANIONS.values()))
    )


@pytest.mark.parametrize("name", golden_cases())
def test_fixture_maps_to_golden(name: str) -> None:
    rows, mapped = records(name)
    got = [r.model_dump(mode="json", exclude={"remote_data"}) for r in mapped]
    golden_path = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDENS"):
        golden_path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
    assert golden_path.exists(), f"no golden for {name}: review, then run with UPDATE_GOLDENS=1"
    assert got == json.loads(golden_path.read_text())
    for record, row in zip(mapped, rows, strict=True):
        assert record.remote_data == row


REFERENCE_MODELS = ("company_info", "tax_rate", "account", "tracking_category", "item")


def test_every_reference_model_has_a_spec_with_its_unified_class():
    for model in REFERENCE_MODELS:
        spec = RESOURCES[model]
        assert spec.model == model
        for source in spec.sources:
            assert source.query is not None and source.path == "query"


def by_name(name: str) -> dict[str, Any]:
    _, mapped = records(name)
    return {r.name: r for r in mapped}


def test_accounts_keep_type_sub_type_and_parent():
    accounts = by_name("reference_sandbox_query_account")
    accounting = accounts["Accounting"]
    assert accounting.parent_account_remote_id == "10"
    assert accounting.classification is AccountClassification.EXPENSE
    assert (accounting.type, accounting.type_raw, accounting.sub_type_raw) == (
        AccountType.EXPENSE,
        "Expense",
        "LegalProfessionalFees",
    )
    assert accounts["Inventory Asset"].type is AccountType.INVENTORY  # the sub-type is finer
    assert accounts["Checking"].type is AccountType.BANK and accounts["Checking"].code == "1000"
    assert accounts["Truck"].status is AccountStatus.ARCHIVED
    assert accounts["Services"].parent_account_remote_id is None


def test_items_of_every_type():
    items = by_name("reference_sandbox_query_item")
    pump = items["Pump"]
    assert pump.type is ItemType.INVENTORY and pump.is_tracked_as_inventory
    assert pump.quantity_on_hand == 25 and pump.code == "PMP-4410"
    assert (pump.sale_unit_price, pump.purchase_unit_price) == (Decimal("115.25"), 74)
    assert (
        pump.sale_account_remote_id,
        pump.purchase_account_remote_id,
        pump.inventory_asset_account_remote_id,
    ) == ("1", "80", "81")
    design = items["Design"]
    assert design.type is ItemType.SERVICE and design.is_sold and not design.is_purchased
    assert design.quantity_on_hand is None
    assert items["Rocks"].type is ItemType.NON_INVENTORY and items["Rocks"].is_purchased
    assert items["Lighting"].status is ItemStatus.ARCHIVED
    uk = by_name("reference_sandbox_uk_query_item")["Linen"]
    assert (uk.sale_tax_rate_remote_id, uk.purchase_tax_rate_remote_id) == ("3", "3")


def test_a_tax_code_is_one_rate_made_of_its_tax_rates():
    (california,) = [
        r for r in by_name("reference_sandbox_query_taxcode").values() if r.remote_id == "2"
    ]
    assert california.total_tax_rate == Decimal("8") == california.effective_tax_rate
    assert [(c.remote_id, c.rate) for c in california.components] == [
        ("1", 6),
        ("2", Decimal("1.5")),
        ("3", Decimal("0.5")),
    ]
    assert california.applies_to == [TaxRateAppliesTo.SALES]
    assert by_name("reference_sandbox_query_taxcode")["Arizona"].status is TaxRateStatus.ARCHIVED
    standard = by_name("reference_sandbox_uk_query_taxcode")["20.0% S"]
    assert standard.remote_id == "3" and standard.total_tax_rate == 20
    assert [(c.remote_id, c.applies_to) for c in standard.components] == [
        ("1", TaxRateAppliesTo.SALES),
        ("2", TaxRateAppliesTo.PURCHASES),
    ]
    assert standard.applies_to == [TaxRateAppliesTo.SALES, TaxRateAppliesTo.PURCHASES]


def test_compound_components_apply_to_the_tax_before_them():
    code = {
        "Id": "9",
        "Name": "QC",
        "SalesTaxRateList": {
            "TaxRateDetail": [
                {"TaxRateRef": {"value": "2"}, "TaxTypeApplicable": "TaxOnTax", "TaxOrder": 1},
                {"TaxRateRef": {"value": "1"}, "TaxTypeApplicable": "TaxOnAmount", "TaxOrder": 0},
            ]
        },
    }
    rates = {"1": {"Id": "1", "RateValue": 5}, "2": {"Id": "2", "RateValue": Decimal("9.975")}}
    rate = m.tax_rate_from_qbo(code, rates)
    assert rate.total_tax_rate == Decimal("14.975")
    assert rate.effective_tax_rate == Decimal("15.473750")
    assert m.tax_rate_from_qbo(code, {}).total_tax_rate is None  # values unknown: not guessed


def test_classes_and_departments_are_categories_with_themselves_as_option():
    classes = {r.remote_id: r for r in records("reference_sandbox_query_class")[1]}
    irrigation = classes["5000000000000021"]
    assert irrigation.name == "Landscaping:Irrigation"
    assert [(o.remote_id, o.name) for o in irrigation.options] == [
        ("5000000000000021", "Landscaping:Irrigation")
    ]
    assert classes["5000000000000022"].status is TrackingCategoryStatus.ARCHIVED
    assert classes["5000000000000022"].options[0].status is TrackingCategoryStatus.ARCHIVED
    departments = {r.remote_id: r for r in records("reference_sandbox_query_department")[1]}
    assert set(departments) == {"Department:1", "Department:2", "Department:3"}
    assert departments["Department:3"].options[0].remote_id == "3"


def test_company_info_takes_currency_and_fiscal_year_from_preferences():
    (us,) = records("reference_sandbox_query_companyinfo")[1]
    assert (us.currency, us.country, us.fiscal_year_end_month, us.fiscal_year_end_day) == (
        "USD",
        "US",
        12,
        31,
    )
    (uk,) = records("reference_sandbox_uk_query_companyinfo")[1]
    assert (uk.currency, uk.fiscal_year_end_month, uk.fiscal_year_end_day) == ("GBP", 3, 31)
    assert uk.addresses[0].postal_code == "E1 6AN"
    march = m.company_info_from_qbo(
        {"Id": "1"}, {"AccountingInfoPrefs": {"FirstMonthOfFiscalYear": "March"}}
    )
    assert (march.fiscal_year_end_month, march.fiscal_year_end_day) == (2, 28)


def test_account_input_to_quickbooks():
    data = AccountInput(
        name="Fuel", code="6200", type=AccountType.EXPENSE, parent_account_remote_id="23"
    )
    assert m.account_to_qbo(data) == {
        "Name": "Fuel",
        "AcctNum": "6200",
        "AccountType": "Expense",
        "SubAccount": True,
        "ParentRef": {"value": "23"},
    }
    assert m.account_to_qbo(AccountInput(type=AccountType.INVENTORY))["AccountSubType"] == (
        "Inventory"
    )
    archive = m.account_to_qbo(
        AccountInput(status=AccountStatus.ARCHIVED), remote_id="91", sync_token="2"
    )
    assert archive == {"Id": "91", "SyncToken": "2", "sparse": True, "Active": False}
    with pytest.raises(ValidationFailed) as refused:
        m.account_to_qbo(AccountInput(name="X", type=AccountType.OTHER))
    assert refused.value.details[0]["field"] == "type"
    with pytest.raises(ValidationFailed):
        m.account_to_qbo(AccountInput(name="X", bank_account_number="12-34"))


def test_item_input_to_quickbooks():
    data = ItemInput(
        name="Sprinkler head",
        code="SPR-01",
        type=ItemType.INVENTORY,
        sale_unit_price=Decimal("12.5"),
        purchase_unit_price=Decimal("4.2500"),
        sale_account_remote_id="1",
        purchase_account_remote_id="80",
        inventory_asset_account_remote_id="81",
    )
    body = m.item_to_qbo(data, inventory_start=date(2026, 1, 1))
    assert body == {
        "Name": "Sprinkler head",
        "Sku": "SPR-01",
        "UnitPrice": Decimal("12.5"),
        "PurchaseCost": Decimal("4.2500"),  # unit prices keep their precision
        "IncomeAccountRef": {"value": "1"},
        "ExpenseAccountRef": {"value": "80"},
        "AssetAccountRef": {"value": "81"},
        "Type": "Inventory",
        "TrackQtyOnHand": True,
        "QtyOnHand": 0,
        "InvStartDate": "2026-01-01",
    }
    sparse = m.item_to_qbo(ItemInput(sale_unit_price=13), remote_id="4", sync_token="0")
    assert sparse == {"Id": "4", "SyncToken": "0", "sparse": True, "UnitPrice": 13}
    with pytest.raises(ValidationFailed):
        m.item_to_qbo(ItemInput(name="X", sale_account_code="200"))


def test_a_record_round_trips_through_its_quickbooks_body():
    """Reading what ``*_to_qbo`` writes gives the same unified values back."""
    pump = by_name("reference_sandbox_query_item")["Pump"]
    body = m.item_to_qbo(pump, remote_id="4", sync_token="0")
    again = m.item_from_qbo({**pump.remote_data, **body})
    fields = ("name", "code", "type", "status", "sale_unit_price", "sale_account_remote_id")
    assert [getattr(again, f) for f in fields] == [getattr(pump, f) for f in fields]
    accounting = by_name("reference_sandbox_query_account")["Accounting"]
    body = m.account_to_qbo(accounting, remote_id="12", sync_token="0")
    again = m.account_from_qbo({**accounting.remote_data, **body})
    assert again.model_dump(exclude={"remote_data"}) == accounting.model_dump(
        exclude={"remote_data"}
    )

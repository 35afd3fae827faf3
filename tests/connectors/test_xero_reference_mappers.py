"""Xero reference data (issue 14): recorded payloads in, golden unified records out; and back.

Fixtures come from the sandbox (``record_from_sandbox.py``) and from the examples in Xero's
OpenAPI spec (``extract_openapi_examples.py``); goldens live in ``fixtures/xero/golden``.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from connectors.errors import ValidationFailed
from connectors.jsonutil import loads
from connectors.xero import mappers, spec
from connectors.xero import mappers_reference as ref
from connectors.xero.connector import UNSUPPORTED_FIELDS, XeroConnector
from tests.sandbox.schemas import validate
from unified_models import (
    CATALOGUE,
    AccountClassification,
    AccountInput,
    AccountStatus,
    AccountType,
    ItemInput,
    ItemType,
    PhoneNumberType,
    TaxRateAppliesTo,
    TaxRateStatus,
    TrackingCategoryStatus,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "xero"
GOLDEN = FIXTURES / "golden"

READERS = {
    "Accounts": ref.account_from_xero,
    "TaxRates": ref.tax_rate_from_xero,
    "Items": ref.item_from_xero,
    "TrackingCategories": ref.tracking_category_from_xero,
    "Organisations": ref.company_info_from_xero,
}


def load(name: str) -> Any:
    return loads((FIXTURES / f"{name}.json").read_bytes())


def rows(name: str) -> list[dict[str, Any]]:
    body = load(name)
    (key,) = [k for k in READERS if k in body]
    return body[key]


def golden_cases() -> list[str]:
    return sorted(
        p.stem
        for p in FIXTURES.glob("*.json")
        if any(k in loads(p.read_bytes()) for k in READERS)
        and not p.stem.endswith("_request")
        and not p.stem.startswith("report_")  # reports: test_xero_report_mappers.py
    )


def _dump(record: Any) -> dict[str, Any]:
    return record.model_dump(mode="json", exclude={"remote_data"})


def test_every_reference_resource_has_sandbox_and_openapi_fixtures():
    cases = golden_cases()
    for key in READERS:
        holders = [c for c in cases if key in load(c)]
        assert any(c.startswith("sandbox_") for c in holders), key
        assert any(c.startswith("openapi_") for c in holders), key


@pytest.mark.parametrize("name", golden_cases())
def test_fixture_maps_to_golden(name: str) -> None:
    body = load(name)
    (key,) = [k for k in READERS if k in body]
    records = [READERS[key](row) for row in body[key]]
    got = [_dump(r) for r in records]
    golden_path = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDENS"):
        golden_path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
    assert golden_path.exists(), f"no golden for {name}: review, then run with UPDATE_GOLDENS=1"
    assert got == json.loads(golden_path.read_text())
    for record, row in zip(records, body[key], strict=True):
        assert record.remote_data == row


# -- spec entries ---------------------------------------------------------------------------------


REFERENCE_MODELS = ("company_info", "tax_rate", "account", "tracking_category", "item")
REFERENCE_RESOURCES = {model: spec.RESOURCES[model] for model in REFERENCE_MODELS}


def test_reference_resources_match_the_unified_models():
    for model, resource in REFERENCE_RESOURCES.items():
        assert resource.model == model
        assert resource.path in {
            "Organisation",
            "TaxRates",
            "Accounts",
            "TrackingCategories",
            "Items",
        }
        writes = {op for op in resource.operations if op in ("create", "update")}
        assert bool(writes) == (CATALOGUE[model].input is not None), model


def test_reference_scopes_follow_the_sandbox_scope_table():
    from sandbox.xero import scopes as sandbox_scopes

    for model, resource in REFERENCE_RESOURCES.items():
        path = f"/api.xro/2.0/{resource.path}"
        for write in (False, True):
            if write and not resource.supports("create"):
                continue
            allowed = sandbox_scopes.required("PUT" if write else "GET", path)
            assert set(resource.scope.accepted(write=write)) <= set(allowed), model
        # A granular consent asks for a scope the endpoint accepts.
        granular = resource.scope.request("granular", write=resource.supports("create"))
        assert granular in sandbox_scopes.required("GET", path)


def test_incremental_only_where_xero_honours_if_modified_since():
    incremental = {m for m, r in REFERENCE_RESOURCES.items() if r.cursor is not None}
    # Accounts honour it too, but the chart is read whole for the items beside it.
    assert incremental == {"item"}


# -- reading --------------------------------------------------------------------------------------


def _by(records, attr, value):
    (found,) = [r for r in records if getattr(r, attr) == value]
    return found


def test_account_types_statuses_and_bank_details():
    accounts = [ref.account_from_xero(r) for r in rows("sandbox_get_accounts")]
    receivable = _by(accounts, "code", "610")
    assert receivable.type is AccountType.ACCOUNTS_RECEIVABLE and receivable.type_raw == "CURRENT"
    assert receivable.classification is AccountClassification.ASSET
    assert _by(accounts, "code", "800").type is AccountType.ACCOUNTS_PAYABLE
    assert _by(accounts, "code", "820").type is AccountType.CURRENT_LIABILITY
    assert _by(accounts, "code", "400").type is AccountType.EXPENSE  # OVERHEADS
    assert _by(accounts, "code", "310").type is AccountType.COST_OF_SALES
    assert _by(accounts, "code", "630").type is AccountType.INVENTORY
    bank = _by(accounts, "code", "090")
    assert bank.type is AccountType.BANK and bank.bank_account_number == "0000000001"
    assert bank.currency == "GBP" and bank.sub_type_raw == "BANK"
    archived = _by(accounts, "code", "999")
    assert archived.status is AccountStatus.ARCHIVED and not archived.remote_was_deleted
    assert _by(accounts, "code", "200").tax_rate_remote_id == "OUTPUT2"
    assert all(a.remote_updated_at is not None for a in accounts)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"Type": "BANK", "BankAccountType": "CREDITCARD"}, AccountType.CREDIT_CARD),
        ({"Type": "PAYG"}, AccountType.CURRENT_LIABILITY),
        ({"Type": "TERMLIAB"}, AccountType.NON_CURRENT_LIABILITY),
        ({"Type": "SOMETHINGNEW"}, AccountType.OTHER),
        ({"Type": "CURRLIAB", "SystemAccount": "CREDITORS"}, AccountType.ACCOUNTS_PAYABLE),
        ({}, None),
    ],
)
def test_account_type_table(raw, expected):
    assert ref.account_type(raw) is expected


def test_deleted_account_is_flagged():
    account = ref.account_from_xero({"AccountID": "a", "Status": "DELETED", "Type": "SALES"})
    assert account.remote_was_deleted and account.status is None and account.status_raw == "DELETED"


def test_tax_rates_are_keyed_by_tax_type():
    rates = [ref.tax_rate_from_xero(r) for r in rows("sandbox_get_tax_rates")]
    vat = _by(rates, "remote_id", "OUTPUT2")
    assert vat.code == "OUTPUT2" and vat.effective_tax_rate == Decimal("20.0000")
    assert vat.applies_to == [TaxRateAppliesTo.SALES]
    assert vat.components[0].rate == Decimal("20.0000")
    assert _by(rates, "remote_id", "NONE").applies_to == [
        TaxRateAppliesTo.SALES,
        TaxRateAppliesTo.PURCHASES,
    ]
    assert all(r.status is TaxRateStatus.ACTIVE for r in rates)
    pending = ref.tax_rate_from_xero({"TaxType": "TAX002", "Status": "PENDING"})
    assert pending.status is None and pending.status_raw == "PENDING"


def test_openapi_compound_tax_rate_components():
    rates = [ref.tax_rate_from_xero(r) for r in rows("openapi_get_tax_rates")]
    assert all(isinstance(r.effective_tax_rate, Decimal | None) for r in rates)
    assert all(r.remote_id == r.code for r in rates)


def test_items_plain_and_tracked():
    items = [ref.item_from_xero(r) for r in rows("sandbox_get_items")]
    book = _by(items, "code", "BOOK")
    assert book.sale_unit_price == Decimal("19.9500") and book.sale_account_code == "200"
    assert book.purchase_account_code == "310" and book.sale_tax_rate_remote_id == "OUTPUT2"
    assert book.type is None and not book.is_tracked_as_inventory
    assert book.quantity_on_hand is None and book.sale_account_remote_id is None
    widget = _by(items, "code", "WIDGET-B")
    assert widget.type is ItemType.INVENTORY and widget.is_tracked_as_inventory
    assert widget.quantity_on_hand == Decimal(0)
    assert widget.inventory_asset_account_code == "630"
    assert widget.purchase_account_code == "310"  # its COGSAccountCode


def test_tracking_categories_and_options():
    categories = [
        ref.tracking_category_from_xero(r) for r in rows("sandbox_get_tracking_categories")
    ]
    region = _by(categories, "name", "Region")
    assert region.status is TrackingCategoryStatus.ACTIVE
    west = next(o for o in region.options if o.name == "West")
    assert west.status is TrackingCategoryStatus.ARCHIVED and west.remote_id
    assert _by(categories, "name", "Projects (2023)").status is TrackingCategoryStatus.ARCHIVED


def test_company_info():
    (org,) = [ref.company_info_from_xero(r) for r in rows("sandbox_get_organisation")]
    assert org.name == "Demo Company (UK)" and org.legal_name == "Demo Company (UK)"
    assert (org.currency, org.country, org.timezone) == ("GBP", "GB", "GMTSTANDARDTIME")
    assert (org.fiscal_year_end_month, org.fiscal_year_end_day) == (3, 31)
    assert org.organisation_type == "COMPANY" and org.status_raw == "ACTIVE"
    assert org.tax_number == "GB 123 4567 89"
    assert org.addresses[0].city == "Central City"
    assert org.phone_numbers[0].type is PhoneNumberType.DEFAULT  # Xero OFFICE


def test_references_between_recorded_records_resolve():
    """What lines, accounts and items point at exists in the recorded reference data."""
    tax_codes = {r["TaxType"] for r in rows("sandbox_get_tax_rates")}
    account_codes = {r["Code"] for r in rows("sandbox_get_accounts") if r.get("Code")}
    accounts = [ref.account_from_xero(r) for r in rows("sandbox_get_accounts")]
    assert {a.tax_rate_remote_id for a in accounts} <= tax_codes
    for item in (ref.item_from_xero(r) for r in rows("sandbox_get_items")):
        assert {item.sale_tax_rate_remote_id, item.purchase_tax_rate_remote_id} <= tax_codes
        codes = {item.sale_account_code, item.purchase_account_code}
        assert codes - {None} <= account_codes
    options = {
        (c["TrackingCategoryID"], o["TrackingOptionID"])
        for c in rows("sandbox_get_tracking_categories")
        for o in c["Options"]
    }
    invoices = [mappers.invoice_from_xero(r) for r in load("sandbox_get_invoices")["Invoices"]]
    tags = [t for i in invoices for line in i.line_items for t in line.tracking_categories]
    assert tags and {(t.category_remote_id, t.option_remote_id) for t in tags} <= options
    line_taxes = {line.tax_rate_remote_id for i in invoices for line in i.line_items}
    assert line_taxes <= tax_codes


# -- writing --------------------------------------------------------------------------------------


def test_account_input_to_xero_sends_only_what_was_set():
    body = ref.account_to_xero(
        AccountInput(name="Subscriptions", code="410", type="EXPENSE", tax_rate_remote_id="INPUT2")
    )
    assert body == {"Name": "Subscriptions", "Code": "410", "Type": "EXPENSE", "TaxType": "INPUT2"}
    validate(body, "Account")
    assert ref.account_to_xero(AccountInput(status="ARCHIVED"), remote_id="abc") == {
        "AccountID": "abc",
        "Status": "ARCHIVED",
    }
    card = ref.account_to_xero(AccountInput(type="CREDIT_CARD", bank_account_number="4111"))
    assert card == {"BankAccountNumber": "4111", "Type": "BANK", "BankAccountType": "CREDITCARD"}


@pytest.mark.parametrize("kind", ["ACCOUNTS_RECEIVABLE", "ACCOUNTS_PAYABLE", "OTHER"])
def test_account_types_xero_cannot_create_are_refused(kind):
    with pytest.raises(ValidationFailed) as caught:
        ref.account_to_xero(AccountInput(name="X", type=kind))
    assert caught.value.details[0]["field"] == "type"


def test_account_record_round_trip():
    for row in rows("sandbox_get_accounts"):
        record = ref.account_from_xero(row)
        body = ref.account_to_xero(record)
        validate(body, "Account")
        again = ref.account_from_xero({**body, "Class": row.get("Class"), **_system(row)})
        assert _dump(again) == _dump(record)


def _system(row: dict) -> dict:
    return {"SystemAccount": row["SystemAccount"]} if row.get("SystemAccount") else {}


def test_item_input_to_xero():
    body = ref.item_to_xero(
        ItemInput(
            code="W1",
            name="Widget",
            sale_unit_price="19.9999",
            sale_account_code="200",
            purchase_tax_rate_remote_id="INPUT2",
        )
    )
    assert body == {
        "Code": "W1",
        "Name": "Widget",
        "SalesDetails": {"UnitPrice": Decimal("19.9999"), "AccountCode": "200"},
        "PurchaseDetails": {"TaxType": "INPUT2"},
    }
    validate(body, "Item")


def test_item_partial_update_merges_the_current_details():
    current = rows("sandbox_get_items")[0]
    body = ref.item_to_xero(ItemInput(sale_unit_price="21.00"), remote_id="i1", current=current)
    assert body["SalesDetails"] == {**current["SalesDetails"], "UnitPrice": Decimal("21.00")}
    assert "PurchaseDetails" not in body and set(body) == {"ItemID", "SalesDetails"}


def test_tracked_item_purchase_account_is_its_cogs_account():
    body = ref.item_to_xero(
        ItemInput(code="S1", inventory_asset_account_code="630", purchase_account_code="310")
    )
    assert body["PurchaseDetails"] == {"COGSAccountCode": "310"}
    assert body["InventoryAssetAccountCode"] == "630"


def test_item_record_round_trip():
    for row in rows("sandbox_get_items"):
        record = ref.item_from_xero(row)
        body = ref.item_to_xero(record)
        extra = {k: row[k] for k in ("IsTrackedAsInventory", "QuantityOnHand") if k in row}
        again = ref.item_from_xero({**body, **extra})
        assert _dump(again) == _dump(record)


# -- connector rules ------------------------------------------------------------------------------


def test_unsupported_fields_and_xero_requirements():
    assert UNSUPPORTED_FIELDS["account"] == {"parent_account", "parent_account_remote_id"}
    assert UNSUPPORTED_FIELDS["item"] == {"type", "status"}
    need = XeroConnector._xero_required
    assert need("account", AccountInput(name="Sales", type="SALES"), []) == ["code"]
    assert need("account", AccountInput(name="Bank", type="BANK"), []) == ["bank_account_number"]
    assert need("account", AccountInput(name="B", type="BANK", bank_account_number="1"), []) == []
    assert need("item", ItemInput(name="Widget"), []) == ["code"]
    assert need("item", ItemInput(name="Widget", code="W"), []) == []


# -- validation errors ----------------------------------------------------------------------------


def test_account_validation_errors_get_unified_fields():
    details = mappers.validation_details(load("sandbox_put_account_400"), "account")
    assert [d["field"] for d in details] == ["code", "name", "tax_rate_remote_id"]
    openapi = mappers.validation_details(load("openapi_create_account_400"), "account")
    assert openapi == [{"field": "name", "message": "Please enter a unique Name."}]


def test_item_validation_errors_get_unified_fields():
    details = mappers.validation_details(load("sandbox_put_item_400"), "item")
    assert [d["field"] for d in details] == ["code", "sale_account_code", "sale_tax_rate_remote_id"]

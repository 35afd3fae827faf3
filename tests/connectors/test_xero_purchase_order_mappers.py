"""Xero PurchaseOrders (Xero's OpenAPI examples and sandbox recordings) in, golden unified
records out; unified inputs out to Xero bodies; Xero's validation errors to unified fields."""

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
from connectors.xero import spec
from connectors.xero.connector import UNSUPPORTED_FIELDS, XeroConnector
from connectors.xero.mappers import validation_details
from connectors.xero.mappers_purchase_order import (
    purchase_order_from_xero,
    purchase_order_to_xero,
)
from unified_models import PurchaseOrderInput, PurchaseOrderStatus, TaxTreatment

FIXTURES = Path(__file__).parents[1] / "fixtures" / "xero"
GOLDEN = FIXTURES / "golden"


def load(name: str) -> Any:
    return loads((FIXTURES / f"{name}.json").read_bytes())


def golden_cases() -> list[str]:
    return sorted(
        p.stem
        for p in FIXTURES.glob("*.json")
        if "PurchaseOrders" in loads(p.read_bytes()) and not p.stem.endswith("_request")
    )


def test_fixtures_come_from_xeros_spec_and_the_sandbox():
    cases = golden_cases()
    assert any(c.startswith("openapi_") for c in cases)
    assert any(c.startswith("sandbox_") for c in cases)


@pytest.mark.parametrize("name", golden_cases())
def test_fixture_maps_to_golden(name: str) -> None:
    raw = load(name)["PurchaseOrders"]
    records = [purchase_order_from_xero(row) for row in raw]
    got = [r.model_dump(mode="json", exclude={"remote_data"}) for r in records]
    path = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDENS"):
        path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
    assert path.exists(), f"no golden for {name}: review, then run with UPDATE_GOLDENS=1"
    assert got == json.loads(path.read_text())
    assert [r.remote_data for r in records] == raw


def test_every_status_maps_to_the_one_enum():
    orders = [
        purchase_order_from_xero(r) for r in load("sandbox_get_purchase_orders")["PurchaseOrders"]
    ]
    assert {o.status for o in orders} == set(PurchaseOrderStatus)
    assert all(o.status_raw == o.status.value for o in orders)
    deleted = [o for o in orders if o.status is PurchaseOrderStatus.DELETED]
    assert deleted and all(o.remote_was_deleted for o in deleted)
    assert not any(o.remote_was_deleted for o in orders if o not in deleted)
    foreign = next(o for o in orders if o.currency != "GBP")
    assert foreign.currency == "USD" and foreign.exchange_rate != 1
    delivered = next(o for o in orders if o.attention_to)
    assert delivered.delivery_address == "Unit 4, Harbour Park\nMarineville"
    assert delivered.expected_arrival_date == date(2024, 2, 21)
    assert delivered.line_items[0].discount_rate == Decimal("10")


def test_openapi_example_reads_deleted_and_dates():
    (order,) = [
        purchase_order_from_xero(r) for r in load("openapi_get_purchase_order")["PurchaseOrders"]
    ]
    assert order.remote_id and order.number
    assert order.tax_treatment in set(TaxTreatment)


def test_spec_entry():
    resource = spec.RESOURCES["purchase_order"]
    assert (resource.path, resource.primary_key) == ("PurchaseOrders", "PurchaseOrderID")
    assert resource.paginator is spec.PAGINATOR and resource.cursor is spec.CURSOR
    assert resource.list_params["unitdp"] == "4"
    assert resource.operations == {"list", "get", "create", "update"}
    assert resource.scope is spec.INVOICE_SCOPE


def test_scope_is_what_the_sandbox_asks_for():
    from sandbox.xero import scopes as sandbox_scopes

    resource = spec.RESOURCES["purchase_order"]
    for method, write in (("GET", False), ("PUT", True)):
        allowed = sandbox_scopes.required(method, "/api.xro/2.0/PurchaseOrders")
        assert set(resource.scope.accepted(write=write)) <= set(allowed)


def test_input_to_xero_body_sends_only_what_is_set():
    body = purchase_order_to_xero(
        PurchaseOrderInput(
            contact_remote_id="c-1",
            issue_date=date(2026, 11, 2),
            delivery_date=date(2026, 11, 16),
            delivery_address="23 Main Street",
            status="AUTHORISED",
            tax_treatment="INCLUSIVE",
            line_items=[
                {
                    "description": "Widgets",
                    "quantity": "50",
                    "unit_price": "10.00",
                    "account_code": "429",
                }
            ],
        )
    )
    assert body == {
        "Contact": {"ContactID": "c-1"},
        "DeliveryAddress": "23 Main Street",
        "Date": "2026-11-02",
        "DeliveryDate": "2026-11-16",
        "LineAmountTypes": "Inclusive",
        "Status": "AUTHORISED",
        "LineItems": [
            {
                "Description": "Widgets",
                "Quantity": Decimal("50"),
                "UnitAmount": Decimal("10.00"),
                "AccountCode": "429",
            }
        ],
    }
    update = purchase_order_to_xero(PurchaseOrderInput(status="BILLED"), remote_id="po-1")
    assert update == {"PurchaseOrderID": "po-1", "Status": "BILLED"}


def test_request_example_from_xeros_spec_reads_back_the_same():
    (element,) = load("openapi_create_purchase_orders_request")["PurchaseOrders"]
    record = purchase_order_from_xero({"PurchaseOrderID": "x", **element})
    body = purchase_order_to_xero(record)
    assert body["Contact"]["ContactID"] == element["Contact"]["ContactID"]
    assert [li.get("Description") for li in body["LineItems"]] == [
        li.get("Description") for li in element["LineItems"]
    ]


def test_record_round_trips():
    for raw in load("sandbox_get_purchase_orders")["PurchaseOrders"]:
        record = purchase_order_from_xero(raw)
        again = purchase_order_from_xero(
            {**purchase_order_to_xero(record), "Contact": raw["Contact"]}
        )
        assert again.model_dump(exclude={"remote_data"}) == record.model_dump(
            exclude={"remote_data"}
        )


def test_validation_errors_name_unified_fields():
    details = validation_details(load("sandbox_put_purchase_order_400"), "purchase_order")
    assert [d["field"] for d in details] == ["contact", "line_items[0].account_code"]


def test_memo_is_refused_for_xero():
    assert "memo" in UNSUPPORTED_FIELDS["purchase_order"]
    connector = XeroConnector.__new__(XeroConnector)

    class _Provider:
        @staticmethod
        def input_model(model: str):
            return PurchaseOrderInput

    connector.provider = _Provider()  # type: ignore[assignment]
    with pytest.raises(ValidationFailed) as caught:
        connector._check_input("purchase_order", PurchaseOrderInput(memo="hello"))
    assert caught.value.details == [{"field": "memo", "message": "Xero has no such field."}]

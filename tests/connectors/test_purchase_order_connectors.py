"""The Xero and QuickBooks connectors' purchase orders against their sandboxes: reads (one call
per page, incremental), writes, and refusals translated to unified fields."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from connectors.errors import ValidationFailed
from unified_models import PurchaseOrderInput, PurchaseOrderStatus

from .quickbooks.test_sandbox import link as qbo_link
from .quickbooks.test_sandbox import read_all as qbo_read_all
from .test_sandbox import link, read_all


def test_xero_reads_every_order_in_one_page_and_incrementally(xero_sandbox):
    conn = link(xero_sandbox).connector()
    orders, calls, pages = read_all(conn, "purchase_order")
    assert (len(orders), calls, pages) == (6, 1, 1)
    assert {o.status for o in orders} == set(PurchaseOrderStatus)
    xero_sandbox.control.advance_clock(60)
    since = datetime.fromisoformat(xero_sandbox.control.clock()["now"]) - timedelta(seconds=1)
    assert read_all(conn, "purchase_order", modified_since=since)[0] == []
    draft = next(o for o in orders if o.status is PurchaseOrderStatus.DRAFT)
    moved = conn.update("purchase_order", draft.remote_id, PurchaseOrderInput(status="SUBMITTED"))
    assert moved.status is PurchaseOrderStatus.SUBMITTED
    changed = read_all(conn, "purchase_order", modified_since=since)[0]
    assert [o.remote_id for o in changed] == [draft.remote_id]
    assert conn.get("purchase_order", draft.remote_id).status is PurchaseOrderStatus.SUBMITTED


def test_xero_create_keeps_four_decimal_unit_prices_and_translates_refusals(xero_sandbox):
    conn = link(xero_sandbox).connector()
    supplier = next(c for c in read_all(conn, "contact")[0] if c.name == "PowerDirect")
    created = conn.create(
        "purchase_order",
        PurchaseOrderInput(
            contact_remote_id=supplier.remote_id,
            issue_date=date(2026, 11, 2),
            line_items=[{"description": "Bolts", "quantity": "1000", "unit_price": "0.0125"}],
        ),
    )
    assert created.line_items[0].unit_price == Decimal("0.0125")  # unitdp=4 on writes
    assert created.sub_total == Decimal("12.50") and created.number == "PO-0101"
    with pytest.raises(ValidationFailed) as caught:
        conn.update("purchase_order", created.remote_id, PurchaseOrderInput(status="BILLED"))
    assert caught.value.details[0]["field"] == "status"
    with pytest.raises(ValidationFailed) as missing:
        conn.create("purchase_order", PurchaseOrderInput(number="PO-X"))
    assert [d["field"] for d in missing.value.details] == ["contact_remote_id"]


def test_quickbooks_reads_incrementally_with_deletions(quickbooks_sandbox):
    sb = quickbooks_sandbox
    conn = qbo_link(sb).connector()
    orders, calls, _ = qbo_read_all(conn, "purchase_order")
    assert (len(orders), calls) == (5, 1)
    since = max(o.remote_updated_at for o in orders)
    sb.control.delete("us", "PurchaseOrder", "2")
    _, _, pages = qbo_read_all(conn, "purchase_order", modified_since=since)
    assert pages[-1].deleted_remote_ids == ("2",)


def test_quickbooks_update_reads_the_sync_token_first(quickbooks_sandbox):
    conn = qbo_link(quickbooks_sandbox).connector()
    first = conn.update("purchase_order", "1", PurchaseOrderInput(memo="Call first"))
    second = conn.update("purchase_order", "1", PurchaseOrderInput(status="BILLED"))
    assert first.remote_data["SyncToken"] == "1" and second.remote_data["SyncToken"] == "2"
    assert (second.memo, second.status) == ("Call first", PurchaseOrderStatus.BILLED)
    with pytest.raises(ValidationFailed) as caught:
        conn.create(
            "purchase_order",
            PurchaseOrderInput(
                contact_remote_id="Vendor:99",
                line_items=[{"account_remote_id": "80", "unit_price": "5"}],
            ),
        )
    assert caught.value.details[0]["field"] == "contact"

"""Bulk documents beyond invoices (``reset(documents=…)``) in both sandboxes, for the sync
benchmark: the counts asked for, served through the API like any record, and the books kept
true (the journals and the report sections posted documents add)."""

from __future__ import annotations

from decimal import Decimal

import pytest

COUNTS = {
    "credit_notes": 30,
    "purchase_orders": 20,
    "manual_journals": 15,
    "bank_transactions": 12,
    "expenses": 11,
    "bank_transfers": 7,
}


def _xero_total(api, collection: str, **params) -> int:
    """Records of a Xero collection, every page read."""
    total, page = 0, 1
    while True:
        body = api.get(collection, params={"page": page, **params}).json()
        rows = body[collection]
        total += len(rows)
        if len(rows) < 100:
            return total
        page += 1


def _journals(api) -> list[dict]:
    journals, offset = [], 0
    while True:
        rows = api.get("Journals", params={"offset": offset}).json()["Journals"]
        journals += rows
        if len(rows) < 100:
            return journals
        offset = max(j["JournalNumber"] for j in rows)


def test_xero_bulk_documents(xero_sandbox):
    tokens = xero_sandbox.connect(tenants=["uk"])
    api = xero_sandbox.api(tokens["access_token"], "uk")
    demo = {
        "CreditNotes": _xero_total(api, "CreditNotes"),
        "PurchaseOrders": _xero_total(api, "PurchaseOrders"),
        "ManualJournals": _xero_total(api, "ManualJournals"),
        "SPEND": _xero_total(api, "BankTransactions", where='Type=="SPEND"'),
        "RECEIVE": _xero_total(api, "BankTransactions", where='Type=="RECEIVE"'),
        "BankTransfers": len(api.get("BankTransfers").json()["BankTransfers"]),
        "Journals": len(_journals(api)),
    }
    result = xero_sandbox.control.reset(documents=COUNTS)
    assert {k: result["bulk"]["documents"][k] for k in COUNTS} == COUNTS
    tokens = xero_sandbox.connect(tenants=["uk"])
    api = xero_sandbox.api(tokens["access_token"], "uk")
    assert _xero_total(api, "CreditNotes") == demo["CreditNotes"] + 30
    assert _xero_total(api, "PurchaseOrders") == demo["PurchaseOrders"] + 20
    assert _xero_total(api, "ManualJournals") == demo["ManualJournals"] + 15
    assert _xero_total(api, "BankTransactions", where='Type=="SPEND"') == demo["SPEND"] + 11
    assert _xero_total(api, "BankTransactions", where='Type=="RECEIVE"') == demo["RECEIVE"] + 12
    assert len(api.get("BankTransfers").json()["BankTransfers"]) == demo["BankTransfers"] + 7
    # Each approved credit note and posted manual journal wrote its journal, balanced.
    journals = _journals(api)
    assert len(journals) == demo["Journals"] + 30 + 15
    for journal in journals[-45:]:
        assert sum(Decimal(str(line["NetAmount"])) for line in journal["JournalLines"]) == 0
    # In the past, like the other bulk data: not changes a sync made right after would see.
    assert (
        api.get("CreditNotes", headers={"If-Modified-Since": "2026-01-01T00:00:00"}).json()[
            "CreditNotes"
        ]
        == []
    )


def test_xero_bulk_documents_refuse_unknown_kinds(xero_sandbox):
    import requests

    response = requests.post(
        f"{xero_sandbox.base_url}/_sandbox/reset", json={"documents": {"receipts": 3}}, timeout=30
    )
    assert response.status_code == 400
    assert "receipts" in response.json()["error"]


ENTITIES = {
    "credit_notes": "CreditMemo",
    "purchase_orders": "PurchaseOrder",
    "manual_journals": "JournalEntry",
    "bank_transactions": "Deposit",
    "expenses": "Purchase",
    "bank_transfers": "Transfer",
}


def _report_sections(sandbox) -> int:
    tokens, _ = sandbox.connect("us")
    api = sandbox.api(tokens["access_token"], "us")
    response = api.get(
        "reports/JournalReport",
        params={"start_date": "1900-01-01", "end_date": "2099-12-31", "minorversion": 75},
    )
    assert response.status_code == 200, response.text
    return len(response.json()["Rows"]["Row"])


def test_quickbooks_bulk_documents(quickbooks_sandbox):
    demo = {e: len(quickbooks_sandbox.control.records("us", e)) for e in ENTITIES.values()}
    sections = _report_sections(quickbooks_sandbox)
    quickbooks_sandbox.control.reset(documents=COUNTS)
    for kind, entity in ENTITIES.items():
        docs = quickbooks_sandbox.control.records("us", entity)
        assert len(docs) == demo[entity] + COUNTS[kind], entity
        assert len({d["Id"] for d in docs}) == len(docs)
    orders = quickbooks_sandbox.control.records("us", "PurchaseOrder")[-20:]
    assert {o["POStatus"] for o in orders} == {"Open"} and not any(o["LinkedTxn"] for o in orders)
    memos = quickbooks_sandbox.control.records("us", "CreditMemo")[-30:]
    assert all(m["Balance"] == m["TotalAmt"] for m in memos)  # unapplied
    # Every posting copy adds its report section; purchase orders post nothing.
    posting = sum(n for kind, n in COUNTS.items() if kind != "purchase_orders")
    assert _report_sections(quickbooks_sandbox) - sections == posting
    tokens, _ = quickbooks_sandbox.connect("us")
    api = quickbooks_sandbox.api(tokens["access_token"], "us")
    counted = api.query("SELECT COUNT(*) FROM Purchase")["QueryResponse"]
    assert counted.get("totalCount", demo["Purchase"] + 11) == demo["Purchase"] + 11


@pytest.mark.parametrize("body", [{"receipts": 3}, {"expenses": "many"}])
def test_quickbooks_bulk_documents_refuse_bad_counts(quickbooks_sandbox, body):
    import requests

    response = requests.post(
        f"{quickbooks_sandbox.base_url}/_sandbox/reset", json={"documents": body}, timeout=30
    )
    assert response.status_code == 400

"""The QuickBooks sandbox writes invoices and bills as QuickBooks does (sandbox/quickbooks/
invoices.py): totals and tax from the lines, sparse and full updates with the SyncToken, Intuit's
faults, currency, void (invoices) and delete (both), each write posting balanced ledger lines and
notified (webhooks, change data capture)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from .test_sandbox_reference import fault_of, post
from .test_sandbox_webhooks import hooked, receiver  # noqa: F401 (fixtures)

D = Decimal


@pytest.fixture
def api(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("us")
    return quickbooks_sandbox.api(tokens["access_token"], realm)


@pytest.fixture
def uk_api(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("uk")
    return quickbooks_sandbox.api(tokens["access_token"], realm)


def ok(api, entity: str, body: dict[str, Any], **params: str) -> dict[str, Any]:
    response = post(api, entity.lower(), body, **params)
    assert response.status_code == 200, response.text
    return response.json()[entity]


def read(api, entity: str, entity_id: str) -> dict[str, Any]:
    response = api.get(f"{entity.lower()}/{entity_id}")
    assert response.status_code == 200, response.text
    return response.json()[entity]


def sales(qty: float, price: float, tax: str = "NON", item: str = "1", **extra: Any) -> dict:
    detail = {
        "ItemRef": {"value": item},
        "Qty": qty,
        "UnitPrice": price,
        "TaxCodeRef": {"value": tax},
    }
    return {"DetailType": "SalesItemLineDetail", "SalesItemLineDetail": {**detail, **extra}}


def expense(amount: float, account: str = "11", tax: str = "NON") -> dict:
    return {
        "Amount": amount,
        "DetailType": "AccountBasedExpenseLineDetail",
        "AccountBasedExpenseLineDetail": {
            "AccountRef": {"value": account},
            "TaxCodeRef": {"value": tax},
        },
    }


def report(api) -> dict[tuple[str, str], dict[str, Decimal]]:
    response = api.get(
        "reports/JournalReport",
        params={"start_date": "1900-01-01", "end_date": "2099-12-31", "minorversion": 75},
    )
    assert response.status_code == 200, response.text
    out: dict[tuple[str, str], dict[str, Decimal]] = {}
    for section in response.json()["Rows"]["Row"]:
        rows = section["Rows"]["Row"]
        kind = rows[0]["ColData"][1]
        lines = out.setdefault((kind["value"], kind["id"]), {})
        for row in rows:
            cells = row["ColData"]
            value = D(cells[6]["value"] or 0) - D(cells[7]["value"] or 0)
            lines[cells[5]["id"]] = lines.get(cells[5]["id"], D(0)) + value
    return out


# -- create ----------------------------------------------------------------------------------------
def test_invoice_totals_tax_and_subtotal_are_quickbooks_own(api):
    invoice = ok(
        api,
        "Invoice",
        {
            "CustomerRef": {"value": "1"},
            "TxnDate": "2026-11-02",
            "Line": [
                sales(2, 75, "TAX", ClassRef={"value": "5000000000000018"}),
                {**sales(1, 40), "Amount": 40},
                {"DetailType": "DescriptionOnly", "Description": "Thanks"},
            ],
        },
    )
    assert invoice["TotalAmt"] == 202.0 and invoice["Balance"] == 202.0
    assert invoice["TxnTaxDetail"] == {"TotalTax": 12.0}  # 8% of the taxable 150
    assert [line["DetailType"] for line in invoice["Line"]] == [
        "SalesItemLineDetail",
        "SalesItemLineDetail",
        "DescriptionOnly",
        "SubTotalLineDetail",
    ]
    assert invoice["Line"][0]["Amount"] == 150.0 and invoice["Line"][0]["LineNum"] == 1
    assert invoice["Line"][-1]["Amount"] == 190.0
    assert invoice["Line"][0]["SalesItemLineDetail"]["ItemRef"]["name"] == "Design"
    assert invoice["CustomerRef"] == {"value": "1", "name": "Amy's Bird Sanctuary"}
    assert invoice["CurrencyRef"]["value"] == "USD" and invoice["ExchangeRate"] == 1
    assert invoice["SyncToken"] == "0" and invoice["DueDate"] == "2026-11-02"
    assert read(api, "Invoice", invoice["Id"]) == invoice


def test_a_missing_unit_price_is_the_items(api):
    invoice = ok(api, "Invoice", {"CustomerRef": {"value": "2"}, "Line": [sales(3, None)]})
    assert invoice["Line"][0]["SalesItemLineDetail"]["UnitPrice"] == 75.0
    assert invoice["TotalAmt"] == 225.0
    # An Amount and a Qty without a UnitPrice: the price is Amount / Qty.
    invoice = ok(
        api, "Invoice", {"CustomerRef": {"value": "2"}, "Line": [{**sales(4, None), "Amount": 90}]}
    )
    assert invoice["Line"][0]["SalesItemLineDetail"]["UnitPrice"] == 22.5
    assert invoice["TotalAmt"] == 90.0


def test_uk_vat_from_each_lines_code(uk_api):
    invoice = ok(
        uk_api,
        "Invoice",
        {"CustomerRef": {"value": "1"}, "Line": [sales(1, 100, "3"), sales(1, 100, "4")]},
    )
    assert invoice["TxnTaxDetail"] == {"TotalTax": 25.0}  # 20% + 5%
    assert invoice["TotalAmt"] == 225.0
    assert invoice["Line"][0]["SalesItemLineDetail"]["TaxCodeRef"]["name"] == "20.0% S"


def test_bill_with_account_and_item_lines(api):
    bill = ok(
        api,
        "Bill",
        {
            "VendorRef": {"value": "2"},
            "DocNumber": "NL-77",
            "Line": [
                expense(120.5),
                {
                    "DetailType": "ItemBasedExpenseLineDetail",
                    "ItemBasedExpenseLineDetail": {
                        "ItemRef": {"value": "3"},
                        "Qty": 4,
                        "UnitPrice": 2.5,
                    },
                },
            ],
        },
    )
    assert bill["TotalAmt"] == 130.5 and bill["Balance"] == 130.5
    assert bill["APAccountRef"]["value"] == "33"
    assert bill["VendorRef"]["name"] == "Norton Lumber and Building Materials"
    assert [line["DetailType"] for line in bill["Line"]] == [
        "AccountBasedExpenseLineDetail",
        "ItemBasedExpenseLineDetail",
    ]
    # Bills' numbers need not be unique.
    assert ok(
        api, "Bill", {"VendorRef": {"value": "2"}, "DocNumber": "NL-77", "Line": [expense(1)]}
    )


def test_foreign_customer_gets_its_currency_and_a_rate(api):
    invoice = ok(api, "Invoice", {"CustomerRef": {"value": "8"}, "Line": [sales(1, 100)]})
    assert invoice["CurrencyRef"]["value"] == "CAD" and invoice["ExchangeRate"] == 0.7412
    assert invoice["HomeTotalAmt"] == 74.12
    given = ok(
        api,
        "Invoice",
        {"CustomerRef": {"value": "8"}, "ExchangeRate": 0.75, "Line": [sales(1, 100)]},
    )
    assert given["ExchangeRate"] == 0.75 and given["HomeTotalAmt"] == 75.0
    error = fault_of(
        post(
            api,
            "invoice",
            {"CustomerRef": {"value": "8"}, "CurrencyRef": {"value": "USD"}, "Line": [sales(1, 1)]},
        )
    )
    assert error["code"] == "6000" and error["element"] == "CurrencyRef"


def test_auto_doc_number_and_duplicate_numbers(api):
    invoice = ok(
        api,
        "Invoice",
        {"CustomerRef": {"value": "1"}, "AutoDocNumber": True, "Line": [sales(1, 1)]},
    )
    assert invoice["DocNumber"] == "1038" or invoice["DocNumber"].isdigit()
    assert "AutoDocNumber" not in invoice
    numbers = [
        int(i["DocNumber"])
        for i in api.query("SELECT * FROM Invoice")["QueryResponse"]["Invoice"]
        if str(i.get("DocNumber", "")).isdigit()
    ]
    assert int(invoice["DocNumber"]) == max(numbers)
    error = fault_of(
        post(
            api,
            "invoice",
            {
                "CustomerRef": {"value": "2"},
                "DocNumber": invoice["DocNumber"],
                "Line": [sales(1, 1)],
            },
        )
    )
    assert error["code"] == "6140" and error["Message"] == "Duplicate Document Number Error"
    assert f"TxnId={invoice['Id']}" in error["Detail"] and error["element"] == "DocNumber"
    both = fault_of(
        post(
            api,
            "invoice",
            {
                "CustomerRef": {"value": "2"},
                "DocNumber": "X-1",
                "AutoDocNumber": True,
                "Line": [sales(1, 1)],
            },
        )
    )
    assert both["code"] == "6000"


@pytest.mark.parametrize(
    ("entity", "body", "code", "element"),
    [
        ("invoice", {"Line": [sales(1, 1)]}, "2020", "CustomerRef"),
        ("invoice", {"CustomerRef": {"value": "1"}}, "2020", "Line"),
        (
            "invoice",
            {"CustomerRef": {"value": "404"}, "Line": [sales(1, 1)]},
            "2500",
            "CustomerRef",
        ),
        ("invoice", {"CustomerRef": {"value": "9"}, "Line": [sales(1, 1)]}, "610", None),
        (
            "invoice",
            {"CustomerRef": {"value": "1"}, "Line": [sales(1, 1, item="999")]},
            "2500",
            "ItemRef",
        ),
        (
            "invoice",
            {"CustomerRef": {"value": "1"}, "Line": [sales(1, 1, tax="5")]},
            "610",
            None,
        ),
        (
            "invoice",
            {"CustomerRef": {"value": "1"}, "Line": [sales(1, 1, tax="77")]},
            "2500",
            "TaxCodeRef",
        ),
        (
            "invoice",
            {"CustomerRef": {"value": "1"}, "Line": [{**sales(2, 5), "Amount": 11}]},
            "6070",
            "Amount",
        ),
        ("invoice", {"CustomerRef": {"value": "1"}, "Line": [expense(5)]}, "2170", "DetailType"),
        (
            "invoice",
            {
                "CustomerRef": {"value": "1"},
                "Line": [{"DetailType": "SalesItemLineDetail", "SalesItemLineDetail": {}}],
            },
            "2020",
            "ItemRef",
        ),
        ("bill", {"Line": [expense(5)]}, "2020", "VendorRef"),
        ("bill", {"VendorRef": {"value": "6"}, "Line": [expense(5)]}, "610", None),
        ("bill", {"VendorRef": {"value": "1"}, "Line": [sales(1, 1)]}, "2170", "DetailType"),
        (
            "bill",
            {"VendorRef": {"value": "1"}, "Line": [expense(5, account="999")]},
            "2500",
            "AccountRef",
        ),
        (
            "bill",
            {"VendorRef": {"value": "7"}, "CurrencyRef": {"value": "USD"}, "Line": [expense(5)]},
            "6000",
            "CurrencyRef",
        ),
    ],
)
def test_refusals_are_intuits_faults_and_write_nothing(
    api, quickbooks_sandbox, entity, body, code, element
):
    name = "Invoice" if entity == "invoice" else "Bill"
    before = quickbooks_sandbox.control.records("us", name)
    error = fault_of(post(api, entity, body))
    assert (error["code"], error.get("element")) == (code, element)
    assert quickbooks_sandbox.control.records("us", name) == before


# -- update ----------------------------------------------------------------------------------------
def test_sparse_update_keeps_what_it_does_not_send_and_full_update_clears_it(api):
    invoice = ok(
        api,
        "Invoice",
        {
            "CustomerRef": {"value": "1"},
            "PrivateNote": "internal",
            "CustomerMemo": {"value": "Hi"},
            "Line": [sales(1, 100, "TAX")],
        },
    )
    sparse = ok(
        api,
        "Invoice",
        {"Id": invoice["Id"], "SyncToken": "0", "sparse": True, "Line": [sales(2, 100, "TAX")]},
    )
    assert sparse["SyncToken"] == "1" and sparse["PrivateNote"] == "internal"
    assert sparse["TotalAmt"] == 216.0 and sparse["Balance"] == 216.0
    full = ok(
        api,
        "Invoice",
        {
            "Id": invoice["Id"],
            "SyncToken": "1",
            "CustomerRef": {"value": "1"},
            "Line": [sales(1, 10)],
        },
    )
    assert "PrivateNote" not in full and "CustomerMemo" not in full
    assert full["TotalAmt"] == 10.0 and full["Id"] == invoice["Id"]
    stale = fault_of(
        post(
            api,
            "invoice",
            {"Id": invoice["Id"], "SyncToken": "1", "sparse": True, "PrivateNote": "x"},
        )
    )
    assert stale["code"] == "5010"
    unknown = fault_of(post(api, "bill", {"Id": "9999", "SyncToken": "0", "sparse": True}))
    assert unknown["code"] == "610"


def test_update_keeps_payments_applied(api, quickbooks_sandbox):
    """A partly paid seeded invoice: the new balance is the new total less what was paid."""
    invoice = next(
        i
        for i in quickbooks_sandbox.control.records("us", "Invoice")
        if 0 < i["Balance"] < i["TotalAmt"] and i["CurrencyRef"]["value"] == "USD"
    )
    paid = D(str(invoice["TotalAmt"])) - D(str(invoice["Balance"]))
    updated = ok(
        api,
        "Invoice",
        {
            "Id": invoice["Id"],
            "SyncToken": invoice["SyncToken"],
            "sparse": True,
            "Line": [sales(1, float(paid) + 10)],
        },
    )
    assert D(str(updated["Balance"])) == D("10.00")
    assert updated["LinkedTxn"] == invoice["LinkedTxn"]
    below = fault_of(
        post(
            api,
            "invoice",
            {
                "Id": invoice["Id"],
                "SyncToken": updated["SyncToken"],
                "sparse": True,
                "Line": [sales(1, 1)],
            },
        )
    )
    assert below["code"] == "6000"


# -- void and delete -------------------------------------------------------------------------------
def test_void_zeroes_an_invoice_which_stays_readable(api):
    invoice = ok(
        api,
        "Invoice",
        {"CustomerRef": {"value": "1"}, "PrivateNote": "oops", "Line": [sales(2, 50, "TAX")]},
    )
    voided = ok(api, "Invoice", {"Id": invoice["Id"], "SyncToken": "0"}, operation="void")
    assert voided["PrivateNote"] == "Voided - oops" and voided["SyncToken"] == "1"
    assert voided["TotalAmt"] == 0 and voided["Balance"] == 0
    assert voided["TxnTaxDetail"] == {"TotalTax": 0}
    assert all(line.get("Amount", 0) == 0 for line in voided["Line"])
    assert read(api, "Invoice", invoice["Id"]) == voided
    # Bills have no void at Intuit.
    bill = ok(api, "Bill", {"VendorRef": {"value": "1"}, "Line": [expense(5)]})
    refused = fault_of(post(api, "bill", {"Id": bill["Id"], "SyncToken": "0"}, operation="void"))
    assert refused["code"] == "500"


def test_delete_leaves_a_tombstone_for_change_data_capture(api):
    invoice = ok(api, "Invoice", {"CustomerRef": {"value": "1"}, "Line": [sales(1, 5)]})
    bill = ok(api, "Bill", {"VendorRef": {"value": "1"}, "Line": [expense(5)]})
    stale = fault_of(
        post(api, "invoice", {"Id": invoice["Id"], "SyncToken": "7"}, operation="delete")
    )
    assert stale["code"] == "5010"
    for entity, doc in (("Invoice", invoice), ("Bill", bill)):
        answer = ok(api, entity, {"Id": doc["Id"], "SyncToken": "0"}, operation="delete")
        assert answer == {"status": "Deleted", "domain": "QBO", "Id": doc["Id"]}
        assert api.get(f"{entity.lower()}/{doc['Id']}").status_code == 400
    changed = api.get(
        "cdc",
        params={"entities": "Invoice,Bill", "changedSince": invoice["MetaData"]["CreateTime"]},
    ).json()["CDCResponse"][0]["QueryResponse"]
    deleted = {
        (entity, row["Id"])
        for answer, entity in zip(changed, ("Invoice", "Bill"), strict=True)
        for row in answer.get(entity, [])
        if row.get("status") == "Deleted"
    }
    assert {("Invoice", invoice["Id"]), ("Bill", bill["Id"])} <= deleted


def test_void_and_delete_refused_while_a_payment_links_the_document(api, quickbooks_sandbox):
    invoice = next(
        i
        for i in quickbooks_sandbox.control.records("us", "Invoice")
        if any(t["TxnType"] == "Payment" for t in i["LinkedTxn"])
    )
    bill = next(b for b in quickbooks_sandbox.control.records("us", "Bill") if b["LinkedTxn"])
    for entity, doc, operation in (
        ("invoice", invoice, "void"),
        ("invoice", invoice, "delete"),
        ("bill", bill, "delete"),
    ):
        error = fault_of(
            post(api, entity, {"Id": doc["Id"], "SyncToken": doc["SyncToken"]}, operation=operation)
        )
        assert error["code"] == "6000" and "linked to" in error["Detail"]
    assert read(api, "Invoice", invoice["Id"]) == invoice


# -- ledger and notifications ----------------------------------------------------------------------
def test_written_updated_and_voided_documents_post_balanced_lines(api):
    invoice = ok(api, "Invoice", {"CustomerRef": {"value": "1"}, "Line": [sales(1, 100, "TAX")]})
    bill = ok(api, "Bill", {"VendorRef": {"value": "1"}, "Line": [expense(40, account="11")]})
    foreign = ok(api, "Invoice", {"CustomerRef": {"value": "8"}, "Line": [sales(1, 100)]})
    books = report(api)
    assert books[("Invoice", invoice["Id"])] == {
        "1": D("-100.00"),
        "95": D("-8.00"),
        "84": D("108.00"),
    }
    assert books[("Bill", bill["Id"])] == {"11": D("40.00"), "33": D("-40.00")}
    assert books[("Invoice", foreign["Id"])] == {"1": D("-74.12"), "84": D("74.12")}
    ok(
        api,
        "Invoice",
        {"Id": invoice["Id"], "SyncToken": "0", "sparse": True, "Line": [sales(2, 100, "TAX")]},
    )
    assert report(api)[("Invoice", invoice["Id"])] == {
        "1": D("-200.00"),
        "95": D("-16.00"),
        "84": D("216.00"),
    }
    ok(api, "Invoice", {"Id": invoice["Id"], "SyncToken": "1"}, operation="void")
    ok(api, "Bill", {"Id": bill["Id"], "SyncToken": "0"}, operation="delete")
    after = report(api)
    assert ("Invoice", invoice["Id"]) not in after and ("Bill", bill["Id"]) not in after
    for lines in after.values():
        assert sum(lines.values(), D(0)) == 0


def test_writes_are_notified(quickbooks_sandbox, hooked, receiver):  # noqa: F811
    api, realm = hooked
    invoice = ok(api, "Invoice", {"CustomerRef": {"value": "1"}, "Line": [sales(1, 5)]})
    ok(api, "Invoice", {"Id": invoice["Id"], "SyncToken": "0", "sparse": True, "PrivateNote": "x"})
    ok(api, "Invoice", {"Id": invoice["Id"], "SyncToken": "1"}, operation="void")
    bill = ok(api, "Bill", {"VendorRef": {"value": "1"}, "Line": [expense(5)]})
    ok(api, "Bill", {"Id": bill["Id"], "SyncToken": "0"}, operation="delete")
    assert quickbooks_sandbox.control.flush_webhooks()
    assert receiver.entities() == [
        (realm, "Invoice", invoice["Id"], "Create"),
        (realm, "Invoice", invoice["Id"], "Update"),
        (realm, "Invoice", invoice["Id"], "Void"),
        (realm, "Bill", bill["Id"], "Create"),
        (realm, "Bill", bill["Id"], "Delete"),
    ]

"""The QuickBooks sandbox's double entry (sandbox/quickbooks/ledger.py, ledger_lines.py): each
posting document's ledger lines as QuickBooks posts them, and every write through the sandbox API
(credit memo, vendor credit, purchase, deposit, transfer) moving the JournalReport."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sandbox.quickbooks.ledger import REPORT_TYPES, postings, report_type
from sandbox.quickbooks.seed import BY_KEY, reset_and_seed
from sandbox.quickbooks.store import Store

US = BY_KEY["us"].realm
D = Decimal


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    books = Store(tmp_path_factory.mktemp("qbo") / "books.sqlite")
    reset_and_seed(books)
    return books


def _by_account(lines) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for account, value, _ in lines:
        out[account] = out.get(account, D(0)) + value
    return out


def _sales_line(amount: str, tax_code: str = "NON") -> dict:
    return {
        "Amount": float(amount),
        "DetailType": "SalesItemLineDetail",
        "SalesItemLineDetail": {"ItemRef": {"value": "1"}, "TaxCodeRef": {"value": tax_code}},
    }


def _expense_line(amount: str, account: str) -> dict:
    return {
        "Amount": float(amount),
        "DetailType": "AccountBasedExpenseLineDetail",
        "AccountBasedExpenseLineDetail": {"AccountRef": {"value": account}},
    }


# -- postings per document -----------------------------------------------------------------------


def test_credit_memo_debits_income_and_tax_and_credits_receivable(store):
    doc = {
        "Line": [_sales_line("80", "TAX"), {"Amount": 80.0, "DetailType": "SubTotalLineDetail"}],
        "TxnTaxDetail": {"TotalTax": 6.4},
        "TotalAmt": 86.4,
    }
    assert _by_account(postings(store, US, "CreditMemo", doc)) == {
        "1": D("80.00"),
        "95": D("6.40"),
        "84": D("-86.40"),
    }
    assert report_type("CreditMemo", doc) == "Credit Memo"


def test_foreign_credit_memo_posts_in_home_currency(store):
    doc = {"Line": [_sales_line("120")], "TotalAmt": 120.0, "ExchangeRate": 0.7412}
    assert _by_account(postings(store, US, "CreditMemo", doc)) == {
        "1": D("88.94"),
        "84": D("-88.94"),
    }


def test_vendor_credit_debits_payable_and_credits_the_expense(store):
    doc = {"Line": [_expense_line("65", "10")], "TotalAmt": 65.0, "APAccountRef": {"value": "33"}}
    assert _by_account(postings(store, US, "VendorCredit", doc)) == {
        "10": D("-65.00"),
        "33": D("65.00"),
    }
    assert report_type("VendorCredit", doc) == "Vendor Credit"


def test_refund_receipt_debits_income_and_credits_the_bank_paid_from(store):
    doc = {
        "Line": [_sales_line("30")],
        "TotalAmt": 30.0,
        "DepositToAccountRef": {"value": "35"},
    }
    assert _by_account(postings(store, US, "RefundReceipt", doc)) == {
        "1": D("30.00"),
        "35": D("-30.00"),
    }
    assert report_type("RefundReceipt", doc) == "Refund"


@pytest.mark.parametrize(
    ("payment_type", "credit", "account", "label", "sign"),
    [
        ("Cash", False, "35", "Expense", 1),
        ("Check", False, "35", "Check", 1),
        ("CreditCard", False, "41", "Credit Card Expense", 1),
        ("CreditCard", True, "41", "Credit Card Credit", -1),
    ],
)
def test_purchase_debits_expenses_and_credits_the_bank_or_card(
    store, payment_type, credit, account, label, sign
):
    doc = {
        "PaymentType": payment_type,
        "Credit": credit,
        "AccountRef": {"value": account},
        "Line": [_expense_line("89.90", "80"), _expense_line("12.50", "23")],
        "TxnTaxDetail": {"TotalTax": 20.48},
        "TotalAmt": 122.88,
    }
    assert _by_account(postings(store, US, "Purchase", doc)) == {
        "80": sign * D("89.90"),
        "23": sign * D("12.50"),
        "95": sign * D("20.48"),
        account: -sign * D("122.88"),
    }
    assert report_type("Purchase", doc) == label


def test_item_purchase_line_posts_to_the_items_expense_account(store):
    doc = {
        "PaymentType": "Cash",
        "AccountRef": {"value": "35"},
        "Line": [
            {
                "Amount": 18.0,
                "DetailType": "ItemBasedExpenseLineDetail",
                "ItemBasedExpenseLineDetail": {"ItemRef": {"value": "3"}},
            }
        ],
        "TotalAmt": 18.0,
    }
    assert _by_account(postings(store, US, "Purchase", doc)) == {
        "80": D("18.00"),
        "35": D("-18.00"),
    }


def test_deposit_debits_the_bank_and_credits_each_line_and_undeposited_funds(store):
    doc = {
        "DepositToAccountRef": {"value": "35"},
        "Line": [
            {
                "Amount": 300.0,
                "DetailType": "DepositLineDetail",
                "DepositLineDetail": {"AccountRef": {"value": "1"}},
            },
            # A line that deposits a received payment empties Undeposited Funds.
            {"Amount": 175.0, "LinkedTxn": [{"TxnId": "1", "TxnType": "Payment"}]},
        ],
        "TotalAmt": 475.0,
    }
    assert _by_account(postings(store, US, "Deposit", doc)) == {
        "35": D("475.00"),
        "1": D("-300.00"),
        "4": D("-175.00"),
    }
    assert report_type("Deposit", doc) == "Deposit"


def test_transfer_debits_to_and_credits_from_in_home_currency(store):
    doc = {
        "FromAccountRef": {"value": "35"},
        "ToAccountRef": {"value": "97"},
        "Amount": 1000.0,
        "CurrencyRef": {"value": "CAD"},
        "ExchangeRate": 0.7412,
    }
    lines = postings(store, US, "Transfer", doc)
    assert [(a, v) for a, v, _ in lines] == [("97", D("741.20")), ("35", D("-741.20"))]
    assert report_type("Transfer", doc) == "Transfer"


def test_a_payment_applying_a_credit_memo_moves_only_its_total(store):
    doc = {
        "TotalAmt": 70.0,
        "DepositToAccountRef": {"value": "4"},
        "Line": [
            {"Amount": 100.0, "LinkedTxn": [{"TxnId": "1", "TxnType": "Invoice"}]},
            {"Amount": 30.0, "LinkedTxn": [{"TxnId": "1", "TxnType": "CreditMemo"}]},
        ],
    }
    assert _by_account(postings(store, US, "Payment", doc)) == {"4": D("70.00"), "84": D("-70.00")}
    # QuickBooks' way to apply a credit alone: a zero-total payment, which posts nothing.
    assert postings(store, US, "Payment", {**doc, "TotalAmt": 0}) == []


def test_card_bill_payment_is_named_as_intuit_does(store):
    doc = {"PayType": "CreditCard", "CreditCardPayment": {"CCAccountRef": {"value": "41"}}}
    assert report_type("BillPayment", doc) == "Bill Payment (Credit Card)"
    assert report_type("BillPayment", {"PayType": "Check"}) == "Bill Payment (Check)"


@pytest.mark.parametrize("entity", ["PurchaseOrder", "Estimate"])
def test_non_posting_documents_post_nothing(store, entity):
    doc = {"Line": [_expense_line("10", "80")], "TotalAmt": 10.0}
    assert postings(store, US, entity, doc) == []
    assert entity not in REPORT_TYPES


@pytest.mark.parametrize("key", ["us", "uk"])
def test_every_seeded_document_balances_and_the_books_do(store, key):
    realm = BY_KEY[key].realm
    total = D(0)
    posted = {}
    for entity in REPORT_TYPES:
        for doc in store.docs(realm, entity):
            lines = postings(store, realm, entity, doc)
            assert sum((v for _, v, _ in lines), D(0)) == 0, (entity, doc["Id"])
            total += sum((abs(v) for _, v, _ in lines), D(0))
            if lines:
                posted[entity] = posted.get(entity, 0) + 1
    assert total > 0
    assert set(posted) == set(REPORT_TYPES)  # every posting kind is seeded in both companies


# -- writes through the sandbox API move the ledger ---------------------------------------------


def _report(api) -> dict[tuple[str, str], dict[str, Decimal]]:
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
            account = cells[5]["id"]
            value = D(cells[6]["value"] or 0) - D(cells[7]["value"] or 0)
            lines[account] = lines.get(account, D(0)) + value
    return out


def _post(api, path: str, body: dict) -> dict:
    response = api.http.post(
        f"{api.base}/{path}", json=body, params={"minorversion": 75}, timeout=30
    )
    assert response.status_code == 200, response.text
    return next(v for k, v in response.json().items() if k != "time")


@pytest.fixture
def us_api(quickbooks_sandbox):
    tokens, _realm = quickbooks_sandbox.connect("us")
    return quickbooks_sandbox.api(tokens["access_token"], "us")


def _savings(api) -> str:
    accounts = api.query("SELECT * FROM Account WHERE Name = 'Savings'")["QueryResponse"]
    return accounts["Account"][0]["Id"]


WRITES = {
    "creditmemo": (
        {"CustomerRef": {"value": "1"}, "Line": [_sales_line("100", "TAX")]},
        "Credit Memo",
        {"1": D("100.00"), "95": D("8.00"), "84": D("-108.00")},
    ),
    "vendorcredit": (
        {"VendorRef": {"value": "1"}, "Line": [_expense_line("40", "11")]},
        "Vendor Credit",
        {"11": D("-40.00"), "33": D("40.00")},
    ),
    "purchase": (
        {
            "PaymentType": "CreditCard",
            "AccountRef": {"value": "41"},
            "Line": [_expense_line("25", "24")],
        },
        "Credit Card Expense",
        {"24": D("25.00"), "41": D("-25.00")},
    ),
    "deposit": (
        {
            "DepositToAccountRef": {"value": "35"},
            "Line": [
                {
                    "Amount": 60,
                    "DetailType": "DepositLineDetail",
                    "DepositLineDetail": {"AccountRef": {"value": "1"}},
                }
            ],
        },
        "Deposit",
        {"35": D("60.00"), "1": D("-60.00")},
    ),
    "transfer": (
        {"FromAccountRef": {"value": "35"}, "ToAccountRef": {"value": "SAVINGS"}, "Amount": 75},
        "Transfer",
        {"SAVINGS": D("75.00"), "35": D("-75.00")},
    ),
}


@pytest.mark.parametrize("path", sorted(WRITES))
def test_each_write_through_the_api_moves_the_ledger(us_api, path):
    body, label, expected = WRITES[path]
    savings = _savings(us_api)
    swap = {"SAVINGS": savings}
    if path == "transfer":
        body = {**body, "ToAccountRef": {"value": savings}}
    expected = {swap.get(a, a): v for a, v in expected.items()}
    before = _report(us_api)
    created = _post(us_api, path, body)
    after = _report(us_api)
    new = set(after) - set(before)
    assert new == {(label, created["Id"])}
    assert after[(label, created["Id"])] == expected
    assert set(before) <= set(after)


def test_an_updated_purchase_moves_the_ledger_by_the_new_amount(us_api):
    body, label, _ = WRITES["purchase"]
    created = _post(us_api, "purchase", body)
    updated = _post(
        us_api,
        "purchase",
        {
            "Id": created["Id"],
            "SyncToken": created["SyncToken"],
            "sparse": True,
            "Credit": True,
            "Line": [_expense_line("30", "24")],
        },
    )
    after = _report(us_api)
    assert (label, created["Id"]) not in after
    assert after[("Credit Card Credit", updated["Id"])] == {"24": D("-30.00"), "41": D("30.00")}


def test_a_refused_write_moves_nothing(us_api):
    before = _report(us_api)
    response = us_api.http.post(
        f"{us_api.base}/transfer",
        json={"FromAccountRef": {"value": "35"}, "ToAccountRef": {"value": "35"}, "Amount": 5},
        params={"minorversion": 75},
        timeout=30,
    )
    assert response.status_code == 400
    assert _report(us_api) == before

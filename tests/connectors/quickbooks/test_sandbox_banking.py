"""The QuickBooks sandbox's Purchase, Deposit and Transfer: seed, query, reads by id, change
data capture, creates and Intuit's refusals (nothing written)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from .test_sandbox_reference import fault_of, post, rows


@pytest.fixture(params=["us", "uk"])
def api(request, quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect(request.param)
    return quickbooks_sandbox.api(tokens["access_token"], realm)


def test_seed_covers_every_payment_type_a_refund_a_void_and_a_foreign_currency(api):
    purchases = rows(api, "SELECT * FROM Purchase")
    assert {p["PaymentType"] for p in purchases} == {"Cash", "Check", "CreditCard"}
    assert any(p["Credit"] for p in purchases)
    assert any(p.get("PrivateNote") == "Voided" and p["TotalAmt"] == 0 for p in purchases)
    home = rows(api, "SELECT * FROM CompanyInfo")[0]
    foreign = [p for p in purchases if p["ExchangeRate"] != 1]
    assert foreign and all(p["CurrencyRef"]["value"] in ("CAD", "EUR") for p in foreign)
    assert home
    deposits = rows(api, "SELECT * FROM Deposit")
    # Into checking, and into the foreign-currency account (seed_cases.py).
    assert len(deposits) == 2 and all(d["TotalAmt"] > 0 for d in deposits)
    assert [d["ExchangeRate"] != 1 for d in deposits] == [False, True]
    transfers = rows(api, "SELECT * FROM Transfer")
    assert len(transfers) == 2
    assert any(t["CurrencyRef"]["value"] != "USD" for t in transfers if "ExchangeRate" in t)
    for p in purchases:  # lines plus tax make the total
        lines = sum(Decimal(str(line["Amount"])) for line in p["Line"])
        assert lines + Decimal(str(p["TxnTaxDetail"]["TotalTax"])) == Decimal(str(p["TotalAmt"]))


def test_query_filters_and_reads_by_id(api):
    cards = rows(api, "SELECT * FROM Purchase WHERE PaymentType = 'CreditCard'")
    assert cards and {p["PaymentType"] for p in cards} == {"CreditCard"}
    one = api.http.get(f"{api.base}/purchase/{cards[0]['Id']}", timeout=30).json()
    assert one["Purchase"] == cards[0]
    transfer = rows(api, "SELECT * FROM Transfer")[0]
    got = api.http.get(f"{api.base}/transfer/{transfer['Id']}", timeout=30).json()
    assert got["Transfer"] == transfer
    assert rows(api, "SELECT * FROM Purchase WHERE MetaData.LastUpdatedTime > '2030-01-01'") == []


def _bank(api) -> tuple[str, str]:
    accounts = rows(api, "SELECT * FROM Account WHERE AccountType = 'Bank'")
    by_name = {a["Name"]: a["Id"] for a in accounts}
    return by_name["Checking"], by_name["Savings"]


def test_create_purchase_and_transfer(api):
    checking, savings = _bank(api)
    vendor = rows(api, "SELECT * FROM Vendor")[0]
    made = post(
        api,
        "purchase",
        {
            "PaymentType": "Cash",
            "AccountRef": {"value": checking},
            "EntityRef": {"value": vendor["Id"], "type": "Vendor"},
            "TxnDate": "2025-02-03",
            "Line": [
                {
                    "Amount": 48.0,
                    "DetailType": "AccountBasedExpenseLineDetail",
                    "AccountBasedExpenseLineDetail": {"AccountRef": {"value": "23"}},
                }
            ],
        },
    )
    assert made.status_code == 200, made.text
    purchase = made.json()["Purchase"]
    assert purchase["TotalAmt"] == 48.0 and purchase["EntityRef"]["name"] == vendor["DisplayName"]
    assert purchase["Line"][0]["Id"] == "1" and purchase["SyncToken"] == "0"
    moved = post(
        api,
        "transfer",
        {"FromAccountRef": {"value": savings}, "ToAccountRef": {"value": checking}, "Amount": 5},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["Transfer"]["Amount"] == 5.0
    ids = {p["Id"] for p in rows(api, "SELECT * FROM Purchase")}
    assert purchase["Id"] in ids


@pytest.mark.parametrize(
    ("entity", "change", "code", "element"),
    [
        ("purchase", {"AccountRef": None}, "2020", "AccountRef"),
        ("purchase", {"PaymentType": None}, "2020", "PaymentType"),
        ("purchase", {"PaymentType": "Bitcoin"}, "2170", "PaymentType"),
        ("purchase", {"PaymentType": "CreditCard"}, "6000", "AccountRef"),
        ("purchase", {"AccountRef": {"value": "999"}}, "2500", "AccountRef"),
        ("purchase", {"Line": []}, "2020", "Line"),
        ("purchase", {"CurrencyRef": {"value": "EUR"}}, "6000", "CurrencyRef"),
        ("purchase", {"EntityRef": {"value": "999", "type": "Vendor"}}, "2500", "EntityRef"),
        ("transfer", {"ToAccountRef": "FROM"}, "6000", "ToAccountRef"),
        ("transfer", {"Amount": 0}, "6000", "Amount"),
        ("transfer", {"Amount": None}, "2020", "Amount"),
    ],
)
def test_refusals_write_nothing(api, entity, change, code, element):
    checking, savings = _bank(api)
    if entity == "purchase":
        body = {
            "PaymentType": "Cash",
            "AccountRef": {"value": checking},
            "Line": [
                {
                    "Amount": 10,
                    "DetailType": "AccountBasedExpenseLineDetail",
                    "AccountBasedExpenseLineDetail": {"AccountRef": {"value": "23"}},
                }
            ],
        }
    else:
        body = {
            "FromAccountRef": {"value": checking},
            "ToAccountRef": {"value": savings},
            "Amount": 10,
        }
    for key, value in change.items():
        body[key] = body["FromAccountRef"] if value == "FROM" else value
    body = {k: v for k, v in body.items() if v is not None}
    table = "Purchase" if entity == "purchase" else "Transfer"
    before = rows(api, f"SELECT * FROM {table}")
    error = fault_of(post(api, entity, body))
    assert (error["code"], error.get("element")) == (code, element)
    assert rows(api, f"SELECT * FROM {table}") == before


def test_change_data_capture_reports_bank_activity(api, quickbooks_sandbox):
    checking, savings = _bank(api)
    moved = post(
        api,
        "transfer",
        {"FromAccountRef": {"value": checking}, "ToAccountRef": {"value": savings}, "Amount": 7},
    ).json()["Transfer"]
    since = moved["MetaData"]["LastUpdatedTime"]
    body = api.http.get(
        f"{api.base}/cdc",
        params={"entities": "Purchase,Deposit,Transfer", "changedSince": since},
        timeout=30,
    ).json()
    responses = body["CDCResponse"][0]["QueryResponse"]
    assert [r.get("Transfer", []) for r in responses][2][0]["Id"] == moved["Id"]

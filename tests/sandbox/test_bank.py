"""Xero sandbox: BankTransactions and BankTransfers (seed, paging, filters, If-Modified-Since,
writes and Xero's refusals), every response checked against Xero's OpenAPI schemas."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tests.plugins.sandbox import DEFAULT_SCOPE

from .schemas import validate

TYPES = {
    "SPEND",
    "RECEIVE",
    "SPEND-OVERPAYMENT",
    "RECEIVE-OVERPAYMENT",
    "SPEND-PREPAYMENT",
    "RECEIVE-PREPAYMENT",
    "SPEND-TRANSFER",
    "RECEIVE-TRANSFER",
}


def test_bank_endpoints_need_their_scope(xero_sandbox):
    assert "accounting.banktransactions" in DEFAULT_SCOPE.split()
    without = " ".join(s for s in DEFAULT_SCOPE.split() if s != "accounting.banktransactions")
    tokens = xero_sandbox.connect(scope=without)
    response = xero_sandbox.api(tokens["access_token"], "uk").get("BankTransactions")
    assert response.status_code == 401


def _contact_id(api, name="PowerDirect") -> str:
    return api.get("Contacts", params={"where": f'Name=="{name}"'}).json()["Contacts"][0][
        "ContactID"
    ]


@pytest.mark.parametrize("tenant", ["uk", "us", "au"])
def test_seed_has_every_type_status_and_a_foreign_currency(connected, tenant):
    body = connected.api(tenant).get("BankTransactions").json()
    validate(body, "BankTransactions")
    rows = body["BankTransactions"]
    assert {r["Type"] for r in rows} == TYPES
    assert {r["Status"] for r in rows} == {"AUTHORISED", "VOIDED", "DELETED"}
    base = connected.api(tenant).get("Organisation").json()["Organisations"][0]["BaseCurrency"]
    foreign = [r for r in rows if r["CurrencyCode"] != base]
    assert foreign and all(Decimal(str(r["CurrencyRate"])) != 1 for r in foreign)
    assert any(r["IsReconciled"] for r in rows)
    assert any(r["PrepaymentID"] for r in rows if "PrepaymentID" in r)
    transfers = connected.api(tenant).get("BankTransfers").json()
    validate(transfers, "BankTransfers")
    assert len(transfers["BankTransfers"]) == 2  # the deleted one is hidden
    everything = connected.api(tenant).get("BankTransfers", params={"includeDeleted": "true"})
    assert {t["Status"] for t in everything.json()["BankTransfers"]} == {"AUTHORISED", "DELETED"}
    validate(everything.json(), "BankTransfers")


def test_get_by_id_matches_schema(connected):
    for row in connected.uk.get("BankTransactions").json()["BankTransactions"]:
        one = connected.uk.get(f"BankTransactions/{row['BankTransactionID']}")
        assert one.status_code == 200
        validate(one.json(), "BankTransactions")
    for row in connected.uk.get("BankTransfers").json()["BankTransfers"]:
        one = connected.uk.get(f"BankTransfers/{row['BankTransferID']}")
        validate(one.json(), "BankTransfers")
        sides = [
            connected.uk.get(f"BankTransactions/{row[k]}").json()["BankTransactions"][0]
            for k in ("FromBankTransactionID", "ToBankTransactionID")
        ]
        assert [s["Type"] for s in sides] == ["SPEND-TRANSFER", "RECEIVE-TRANSFER"]


def test_paging_where_and_if_modified_since(connected):
    everything = connected.uk.get("BankTransactions").json()["BankTransactions"]
    first = connected.uk.get("BankTransactions", params={"page": 1, "pageSize": 5}).json()
    assert first["pagination"] == {
        "page": 1,
        "pageSize": 5,
        "pageCount": -(-len(everything) // 5),
        "itemCount": len(everything),
    }
    pages = [
        connected.uk.get("BankTransactions", params={"page": p, "pageSize": 5}).json()
        for p in range(1, first["pagination"]["pageCount"] + 1)
    ]
    ids = [r["BankTransactionID"] for page in pages for r in page["BankTransactions"]]
    assert sorted(ids) == sorted(r["BankTransactionID"] for r in everything)
    spend = connected.uk.get("BankTransactions", params={"where": 'Type=="SPEND"'}).json()
    assert spend["BankTransactions"] and {r["Type"] for r in spend["BankTransactions"]} == {"SPEND"}
    later = connected.uk.get(
        "BankTransactions", headers={"If-Modified-Since": "2030-01-01T00:00:00"}
    ).json()
    assert later["BankTransactions"] == []
    made = _spend(connected.uk)
    ms = int(made["UpdatedDateUTC"][6:-2].split("+")[0])
    stamp = datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S")
    since = connected.uk.get("BankTransactions", headers={"If-Modified-Since": stamp}).json()[
        "BankTransactions"
    ]
    assert [r["BankTransactionID"] for r in since] == [made["BankTransactionID"]]


def _spend(api, **extra) -> dict:
    body = {
        "Type": "SPEND",
        "Contact": {"ContactID": _contact_id(api)},
        "BankAccount": {"Code": "090"},
        "Date": "2024-06-03",
        "LineAmountTypes": "Inclusive",
        "LineItems": [{"Description": "Taxi", "UnitAmount": "48.00", "AccountCode": "429"}],
        **extra,
    }
    response = api.put("BankTransactions", json={"BankTransactions": [body]})
    assert response.status_code == 200, response.text
    validate(response.json(), "BankTransactions")
    return response.json()["BankTransactions"][0]


def test_create_spend_computes_totals_and_can_be_deleted(connected):
    made = _spend(connected.uk)
    assert made["Status"] == "AUTHORISED" and made["Total"] == 48
    assert Decimal(str(made["TotalTax"])) == Decimal("8.00")  # 20% inside 48.00
    gone = connected.uk.post(
        f"BankTransactions/{made['BankTransactionID']}",
        json={"BankTransactions": [{"Status": "DELETED"}]},
    )
    assert gone.status_code == 200 and gone.json()["BankTransactions"][0]["Status"] == "DELETED"
    again = connected.uk.post(
        f"BankTransactions/{made['BankTransactionID']}",
        json={"BankTransactions": [{"Reference": "too late"}]},
    )
    assert again.status_code == 400
    assert "deleted" in again.text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"BankAccount": {"Code": "429"}}, "is not a bank account"),
        ({"BankAccount": None}, "BankAccount is required"),
        ({"Contact": None}, "A Contact must be specified"),
        ({"Type": "SPEND-TRANSFER"}, "use the BankTransfers endpoint"),
        ({"Type": "PAYOUT"}, "Type must be one of"),
        ({"CurrencyCode": "EUR"}, "does not match the bank account's currency"),
        ({"LineItems": [{"Description": "x", "UnitAmount": 5}]}, "Account code must be"),
        (
            {"LineItems": [{"Description": "x", "UnitAmount": 5, "AccountCode": "090"}]},
            "not a valid code",
        ),
        ({"LineItems": []}, "At least one line item"),
    ],
)
def test_bank_transaction_refusals_write_nothing(connected, change, message):
    before = len(connected.uk.get("BankTransactions").json()["BankTransactions"])
    body = {
        "Type": "SPEND",
        "Contact": {"ContactID": _contact_id(connected.uk)},
        "BankAccount": {"Code": "090"},
        "LineItems": [{"Description": "Taxi", "UnitAmount": "48.00", "AccountCode": "429"}],
    }
    body.update(change)
    body = {k: v for k, v in body.items() if v is not None}
    response = connected.uk.put("BankTransactions", json={"BankTransactions": [body]})
    assert response.status_code == 400, response.text
    assert response.json()["Type"] == "ValidationException"
    assert message in response.text
    assert len(connected.uk.get("BankTransactions").json()["BankTransactions"]) == before


def _account_id(api, code: str) -> str:
    return api.get("Accounts", params={"where": f'Code=="{code}"'}).json()["Accounts"][0][
        "AccountID"
    ]


def test_transfer_between_currencies_writes_both_sides(connected):
    response = connected.uk.put(
        "BankTransfers",
        json={
            "BankTransfers": [
                {
                    "FromBankAccount": {"AccountID": _account_id(connected.uk, "090")},
                    "ToBankAccount": {"Code": "092"},
                    "Amount": "100.00",
                    "CurrencyRate": "1.1700",
                    "Date": "2024-06-04",
                }
            ]
        },
    )
    assert response.status_code == 200, response.text
    validate(response.json(), "BankTransfers")
    transfer = response.json()["BankTransfers"][0]
    assert transfer["Status"] == "AUTHORISED" and transfer["Amount"] == 100
    received = connected.uk.get(f"BankTransactions/{transfer['ToBankTransactionID']}").json()
    side = received["BankTransactions"][0]
    assert side["CurrencyCode"] == "USD" and Decimal(str(side["Total"])) == Decimal("117.00")
    deleted = connected.uk.post(
        f"BankTransfers/{transfer['BankTransferID']}",
        json={"BankTransfers": [{"Status": "DELETED"}]},
    )
    assert deleted.status_code == 200
    assert transfer["BankTransferID"] not in {
        t["BankTransferID"] for t in connected.uk.get("BankTransfers").json()["BankTransfers"]
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"ToBankAccount": {"Code": "090"}}, "must be different bank accounts"),
        ({"Amount": "0"}, "Amount must be greater than zero"),
        ({"Amount": "1.001"}, "no more than 2 decimal places"),
        ({"ToBankAccount": {"Code": "200"}}, "is not a bank account"),
        ({"FromBankAccount": None}, "FromBankAccount is required"),
    ],
)
def test_transfer_refusals_write_nothing(connected, change, message):
    before = connected.uk.get("BankTransactions").json()["BankTransactions"]
    body = {
        "FromBankAccount": {"Code": "090"},
        "ToBankAccount": {"Code": "091"},
        "Amount": "10.00",
    }
    body.update(change)
    body = {k: v for k, v in body.items() if v is not None}
    response = connected.uk.put("BankTransfers", json={"BankTransfers": [body]})
    assert response.status_code == 400, response.text
    assert message in response.text
    assert len(connected.uk.get("BankTransfers").json()["BankTransfers"]) == 2
    assert connected.uk.get("BankTransactions").json()["BankTransactions"] == before

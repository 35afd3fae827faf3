"""QuickBooks Purchase, Deposit and Transfer (issue 15): recorded sandbox payloads in, golden
unified records out; write bodies; Intuit's refusals translated; and the connector against the
sandbox (full and incremental reads, creates, refusals writing nothing).

Fixtures ``fixtures/quickbooks/bank_sandbox_*`` (``record_bank.py``); goldens in
``fixtures/quickbooks/golden/bank_*.json`` (``UPDATE_GOLDENS=1`` rewrites them).
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from connectors.errors import ValidationFailed
from connectors.http import Response
from connectors.jsonutil import loads
from connectors.quickbooks import spec
from connectors.quickbooks.connector import QuickBooksConnector
from connectors.quickbooks.mappers_bank import (
    bank_transaction_from_deposit,
    bank_transaction_from_purchase,
    bank_transfer_from_qbo,
    bank_transfer_to_qbo,
    expense_from_qbo,
    expense_to_qbo,
)
from unified_models import (
    BankTransactionStatus,
    BankTransactionType,
    BankTransferInput,
    ExpenseInput,
    PaymentMethod,
)

from .test_sandbox import link

FIXTURES = Path(__file__).parents[2] / "fixtures" / "quickbooks"
GOLDEN = FIXTURES / "golden"
READERS = {
    "purchase": {"bank_transaction": bank_transaction_from_purchase, "expense": expense_from_qbo},
    "deposit": {"bank_transaction": bank_transaction_from_deposit},
    "transfer": {"bank_transfer": bank_transfer_from_qbo},
}
CASES = [f"bank_sandbox_{realm}_query_{entity}" for realm in ("us", "uk") for entity in READERS]


def load(name: str) -> Any:
    return loads((FIXTURES / f"{name}.json").read_bytes())


def _rows(name: str) -> list[dict[str, Any]]:
    entity = name.rsplit("_", 1)[1]
    return load(name)["QueryResponse"][entity.capitalize()]


@pytest.mark.parametrize("name", CASES)
def test_fixture_maps_to_golden(name: str) -> None:
    entity = name.rsplit("_", 1)[1]
    got = {
        model: [mapper(row).model_dump(mode="json", exclude={"remote_data"}) for row in _rows(name)]
        for model, mapper in READERS[entity].items()
    }
    path = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDENS"):
        path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
    assert path.exists(), f"no golden for {name}: review, then run with UPDATE_GOLDENS=1"
    assert got == json.loads(path.read_text())


@pytest.mark.parametrize("realm", ["us", "uk"])
def test_recordings_cover_the_cases(realm: str) -> None:
    purchases = _rows(f"bank_sandbox_{realm}_query_purchase")
    records = [bank_transaction_from_purchase(r) for r in purchases]
    expenses = [expense_from_qbo(r) for r in purchases]
    assert {e.payment_method for e in expenses} == {
        PaymentMethod.CASH,
        PaymentMethod.CHECK,
        PaymentMethod.CREDIT_CARD,
    }
    refunds = [e for e in expenses if e.is_refund]
    assert len(refunds) == 1
    assert {r.type for r in records} == {BankTransactionType.SPEND, BankTransactionType.RECEIVE}
    assert {r.status for r in records} == {BankTransactionStatus.POSTED, BankTransactionStatus.VOID}
    assert any(r.currency not in ("USD", "GBP") and r.exchange_rate != 1 for r in records)
    assert all(
        r.contact_remote_id is None or r.contact_remote_id.startswith("Vendor:") for r in records
    )
    for record in records:
        assert record.sub_total + record.total_tax_amount == record.total_amount
    (deposit,) = [
        bank_transaction_from_deposit(r) for r in _rows(f"bank_sandbox_{realm}_query_deposit")
    ]
    assert deposit.remote_id.startswith("Deposit:") and deposit.type is BankTransactionType.RECEIVE
    assert deposit.contact_remote_id is not None and ":" not in deposit.contact_remote_id
    transfers = [bank_transfer_from_qbo(r) for r in _rows(f"bank_sandbox_{realm}_query_transfer")]
    assert len(transfers) == 2 and all(t.amount > 0 for t in transfers)


def test_write_bodies() -> None:
    body = expense_to_qbo(
        ExpenseInput(
            transaction_date=date(2025, 2, 3),
            contact_remote_id="Vendor:3",
            account_remote_id="41",
            payment_method="CREDIT_CARD",
            memo="Team lunch",
            line_items=[
                {
                    "description": "Lunch",
                    "quantity": "3",
                    "unit_price": "12.50",
                    "account_remote_id": "23",
                    "tax_rate_remote_id": "NON",
                }
            ],
        )
    )
    assert body == {
        "PaymentType": "CreditCard",
        "AccountRef": {"value": "41"},
        "EntityRef": {"value": "3", "type": "Vendor"},
        "TxnDate": "2025-02-03",
        "PrivateNote": "Team lunch",
        "Line": [
            {
                "Amount": Decimal("37.50"),
                "Description": "Lunch",
                "DetailType": "AccountBasedExpenseLineDetail",
                "AccountBasedExpenseLineDetail": {
                    "TaxCodeRef": {"value": "NON"},
                    "AccountRef": {"value": "23"},
                },
            }
        ],
    }
    assert bank_transfer_to_qbo(
        BankTransferInput(
            from_account_remote_id="35", to_account_remote_id="91", amount="5", reference="x"
        )
    ) == {
        "FromAccountRef": {"value": "35"},
        "ToAccountRef": {"value": "91"},
        "Amount": Decimal("5"),
        "PrivateNote": "x",
    }


def test_recorded_fault_names_the_field() -> None:
    raw = (FIXTURES / "bank_sandbox_us_fault_transfer_same_account.json").read_bytes()
    error = QuickBooksConnector.translate_error(None, Response(400, {}, raw), "bank_transfer")  # type: ignore[arg-type]
    assert isinstance(error, ValidationFailed)
    assert error.details[0]["field"] == "to_account"
    assert "same account" in error.details[0]["message"]


def test_specs() -> None:
    union = spec.RESOURCES["bank_transaction"]
    assert [p.query.entity for p in union.sources] == ["Purchase", "Deposit"]
    assert (
        union.source_for("Deposit:4")[1] == "4"
        and union.source_for("7")[0].query.entity == "Purchase"
    )
    for model in ("bank_transaction", "expense", "bank_transfer"):
        assert spec.RESOURCES[model].deletions is spec.DELETIONS


# -- against the sandbox -------------------------------------------------------------------------


@pytest.fixture
def wired(quickbooks_sandbox):
    return link(quickbooks_sandbox).connector()


def _all(conn, model, **kw) -> list:
    return [r for page in conn.list(model, **kw) for r in page.records]


def test_reads(wired):
    transactions = _all(wired, "bank_transaction")
    deposits = [t for t in transactions if t.remote_id.startswith("Deposit:")]
    assert len(deposits) == 2  # into checking, and into the CAD account (seed_cases.py)
    assert {t.currency for t in deposits} == {"USD", "CAD"}
    expenses = _all(wired, "expense")
    assert {e.remote_id for e in expenses} == {
        t.remote_id for t in transactions if not t.remote_id.startswith("Deposit:")
    }
    assert wired.get("bank_transaction", "Deposit:1").type is BankTransactionType.RECEIVE
    transfers = _all(wired, "bank_transfer")
    assert wired.get("bank_transfer", transfers[0].remote_id) == transfers[0]


def test_create_then_read_incrementally(wired):
    accounts = {a.name: a for a in _all(wired, "account")}
    vendor = next(c for c in _all(wired, "contact") if c.remote_id.startswith("Vendor:"))
    before = datetime.now().astimezone() - timedelta(days=3650)
    made = wired.create(
        "expense",
        ExpenseInput(
            contact_remote_id=vendor.remote_id,
            account_remote_id=accounts["Mastercard"].remote_id,
            payment_method="CREDIT_CARD",
            number="C-77",
            line_items=[
                {"description": "Saw blades", "unit_price": "64.20", "account_remote_id": "80"}
            ],
        ),
    )
    assert made.total_amount == Decimal("64.20") and made.number == "C-77"
    assert made.contact_remote_id == vendor.remote_id
    moved = wired.create(
        "bank_transfer",
        BankTransferInput(
            from_account_remote_id=accounts["Checking"].remote_id,
            to_account_remote_id=accounts["Savings"].remote_id,
            amount="40.00",
        ),
    )
    assert moved.amount == Decimal("40.00")
    since = made.remote_updated_at - timedelta(seconds=1)
    assert made.remote_updated_at > before
    changed = {e.remote_id for e in _all(wired, "expense", modified_since=since)}
    assert made.remote_id in changed
    assert moved.remote_id in {
        t.remote_id for t in _all(wired, "bank_transfer", modified_since=since)
    }


def test_refusals_write_nothing(wired):
    before = len(_all(wired, "expense"))
    accounts = {a.name: a for a in _all(wired, "account")}
    with pytest.raises(ValidationFailed) as caught:
        wired.create(
            "expense",
            ExpenseInput(
                account_remote_id=accounts["Checking"].remote_id,
                payment_method="CREDIT_CARD",
                line_items=[{"description": "x", "unit_price": "5", "account_remote_id": "23"}],
            ),
        )
    assert caught.value.details[0]["field"] == "account"
    with pytest.raises(ValidationFailed) as missing:
        wired.create("expense", ExpenseInput(line_items=[{"description": "x", "unit_price": "5"}]))
    assert {d["field"] for d in missing.value.details} == {
        "account_remote_id",
        "line_items[0].account_remote_id",
    }
    with pytest.raises(ValidationFailed, match="not supported"):
        wired.create(
            "expense",
            ExpenseInput(
                reference="R1",
                account_remote_id="35",
                line_items=[{"description": "x", "unit_price": "5", "account_remote_id": "23"}],
            ),
        )
    assert len(_all(wired, "expense")) == before

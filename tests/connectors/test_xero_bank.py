"""Xero bank transactions, expenses and bank transfers (issue 15): recorded payloads in,
golden unified records out; write bodies; Xero's refusals translated; and the connector against
the sandbox (full and incremental reads, creates).

Fixtures: ``sandbox_*bank*`` recorded by ``fixtures/xero/record_bank.py``, ``openapi_*bank*``
from Xero's OpenAPI examples (``extract_openapi_examples.py``). Goldens in
``fixtures/xero/golden/bank_<fixture>.json`` (``UPDATE_GOLDENS=1`` rewrites them).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from connectors.credentials import InMemoryCredentialStore
from connectors.errors import NotFound, ValidationFailed
from connectors.http import Response
from connectors.jsonutil import loads
from connectors.limiter import InProcessLimiter
from connectors.oauth import new_code_verifier, new_state
from connectors.xero import XeroProvider, spec
from connectors.xero.connector import XeroConnector
from connectors.xero.mappers_bank import (
    bank_transaction_from_xero,
    bank_transfer_from_xero,
    bank_transfer_to_xero,
    expense_from_xero,
    expense_to_xero,
)
from tests.sandbox.schemas import validate
from unified_models import (
    BankTransactionStatus,
    BankTransactionType,
    BankTransferInput,
    ExpenseInput,
    TaxTreatment,
)

from .test_sandbox import Linked, read_all, settings_for

FIXTURES = Path(__file__).parents[1] / "fixtures" / "xero"
GOLDEN = FIXTURES / "golden"

CASES = {
    "sandbox_get_bank_transactions": "BankTransactions",
    "openapi_get_bank_transactions": "BankTransactions",
    "openapi_get_bank_transaction": "BankTransactions",
    "openapi_create_bank_transactions": "BankTransactions",
    "sandbox_get_bank_transfers": "BankTransfers",
    "openapi_get_bank_transfers": "BankTransfers",
    "openapi_get_bank_transfer": "BankTransfers",
    "openapi_create_bank_transfer": "BankTransfers",
}


def load(name: str) -> Any:
    return loads((FIXTURES / f"{name}.json").read_bytes())


def _mapped(name: str) -> dict[str, list[dict[str, Any]]]:
    rows = load(name)[CASES[name]]
    if CASES[name] == "BankTransfers":
        return {"bank_transfer": [_dump(bank_transfer_from_xero(r)) for r in rows]}
    return {
        "bank_transaction": [_dump(bank_transaction_from_xero(r)) for r in rows],
        "expense": [_dump(expense_from_xero(r)) for r in rows if r["Type"] == "SPEND"],
    }


def _dump(record: Any) -> dict[str, Any]:
    return record.model_dump(mode="json", exclude={"remote_data"})


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_maps_to_golden(name: str) -> None:
    got = _mapped(name)
    path = GOLDEN / f"bank_{name}.json"
    if os.environ.get("UPDATE_GOLDENS"):
        path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
    assert path.exists(), f"no golden for {name}: review, then run with UPDATE_GOLDENS=1"
    assert got == json.loads(path.read_text())


@pytest.mark.parametrize("name", [n for n in CASES if n.startswith("sandbox_")])
def test_recorded_sandbox_payloads_match_xero_schema(name: str) -> None:
    validate(json.loads((FIXTURES / f"{name}.json").read_text()), CASES[name])


def test_sandbox_recording_covers_every_type_status_and_currency() -> None:
    records = [
        bank_transaction_from_xero(r)
        for r in load("sandbox_get_bank_transactions")["BankTransactions"]
    ]
    assert {r.type for r in records} == set(BankTransactionType)
    assert {r.status for r in records} == set(BankTransactionStatus)
    assert all(r.remote_was_deleted == (r.status is BankTransactionStatus.DELETED) for r in records)
    foreign = [r for r in records if r.currency != "GBP"]
    assert foreign and all(r.exchange_rate != 1 for r in foreign)
    for record in records:  # money is exact: lines add up to the totals
        lines = sum((li.total_amount for li in record.line_items), Decimal(0))
        if record.tax_treatment is TaxTreatment.INCLUSIVE:
            assert lines == record.total_amount
        else:
            assert lines == record.sub_total
        assert record.sub_total + record.total_tax_amount == record.total_amount
    transfers = [
        bank_transfer_from_xero(r) for r in load("sandbox_get_bank_transfers")["BankTransfers"]
    ]
    assert {t.status for t in transfers} == {
        BankTransactionStatus.POSTED,
        BankTransactionStatus.DELETED,
    }
    assert all(t.remote_updated_at is not None for t in transfers)  # CreatedDateUTC stands in


def test_expense_mapper_refuses_other_types() -> None:
    receive = next(
        r for r in load("sandbox_get_bank_transactions")["BankTransactions"] if r["Type"] != "SPEND"
    )
    with pytest.raises(ValueError, match="not an expense"):
        expense_from_xero(receive)


def test_expense_and_transfer_bodies() -> None:
    body = expense_to_xero(
        ExpenseInput(
            transaction_date=date(2024, 6, 3),
            contact_remote_id="c1",
            account_code="090",
            tax_treatment=TaxTreatment.INCLUSIVE,
            reference="Taxi",
            line_items=[{"description": "Taxi", "unit_price": "48.00", "account_code": "429"}],
        )
    )
    assert body == {
        "Type": "SPEND",
        "Contact": {"ContactID": "c1"},
        "BankAccount": {"Code": "090"},
        "Date": "2024-06-03",
        "Reference": "Taxi",
        "LineAmountTypes": "Inclusive",
        "LineItems": [
            {"Description": "Taxi", "UnitAmount": Decimal("48.00"), "AccountCode": "429"}
        ],
    }
    transfer = bank_transfer_to_xero(
        BankTransferInput(from_account_remote_id="a", to_account_remote_id="b", amount="10.5")
    )
    assert transfer == {
        "FromBankAccount": {"AccountID": "a"},
        "ToBankAccount": {"AccountID": "b"},
        "Amount": Decimal("10.5"),
    }


@pytest.mark.parametrize(
    ("fixture", "model", "field"),
    [
        ("sandbox_put_bank_transaction_400", "expense", "line_items[0].account_code"),
        ("sandbox_put_bank_transfer_400", "bank_transfer", ""),
    ],
)
def test_recorded_refusals_translate(fixture, model, field) -> None:
    raw = (FIXTURES / f"{fixture}.json").read_bytes()
    response = Response(400, {}, raw)
    error = XeroConnector.translate_error(None, response, model)  # type: ignore[arg-type]
    assert isinstance(error, ValidationFailed)
    assert error.details and error.details[0]["field"] == field


def test_specs() -> None:
    expense = spec.RESOURCES["expense"]
    assert expense.list_params["where"] == 'Type=="SPEND"'
    assert spec.RESOURCES["bank_transaction"].paginator is spec.PAGINATOR
    assert spec.RESOURCES["bank_transfer"].paginator is None  # Xero does not page transfers
    for model in ("bank_transaction", "expense", "bank_transfer"):
        assert spec.RESOURCES[model].scope == spec.BANK_SCOPE


# -- against the sandbox -------------------------------------------------------------------------


def link_with_bank_scope(sb) -> Linked:
    """``test_sandbox.link``, the consent granting what the provider asks for (its bank scope
    among them; the sandbox's helper grants a fixed list)."""
    provider = XeroProvider(settings_for(sb), limiter=InProcessLimiter())
    assert "accounting.banktransactions" in provider.scopes_for()
    verifier, state = new_code_verifier(), new_state()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    code = sb.authorize(
        tenants=["uk"],
        state=state,
        code_challenge=challenge.decode(),
        scope=" ".join(provider.scopes_for()),
    )
    creds = provider.exchange_code(code, sb.redirect_uri, verifier)
    tenants = provider.list_tenants(creds)
    return Linked(provider, InMemoryCredentialStore(creds), tenants)


@pytest.fixture
def wired(xero_sandbox):
    return link_with_bank_scope(xero_sandbox).connector()


def test_full_reads(wired):
    transactions, calls, _ = read_all(wired, "bank_transaction")
    assert {t.type for t in transactions} == set(BankTransactionType) and calls == 1
    expenses, _, _ = read_all(wired, "expense")
    assert {e.remote_id for e in expenses} == {
        t.remote_id for t in transactions if t.type is BankTransactionType.SPEND
    }
    transfers, _, _ = read_all(wired, "bank_transfer")
    assert len(transfers) == 3 and any(t.remote_was_deleted for t in transfers)
    one = wired.get("expense", expenses[0].remote_id)
    assert one == expenses[0]
    other = next(t for t in transactions if t.type is BankTransactionType.RECEIVE)
    with pytest.raises(NotFound):
        wired.get("expense", other.remote_id)


def test_create_expense_and_transfer_then_read_incrementally(wired, xero_sandbox):
    ctl = xero_sandbox.control
    ctl.advance_clock(60)
    since = datetime.fromisoformat(ctl.clock()["now"]) - timedelta(seconds=1)
    assert read_all(wired, "expense", modified_since=since)[0] == []
    contact = read_all(wired, "contact")[0][0]
    made = wired.create(
        "expense",
        ExpenseInput(
            transaction_date=date(2024, 6, 3),
            contact_remote_id=contact.remote_id,
            account_code="092",
            currency="USD",
            exchange_rate="1.25",
            line_items=[
                {"description": "Import duty", "unit_price": "99.99", "account_code": "310"}
            ],
        ),
    )
    assert made.currency == "USD" and made.exchange_rate == Decimal("1.25")
    assert made.total_amount == Decimal("99.99") + made.total_tax_amount
    accounts = {a.code: a for a in read_all(wired, "account")[0]}
    moved = wired.create(
        "bank_transfer",
        BankTransferInput(
            from_account_remote_id=accounts["090"].remote_id,
            to_account_remote_id=accounts["091"].remote_id,
            amount="250.00",
            transaction_date=date(2024, 6, 4),
        ),
    )
    assert moved.amount == Decimal("250.00") and moved.status is BankTransactionStatus.POSTED
    assert [e.remote_id for e in read_all(wired, "expense", modified_since=since)[0]] == [
        made.remote_id
    ]
    changed = read_all(wired, "bank_transaction", modified_since=since)[0]
    assert {t.type for t in changed} == {
        BankTransactionType.SPEND,
        BankTransactionType.SPEND_TRANSFER,
        BankTransactionType.RECEIVE_TRANSFER,
    }
    assert [t.remote_id for t in read_all(wired, "bank_transfer", modified_since=since)[0]] == [
        moved.remote_id
    ]


def test_refusals_name_the_field_and_write_nothing(wired):
    before = len(read_all(wired, "bank_transaction")[0])
    accounts = {a.code: a for a in read_all(wired, "account")[0]}
    contact = read_all(wired, "contact")[0][0]
    with pytest.raises(ValidationFailed) as caught:
        wired.create(
            "expense",
            ExpenseInput(
                contact_remote_id=contact.remote_id,
                account_code="090",
                line_items=[{"description": "x", "unit_price": "5", "account_code": "NOPE"}],
            ),
        )
    assert caught.value.details[0]["field"] == "line_items[0].account_code"
    with pytest.raises(ValidationFailed) as missing:
        wired.create("expense", ExpenseInput(line_items=[{"description": "x", "unit_price": "5"}]))
    assert {d["field"] for d in missing.value.details} == {
        "account_remote_id",
        "contact_remote_id",
    }
    with pytest.raises(ValidationFailed, match="not supported"):
        wired.create("expense", ExpenseInput(memo="private", line_items=[]))
    with pytest.raises(ValidationFailed) as bank:
        wired.create(
            "bank_transfer",
            BankTransferInput(
                from_account_remote_id=accounts["090"].remote_id,
                to_account_remote_id=accounts["200"].remote_id,
                amount="1",
            ),
        )
    assert "not a bank account" in str(bank.value.details)
    assert len(read_all(wired, "bank_transaction")[0]) == before

"""Xero journals: ManualJournals (journal entries) and Journals (general ledger transactions).

Recorded payloads in (Xero's own OpenAPI examples and sandbox recordings, see
``fixtures/xero/record_journals.py``), golden unified records out; write bodies; the offset
paginator; and the connector against the sandbox (offset paging, writes, Xero's refusal)."""

from __future__ import annotations

import functools
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from connectors.cursor import ListCursor
from connectors.errors import ValidationFailed
from connectors.jsonutil import loads
from connectors.specs import OffsetPaginator
from connectors.xero import mappers_journal as mj
from connectors.xero import spec
from tests.sandbox.schemas import validate
from unified_models import (
    LIMIT_ERRORS,
    JournalEntryInput,
    JournalEntryStatus,
    LedgerSourceType,
    TaxTreatment,
)

from .test_sandbox import link, read_all

FIXTURES = Path(__file__).parents[1] / "fixtures" / "xero"
GOLDEN = FIXTURES / "golden"
READERS = {
    "ManualJournals": mj.journal_entry_from_xero,
    "Journals": mj.general_ledger_transaction_from_xero,
}
JOURNAL_SCOPES = ("accounting.manualjournals", "accounting.journals.read")


def load(name: str) -> Any:
    return loads((FIXTURES / f"{name}.json").read_bytes())


def golden_cases() -> list[str]:
    return sorted(
        p.stem
        for p in FIXTURES.glob("journal_*.json")
        if any(k in loads(p.read_bytes()) for k in READERS)
    )


def test_fixtures_cover_both_resources_from_both_sources():
    cases = golden_cases()
    for key in READERS:
        holders = [c for c in cases if key in load(c)]
        assert any(c.startswith("journal_sandbox_") for c in holders), key
        assert any(c.startswith("journal_openapi_") for c in holders), key


@pytest.mark.parametrize("name", golden_cases())
def test_fixture_maps_to_golden(name: str) -> None:
    body = load(name)
    (key,) = [k for k in READERS if k in body]
    records = [READERS[key](row) for row in body[key]]
    got = [r.model_dump(mode="json", exclude={"remote_data"}) for r in records]
    golden_path = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDENS"):
        golden_path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
    assert golden_path.exists(), f"no golden for {name}: review, then run with UPDATE_GOLDENS=1"
    assert got == json.loads(golden_path.read_text())
    for record, row in zip(records, body[key], strict=True):
        assert record.remote_data == row
        assert record.total_debit == record.total_credit  # every journal balances


@pytest.mark.parametrize(
    "name", ["journal_sandbox_get_manual_journals", "journal_sandbox_get_journals"]
)
def test_recorded_sandbox_payloads_match_xeros_spec(name: str) -> None:
    body = load(name)
    validate(body, "ManualJournals" if "ManualJournals" in body else "Journals")


def test_manual_journal_lines_read_as_debits_and_credits():
    (journal,) = [
        mj.journal_entry_from_xero(row)
        for row in load("journal_sandbox_get_manual_journals")["ManualJournals"]
        if row["Status"] == "POSTED"
    ]
    assert (
        journal.status is JournalEntryStatus.POSTED and journal.tax_treatment is TaxTreatment.NO_TAX
    )
    debit, credit = journal.lines
    assert (debit.debit_amount, debit.credit_amount, debit.net_amount) == (
        Decimal("1200.00"),
        None,
        Decimal("1200.00"),
    )
    assert (credit.debit_amount, credit.credit_amount) == (None, Decimal("1200.00"))
    assert journal.total_debit == journal.total_credit == Decimal("1200.00")


def test_system_journals_point_at_their_source_documents():
    records = [
        mj.general_ledger_transaction_from_xero(row)
        for row in load("journal_sandbox_get_journals")["Journals"]
    ]
    kinds = {r.source_type for r in records}
    assert {
        LedgerSourceType.INVOICE,
        LedgerSourceType.PAYMENT,
        LedgerSourceType.JOURNAL_ENTRY,
    } <= kinds
    # Recorded in the same session: every manual journal's ledger journal names it.
    manual = {
        r["ManualJournalID"]: r["Status"]
        for r in load("journal_sandbox_get_manual_journals")["ManualJournals"]
    }
    for record in records:
        assert record.source_remote_id and record.number and record.remote_created_at
        if record.source_type is LedgerSourceType.JOURNAL_ENTRY:
            assert manual[record.source_remote_id] in ("POSTED", "VOIDED")
    assert "DRAFT" not in {
        manual[r.source_remote_id]
        for r in records
        if r.source_type is LedgerSourceType.JOURNAL_ENTRY
    }
    numbers = [int(r.number) for r in records]
    assert numbers == sorted(numbers)


def test_unknown_source_types_point_nowhere():
    row = dict(load("journal_openapi_get_journals")["Journals"][0], SourceType="PAYSLIP")
    record = mj.general_ledger_transaction_from_xero(row)
    assert record.source_type is LedgerSourceType.OTHER and record.source_remote_id is None
    assert record.source_type_raw == "PAYSLIP"


def test_journal_entry_input_to_xero_body():
    data = JournalEntryInput(
        transaction_date="2026-11-30",
        memo="Accrual",
        status="POSTED",
        tax_treatment="NO_TAX",
        lines=[
            {"description": "Rent", "debit_amount": "1200.5", "account_code": "429"},
            {"credit_amount": "1200.50", "account_remote_id": "abc", "tax_rate_remote_id": "NONE"},
        ],
    )
    assert mj.journal_entry_to_xero(data, remote_id="mj-1") == {
        "ManualJournalID": "mj-1",
        "Narration": "Accrual",
        "Date": "2026-11-30",
        "LineAmountTypes": "NoTax",
        "Status": "POSTED",
        "JournalLines": [
            {"LineAmount": Decimal("1200.5"), "AccountCode": "429", "Description": "Rent"},
            {"LineAmount": Decimal("-1200.50"), "AccountID": "abc", "TaxType": "NONE"},
        ],
    }
    assert mj.journal_entry_to_xero(JournalEntryInput(status="VOID")) == {"Status": "VOIDED"}


@pytest.mark.parametrize(
    "lines",
    [
        [
            {"debit_amount": "100", "account_code": "429"},
            {"credit_amount": "90", "account_code": "090"},
        ],
        [{"debit_amount": "100", "account_code": "429"}],
    ],
)
def test_unbalanced_input_is_a_limit_error(lines):
    with pytest.raises(ValidationError) as caught:
        JournalEntryInput(memo="x", lines=lines)
    (error,) = caught.value.errors()
    assert error["loc"] == ("lines",) and error["type"] in LIMIT_ERRORS


def test_a_line_is_a_debit_or_a_credit():
    with pytest.raises(ValidationError):
        JournalEntryInput(
            lines=[{"debit_amount": "1", "credit_amount": "1"}, {"credit_amount": "0"}]
        )
    with pytest.raises(ValidationError):
        JournalEntryInput(lines=[{"debit_amount": "-5"}, {"credit_amount": "-5"}])


def test_journals_spec_pages_by_offset():
    resource = spec.RESOURCES["general_ledger_transaction"]
    assert isinstance(resource.paginator, OffsetPaginator)
    assert (resource.paginator.param, resource.paginator.key_field) == ("offset", "JournalNumber")
    assert resource.operations == frozenset({"list", "get"})
    assert resource.scope.accepted(write=False) == ("accounting.journals.read",)
    manual = spec.RESOURCES["journal_entry"]
    assert manual.operations == frozenset({"list", "get", "create", "update"})
    assert "accounting.manualjournals" in manual.scope.accepted(write=True)


def test_offset_paginator_next_offset():
    paginator = OffsetPaginator()
    assert paginator.next_offset([{"JournalNumber": 7}, {"JournalNumber": 9}], 3) == 9
    assert paginator.next_offset([], 3) == 3


# -- against the sandbox --------------------------------------------------------------------------


#: The sandbox's consent shortcut grants what it is asked for (the demo default has no journals).
SCOPE = (
    "openid offline_access accounting.invoices accounting.payments accounting.contacts "
    "accounting.settings accounting.manualjournals accounting.journals.read"
)


def link_with_journals(xero_sandbox, monkeypatch, **kw):
    authorize = functools.partial(type(xero_sandbox).authorize, xero_sandbox, scope=SCOPE)
    monkeypatch.setattr(xero_sandbox, "authorize", authorize)
    return link(xero_sandbox, **kw)


@pytest.fixture
def wired(xero_sandbox, monkeypatch):
    return link_with_journals(xero_sandbox, monkeypatch).connector()


def _post_many(wired, count: int) -> None:
    body = {
        "ManualJournals": [
            {
                "Narration": f"Bulk {i}",
                "Date": "2024-05-01",
                "Status": "POSTED",
                "JournalLines": [
                    {"LineAmount": "10.00", "AccountCode": "429"},
                    {"LineAmount": "-10.00", "AccountCode": "090"},
                ],
            }
            for i in range(count)
        ]
    }
    response = wired.client.request("PUT", "ManualJournals", json=body)
    assert response.status == 200


def test_connector_reads_every_journal_once_by_offset(wired, xero_sandbox):
    before, _, _ = read_all(wired, "general_ledger_transaction")
    _post_many(wired, 150)
    records, calls, pages = read_all(wired, "general_ledger_transaction")
    assert len(records) == len(before) + 150
    assert len({r.remote_id for r in records}) == len(records)
    assert [int(r.number) for r in records] == list(range(1, len(records) + 1))
    assert calls == pages == len(records) // 100 + 1
    # A cursor names the last journal number read: resuming from it reads the rest once.
    first = next(iter(wired.list("general_ledger_transaction")))
    assert ListCursor.decode(first.next_cursor).page == int(first.records[-1].number) == 100
    rest = read_all(wired, "general_ledger_transaction", cursor=first.next_cursor)[0]
    assert [r.remote_id for r in first.records + rest] == [r.remote_id for r in records]


def test_connector_creates_updates_and_voids_a_manual_journal(wired):
    accounts = {a.code: a for a in read_all(wired, "account")[0]}
    created = wired.create(
        "journal_entry",
        JournalEntryInput(
            memo="Depreciation",
            transaction_date="2024-06-30",
            status="DRAFT",
            lines=[
                {"debit_amount": "80.00", "account_remote_id": accounts["429"].remote_id},
                {"credit_amount": "80.00", "account_code": "090", "description": "Laptop"},
            ],
        ),
    )
    assert created.status is JournalEntryStatus.DRAFT and created.total_debit == Decimal("80.00")
    assert [line.account_code for line in created.lines] == ["429", "090"]
    posted = wired.update("journal_entry", created.remote_id, JournalEntryInput(status="POSTED"))
    assert posted.status is JournalEntryStatus.POSTED and len(posted.lines) == 2
    ledger = read_all(wired, "general_ledger_transaction")[0]
    assert ledger[-1].source_remote_id == created.remote_id
    assert ledger[-1].source_type is LedgerSourceType.JOURNAL_ENTRY
    voided = wired.update("journal_entry", created.remote_id, JournalEntryInput(status="VOID"))
    assert voided.status is JournalEntryStatus.VOID
    again = read_all(wired, "general_ledger_transaction")[0]
    assert len(again) == len(ledger) + 1 and again[-1].lines[0].net_amount == Decimal("-80.00")
    assert wired.get("journal_entry", created.remote_id).status is JournalEntryStatus.VOID


def test_xero_refusals_are_translated(wired):
    with pytest.raises(ValidationFailed) as caught:
        wired.create(
            "journal_entry",
            JournalEntryInput(
                memo="Bad account",
                lines=[
                    {"debit_amount": "5", "account_code": "NOPE"},
                    {"credit_amount": "5", "account_code": "090"},
                ],
            ),
        )
    assert caught.value.details == [
        {
            "field": "lines[0].account_code",
            "message": "Account code 'NOPE' is not a valid code for this document.",
        }
    ]
    with pytest.raises(ValidationFailed) as currency:
        wired.create(
            "journal_entry",
            JournalEntryInput(
                memo="x",
                currency="EUR",
                lines=[
                    {"debit_amount": "5", "account_code": "429"},
                    {"credit_amount": "5", "account_code": "090"},
                ],
            ),
        )
    assert [d["field"] for d in currency.value.details] == ["currency"]


def test_recorded_unbalanced_answer_is_a_validation_failure():
    body = load("journal_sandbox_put_manual_journal_400")
    assert body["Type"] == "ValidationException"
    messages = [e["Message"] for e in body["Elements"][0]["ValidationErrors"]]
    assert messages == ["The total debits (100.00) must equal total credits (90.00)"]

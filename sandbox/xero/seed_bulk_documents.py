"""Bulk documents beyond invoices, for benchmarks and paging tests: sales credit notes, purchase
orders, posted manual journals, RECEIVE and SPEND bank transactions (SPEND ones are what the
gateway calls expenses) and bank transfers.

Each goes through the same domain code as an API write, so totals, statuses and the journals
the sandbox writes for posted documents (the ``Journals`` endpoint) are what an API write
gives: an approved credit note or a posted manual journal adds one journal (the sandbox does
not journal bank transactions and transfers yet; Xero does). Slower per record than the invoice
bulk load (a few hundred a second), so meant for thousands, not hundreds of thousands."""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from . import resources as R
from .domain import bank, journals, purchase_orders, transactions
from .ids import seeded
from .ledger import Ledger
from .store import Store

#: Count keys ``reset`` takes, in seeding order.
KINDS = (
    "credit_notes",
    "purchase_orders",
    "manual_journals",
    "bank_transactions",
    "expenses",
    "bank_transfers",
)
START = date(2024, 6, 3)
#: When the bulk documents are entered (after the demo books, seeded from 2025-01-01).
EPOCH = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def seed_bulk_documents(store: Store, tenant_id: str, counts: Mapping[str, int]) -> dict:
    """``counts[kind]`` documents of each kind for ``tenant_id`` (missing kinds: none)."""
    unknown = set(counts) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown bulk documents {sorted(unknown)}; use {list(KINDS)}")
    from .seed import SeedClock  # late: seed imports this module

    started = time.perf_counter()
    # Timestamps in the past (one second a reading, from EPOCH), like the rest of the bulk
    # data: a sync right after the seed must not see them as changes of the last minutes.
    ledger = Ledger(store, SeedClock(EPOCH), tenant_id)
    # The first 50 active contacts (not every contact: a bulk organisation has thousands).
    contacts = [
        {"ContactID": row["id"]}
        for row in store.all(
            "SELECT id FROM records WHERE tenant_id=? AND kind=? AND status='ACTIVE' "
            "ORDER BY seq LIMIT 50",
            (tenant_id, R.CONTACTS.kind),
        )
    ]
    if not contacts:
        raise ValueError("the organisation has no active contact")
    with store.write(), seeded(f"bulk-documents:{tenant_id}"):
        for kind in KINDS:
            for i in range(int(counts.get(kind) or 0)):
                contact = {"ContactID": contacts[i % len(contacts)]["ContactID"]}
                _SEEDERS[kind](ledger, i, contact)
    return {
        **{k: int(counts.get(k) or 0) for k in KINDS},
        "seconds": round(time.perf_counter() - started, 3),
    }


def _day(i: int) -> str:
    return (START + timedelta(days=i % 365)).isoformat()


def _line(description: str, unit: Decimal, account: str) -> dict:
    return {
        "Description": description,
        "Quantity": Decimal(1),
        "UnitAmount": unit,
        "AccountCode": account,
    }


def _amount(i: int) -> Decimal:
    return Decimal(1000 + (i * 37) % 9000) / Decimal(100)


def _credit_note(ledger: Ledger, i: int, contact: dict) -> None:
    transactions.upsert(
        ledger,
        transactions.CREDIT_NOTE,
        {
            "Type": "ACCRECCREDIT",
            "Status": "AUTHORISED",
            "Contact": contact,
            "Date": _day(i),
            "Reference": f"Bulk credit {i + 1}",
            "LineItems": [_line("Returned goods", _amount(i), "200")],
        },
        None,
    )


def _purchase_order(ledger: Ledger, i: int, contact: dict) -> None:
    purchase_orders.upsert(
        ledger,
        {
            "Status": ("DRAFT", "SUBMITTED", "AUTHORISED")[i % 3],
            "Contact": contact,
            "Date": _day(i),
            "DeliveryDate": _day(i + 14),
            "Reference": f"Bulk order {i + 1}",
            "LineItems": [_line("Supplies", _amount(i), "429")],
        },
        None,
    )


def _manual_journal(ledger: Ledger, i: int, contact: dict) -> None:
    value = _amount(i)
    journals.upsert_manual_journal(
        ledger,
        {
            "Narration": f"Bulk accrual {i + 1}",
            "Date": _day(i),
            "Status": "POSTED",
            "JournalLines": [
                {"LineAmount": str(value), "AccountCode": "429", "Description": "Accrual"},
                {"LineAmount": str(-value), "AccountCode": "090", "Description": "Accrual"},
            ],
        },
        None,
    )


def _bank_transaction(kind: str, account: str, description: str):
    def seed(ledger: Ledger, i: int, contact: dict) -> None:
        bank.upsert_bank_transaction(
            ledger,
            {
                "Type": kind,
                "Contact": contact,
                "BankAccount": {"Code": "090"},
                "Date": _day(i),
                "Reference": f"Bulk {kind.lower()} {i + 1}",
                "LineItems": [_line(description, _amount(i), account)],
            },
            None,
        )

    return seed


def _bank_transfer(ledger: Ledger, i: int, contact: dict) -> None:
    source, target = ("090", "091") if i % 2 == 0 else ("091", "090")
    bank.write_bank_transfer(
        ledger,
        {
            "FromBankAccount": {"Code": source},
            "ToBankAccount": {"Code": target},
            "Amount": _amount(i),
            "Date": _day(i),
            "Reference": f"Bulk transfer {i + 1}",
        },
        None,
    )


_SEEDERS = {
    "credit_notes": _credit_note,
    "purchase_orders": _purchase_order,
    "manual_journals": _manual_journal,
    "bank_transactions": _bank_transaction("RECEIVE", "260", "Other income"),
    "expenses": _bank_transaction("SPEND", "429", "General expenses"),
    "bank_transfers": _bank_transfer,
}

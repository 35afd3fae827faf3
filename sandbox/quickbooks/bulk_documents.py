"""Bulk documents beyond invoices, for benchmarks and paging tests: copies of a seeded credit
memo, purchase order, journal entry, deposit, purchase (an expense) and transfer of a company,
each with its own Id, number and timestamps (oldest first, after the demo books).

The copies are of documents the seed already keeps valid (balanced journal lines, references
to the company's own accounts, customers and vendors), unlinked from anything (an open purchase
order, an unapplied credit memo), so the books stay true: a copy is posted wherever the original
is (the JournalReport has a section for each journal entry copy; it does not post credit memos,
deposits, purchases or transfers yet)."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from .seed import Company, stamp
from .store import Store

#: Count key → the QuickBooks entity copied (same keys as the Xero sandbox's bulk documents).
KINDS = {
    "credit_notes": "CreditMemo",
    "purchase_orders": "PurchaseOrder",
    "manual_journals": "JournalEntry",
    "bank_transactions": "Deposit",
    "expenses": "Purchase",
    "bank_transfers": "Transfer",
}
START = datetime(2025, 4, 1, tzinfo=UTC)


def _template(store: Store, realm: str, entity: str) -> dict[str, Any]:
    """The company's first seeded document of ``entity`` (an open, unlinked one)."""
    docs = store.docs(realm, entity)
    if not docs:
        raise ValueError(f"no seeded {entity} to copy")
    return docs[0]


def bulk_documents(store: Store, c: Company, counts: Mapping[str, int]) -> dict[str, int]:
    unknown = set(counts) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown bulk documents {sorted(unknown)}; use {list(KINDS)}")
    done: dict[str, int] = {}
    for kind, entity in KINDS.items():
        count = int(counts.get(kind) or 0)
        if count <= 0:
            continue
        template = _template(store, c.realm, entity)
        first = int(store.next_id(c.realm, entity))
        docs = []
        for n in range(count):
            doc = copy.deepcopy(template)
            moment = START + timedelta(minutes=n)
            when = stamp(moment, c.tz)
            doc.update(
                Id=str(first + n),
                SyncToken="0",
                MetaData={"CreateTime": when, "LastUpdatedTime": when},
                TxnDate=(moment.date() - timedelta(days=n % 60)).isoformat(),
            )
            if "DocNumber" in doc or entity in ("CreditMemo", "PurchaseOrder", "JournalEntry"):
                doc["DocNumber"] = f"BK{first + n:06d}"
            if entity == "PurchaseOrder":
                doc.update(LinkedTxn=[], POStatus="Open")
            if entity == "CreditMemo":
                doc.pop("LinkedTxn", None)
                doc["Balance"] = doc.get("TotalAmt")
            docs.append(doc)
        store.put_many(c.realm, entity, docs)
        done[kind] = count
    return done

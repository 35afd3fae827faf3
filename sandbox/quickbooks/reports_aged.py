"""AgedReceivables and AgedPayables (summary, one row per customer / vendor) as of
``report_date``, reconciling with the A/R and A/P accounts of the balance sheet that day.

Open items are the documents whose ledger lines (``ledger.postings``) touch the control account,
each contributing its control line times the share still open on the report date: an invoice
(bill, credit memo, vendor credit) less what Payment / BillPayment lines dated by then applied to
it; a payment its unapplied amount; a journal entry line on A/R (A/P) in full. Ageing: days past
``DueDate`` (``TxnDate`` when there is none): Current (not yet due), then ``num_periods``
buckets of ``aging_period`` days, the last one open ("91 and over")."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .ledger import PAYABLE, RECEIVABLE, postings
from .reports_books import POSTING_ENTITIES, _applications, _d, _dimensions
from .reports_format import cell, money
from .store import Store

__all__ = ["aged"]

CENT = Decimal("0.01")
ZERO = Decimal(0)


def _open_items(store: Store, realm: str, control: str, day: date, party: str):
    """[(party id, due date, amount owed in home currency, customer (or vendor) positive)]."""
    applied = _applications(store, realm)
    sign = 1 if control == RECEIVABLE else -1
    out = []
    for entity in POSTING_ENTITIES:
        for doc in store.docs(realm, entity):
            txn = str(doc.get("TxnDate") or "")[:10]
            if not txn or date.fromisoformat(txn) > day:
                continue
            lines = postings(store, realm, entity, doc)
            on_control = sum((v for a, v, _ in lines if a == control), ZERO)
            if not on_control:
                continue
            total = _d(doc.get("TotalAmt"))
            if entity in ("Payment", "BillPayment"):
                lines_paid = sum((_d(x.get("Amount")) for x in doc.get("Line") or ()), ZERO)
                unapplied = _d(doc.get("UnappliedAmt", total - lines_paid))
                share = unapplied / total if total else ZERO
            elif entity == "JournalEntry":
                share = Decimal(1)
            else:
                paid = sum(
                    (a for d, a in applied.get((entity, str(doc["Id"])), []) if d <= day), ZERO
                )
                share = (total - paid) / total if total else ZERO
            amount = (sign * on_control * share).quantize(CENT, rounding=ROUND_HALF_UP)
            if not amount:
                continue
            who = dict(_dimensions(entity, doc)).get(party) or ""
            due = str(doc.get("DueDate") or txn)[:10]
            out.append((who, date.fromisoformat(due), amount))
    return out


def aged(
    store: Store,
    realm: str,
    *,
    payable: bool,
    day: date,
    period: int,
    periods: int,
    only: str | None,
) -> tuple[dict[str, Any], list[dict[str, Any]], bool]:
    """(Columns, Rows, has data) of the summary report."""
    control, party, entity = (
        (PAYABLE, "Vendors", "Vendor") if payable else (RECEIVABLE, "Customers", "Customer")
    )
    buckets = ["Current"] + [f"{n * period + 1} - {(n + 1) * period}" for n in range(periods)]
    buckets[-1] = f"{(periods - 1) * period + 1} and over"
    keys = ["current"] + [str(n) for n in range(periods)]
    columns = {
        "Column": [
            {"ColTitle": "", "ColType": entity, "MetaData": [{"Name": "ColKey", "Value": "name"}]}
        ]
        + [
            {"ColTitle": t, "ColType": "Money", "MetaData": [{"Name": "ColKey", "Value": k}]}
            for t, k in zip(buckets, keys, strict=True)
        ]
        + [
            {
                "ColTitle": "Total",
                "ColType": "Money",
                "MetaData": [{"Name": "ColKey", "Value": "total"}],
            }
        ]
    }
    per: dict[str, list[Decimal]] = {}
    for who, due, amount in _open_items(store, realm, control, day, party):
        if only and who != only:
            continue
        late = (day - due).days
        index = 0 if late <= 0 else min((late - 1) // period + 1, periods)
        row = per.setdefault(who, [ZERO] * (periods + 1))
        row[index] += amount
    names = {str(d["Id"]): str(d.get("DisplayName") or d["Id"]) for d in store.docs(realm, entity)}
    rows = []
    totals = [ZERO] * (periods + 2)
    for who in sorted(per, key=lambda w: names.get(w, "~Not Specified").lower()):
        values = per[who] + [sum(per[who], ZERO)]
        if not any(values):
            continue
        rows.append(
            {
                "ColData": [cell(names.get(who, "Not Specified"), who or None)]
                + [cell(money(v) if v else "") for v in values],
                "type": "Data",
            }
        )
        totals = [a + b for a, b in zip(totals, values, strict=True)]
    rows.append(
        {
            "Summary": {"ColData": [cell("TOTAL")] + [cell(money(v)) for v in totals]},
            "type": "Section",
            "group": "GrandTotal",
        }
    )
    return columns, rows, len(rows) > 1

"""AgedReceivables and AgedPayables (summary, one row per customer / vendor) as of
``report_date``, reconciling with the A/R and A/P accounts of the balance sheet that day.

Open items are the documents whose ledger lines (``ledger.postings``) touch the control account,
each contributing its control line times the share still open on the report date: an invoice
(bill, credit memo, vendor credit, payment) less what Payment / BillPayment lines settled of it
by then (``reports_books._applications`` says when a settlement takes effect: once every
document it joins exists); a journal entry line on A/R (A/P) in full. Ageing: days past
``DueDate`` (``TxnDate`` when there is none): Current (not yet due), then ``num_periods``
buckets of ``aging_period`` days, the last one open ("91 and over")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .ledger import PAYABLE, RECEIVABLE, postings
from .reports_books import POSTING_ENTITIES, _applications, _d, _dimensions
from .reports_format import cell, money
from .store import Store

__all__ = ["OpenItem", "aged", "aged_detail", "open_items"]

CENT = Decimal("0.01")
ZERO = Decimal(0)


#: How a detail report names each entity's transactions.
TXN_TYPES = {
    "Invoice": "Invoice",
    "Payment": "Payment",
    "CreditMemo": "Credit Memo",
    "RefundReceipt": "Refund",
    "JournalEntry": "Journal Entry",
    "Bill": "Bill",
    "BillPayment": "Bill Payment (Check)",
    "VendorCredit": "Vendor Credit",
    "Purchase": "Expense",
    "Deposit": "Deposit",
}


@dataclass(frozen=True)
class OpenItem:
    party: str  # customer / vendor id ("" when the document names none)
    entity: str
    doc_id: str
    number: str
    txn_date: date
    due: date
    amount: Decimal  # the document's amount on the control account (owed positive)
    open: Decimal  # what is still open on the report date


def open_items(store: Store, realm: str, control: str, day: date, party: str) -> list[OpenItem]:
    """Documents dated by ``day`` still open on the control account then, owed positive."""
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
            if entity == "JournalEntry":
                share = Decimal(1)
            else:
                paid = sum(
                    (a for d, a in applied.get((entity, str(doc["Id"])), []) if d <= day), ZERO
                )
                share = (total - paid) / total if total else ZERO
            amount = sign * on_control
            still = (amount * share).quantize(CENT, rounding=ROUND_HALF_UP)
            if not still:
                continue
            due = str(doc.get("DueDate") or txn)[:10]
            out.append(
                OpenItem(
                    party=dict(_dimensions(entity, doc)).get(party) or "",
                    entity=entity,
                    doc_id=str(doc["Id"]),
                    number=str(doc.get("DocNumber") or ""),
                    txn_date=date.fromisoformat(txn),
                    due=date.fromisoformat(due),
                    amount=amount,
                    open=still,
                )
            )
    return out


def _bucket(day: date, due: date, period: int, periods: int) -> int:
    """0: current (not yet due), then 1..periods (the last one open-ended)."""
    late = (day - due).days
    return 0 if late <= 0 else min((late - 1) // period + 1, periods)


def _titles(period: int, periods: int) -> list[str]:
    titles = ["Current"] + [f"{n * period + 1} - {(n + 1) * period}" for n in range(periods)]
    titles[-1] = f"{(periods - 1) * period + 1} and over"
    return titles


def _setting(payable: bool) -> tuple[str, str, str]:
    return (PAYABLE, "Vendors", "Vendor") if payable else (RECEIVABLE, "Customers", "Customer")


def aged_detail(
    store: Store,
    realm: str,
    *,
    payable: bool,
    day: date,
    period: int,
    periods: int,
    only: str | None,
) -> tuple[dict[str, Any], list[dict[str, Any]], bool]:
    """AgedReceivableDetail / AgedPayableDetail: one section per bucket (oldest first), a row
    per open transaction (date, type, number, name, due date, amount, open balance)."""
    control, party, entity = _setting(payable)
    name_key = "vend_name" if payable else "cust_name"
    spec = [
        ("tx_date", "Date"),
        ("txn_type", "Transaction Type"),
        ("doc_num", "Num"),
        (name_key, entity),
        ("due_date", "Due Date"),
        ("subt_amount", "Amount"),
        ("subt_open_bal", "Open Balance"),
    ]
    columns = {"Column": [{"ColTitle": title, "ColType": kind} for kind, title in spec]}
    names = {str(d["Id"]): str(d.get("DisplayName") or d["Id"]) for d in store.docs(realm, entity)}
    titles = _titles(period, periods)
    labels = ["Current"] + [
        f"{t} days past due" if "and over" not in t else f"{t.split()[0]} or more days past due"
        for t in titles[1:]
    ]
    grouped: dict[int, list[OpenItem]] = {}
    for item in open_items(store, realm, control, day, party):
        if only and item.party != only:
            continue
        grouped.setdefault(_bucket(day, item.due, period, periods), []).append(item)
    rows: list[dict[str, Any]] = []
    grand_amount = grand_open = ZERO
    for index in sorted(grouped, reverse=True):
        items = sorted(grouped[index], key=lambda i: (i.txn_date, i.entity, int(i.doc_id)))
        body = [
            {
                "ColData": [
                    cell(i.txn_date.isoformat()),
                    cell(TXN_TYPES.get(i.entity, i.entity), i.doc_id),
                    cell(i.number),
                    cell(names.get(i.party, ""), i.party or None),
                    cell(i.due.isoformat()),
                    cell(money(i.amount)),
                    cell(money(i.open)),
                ],
                "type": "Data",
            }
            for i in items
        ]
        amount = sum((i.amount for i in items), ZERO)
        still = sum((i.open for i in items), ZERO)
        grand_amount, grand_open = grand_amount + amount, grand_open + still
        rows.append(
            {
                "Header": {"ColData": [cell(labels[index])] + [cell("") for _ in spec[1:]]},
                "Rows": {"Row": body},
                "Summary": {
                    "ColData": [cell(f"Total for {labels[index]}")]
                    + [cell("") for _ in spec[1:-2]]
                    + [cell(money(amount)), cell(money(still))]
                },
                "type": "Section",
            }
        )
    rows.append(
        {
            "Summary": {
                "ColData": [cell("TOTAL")]
                + [cell("") for _ in spec[1:-2]]
                + [cell(money(grand_amount)), cell(money(grand_open))]
            },
            "type": "Section",
            "group": "GrandTotal",
        }
    )
    return columns, rows, len(rows) > 1


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
    control, party, entity = _setting(payable)
    buckets = _titles(period, periods)
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
    for item in open_items(store, realm, control, day, party):
        if only and item.party != only:
            continue
        row = per.setdefault(item.party, [ZERO] * (periods + 1))
        row[_bucket(day, item.due, period, periods)] += item.open
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

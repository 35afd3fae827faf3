"""Why did our expenses rise this quarter? Answered from Ledgerlink's unified reports, with the
same code for every provider.

1. The profit and loss for this quarter and the one before (``periods=2``, ``timeframe=QUARTER``).
2. Each expense account line's change between the two quarters, largest rise first.
3. Drill-down: the documents of this quarter that hit the account that rose most (bills,
   expenses and manual journals whose lines name the account's Ledgerlink id).

Run against a gateway (``make demo`` starts one with its sandboxes)::

    python examples/why_expenses_rose.py --api http://127.0.0.1:8000 \
        --key <API key> --linked-account <linked account id> [--quarter-end 2026-12-31]

Only ``requests`` is needed. ``explain()`` takes any ``get(path, params) -> JSON`` callable, so
the tests drive it through Django's test client.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

Get = Callable[[str, dict[str, Any]], Any]

#: P&L sections whose lines are costs (unified row ids, the same for every provider).
EXPENSE_SECTIONS = ("cost_of_sales", "expenses", "other_expenses")
#: Where a quarter's documents that hit an account are found: (path, list parameters, lines).
DOCUMENTS = (
    ("/v1/invoices", {"type": "ACCOUNTS_PAYABLE"}, "line_items", "issue_date"),
    ("/v1/expenses", {}, "line_items", "transaction_date"),
    ("/v1/journal-entries", {}, "lines", "transaction_date"),
)


@dataclass
class AccountChange:
    name: str
    account: str | None  # Ledgerlink account id
    this_quarter: Decimal
    last_quarter: Decimal

    @property
    def rise(self) -> Decimal:
        return self.this_quarter - self.last_quarter


@dataclass
class Answer:
    start: date
    end: date
    total_this: Decimal
    total_last: Decimal
    changes: list[AccountChange]
    documents: list[dict[str, Any]] = field(default_factory=list)

    def lines(self) -> Iterator[str]:
        change = self.total_this - self.total_last
        yield (
            f"Expenses {self.start}..{self.end}: {self.total_this} "
            f"(previous quarter {self.total_last}, change {change:+})"
        )
        for account in self.changes[:5]:
            yield (
                f"  {account.name}: {account.last_quarter} -> {account.this_quarter} "
                f"({account.rise:+})"
            )
        if self.changes and self.documents:
            yield f"Documents of this quarter on {self.changes[0].name}:"
            for doc in self.documents:
                label = doc["number"] or doc["id"]
                memo = doc["memo"] or ""
                yield f"  {doc['kind']} {label} {doc['date']} {doc['amount']} {memo}".rstrip()


def quarter_of(day: date) -> tuple[date, date]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    following = date(day.year + (first_month + 3 > 12), (first_month + 2) % 12 + 1, 1)
    return start, following - timedelta(days=1)


def _walk(rows: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for row in rows:
        yield row
        yield from _walk(row["rows"])


def _amount(value: str | None) -> Decimal:
    return Decimal(value) if value is not None else Decimal(0)


def _expense_accounts(report: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for section in _walk(report["rows"]):
        if section["kind"] == "SECTION" and section["id"] in EXPENSE_SECTIONS:
            yield from (r for r in _walk(section["rows"]) if r["kind"] == "ACCOUNT")


def _all(get: Get, path: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
    cursor = None
    while True:
        page = get(path, {**params, "page_size": 100, **({"cursor": cursor} if cursor else {})})
        yield from page["results"]
        cursor = page.get("next")
        if not cursor:
            return


def documents_on(get: Get, account: str, start: date, end: date) -> list[dict[str, Any]]:
    """The quarter's bills, expenses and manual journals with a line on ``account``."""
    found = []
    for path, params, lines_field, date_field in DOCUMENTS:
        for doc in _all(get, path, params):
            day = doc.get(date_field)
            if not day or not start.isoformat() <= day <= end.isoformat():
                continue
            hits = [line for line in doc.get(lines_field) or [] if line.get("account") == account]
            if not hits:
                continue
            amount = sum(
                (
                    _amount(line.get("total_amount") or line.get("debit_amount"))
                    - _amount(line.get("credit_amount"))
                    for line in hits
                ),
                Decimal(0),
            )
            found.append(
                {
                    "kind": path.rsplit("/", 1)[1],
                    "id": doc["id"],
                    "number": doc.get("number"),
                    "date": day,
                    "amount": amount,
                    "memo": doc.get("memo"),
                }
            )
    return sorted(found, key=lambda d: d["amount"], reverse=True)


def explain(get: Get, quarter_end: date) -> Answer:
    start, end = quarter_of(quarter_end)
    report = get(
        "/v1/reports/profit-and-loss",
        {
            "start_date": start.isoformat(),
            "end_date": end.isoformat(),
            "periods": 2,
            "timeframe": "QUARTER",
        },
    )
    changes = [
        AccountChange(
            name=row["name"],
            account=row["account"],
            this_quarter=_amount(row["values"][0]),
            last_quarter=_amount(row["values"][1]),
        )
        for row in _expense_accounts(report)
    ]
    changes.sort(key=lambda c: c.rise, reverse=True)
    answer = Answer(
        start=start,
        end=end,
        total_this=sum((c.this_quarter for c in changes), Decimal(0)),
        total_last=sum((c.last_quarter for c in changes), Decimal(0)),
        changes=changes,
    )
    if changes and changes[0].rise > 0 and changes[0].account:
        answer.documents = documents_on(get, changes[0].account, start, end)
    return answer


def main() -> None:
    import requests

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api", default="http://127.0.0.1:8000")
    parser.add_argument("--key", required=True, help="a Ledgerlink API key")
    parser.add_argument("--linked-account", required=True)
    parser.add_argument("--quarter-end", type=date.fromisoformat, default=date.today())
    args = parser.parse_args()
    session = requests.Session()
    session.headers.update(
        {"Authorization": f"Bearer {args.key}", "X-Linked-Account": args.linked_account}
    )

    def get(path: str, params: dict[str, Any]) -> Any:
        response = session.get(args.api.rstrip("/") + path, params=params, timeout=60)
        response.raise_for_status()
        return response.json()

    for line in explain(get, args.quarter_end).lines():
        print(line)


if __name__ == "__main__":
    main()

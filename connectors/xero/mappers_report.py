"""Xero's Reports (``Reports[0].Rows``: Header / Section / Row / SummaryRow, ``Cells`` with
``Value`` and ``Attributes``) → the unified report rows. Pure functions: no calls.

- Balance sheet and profit and loss: Xero prints two levels (sections of rows); the unified tree
  groups them the way the common design names them: BS ``assets`` (``assets.bank``,
  ``assets.current_assets``, …, ``total.assets``), ``liabilities`` (…, ``total.liabilities``),
  ``net_assets``, ``equity`` (``current_year_earnings``, the equity accounts, ``total.equity``);
  P&L ``income``, ``cost_of_sales``, ``gross_profit``, ``other_income``, ``expenses``,
  ``net_profit``. An account row is ``acct:<AccountID>`` (from the cells' ``account``
  attribute); every Xero total becomes a TOTAL with ``sum_of`` (its section's rows, or the
  totals it is made of). Values are Xero's, as printed.
- Trial balance: one column; each account's YTD debit and credit become ONE signed value (debit
  positive) so the report nets to zero; Xero's four figures stay in ``remote_data``.
- Aged by contact: Xero's report lists one contact's open items (Due Date, Due); the connector
  buckets each item by days past due on the ``as_of`` date into Current, 1-30, 31-60, 61-90,
  >90, and makes one CONTACT row per contact (``contact_aged_row``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from unified_models import ReportRow, ReportRowKind

__all__ = [
    "AGED_BUCKETS",
    "aged_items",
    "amount",
    "bucket_of",
    "contact_aged_row",
    "period_rows",
    "trial_balance_rows",
]

ZERO = Decimal("0.00")
#: (id, label, min days past due, max days past due) of the ageing buckets.
AGED_BUCKETS: tuple[tuple[str, str, int | None, int | None], ...] = (
    ("current", "Current", None, 0),
    ("1_30", "1-30", 1, 30),
    ("31_60", "31-60", 31, 60),
    ("61_90", "61-90", 61, 90),
    ("over_90", ">90", 91, None),
)

#: Xero section title → (parent section id, own id). Titles not listed get a slug of their own.
_SECTIONS: Mapping[str, tuple[str, str]] = {
    "Bank": ("assets", "assets.bank"),
    "Current Assets": ("assets", "assets.current_assets"),
    "Fixed Assets": ("assets", "assets.fixed_assets"),
    "Non-current Assets": ("assets", "assets.non_current_assets"),
    "Current Liabilities": ("liabilities", "liabilities.current_liabilities"),
    "Non-current Liabilities": ("liabilities", "liabilities.non_current_liabilities"),
    "Equity": ("equity", "equity"),
    "Income": ("", "income"),
    "Trading Income": ("", "income"),
    "Less Cost of Sales": ("", "cost_of_sales"),
    "Plus Other Income": ("", "other_income"),
    "Less Operating Expenses": ("", "expenses"),
}
_TOP_NAMES = {
    "assets": "Assets",
    "liabilities": "Liabilities",
    "equity": "Equity",
}
#: Xero's stand-alone total rows → (unified id, the ids they add up, signed).
_TOTALS: Mapping[str, tuple[str, tuple[str, ...]]] = {
    "Total Assets": ("total.assets", ("@assets",)),
    "Total Liabilities": ("total.liabilities", ("@liabilities",)),
    "Net Assets": ("net_assets", ("total.assets", "-total.liabilities")),
    "Gross Profit": ("gross_profit", ("total.income", "-total.cost_of_sales")),
    "Net Profit": (
        "net_profit",
        ("gross_profit", "total.other_income", "-total.expenses"),
    ),
}
_TB_SECTIONS = {
    "Revenue": "revenue",
    "Expenses": "expenses",
    "Assets": "assets",
    "Liabilities": "liabilities",
    "Equity": "equity",
}


def amount(value: object) -> Decimal | None:
    """A printed figure ("1234.56", "(12.00)", "1,234.56") as a Decimal; "" → None."""
    text = str(value if value is not None else "").strip().replace(",", "")
    if not text:
        return None
    negative = text.startswith("(") and text.endswith(")")
    try:
        number = Decimal(text.strip("()"))
    except InvalidOperation:
        return None
    return -number if negative else number


def _account_id(cells: Sequence[Mapping[str, Any]]) -> str | None:
    for cell in cells:
        for attribute in cell.get("Attributes") or ():
            if str(attribute.get("Id", "")).lower() == "account" and attribute.get("Value"):
                return str(attribute["Value"])
    return None


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_") or "section"


def _values(cells: Sequence[Mapping[str, Any]], width: int) -> list[Decimal | None]:
    values = [amount(c.get("Value")) for c in cells[1:]]
    return (values + [None] * width)[:width]


def _section_totals(section: ReportRow | None) -> list[str]:
    """The ids of the totals of ``section``'s sub-sections."""
    if section is None:
        return []
    return [
        total.id
        for child in section.rows
        if child.kind == ReportRowKind.SECTION
        for total in child.rows
        if total.kind == ReportRowKind.TOTAL
    ]


def period_rows(xero_rows: Iterable[Mapping[str, Any]], width: int) -> list[ReportRow]:
    """Balance sheet or profit and loss rows (``width`` value columns) as the unified tree."""
    top: list[ReportRow] = []
    parents: dict[str, ReportRow] = {}
    present: set[str] = set()

    def parent(section_id: str) -> list[ReportRow]:
        if not section_id:
            return top
        if section_id not in parents:
            parents[section_id] = ReportRow(
                id=section_id,
                kind=ReportRowKind.SECTION,
                name=_TOP_NAMES.get(section_id, section_id),
            )
            top.append(parents[section_id])
        return parents[section_id].rows

    for xrow in xero_rows:
        if xrow.get("RowType") != "Section":
            continue
        title = str(xrow.get("Title") or "")
        children = list(xrow.get("Rows") or ())
        if not title:
            for child in children:
                cells = child.get("Cells") or []
                name = str(cells[0].get("Value", "")) if cells else ""
                known = _TOTALS.get(name)
                row_id = known[0] if known else _slug(name)
                sum_of = []
                if known:
                    for ref in known[1]:
                        if ref.startswith("@"):
                            sum_of += _section_totals(parents.get(ref[1:]))
                        elif ref.lstrip("-") in present:
                            sum_of.append(ref)
                kind = ReportRowKind.TOTAL if known else ReportRowKind.LINE
                row = ReportRow(
                    id=row_id,
                    kind=kind,
                    name=name,
                    values=_values(cells, width),
                    sum_of=sum_of,
                )
                present.add(row_id)
                owner = row_id.split(".", 1)[1] if row_id.startswith("total.") else ""
                parent(owner if owner in parents else "").append(row)
            continue
        if title in ("Assets", "Liabilities") and not children:
            parent(_slug(title))
            continue
        parent_id, own_id = _SECTIONS.get(title, ("", _slug(title)))
        if own_id == parent_id:  # Equity: its rows go straight into the top section
            target = parent(own_id)
        else:
            section = ReportRow(id=own_id, kind=ReportRowKind.SECTION, name=title)
            parent(parent_id).append(section)
            target = section.rows
        members: list[str] = []
        for child in children:
            cells = child.get("Cells") or []
            if not cells:
                continue
            name = str(cells[0].get("Value", ""))
            values = _values(cells, width)
            if child.get("RowType") == "SummaryRow":
                row = ReportRow(
                    id=f"total.{own_id}",
                    kind=ReportRowKind.TOTAL,
                    name=name,
                    values=values,
                    sum_of=list(members),
                )
            else:
                account = _account_id(cells)
                if account:
                    row = ReportRow(
                        id=f"acct:{account}",
                        kind=ReportRowKind.ACCOUNT,
                        name=name,
                        values=values,
                        account_remote_id=account,
                    )
                else:
                    row = ReportRow(
                        id=f"{own_id}.{_slug(name)}",
                        kind=ReportRowKind.LINE,
                        name=name,
                        values=values,
                    )
                members.append(row.id)
            present.add(row.id)
            target.append(row)
    return top


def _code(name: str) -> tuple[str, str | None]:
    match = re.match(r"^(.*) \(([^()]+)\)$", name)
    return (match.group(1), match.group(2)) if match else (name, None)


def trial_balance_rows(xero_rows: Iterable[Mapping[str, Any]]) -> list[ReportRow]:
    """Sections of accounts with one signed YTD value (debit positive) and a ``total`` TOTAL
    summing every account (zero when the books balance)."""
    out: list[ReportRow] = []
    accounts: list[str] = []
    printed_total: Decimal | None = None
    for xrow in xero_rows:
        if xrow.get("RowType") != "Section":
            continue
        title = str(xrow.get("Title") or "")
        rows = []
        for child in xrow.get("Rows") or ():
            cells = child.get("Cells") or []
            if len(cells) < 5:
                continue
            if child.get("RowType") == "SummaryRow":
                debit, credit = amount(cells[3].get("Value")), amount(cells[4].get("Value"))
                printed_total = (debit or ZERO) - (credit or ZERO)
                continue
            account = _account_id(cells)
            debit, credit = amount(cells[3].get("Value")), amount(cells[4].get("Value"))
            name, code = _code(str(cells[0].get("Value", "")))
            row_id = f"acct:{account}" if account else f"{_slug(title)}.{_slug(name)}"
            rows.append(
                ReportRow(
                    id=row_id,
                    kind=ReportRowKind.ACCOUNT if account else ReportRowKind.LINE,
                    name=name,
                    values=[(debit or ZERO) - (credit or ZERO)],
                    account_remote_id=account,
                    account_code=code,
                )
            )
            accounts.append(row_id)
        if rows:
            section_id = _TB_SECTIONS.get(title, _slug(title))
            out.append(ReportRow(id=section_id, kind=ReportRowKind.SECTION, name=title, rows=rows))
    out.append(
        ReportRow(
            id="total",
            kind=ReportRowKind.TOTAL,
            name="Total",
            values=[printed_total if printed_total is not None else ZERO],
            sum_of=accounts,
        )
    )
    return out


def bucket_of(days_past_due: int) -> int:
    """Index in ``AGED_BUCKETS`` of an item ``days_past_due`` days past its due date."""
    for index, (_, _, low, high) in enumerate(AGED_BUCKETS):
        if (low is None or days_past_due >= low) and (high is None or days_past_due <= high):
            return index
    raise AssertionError(days_past_due)


def aged_items(
    xero_rows: Iterable[Mapping[str, Any]],
) -> tuple[list[tuple[date, Decimal]], Decimal]:
    """(due date, due amount) of each item Xero's aged-by-contact report lists, and the
    report's closing balance ``Due``."""
    items: list[tuple[date, Decimal]] = []
    closing = ZERO
    for xrow in xero_rows:
        for child in xrow.get("Rows") or ():
            cells = child.get("Cells") or []
            if len(cells) < 8:
                continue
            first = str(cells[0].get("Value", ""))
            if child.get("RowType") == "SummaryRow":
                if first == "Closing Balance":
                    closing = amount(cells[7].get("Value")) or ZERO
                continue
            if str(cells[1].get("Value", "")) == "Opening Balance":
                continue
            due_text = str(cells[2].get("Value", "")) or first
            due = amount(cells[7].get("Value")) or ZERO
            if due:
                items.append((date.fromisoformat(due_text[:10]), due))
    return items, closing


def contact_aged_row(
    contact_id: str, name: str, items: Iterable[tuple[date, Decimal]], as_of: date
) -> ReportRow:
    """One CONTACT row: the contact's items summed per bucket, then the total."""
    values = [ZERO] * len(AGED_BUCKETS)
    for due_day, due in items:
        values[bucket_of((as_of - due_day).days)] += due
    return ReportRow(
        id=f"contact:{contact_id}",
        kind=ReportRowKind.CONTACT,
        name=name,
        values=[*values, sum(values, ZERO)],
        contact_remote_id=contact_id,
    )

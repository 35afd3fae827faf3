"""Financial reports: one shape for balance sheets, profit and loss, trial balances, aged
receivables and payables and cash flow statements, whichever provider computed them.

Reports are not synced records: the gateway fetches them on demand (through the rate limiter)
and caches them per linked account and parameter set. A report is a table:

- ``columns``: what each value of a row is. For period reports one column per period, newest
  first as the providers print them (``periods=3`` with ``timeframe=MONTH`` gives three months);
  with a tracking breakdown one column per (period, tracking option), then the period's total;
  for aged reports one column per ageing bucket, then the total.
- ``rows``: a tree. A ``SECTION`` holds rows (``rows``); an ``ACCOUNT`` row is one ledger
  account (``account_remote_id``; the gateway fills ``account``, its Ledgerlink id, so a client
  can drill down to the account and its transactions); a ``CONTACT`` row is one contact of an
  aged report; a ``TOTAL`` row is the sum of the rows named in ``sum_of`` (ids of its siblings
  or of rows anywhere above it, signed: ``-`` in front of an id means it is subtracted); a
  ``LINE`` row is any other figure the provider prints (e.g. "Net Profit" computed by the
  provider, carried as a TOTAL when its operands are known).

Values are decimal strings (``Money``), one per column; ``None`` where the provider prints no
figure. Totals are given as the provider printed them: ``tests`` check they equal the sum of
``sum_of`` in both sandboxes, so a client can trust (or recompute) either.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import Field

from .common import UnifiedModel
from .types import AwareDatetime, Money

__all__ = [
    "REPORT_PATHS",
    "Report",
    "ReportBasis",
    "ReportColumn",
    "ReportColumnKind",
    "ReportRequest",
    "ReportRow",
    "ReportRowKind",
    "ReportTimeframe",
    "ReportType",
]


class ReportType(StrEnum):
    BALANCE_SHEET = "BALANCE_SHEET"
    PROFIT_AND_LOSS = "PROFIT_AND_LOSS"
    TRIAL_BALANCE = "TRIAL_BALANCE"
    AGED_RECEIVABLES = "AGED_RECEIVABLES"
    AGED_PAYABLES = "AGED_PAYABLES"
    CASH_FLOW = "CASH_FLOW"


#: URL path segment under ``/v1/reports/`` of each report type.
REPORT_PATHS: dict[ReportType, str] = {
    ReportType.BALANCE_SHEET: "balance-sheet",
    ReportType.PROFIT_AND_LOSS: "profit-and-loss",
    ReportType.TRIAL_BALANCE: "trial-balance",
    ReportType.AGED_RECEIVABLES: "aged-receivables",
    ReportType.AGED_PAYABLES: "aged-payables",
    ReportType.CASH_FLOW: "cash-flow",
}


class ReportBasis(StrEnum):
    ACCRUAL = "ACCRUAL"
    CASH = "CASH"


class ReportTimeframe(StrEnum):
    MONTH = "MONTH"
    QUARTER = "QUARTER"
    YEAR = "YEAR"


class ReportRequest(UnifiedModel):
    """What the caller asked for, validated by the gateway before any provider call.

    Period reports (profit and loss, cash flow): ``start_date``..``end_date`` is the (newest)
    period; ``periods`` adds earlier periods of ``timeframe`` each, for comparison. Point-in-time
    reports (balance sheet, trial balance): ``date``, with ``periods`` earlier dates one
    ``timeframe`` apart. Aged reports: ``date`` is the ``as_of`` date.
    """

    type: ReportType
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    date: dt.date | None = None
    periods: int = Field(default=1, ge=1)
    timeframe: ReportTimeframe | None = None
    basis: ReportBasis | None = None
    tracking_category_remote_id: str | None = None
    """Break the columns down by one tracking category (provider id) …"""
    contact_remote_id: str | None = None
    """… or restrict an aged report to one contact (provider id)."""


class ReportColumnKind(StrEnum):
    PERIOD = "PERIOD"  # one period (or date) of the report
    TRACKING = "TRACKING"  # one tracking option within a period
    BUCKET = "BUCKET"  # an ageing bucket
    TOTAL = "TOTAL"  # a total across the columns before it


class ReportColumn(UnifiedModel):
    id: str
    kind: ReportColumnKind
    label: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    min_days: int | None = None
    """Ageing buckets: the fewest days overdue in the bucket (inclusive)."""
    max_days: int | None = None
    """Ageing buckets: the most days overdue in the bucket (inclusive; null: open-ended)."""
    tracking_category_remote_id: str | None = None
    """With a tracking breakdown: the provider's id of the tracking category."""
    tracking_option_remote_id: str | None = None
    """With a tracking breakdown: the provider's id of the column's option."""
    tracking_option_name: str | None = None
    """With a tracking breakdown: the option's name."""
    """With a tracking breakdown: the option's name."""


class ReportRowKind(StrEnum):
    SECTION = "SECTION"
    ACCOUNT = "ACCOUNT"
    CONTACT = "CONTACT"
    TOTAL = "TOTAL"
    LINE = "LINE"


class ReportRow(UnifiedModel):
    id: str
    kind: ReportRowKind
    name: str
    values: list[Money | None] = Field(default_factory=list)
    account_remote_id: str | None = None
    account: str | None = None
    """Ledgerlink account id (filled by the gateway from ``account_remote_id``)."""
    account_code: str | None = None
    contact_remote_id: str | None = None
    contact: str | None = None
    sum_of: list[str] = Field(default_factory=list)
    """TOTAL rows: the row ids this total sums (``-id``: subtracted)."""
    rows: list[ReportRow] = Field(default_factory=list)


class Report(UnifiedModel):
    type: ReportType
    currency: str | None = None
    basis: ReportBasis | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    date: dt.date | None = None
    periods: int = 1
    timeframe: ReportTimeframe | None = None
    columns: list[ReportColumn]
    rows: list[ReportRow]
    derived: bool = False
    """True when Ledgerlink computed the report from other reports or the ledger because the
    provider has none (Xero's cash flow statement)."""
    remote_id: str | None = None
    remote_name: str | None = None
    """The report's title as the provider names it."""
    remote_generated_at: AwareDatetime | None = None
    """When the provider produced the report."""
    remote_data: dict[str, Any] | None = None

    def walk(self):
        """Every row, depth first."""
        stack = list(reversed(self.rows))
        while stack:
            row = stack.pop()
            yield row
            stack.extend(reversed(row.rows))

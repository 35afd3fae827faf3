"""A throwaway provider with reports, for the gateway's report tests (a test double).

"Report Books" is the in-memory fake provider (tests.gateway.fakes) with ``report_rules`` and a
connector whose ``fetch_report`` computes a small balance sheet, profit and loss, trial balance
or aged report from a per-tenant ledger the test can change (so cached and fresh answers can
disagree). It records every request it is sent and can be told to fail like a provider.
Nothing in the gateway names it; the real connectors' reports have their own tests.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from decimal import Decimal

from connectors.reports import ReportOffer, ReportRules
from tests.gateway.fakes import FakeConnector, FakeProvider
from unified_models import (
    Report,
    ReportBasis,
    ReportColumn,
    ReportColumnKind,
    ReportRequest,
    ReportRow,
    ReportRowKind,
    ReportType,
)

KEY = "reportbooks"
PROVIDER_PATH = "tests.gateway.reports.fakes.ReportBooks"


def _default_ledger() -> dict[str, Decimal]:
    return {
        "acc-090": Decimal("1200.00"),
        "acc-200": Decimal("1000.00"),
        "acc-429": Decimal("400.00"),
    }


class ReportBackend:
    lock = threading.Lock()
    #: tenant → account remote id → balance (bank, sales, expenses)
    ledgers: dict[str, dict[str, Decimal]] = defaultdict(_default_ledger)
    requests: list[tuple[str, ReportRequest]] = []
    #: An exception the next fetches raise (a provider failure), or None.
    fail: Exception | None = None

    @classmethod
    def reset(cls) -> None:
        with cls.lock:
            cls.ledgers.clear()
            cls.requests.clear()
            cls.fail = None


RULES = ReportRules(
    offers={
        ReportType.BALANCE_SHEET: ReportOffer(max_periods=4),
        ReportType.PROFIT_AND_LOSS: ReportOffer(
            max_periods=12, bases=frozenset(ReportBasis), tracking=True
        ),
        ReportType.TRIAL_BALANCE: ReportOffer(),
        ReportType.AGED_RECEIVABLES: ReportOffer(),
        ReportType.AGED_PAYABLES: ReportOffer(),
    },
    missing={ReportType.CASH_FLOW: "Report Books prints no cash flow statement."},
)
#: Every report offered (the fuzz run's provider: a 501 would be a "server error" to it).
FULL_RULES = ReportRules(
    offers={**RULES.offers, ReportType.CASH_FLOW: ReportOffer(max_periods=3, derived=True)}
)


def _row(remote_id: str, name: str, value: Decimal) -> ReportRow:
    return ReportRow(
        id=f"acct:{remote_id}",
        kind=ReportRowKind.ACCOUNT,
        name=name,
        values=[value],
        account_remote_id=remote_id,
    )


class ReportConnector(FakeConnector):
    def fetch_report(self, request: ReportRequest) -> Report:
        with ReportBackend.lock:
            ReportBackend.requests.append((self.tenant_id, request))
            if ReportBackend.fail is not None:
                raise ReportBackend.fail
            ledger = dict(ReportBackend.ledgers[self.tenant_id])
        column = ReportColumn(
            id="p1",
            kind=ReportColumnKind.PERIOD,
            label="Period",
            start_date=request.start_date,
            end_date=request.end_date or request.date,
        )
        bank, sales, spent = ledger["acc-090"], ledger["acc-200"], ledger["acc-429"]
        if request.type is ReportType.PROFIT_AND_LOSS:
            rows = [
                _row("acc-200", "Sales", sales),
                _row("acc-429", "General Expenses", spent),
                ReportRow(
                    id="net_profit",
                    kind=ReportRowKind.TOTAL,
                    name="Net Profit",
                    values=[sales - spent],
                    sum_of=["acct:acc-200", "-acct:acc-429"],
                ),
            ]
        elif request.type in (ReportType.AGED_RECEIVABLES, ReportType.AGED_PAYABLES):
            rows = [
                ReportRow(
                    id="contact:c0",
                    kind=ReportRowKind.CONTACT,
                    name="Contact c0",
                    values=[sales],
                    contact_remote_id="c0",
                ),
                ReportRow(
                    id="contact:gone",
                    kind=ReportRowKind.CONTACT,
                    name="Never synced",
                    values=[Decimal("0.00")],
                    contact_remote_id="never-synced",
                ),
            ]
        else:
            rows = [
                ReportRow(
                    id="assets",
                    kind=ReportRowKind.SECTION,
                    name="Assets",
                    rows=[_row("acc-090", "Bank", bank)],
                ),
                ReportRow(
                    id="equity",
                    kind=ReportRowKind.SECTION,
                    name="Equity",
                    rows=[
                        ReportRow(
                            id="current_year_earnings",
                            kind=ReportRowKind.LINE,
                            name="Current Year Earnings",
                            values=[bank],
                        )
                    ],
                ),
            ]
        return Report(
            type=request.type,
            currency="GBP",
            basis=request.basis,
            start_date=request.start_date,
            end_date=request.end_date,
            date=request.date,
            periods=request.periods,
            timeframe=request.timeframe,
            columns=[column],
            rows=rows,
            remote_name=f"{request.type.value} of {self.tenant_id}",
            remote_data={"Reports": [{"ReportName": request.type.value, "Amount": sales}]},
        )


class ReportBooks(FakeProvider):
    key = KEY
    name = "Report Books"
    report_rules = RULES

    def connect(self, credential_store, tenant_id):
        credential_store.load()  # the account's credentials, as every live call
        return ReportConnector(self, tenant_id)

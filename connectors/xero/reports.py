"""Xero's financial reports through the connector's client (rate limiter, tenant header, errors
translated): which Xero reports serve which unified report, and how many calls each takes.

- Balance sheet: ``GET Reports/BalanceSheet?date&periods&timeframe`` (one call). Xero's
  ``periods`` counts comparison periods (1..11), so unified ``periods=N`` sends ``N-1``: at most
  12 columns.
- Profit and loss: ``GET Reports/ProfitAndLoss?fromDate&toDate&periods&timeframe`` (one call),
  ``trackingCategoryID`` for a breakdown (plus one ``GET TrackingCategories/{id}`` for the
  option ids, which the report prints by name only).
- Trial balance: ``GET Reports/TrialBalance?date`` (one call).
- Aged receivables / payables: Xero's ``Reports/AgedReceivablesByContact`` needs a
  ``contactId`` (there is no all-contacts aged report in the accounting API). With
  ``contact_remote_id`` one call. Otherwise the contacts with receivables (payables) documents
  dated on or before ``as_of`` are listed (``Invoices`` with ``summaryOnly``, ``CreditNotes``,
  the overpayment/prepayment ``BankTransactions``: one call per 100 documents), then one report
  call per such contact, at most ``MAX_AGED_CONTACTS`` (beyond it the request is refused with
  the count, a 400 ``not_supported``: ask per contact). Items are bucketed by days past due on
  ``as_of``. Contact and tracking category ids must be GUIDs (refused before any call).
- Cash flow: derived (``cash_flow.py``): the P&L of the period(s) and the balance sheets at their
  ends and on the day before their starts (three calls).
- Basis: accrual (Xero's default) or cash (``paymentsOnly=true``) for all but the aged reports.
- Every report costs one ``GET Organisation`` per connector for the base currency.

Scopes: ``accounting.reports.read`` (broad family) or the report's granular scope
(``accounting.reports.<name>.read``), asked for with the provider's other scopes (``spec``).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from unified_models import (
    Report,
    ReportBasis,
    ReportRequest,
    ReportTimeframe,
    ReportType,
)

from ..errors import NotSupported, ProviderError, ValidationFailed
from ..reports import ReportOffer, ReportRules
from ..specs import ScopeNeed
from . import cash_flow
from .report_shapes import (
    aged_from_xero,
    balance_sheet_from_xero,
    common,
    month_end,
    profit_and_loss_from_xero,
    trial_balance_from_xero,
)

__all__ = ["MAX_AGED_CONTACTS", "RULES", "XeroReports"]

#: Contacts an all-contacts aged report may call Xero for (one call each).
MAX_AGED_CONTACTS = 100
#: Xero's comparison periods (``periods`` 1..11) plus the period asked for.
MAX_COLUMNS = 12

#: Xero's ``paymentsOnly=true`` is the cash basis; accrual is its default.
BASES = frozenset({ReportBasis.ACCRUAL, ReportBasis.CASH})


def _scope(report: str) -> ScopeNeed:
    """A report's scope: granular apps (from March 2026) one per report, older apps the broad
    ``accounting.reports.read``."""
    return ScopeNeed(
        {"granular": f"accounting.reports.{report}.read", "broad": "accounting.reports.read"}
    )


BALANCE_SHEET, PROFIT_AND_LOSS = _scope("balancesheet"), _scope("profitandloss")

RULES = ReportRules(
    offers={
        ReportType.BALANCE_SHEET: ReportOffer(
            max_periods=MAX_COLUMNS, bases=BASES, scopes=(BALANCE_SHEET,)
        ),
        ReportType.PROFIT_AND_LOSS: ReportOffer(
            max_periods=MAX_COLUMNS, bases=BASES, tracking=True, scopes=(PROFIT_AND_LOSS,)
        ),
        ReportType.TRIAL_BALANCE: ReportOffer(bases=BASES, scopes=(_scope("trialbalance"),)),
        ReportType.AGED_RECEIVABLES: ReportOffer(
            scopes=(_scope("aged"),),
            note="Xero ages one contact per call: without a contact, one call per contact "
            f"with receivables documents (at most {MAX_AGED_CONTACTS}).",
        ),
        ReportType.AGED_PAYABLES: ReportOffer(
            scopes=(_scope("aged"),),
            note="Xero ages one contact per call: without a contact, one call per contact "
            f"with payables documents (at most {MAX_AGED_CONTACTS}).",
        ),
        ReportType.CASH_FLOW: ReportOffer(
            max_periods=MAX_COLUMNS,
            bases=BASES,
            derived=True,
            scopes=(PROFIT_AND_LOSS, BALANCE_SHEET),
            note="Xero's accounting API has no cash flow statement: Ledgerlink derives it "
            "(indirect method) from Xero's profit and loss and two balance sheets.",
        ),
    }
)

_AGED = {
    ReportType.AGED_RECEIVABLES: (
        "AgedReceivablesByContact",
        "ACCREC",
        "ACCRECCREDIT",
        ("RECEIVE-OVERPAYMENT", "RECEIVE-PREPAYMENT"),
    ),
    ReportType.AGED_PAYABLES: (
        "AgedPayablesByContact",
        "ACCPAY",
        "ACCPAYCREDIT",
        ("SPEND-OVERPAYMENT", "SPEND-PREPAYMENT"),
    ),
}


def _iso(day: date) -> str:
    return day.isoformat()


def _guid(value: str, field: str) -> str:
    """Xero's ids are GUIDs: anything else (a path, a query) is refused before any call."""
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ValidationFailed(
            f"{field} must be a Xero id (a GUID)",
            details=[{"field": field, "message": "not a GUID"}],
        ) from None


class XeroReports:
    """``fetch_report`` for the Xero connector (mixed into ``XeroConnector``)."""

    client: Any
    _org_currency: str | None = None

    # -- plumbing ------------------------------------------------------------------------------
    def _get(self, path: str, params: Mapping[str, str]) -> dict:
        response = self.client.request("GET", path, params=dict(params))
        body = response.json()
        if not isinstance(body, Mapping):
            raise ProviderError(f"Xero answered {path} with no JSON object", body=body)
        return dict(body)

    def _report(self, name: str, params: Mapping[str, str]) -> dict:
        body = self._get(f"Reports/{name}", params)
        reports = body.get("Reports") or []
        if not reports:
            raise ProviderError(f"Xero answered Reports/{name} with no report", body=body)
        return reports[0]

    def _currency(self) -> str | None:
        if self._org_currency is None:
            body = self._get("Organisation", {})
            orgs = body.get("Organisations") or [{}]
            self._org_currency = orgs[0].get("BaseCurrency")
        return self._org_currency

    @staticmethod
    def _today() -> date:
        return date.today()

    def _resolved(self, request: ReportRequest, **update: Any) -> ReportRequest:
        if request.type in (ReportType.AGED_RECEIVABLES, ReportType.AGED_PAYABLES):
            return request.model_copy(update=update)
        return request.model_copy(update={"basis": request.basis or ReportBasis.ACCRUAL, **update})

    @staticmethod
    def _basis_params(request: ReportRequest) -> dict[str, str]:
        return {"paymentsOnly": "true"} if request.basis == ReportBasis.CASH else {}

    # -- dispatch ------------------------------------------------------------------------------
    def fetch_report(self, request: ReportRequest) -> Report:
        if request.type not in RULES.offers:
            raise NotSupported(f"Xero has no {request.type.value} report")
        if request.type == ReportType.BALANCE_SHEET:
            return self._balance_sheet(request)
        if request.type == ReportType.PROFIT_AND_LOSS:
            return self._profit_and_loss(request)
        if request.type == ReportType.TRIAL_BALANCE:
            return self._trial_balance(request)
        if request.type == ReportType.CASH_FLOW:
            return self._cash_flow(request)
        return self._aged(request)

    # -- balance sheet -------------------------------------------------------------------------
    def _balance_sheet(self, request: ReportRequest) -> Report:
        today = self._today()
        day = request.date or request.end_date or month_end(today.year, today.month)
        timeframe = request.timeframe or ReportTimeframe.MONTH
        params = {"date": _iso(day), **self._basis_params(request)}
        if request.periods > 1:
            params |= {"periods": str(request.periods - 1), "timeframe": timeframe.value}
        report = self._report("BalanceSheet", params)
        resolved = self._resolved(
            request, date=day, timeframe=timeframe if request.periods > 1 else request.timeframe
        )
        return balance_sheet_from_xero(resolved, report, self._currency())

    # -- profit and loss -----------------------------------------------------------------------
    def _pl_span(self, request: ReportRequest) -> tuple[date, date]:
        today = self._today()
        start = request.start_date or date(today.year, today.month, 1)
        end = request.end_date or month_end(start.year, start.month)
        return start, end

    def _tracking_options(self, category_id: str) -> dict[str, str]:
        body = self._get(f"TrackingCategories/{_guid(category_id, 'tracking_category')}", {})
        categories = body.get("TrackingCategories") or []
        if not categories:
            raise ProviderError(f"Xero has no tracking category {category_id}", body=body)
        return {
            str(o.get("Name")): str(o.get("TrackingOptionID"))
            for o in categories[0].get("Options") or ()
        }

    def _profit_and_loss(self, request: ReportRequest) -> Report:
        start, end = self._pl_span(request)
        timeframe = request.timeframe or ReportTimeframe.MONTH
        params = {"fromDate": _iso(start), "toDate": _iso(end), **self._basis_params(request)}
        if request.periods > 1:
            params |= {"periods": str(request.periods - 1), "timeframe": timeframe.value}
        category = request.tracking_category_remote_id
        options: dict[str, str] = {}
        if category:
            category = _guid(category, "tracking_category")
            options = self._tracking_options(category)
            params["trackingCategoryID"] = category
        report = self._report("ProfitAndLoss", params)
        resolved = self._resolved(
            request,
            start_date=start,
            end_date=end,
            timeframe=timeframe if request.periods > 1 else request.timeframe,
        )
        return profit_and_loss_from_xero(resolved, report, self._currency(), options)

    # -- trial balance -------------------------------------------------------------------------
    def _trial_balance(self, request: ReportRequest) -> Report:
        day = request.date or request.end_date or self._today()
        report = self._report("TrialBalance", {"date": _iso(day), **self._basis_params(request)})
        return trial_balance_from_xero(self._resolved(request, date=day), report, self._currency())

    # -- cash flow (derived) -------------------------------------------------------------------
    def _cash_flow(self, request: ReportRequest) -> Report:
        start, end = self._pl_span(request)
        timeframe = request.timeframe or ReportTimeframe.MONTH
        pl = self._profit_and_loss(
            request.model_copy(
                update={"type": ReportType.PROFIT_AND_LOSS, "start_date": start, "end_date": end}
            )
        )
        closing = self._balance_sheet(
            request.model_copy(
                update={"type": ReportType.BALANCE_SHEET, "date": end, "timeframe": timeframe}
            )
        )
        opening = self._balance_sheet(
            request.model_copy(
                update={
                    "type": ReportType.BALANCE_SHEET,
                    "date": start - timedelta(days=1),
                    "timeframe": timeframe,
                }
            )
        )
        rows = cash_flow.derive(pl, opening, closing)
        return Report(
            **common(
                self._resolved(request),
                None,
                self._currency(),
                remote_name="Cash flow (derived by Ledgerlink from Xero's P&L and balance sheets)",
            ),
            start_date=start,
            end_date=end,
            periods=request.periods,
            timeframe=pl.timeframe,
            columns=pl.columns,
            rows=rows,
            derived=True,
            remote_data={
                "profit_and_loss": pl.remote_id,
                "balance_sheet_dates": [
                    [c.end_date.isoformat() for c in bs.columns if c.end_date]
                    for bs in (opening, closing)
                ],
            },
        )

    # -- aged ----------------------------------------------------------------------------------
    def _list_all(self, path: str, records: str, params: Mapping[str, str]) -> list[dict]:
        out: list[dict] = []
        page = 1
        while True:
            body = self._get(path, {**params, "page": str(page)})
            rows = body.get(records) or []
            out += rows
            if len(rows) < 100:
                return out
            page += 1

    def _aged_contacts(self, request: ReportRequest, as_of: date) -> dict[str, str]:
        _, invoice_type, credit_type, bank_types = _AGED[request.type]
        before = f"Date<=DateTime({as_of.year},{as_of.month:02d},{as_of.day:02d})"
        found: dict[str, str] = {}
        listings = (
            (
                "Invoices",
                {
                    "Statuses": "AUTHORISED,PAID",
                    "where": f'Type=="{invoice_type}" AND {before}',
                    "summaryOnly": "true",
                },
            ),
            (
                "CreditNotes",
                {
                    "where": f'Type=="{credit_type}" AND (Status=="AUTHORISED" OR '
                    f'Status=="PAID") AND {before}',
                },
            ),
            (
                "BankTransactions",
                {
                    "where": "("
                    + " OR ".join(f'Type=="{t}"' for t in bank_types)
                    + f') AND Status=="AUTHORISED" AND {before}',
                },
            ),
        )
        for path, params in listings:
            for doc in self._list_all(path, path, params):
                contact = doc.get("Contact") or {}
                if contact.get("ContactID"):
                    found.setdefault(str(contact["ContactID"]), str(contact.get("Name") or ""))
        return found

    def _aged(self, request: ReportRequest) -> Report:
        name = _AGED[request.type][0]
        as_of = request.date or request.end_date or self._today()
        if request.contact_remote_id:
            contacts = {_guid(request.contact_remote_id, "contact"): ""}
        else:
            contacts = self._aged_contacts(request, as_of)
            if len(contacts) > MAX_AGED_CONTACTS:
                raise NotSupported(
                    f"Xero ages one contact per call and {len(contacts)} contacts have "
                    f"documents (at most {MAX_AGED_CONTACTS} calls per report): ask per contact"
                )
        reports = [
            (
                contact_id,
                contact_name,
                self._report(name, {"contactId": contact_id, "date": _iso(as_of)}),
            )
            for contact_id, contact_name in sorted(contacts.items(), key=lambda c: (c[1], c[0]))
        ]
        return aged_from_xero(
            self._resolved(request, date=as_of),
            reports,
            self._currency(),
            {"report": name, "contacts_called": len(contacts)},
        )

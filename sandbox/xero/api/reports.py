"""``GET /Reports/{BalanceSheet,ProfitAndLoss,TrialBalance,AgedReceivablesByContact,
AgedPayablesByContact}``: computed from the organisation's books (``domain/reports.py``).

Parameters as Xero's OpenAPI names them (case-insensitive here, like the rest of the sandbox):

- BalanceSheet: ``date`` (default: the end of this month), ``periods`` (comparison periods,
  1..11), ``timeframe`` (MONTH | QUARTER | YEAR, default MONTH), ``trackingOptionID1``/``2``
  (only lines tracked to the option), ``standardLayout``, ``paymentsOnly``.
- ProfitAndLoss: ``fromDate``/``toDate`` (default: this month), ``periods``, ``timeframe``,
  ``trackingCategoryID`` (a column per option), ``trackingOptionID`` (only that option's lines),
  ``standardLayout``, ``paymentsOnly``.
- TrialBalance: ``date`` (default: today), ``paymentsOnly``.
- AgedReceivablesByContact / AgedPayablesByContact: ``contactId`` (required), ``date`` (payments
  to; default today), ``fromDate``, ``toDate``.

Scopes: ``accounting.reports.read`` or the report's granular scope (``scopes.REPORT_SCOPES``),
enforced by the guard like every endpoint. ``paymentsOnly=true``: the cash basis (see
``domain/books.py``).
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, g

from .. import resources as R
from ..domain import reports
from ..domain.errors import validation_body, with_errors
from ..ids import fresh, is_guid
from ..ledger import Ledger
from .accounting import _args, _finish, _flag
from .guard import accounting_guard, release_slot
from .http import json_response, sandbox

bp = Blueprint("reports", __name__, url_prefix="/api.xro/2.0")
bp.teardown_request(release_slot)

#: Xero's ``periods`` (comparison periods) upper bound for the balance sheet and P&L.
MAX_PERIODS = 11
TIMEFRAMES = ("MONTH", "QUARTER", "YEAR")


class Invalid(Exception):
    pass


def _bad(message: str) -> Response:
    return _finish(json_response(validation_body([with_errors({}, [message])]), 400))


def _day(args: dict, name: str, default: date | None) -> date | None:
    raw = args.get(name.lower(), "").strip()
    if not raw:
        return default
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        raise Invalid(f"'{raw}' is not a valid {name}") from None


def _periods(args: dict) -> int:
    raw = args.get("periods", "").strip()
    if not raw:
        return 0
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PERIODS:
        raise Invalid(f"periods must be an integer between 1 and {MAX_PERIODS}")
    return int(raw)


def _timeframe(args: dict) -> str:
    value = (args.get("timeframe") or "MONTH").strip().upper()
    if value not in TIMEFRAMES:
        raise Invalid("timeframe must be MONTH, QUARTER or YEAR")
    return value


def _cash(args: dict) -> bool:
    """``paymentsOnly=true``: the cash basis."""
    return _flag(args, "paymentsOnly")


def _option_ids(ledger: Ledger, *raw: str) -> set[str]:
    known = {
        str(o["TrackingOptionID"]).lower()
        for c in ledger.tracking_categories
        for o in c.get("Options") or ()
    }
    chosen = {r.strip().lower() for r in raw if r and r.strip()}
    unknown = chosen - known
    if unknown:
        raise Invalid(f"Tracking option '{sorted(unknown)[0]}' was not found")
    return chosen


def _run(report: str, build) -> Response:
    if (denied := accounting_guard(f"GET /api.xro/2.0/Reports/{report}")) is not None:
        return _finish(denied)
    args = _args()
    ledger = Ledger(sandbox().store, sandbox().clock, g.tenant_id)
    try:
        body = build(ledger, args)
    except Invalid as exc:
        return _bad(str(exc))
    envelope = {
        "Id": fresh(),
        "Status": "OK",
        "ProviderName": g.provider,
        "DateTimeUTC": f"/Date({sandbox().clock.ms()})/",
        "Reports": [body],
    }
    return _finish(json_response(envelope))


def _month_bounds(ledger: Ledger) -> tuple[date, date]:
    today = ledger.clock.now().date()
    return date(today.year, today.month, 1), reports.month_end(today.year, today.month)


@bp.get("/Reports/BalanceSheet")
@bp.get("/reports/balancesheet")
def balance_sheet() -> Response:
    def build(ledger: Ledger, args: dict):
        day = _day(args, "date", _month_bounds(ledger)[1])
        options = _option_ids(
            ledger, args.get("trackingoptionid1", ""), args.get("trackingoptionid2", "")
        )
        return reports.balance_sheet(
            ledger, day, _periods(args) + 1, _timeframe(args), options, _cash(args)
        )

    return _run("BalanceSheet", build)


@bp.get("/Reports/ProfitAndLoss")
@bp.get("/reports/profitandloss")
def profit_and_loss() -> Response:
    def build(ledger: Ledger, args: dict):
        first, last = _month_bounds(ledger)
        start = _day(args, "fromDate", first)
        end = _day(args, "toDate", last)
        if start > end:
            raise Invalid("fromDate must be on or before toDate")
        category = None
        category_id = (args.get("trackingcategoryid") or "").strip().lower()
        if category_id:
            category = next(
                (
                    c
                    for c in ledger.tracking_categories
                    if str(c["TrackingCategoryID"]).lower() == category_id
                ),
                None,
            )
            if category is None:
                raise Invalid(f"Tracking category '{category_id}' was not found")
        options = _option_ids(
            ledger, args.get("trackingoptionid", ""), args.get("trackingoptionid2", "")
        )
        return reports.profit_and_loss(
            ledger, start, end, _periods(args) + 1, _timeframe(args), category, options, _cash(args)
        )

    return _run("ProfitAndLoss", build)


@bp.get("/Reports/TrialBalance")
@bp.get("/reports/trialbalance")
def trial_balance() -> Response:
    def build(ledger: Ledger, args: dict):
        return reports.trial_balance(
            ledger, _day(args, "date", ledger.clock.now().date()), _cash(args)
        )

    return _run("TrialBalance", build)


def _aged(side: str, ledger: Ledger, args: dict):
    contact_id = (args.get("contactid") or "").strip()
    if not contact_id:
        raise Invalid("contactId is required")
    if not is_guid(contact_id):
        raise Invalid(f"'{contact_id}' is not a valid contactId")
    contact = ledger.records.get(R.CONTACTS, contact_id.lower())
    if contact is None:
        raise Invalid(f"Contact '{contact_id}' was not found")
    as_of = _day(args, "date", ledger.clock.now().date())
    return reports.aged_by_contact(
        ledger,
        side,
        contact,
        as_of,
        _day(args, "fromDate", None),
        _day(args, "toDate", None),
    )


@bp.get("/Reports/AgedReceivablesByContact")
@bp.get("/reports/agedreceivablesbycontact")
def aged_receivables() -> Response:
    return _run("AgedReceivablesByContact", lambda ledger, args: _aged("receivables", ledger, args))


@bp.get("/Reports/AgedPayablesByContact")
@bp.get("/reports/agedpayablesbycontact")
def aged_payables() -> Response:
    return _run("AgedPayablesByContact", lambda ledger, args: _aged("payables", ledger, args))

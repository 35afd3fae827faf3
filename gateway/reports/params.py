"""A report's query string → a checked `ReportQuery`, or a 400 naming every bad parameter.

Which parameters a report takes depends on its shape: period reports (profit and loss, cash
flow) cover `start_date`..`end_date`; point-in-time reports (balance sheet, trial balance) stand
at a `date`; aged reports stand at an `as_of` date (`date` is accepted as its other name) and
may be narrowed to one `contact`. A parameter the report does not take is refused like a
misspelt one: silently ignoring it would answer a different question than the one asked.

Defaults (documented in the README): a period report without dates covers the current calendar
month (UTC), first to last day; a point-in-time or aged report without a date stands at today
(UTC). `periods` defaults to 1; `timeframe` is required when `periods` > 1.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from gateway.core.errors import InvalidRequest
from unified_models import ReportBasis, ReportTimeframe, ReportType

__all__ = [
    "AGED",
    "PERIOD",
    "POINT",
    "ReportQuery",
    "allowed_parameters",
    "parse",
]

PERIOD = frozenset({ReportType.PROFIT_AND_LOSS, ReportType.CASH_FLOW})
POINT = frozenset({ReportType.BALANCE_SHEET, ReportType.TRIAL_BALANCE})
AGED = frozenset({ReportType.AGED_RECEIVABLES, ReportType.AGED_PAYABLES})

#: Dates outside this range are refused: no ledger holds them, and date arithmetic on the
#: comparison periods must not overflow.
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
#: A sanity bound before the provider's own (`ReportRules`), so a huge number is a clear 400.
MAX_PERIODS = 60

_COMMON = {"max_age", "include_remote_data"}
_COMPARISON = {"periods", "timeframe", "basis", "tracking_category"}


def allowed_parameters(report: ReportType) -> frozenset[str]:
    if report in PERIOD:
        return frozenset({"start_date", "end_date", *_COMPARISON, *_COMMON})
    if report in POINT:
        return frozenset({"date", *_COMPARISON, *_COMMON})
    return frozenset({"as_of", "date", "contact", *_COMMON})


@dataclass(frozen=True)
class ReportQuery:
    """What the caller asked for, references still as Ledgerlink ids."""

    type: ReportType
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    date: dt.date | None = None
    periods: int = 1
    timeframe: ReportTimeframe | None = None
    basis: ReportBasis | None = None
    tracking_category: str | None = None
    contact: str | None = None
    max_age: int | None = None
    include_remote_data: bool = False


class _Problems:
    def __init__(self) -> None:
        self.found: list[dict[str, str]] = []

    def add(self, field: str, message: str) -> None:
        self.found.append({"field": field, "message": message})


def _single(params, name: str, problems: _Problems) -> str | None:
    values = params.getlist(name) if hasattr(params, "getlist") else [params[name]]
    if len(values) > 1:
        problems.add(name, "Give this parameter once.")
        return None
    value = values[0].strip()
    if not value:
        problems.add(name, "Must not be empty.")
        return None
    return value


def _date(value: str, name: str, problems: _Problems) -> dt.date | None:
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is None or len(value) != 10:
        problems.add(name, "Must be a date, YYYY-MM-DD.")
        return None
    if not EARLIEST <= parsed <= LATEST:
        problems.add(name, f"Must be between {EARLIEST} and {LATEST}.")
        return None
    return parsed


def _int(value: str, name: str, low: int, high: int | None, problems: _Problems) -> int | None:
    if not value.isascii() or not value.isdigit() or len(value) > 12:
        problems.add(name, f"Must be a whole number ≥ {low}.")
        return None
    number = int(value)
    if number < low or (high is not None and number > high):
        bound = f"between {low} and {high}" if high is not None else f"≥ {low}"
        problems.add(name, f"Must be {bound}.")
        return None
    return number


def _choice(value: str, name: str, choices, problems: _Problems):
    try:
        return choices(value.upper())
    except ValueError:
        problems.add(name, "Must be one of " + ", ".join(c.value for c in choices) + ".")
        return None


def _flag(value: str, name: str, problems: _Problems) -> bool:
    lowered = value.lower()
    if lowered in ("true", "1"):
        return True
    if lowered not in ("false", "0"):
        problems.add(name, "Must be true or false.")
    return False


def _month_of(today: dt.date) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(today.year, today.month)[1]
    return today.replace(day=1), today.replace(day=last)


def parse(report: ReportType, params, *, today: dt.date | None = None) -> ReportQuery:
    """Check every parameter at once; raise one 400 listing every problem."""
    today = today or dt.datetime.now(dt.UTC).date()
    problems = _Problems()
    allowed = allowed_parameters(report)
    for name in sorted(set(params) - allowed):
        problems.add(name, "Not a parameter of this report.")
    raw = {name: _single(params, name, problems) for name in sorted(set(params) & allowed)}
    raw = {name: value for name, value in raw.items() if value is not None}

    dates = {
        name: _date(raw[name], name, problems)
        for name in ("start_date", "end_date", "date", "as_of")
        if name in raw
    }
    fields: dict = {"type": report}
    if report in PERIOD:
        start, end = dates.get("start_date"), dates.get("end_date")
        given = [n for n in ("start_date", "end_date") if n in raw]
        if len(given) == 1:
            missing = "end_date" if given == ["start_date"] else "start_date"
            problems.add(missing, "Give start_date and end_date together (or neither).")
        elif not given:
            start, end = _month_of(today)
        if start and end and end < start:
            problems.add("end_date", "Must not be before start_date.")
        fields.update(start_date=start, end_date=end)
    elif report in POINT:
        fields["date"] = dates.get("date") if "date" in raw else today
    else:
        if "as_of" in raw and "date" in raw:
            problems.add("as_of", "Give as_of or date (its other name), not both.")
        name = "as_of" if "as_of" in raw else "date"
        fields["date"] = dates.get(name) if name in raw else today

    if "periods" in raw:
        fields["periods"] = _int(raw["periods"], "periods", 1, MAX_PERIODS, problems) or 1
    if "timeframe" in raw:
        fields["timeframe"] = _choice(raw["timeframe"], "timeframe", ReportTimeframe, problems)
    if fields.get("periods", 1) > 1 and "timeframe" not in raw:
        problems.add("timeframe", "Required when periods > 1 (MONTH, QUARTER or YEAR).")
    if fields.get("periods", 1) == 1:
        fields.pop("timeframe", None)  # one period: no comparison, the same report
    if "basis" in raw:
        fields["basis"] = _choice(raw["basis"], "basis", ReportBasis, problems)
    for name in ("tracking_category", "contact"):
        if name in raw:
            fields[name] = raw[name]
    if "max_age" in raw:
        fields["max_age"] = _int(raw["max_age"], "max_age", 0, None, problems)
    if "include_remote_data" in raw:
        fields["include_remote_data"] = _flag(
            raw["include_remote_data"], "include_remote_data", problems
        )
    if problems.found:
        raise InvalidRequest(details=problems.found)
    return ReportQuery(**fields)


#: Snapshots: at most this many per answer (two reports a month: five years).
MAX_SNAPSHOTS = 120


@dataclass(frozen=True)
class SnapshotQuery:
    type: ReportType | None = None
    period_end_after: dt.date | None = None
    period_end_before: dt.date | None = None
    limit: int = 24
    include_remote_data: bool = False


SNAPSHOT_PARAMETERS = frozenset(
    {"type", "period_end_after", "period_end_before", "limit", "include_remote_data"}
)


def parse_snapshots(params) -> SnapshotQuery:
    problems = _Problems()
    for name in sorted(set(params) - SNAPSHOT_PARAMETERS):
        problems.add(name, "Not a parameter of this list.")
    raw = {
        name: _single(params, name, problems) for name in sorted(set(params) & SNAPSHOT_PARAMETERS)
    }
    raw = {name: value for name, value in raw.items() if value is not None}
    fields: dict = {}
    if "type" in raw:
        fields["type"] = _choice(raw["type"], "type", ReportType, problems)
    for name in ("period_end_after", "period_end_before"):
        if name in raw:
            fields[name] = _date(raw[name], name, problems)
    if "limit" in raw:
        fields["limit"] = _int(raw["limit"], "limit", 1, MAX_SNAPSHOTS, problems) or 1
    if "include_remote_data" in raw:
        fields["include_remote_data"] = _flag(
            raw["include_remote_data"], "include_remote_data", problems
        )
    if problems.found:
        raise InvalidRequest(details=problems.found)
    return SnapshotQuery(**fields)

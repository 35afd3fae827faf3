"""The one place Xero dates are parsed and formatted.

Xero sends ``/Date(1518685950940+0000)/`` (milliseconds since the Unix epoch, UTC; the offset
suffix is informational), sometimes ISO 8601 strings (``2019-03-07T00:00:00``, naive = UTC).
Transaction dates (``Date``, ``DueDate``, ``FullyPaidOnDate``) are calendar dates sent as
midnight UTC; timestamps (``UpdatedDateUTC``) are instants.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

__all__ = [
    "format_date",
    "format_datetime",
    "format_modified_since",
    "format_ms_date",
    "parse_date",
    "parse_datetime",
]

_MS_DATE = re.compile(r"^/Date\((-?\d+)([+-]\d{4})?\)/$")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def parse_datetime(value: object) -> datetime | None:
    """A Xero timestamp as an aware UTC datetime (None for null/empty)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if not isinstance(value, str):
        raise ValueError(f"not a Xero date: {value!r}")
    return _parse_text(value)


@lru_cache(maxsize=8192)
def _parse_text(value: str) -> datetime:
    """Cached: transaction dates repeat a lot within a sync."""
    match = _MS_DATE.match(value)
    if match:
        return _EPOCH + timedelta(milliseconds=int(match.group(1)))
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"not a Xero date: {value!r}") from None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_date(value: object) -> date | None:
    """A Xero calendar date (the UTC date of the instant Xero sends)."""
    parsed = parse_datetime(value)
    return None if parsed is None else parsed.date()


def format_date(value: date | None) -> str | None:
    """Dates as Xero accepts them on writes: ``YYYY-MM-DD``."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.astimezone(UTC).date() if value.tzinfo else value.date()
    return value.isoformat()


def format_datetime(value: datetime) -> str:
    """An instant as ISO 8601 UTC, milliseconds, no offset: ``2020-02-06T20:17:43.202``."""
    value = value.astimezone(UTC) if value.tzinfo else value
    return value.replace(tzinfo=None).isoformat(timespec="milliseconds")


def format_modified_since(value: datetime) -> str:
    """The ``If-Modified-Since`` header value Xero expects (ISO 8601, UTC)."""
    return format_datetime(value)


def format_ms_date(value: datetime | date) -> str:
    """The ``/Date(ms+0000)/`` form (fixtures, the sandbox's wire format)."""
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day, tzinfo=UTC)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    ms = (value - _EPOCH) // timedelta(milliseconds=1)
    return f"/Date({ms}+0000)/"

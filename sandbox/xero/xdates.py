"""Xero's date formats: ``/Date(ms+0000)/`` and ``2019-01-11T00:00:00``, both ways."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

_MS_DATE = re.compile(r"^/Date\((-?\d+)([+-]\d{4})?\)/$")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def ms_date(ms: int) -> str:
    """``/Date(1518685950940+0000)/`` as Xero writes UpdatedDateUTC and dates."""
    return f"/Date({ms}+0000)/"


def iso_utc(ms: int) -> str:
    """``2018-11-02T16:31:30Z`` (UpdatedDateUTCString)."""
    return datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def event_date(ms: int) -> str:
    """Webhook ``eventDateUtc``: ``2024-06-21T01:15:39.902``."""
    return datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3]


def day_string(day: date) -> str:
    """``2019-01-11T00:00:00`` (DateString, DueDateString)."""
    return f"{day.isoformat()}T00:00:00"


def day_ms(day: date) -> int:
    return int((datetime(day.year, day.month, day.day, tzinfo=UTC) - EPOCH).total_seconds()) * 1000


def day_fields(prefix: str, day: date | None) -> dict:
    """``{"Date": "/Date(..)/", "DateString": "..T00:00:00"}`` for one date field."""
    if day is None:
        return {}
    return {prefix: ms_date(day_ms(day)), f"{prefix}String": day_string(day)}


def parse_day(value: object) -> date | None:
    """Accept ``YYYY-MM-DD``, ``YYYY-MM-DDTHH:MM:SS[...]`` or ``/Date(ms[+zzzz])/``."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    match = _MS_DATE.match(text)
    if match:
        return (EPOCH + timedelta(milliseconds=int(match.group(1)))).date()
    try:
        return date.fromisoformat(text[:10])
    except ValueError as exc:
        raise ValueError(f"invalid date {text!r}") from exc


def parse_ms_date(value: str) -> date:
    day = parse_day(value)
    if day is None:
        raise ValueError("empty date")
    return day


def day_from_iso(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def parse_http_instant(text: str) -> int:
    """Parse an ``If-Modified-Since`` value (ISO 8601 or RFC 1123) to epoch ms (UTC)."""
    text = text.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"invalid date-time {text!r}") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int((moment - EPOCH).total_seconds() * 1000)

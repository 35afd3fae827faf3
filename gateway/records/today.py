"""Today in a linked account's time zone: the company's (its `company_info` record), else UTC.

Providers name zones their own way: IANA names (`Europe/London`) are taken as they are, and
Windows names, which Xero sends upper-cased without spaces (`GMTSTANDARDTIME`), through the
CLDR mapping `tzlocal` ships. An unknown or missing zone is UTC.
"""

from __future__ import annotations

import functools
import re
from datetime import UTC, date, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone
from tzlocal.windows_tz import win_tz

from gateway.core import jsonutil
from gateway.records.models import Record

_NOT_ALNUM = re.compile(r"[^A-Z0-9]")


def _squashed(name: str) -> str:
    return _NOT_ALNUM.sub("", name.upper())


_WINDOWS = {_squashed(windows): iana for windows, iana in win_tz.items()}


@functools.lru_cache(maxsize=256)
def zone_named(name: str | None) -> tzinfo:
    """The zone a provider's name means, or UTC."""
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    iana = _WINDOWS.get(_squashed(name))
    return ZoneInfo(iana) if iana else UTC


def account_zone(account) -> tzinfo:
    document = (
        Record.objects.filter(linked_account=account, model="company_info")
        .order_by("seq")
        .values_list("document", flat=True)
        .first()
    )
    name = jsonutil.loads(document).get("timezone") if document else None
    return zone_named(name if isinstance(name, str) else None)


def local_today(account) -> date:
    if account is None:
        return timezone.now().astimezone(UTC).date()
    return timezone.now().astimezone(account_zone(account)).date()

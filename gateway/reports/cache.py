"""Cached reports in the shared cache, keyed by account, ledger generation and parameters.

A key is `reports:<account id>:<generation>:<sha256 of the normalized request>`; the
normalized request is the `ReportRequest` sent to the connector (dates resolved, references as
provider ids), so two spellings of one question share an entry and two accounts never do. An
entry holds the report as fetched (provider ids, remote data) and when it was fetched. Entries
expire after the freshness window (`REPORTS_FRESHNESS_SECONDS`); a ledger change makes them
unreachable at once (the generation moves on).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache

from gateway.core import jsonutil
from unified_models import ReportRequest

__all__ = ["Entry", "claim", "freshness", "key_for", "load", "release", "store"]

#: How long a fetch may hold its key's claim (a crashed worker's claim lapses by itself).
CLAIM_SECONDS = 60


@dataclass(frozen=True)
class Entry:
    generated_at: dt.datetime
    report: dict[str, Any]  # Report.model_dump(mode="json")

    def age(self, now: dt.datetime) -> float:
        return (now - self.generated_at).total_seconds()


def freshness() -> int:
    """Seconds a fetched report is served from the cache (the most `max_age` can ask for)."""
    return int(settings.REPORTS_FRESHNESS_SECONDS)


def key_for(account_id, generation: int, request: ReportRequest) -> str:
    normalized = request.model_dump_json(exclude_defaults=False).encode()
    return f"reports:{account_id}:{generation}:{hashlib.sha256(normalized).hexdigest()}"


def load(key: str) -> Entry | None:
    raw = cache.get(key)
    if not raw:
        return None
    try:
        body = jsonutil.loads(raw)
        return Entry(dt.datetime.fromisoformat(body["generated_at"]), body["report"])
    except (ValueError, KeyError, TypeError):
        return None  # an entry this code cannot read (another version's): a miss


def store(key: str, entry: Entry) -> None:
    if freshness() <= 0:
        return
    body = {"generated_at": entry.generated_at.isoformat(), "report": entry.report}
    cache.set(key, jsonutil.dumps(body), timeout=freshness())


def claim(key: str) -> bool:
    """Claim the fetch of ``key``'s report (False: another request is fetching it now)."""
    return bool(cache.add(f"{key}:fetching", 1, timeout=CLAIM_SECONDS))


def release(key: str) -> None:
    cache.delete(f"{key}:fetching")

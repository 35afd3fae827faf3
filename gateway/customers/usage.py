"""API calls per customer and day (UTC), for the dashboard's overview.

Each authenticated call is counted in process; the counts are added to the customer's
`ApiUsage` row of the day at most every API_USAGE_FLUSH_SECONDS (0: at every call) and when the
process exits, so a busy API spends one UPDATE per customer and interval, not one per call. A
process killed without exiting loses at most its last interval's counts. A failed write is
logged and its counts kept for the next flush: counting never fails a request.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import threading
import time
from collections import Counter
from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_pending: Counter[tuple[Any, date]] = Counter()
_last_flush = time.monotonic()


def note(customer_id: Any) -> None:
    global _last_flush
    now = time.monotonic()
    with _lock:
        _pending[(customer_id, timezone.now().date())] += 1
        due = now - _last_flush >= settings.API_USAGE_FLUSH_SECONDS
        if due:
            _last_flush = now
    if due:
        flush()


def flush(*, log: bool = True) -> None:
    from gateway.customers.models import ApiUsage

    with _lock:
        counts = dict(_pending)
        _pending.clear()
    for (customer_id, day), calls in counts.items():
        try:
            with transaction.atomic():  # a savepoint inside a caller's transaction
                _add(ApiUsage, customer_id, day, calls)
        except Exception:
            if log:
                logger.warning("could not record API usage; kept for the next flush", exc_info=True)
            with _lock:
                _pending[(customer_id, day)] += calls


def _add(model, customer_id: Any, day: date, calls: int) -> None:
    rows = model.objects.filter(customer_id=customer_id, day=day)
    if rows.update(calls=F("calls") + calls):
        return
    try:
        with transaction.atomic():
            model.objects.create(customer_id=customer_id, day=day, calls=calls)
    except IntegrityError:  # another process made the row meanwhile
        rows.update(calls=F("calls") + calls)


def _flush_at_exit() -> None:
    # Quietly: at exit the database (or, in tests, the test database) may be gone already.
    with contextlib.suppress(Exception):
        flush(log=False)


atexit.register(_flush_at_exit)

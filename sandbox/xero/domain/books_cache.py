"""A small memo of computed books per organisation, valid while its records are unchanged.

Computing every posting of a 10,000-invoice organisation takes seconds, and an all-contacts
aged report asks the sandbox once per contact. The fingerprint of the records the books are
made of (count, last row sequence, sum of update stamps and of document sizes, per tenant and
kind) changes with every write the sandbox makes: a save stamps ``updated_ms`` and rewrites the
document, a bulk load adds rows, a reset deletes them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from .. import resources as R
from ..ledger import Ledger

__all__ = ["memo"]

T = TypeVar("T")
_KINDS = tuple(
    r.kind
    for r in (
        R.INVOICES,
        R.CREDIT_NOTES,
        R.PAYMENTS,
        R.MANUAL_JOURNALS,
        R.BANK_TRANSACTIONS,
        R.BANK_TRANSFERS,
        R.ACCOUNTS,
        R.TAX_RATES,
        R.ORGANISATION,
    )
)
_SIZE = 16
_lock = threading.Lock()
_memo: OrderedDict[tuple, object] = OrderedDict()


def fingerprint(ledger: Ledger) -> tuple:
    marks = ",".join("?" * len(_KINDS))
    sql = (
        "SELECT COUNT(*), COALESCE(MAX(seq), 0), COALESCE(SUM(updated_ms), 0), "  # noqa: S608
        "COALESCE(SUM(LENGTH(doc)), 0) FROM records WHERE tenant_id=? AND kind IN "
        f"({marks})"
    )
    row = ledger.store.one(sql, (ledger.tenant_id, *_KINDS))
    return (ledger.store.path, id(ledger.store), ledger.tenant_id, *tuple(row))


def memo(ledger: Ledger, key: tuple, compute: Callable[[], T]) -> T:
    """``compute()``, or its value from an earlier call with the same key and unchanged books."""
    full = (*fingerprint(ledger), *key)
    with _lock:
        if full in _memo:
            _memo.move_to_end(full)
            return _memo[full]  # type: ignore[return-value]
    value = compute()
    with _lock:
        _memo[full] = value
        while len(_memo) > _SIZE:
            _memo.popitem(last=False)
    return value

"""Many companies for fleet benchmarks: ``fleet-00001`` … each a copy of the US demo company's
books under its own realmId (plus bulk invoices), as an accountant's app connected to
hundreds of QuickBooks companies sees them. A QuickBooks consent reaches one company, so each
is linked on its own. The demo companies stay as they are; a reset forgets the fleet."""

from __future__ import annotations

import dataclasses
import time

from . import seed
from .store import Store

PREFIX = "fleet-"
#: Fleet realmIds: this plus the company's number (outside the demo companies' ids).
REALM_BASE = 9341453060000000


def company(index: int) -> seed.Company:
    us = seed.BY_KEY["us"]
    return dataclasses.replace(
        us,
        key=f"{PREFIX}{index:05d}",
        realm=str(REALM_BASE + index),
        name=f"Fleet Company {index:05d}",
        legal_name=f"Fleet Company {index:05d} LLC",
    )


def forget() -> None:
    """Drop the fleet companies from the registry (the books are wiped by the caller)."""
    for registry in (seed.BY_KEY, seed.BY_REALM):
        for key in [k for k, c in registry.items() if c.key.startswith(PREFIX)]:
            del registry[key]


def seed_fleet(store: Store, companies: int, invoices: int = 0) -> dict:
    """Add fleet companies 1..``companies`` (the ones not there yet): the US demo company's
    books copied under the new realm, and ``invoices`` bulk invoices."""
    started = time.perf_counter()
    template = seed.BY_KEY["us"].realm
    added = 0
    for index in range(1, companies + 1):
        c = company(index)
        if c.realm in seed.BY_REALM:
            continue
        with store.tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO entities (realm, entity, id, doc) "
                "SELECT ?, entity, id, doc FROM entities WHERE realm = ?",
                (c.realm, template),
            )
        seed.BY_KEY[c.key] = c
        seed.BY_REALM[c.realm] = c
        seed.bulk_invoices(store, c, invoices)
        added += 1
    fleet = sum(1 for k in seed.BY_KEY if k.startswith(PREFIX))
    return {"companies": fleet, "added": added, "seconds": round(time.perf_counter() - started, 3)}

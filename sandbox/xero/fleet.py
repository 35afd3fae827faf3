"""Many organisations for fleet benchmarks: ``fleet-00001`` … each with the demo reference data
(organisation, currencies, tax rates, accounts, items, tracking categories) and bulk contacts,
invoices and payments, as one Xero user reaching thousands of organisations (an accountant's
practice) would see them. The three demo organisations stay as they are.

A fleet organisation's TenantID is derived from its key (``orgdata.tenant_id``), so a client
may name it by key or id; the ids are remembered per process (``FLEET``) and re-read from the
store when the process starts on an existing database."""

from __future__ import annotations

import time

from . import orgdata
from .ids import seeded
from .store import Store

#: TenantID → name of every fleet organisation this process knows.
FLEET: dict[str, str] = {}
PREFIX = "fleet-"
_VERSIONS = ("UK", "US", "AU")


def key(index: int) -> str:
    return f"{PREFIX}{index:05d}"


def org(index: int) -> dict:
    """A fleet organisation's static data, in the shape of ``orgdata.ORGS``' entries."""
    version = _VERSIONS[index % len(_VERSIONS)]
    demo = next(o for o in orgdata.ORGS if o["version"] == version)
    return {
        **demo,
        "key": key(index),
        "name": f"Fleet Organisation {index:05d} ({version})",
        "short": f"!f{index:05d}",
    }


def tenant_of(value: str) -> str | None:
    """The TenantID a fleet key (``fleet-00042``) or a known fleet TenantID names."""
    if value.startswith(PREFIX) and value[len(PREFIX) :].isdigit():
        return orgdata.tenant_id(key(int(value[len(PREFIX) :])))
    return value.lower() if value.lower() in FLEET else None


def load(store: Store) -> None:
    """Remember the fleet organisations a store already holds (a restarted process)."""
    FLEET.clear()
    demo = set(orgdata.TENANTS.values())
    rows = store.all(
        "SELECT tenant_id, json_extract(doc, '$.Name') AS name FROM records "
        "WHERE kind='Organisation'"
    )
    for row in rows:
        if row["tenant_id"] not in demo:
            FLEET[row["tenant_id"]] = row["name"] or ""


def seed(
    store: Store, organisations: int, invoices: int = 0, contacts: int = 0, payments: int = 0
) -> dict:
    """Add fleet organisations 1..``organisations`` (the ones not there yet)."""
    from .ledger import Ledger
    from .seed import SeedClock, _bulk_tenant, _reference_data

    started = time.perf_counter()
    added = []
    for index in range(1, organisations + 1):
        data = org(index)
        tenant_id = orgdata.tenant_id(data["key"])
        if tenant_id in FLEET:
            continue
        country = orgdata.COUNTRIES[data["version"]]
        ledger = Ledger(store, SeedClock(), tenant_id)
        with store.write(), seeded(f"seed:{data['key']}"):
            _reference_data(ledger, data, country)
        for prefix in ("INV-", "CN-", "PO-"):
            store.set_sequence(tenant_id, prefix, 100)
        _bulk_tenant(store, tenant_id, invoices, contacts, payments)
        FLEET[tenant_id] = data["name"]
        added.append(tenant_id)
    return {
        "organisations": len(FLEET),
        "added": len(added),
        "seconds": round(time.perf_counter() - started, 3),
    }


def names() -> dict[str, str]:
    """TenantID → name of every organisation (the demo ones and the fleet's)."""
    return {**{orgdata.TENANTS[o["key"]]: o["name"] for o in orgdata.ORGS}, **FLEET}

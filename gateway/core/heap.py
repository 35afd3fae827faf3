"""Python's cyclic garbage collector, tuned for the long-lived gateway and worker processes.

A sync page is a thousand provider records decoded into dicts and mapped into documents: tens
of thousands of container objects that live for the page. With CPython's default thresholds
(a young collection every 700 allocations) they pass through every generation, and each full
collection also walks everything Django, DRF, Celery and the connectors loaded at startup: a
third of a worker's CPU in a full sync (`bench/sync_cost_profile.py --plain`, BENCHMARKS.md).

`settle()` runs once a process has loaded its code: it moves what is alive then out of the
collector's sight for good (`gc.freeze`; also keeps those pages shared between a pre-forking
parent and its children) and makes young collections rarer. Cycles are still collected, later:
the garbage waiting is bounded by the first threshold (some megabytes).
"""

from __future__ import annotations

import gc

#: Allocations between young collections (CPython's default: 700), and the young and middle
#: collections between older ones (CPython's: 10, 10).
THRESHOLDS = (50_000, 20, 20)


def settle() -> None:
    """Freeze what this process holds now and raise the collector's thresholds."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)

"""The provider calls a full read of one model should take, from its connector spec: the count
the provider's documentation implies, which the sync benchmark holds each model to.

- a page-numbered resource (Xero ``?page=N``, which reports ``pagination.pageCount``):
  ``ceil(n / page size)``, at least one call;
- a resource paged by offset or position whose last page is the first short one (Xero
  ``Journals?offset=N``, 100 a call; QuickBooks queries, ``MAXRESULTS 1000``): ``n // page size
  + 1`` (a full last page is followed by one empty answer);
- a resource read whole (Xero tax rates, accounts, bank transfers; the QuickBooks
  ``JournalReport``): one call, plus its companion's when that was not read whole earlier in
  the same run;
- a QuickBooks model of several queries (parts, companions): one ``batch`` call carrying every
  part's first rows (the batch's row budget shared between its reads), then plain queries for
  each part whose first rows were a full share.

``rows`` are what the provider holds for each part (``spec.sources``), in order."""

from __future__ import annotations

import math
from collections.abc import Sequence

from connectors import batching
from connectors.specs import BatchSpec, OffsetPaginator, ResourceSpec

__all__ = ["expected_calls", "page_size", "part_calls"]


def page_size(source: ResourceSpec) -> int | None:
    """Records per page of one provider resource (None: read whole, one answer)."""
    if source.query is not None:
        return source.query.page_size
    if source.paginator is None:
        return None
    return source.paginator.page_size


def part_calls(source: ResourceSpec, rows: int, *, skip: int = 0) -> int:
    """Plain calls to list ``rows`` records of one resource (``skip``: rows a batch read)."""
    left = max(rows - skip, 0)
    if source.query is not None:
        return left // source.query.page_size + 1
    paginator = source.paginator
    if paginator is None:
        return 1
    if isinstance(paginator, OffsetPaginator) or paginator.page_count_path is None:
        return left // paginator.page_size + 1
    return max(math.ceil(left / paginator.page_size), 1)


def expected_calls(
    spec: ResourceSpec,
    rows: Sequence[int],
    batch: BatchSpec | None = None,
    *,
    companions_read: frozenset[str] = frozenset(),
) -> int:
    """Calls of one full (not incremental) read of ``spec``. ``companions_read``: the paths a
    whole read earlier in the run already holds (a companion on one of them costs nothing)."""
    sources = spec.sources
    if len(rows) != len(sources):
        raise ValueError(f"{spec.model}: {len(sources)} parts, {len(rows)} row counts")
    if batching.applies(batch, spec, None):
        assert batch is not None
        _, share = batching.reads(batch, spec, None)
        # A part whose share came back full goes on after the rows the batch read.
        return 1 + sum(
            part_calls(source, n, skip=share)
            for source, n in zip(sources, rows, strict=True)
            if n >= share
        )
    calls = 0
    for source, n in zip(sources, rows, strict=True):
        pages = part_calls(source, n)
        calls += pages
        companion = source.companion
        if companion is not None and n and companion.path not in companions_read:
            size = page_size(source)  # read beside every page with rows
            calls += math.ceil(n / size) if size else 1
    return calls

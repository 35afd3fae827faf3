"""The first call of a list read as one batch call (``BatchSpec``): the first page of every
part of a model, the parts' companions and, on an incremental read, its deletion feed, so an
incremental read with nothing changed costs one provider call whatever the model is made of.
Later pages (a part whose first page is full) are plain calls, after the rows the batch read."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from unified_models import UnifiedRecord

from . import rest
from .base import Page
from .cursor import ListCursor
from .errors import ConnectorError, RateLimited
from .specs import BatchRead, BatchSpec, RateLimits, ResourceSpec

if TYPE_CHECKING:
    from .rest import SpecConnector

__all__ = ["applies", "first_pages", "reads", "slot"]

log = logging.getLogger(__name__)

#: Read ids: ``p<part>`` a part's first page, ``c<part>`` its companion, ``d`` the feed.
_FEED = "d"


def _companion_statement(source: ResourceSpec) -> str | None:
    """The companion as a statement of the part's query endpoint (None: it has none)."""
    companion, query = source.companion, source.query
    if companion is None or query is None:
        return None
    if companion.query is not None:
        return companion.query
    return companion.params.get(query.param) if companion.path == source.path else None


def _companion_records(source: ResourceSpec, answer: Any) -> Any:
    """The companion's records in its batch answer (``rest.UNREAD``: no answer, read it
    with a plain call)."""
    companion = source.companion
    if companion is None or answer is None:
        return rest.UNREAD
    field = companion.query_records_field if companion.query else companion.records_field
    return rest._dig(answer, tuple((field or companion.records_field).split(".")))


def _feed_in_batch(batch: BatchSpec, spec: ResourceSpec, since: datetime | None) -> bool:
    return batch.feeds and spec.deletions is not None and since is not None


def _count(batch: BatchSpec, spec: ResourceSpec, since: datetime | None) -> int:
    parts = len(spec.sources)
    companions = sum(1 for s in spec.sources if _companion_statement(s) is not None)
    return parts + companions + int(_feed_in_batch(batch, spec, since))


def applies(batch: BatchSpec | None, spec: ResourceSpec, since: datetime | None) -> bool:
    """Whether a fresh list of ``spec`` starts with a batch call: the provider has one, every
    part is read through a query, and the read would otherwise take more than one call."""
    if batch is None or any(s.query is None for s in spec.sources):
        return False
    count = _count(batch, spec, since)
    return 1 < count <= batch.max_reads


def slot(connector: SpecConnector) -> bool:
    """Whether the tenant's batch calls this minute leave room for one more (it is then
    counted); False: start with plain calls rather than wait or meet the provider's 429."""
    batch = connector.provider.batch
    if batch is None or batch.per_minute is None:
        return True
    limits = RateLimits(tenant_per_minute=batch.per_minute)
    try:
        lease = connector.provider.limiter.acquire(
            f"{connector.provider.key}:batch", connector.tenant_id, limits, max_wait=0
        )
    except RateLimited:
        log.info("%s batch calls a minute reached: plain calls", batch.per_minute)
        return False
    lease.release()
    return True


def reads(
    batch: BatchSpec, spec: ResourceSpec, since: datetime | None
) -> tuple[list[BatchRead], int]:
    """The batch's reads, and the rows each part's first page asks for (the parts share
    ``max_rows`` with the companions and the feed, one share each)."""
    size = max(batch.max_rows // _count(batch, spec, since), 1)
    out: list[BatchRead] = []
    for index, source in enumerate(spec.sources):
        query = source.query
        assert query is not None  # guarded by applies
        statement = query.statement(
            position=query.first_position, modified_since=since, max_results=size
        )
        out.append(BatchRead(id=f"p{index}", statement=statement))
        companion = _companion_statement(source)
        if companion is not None:
            out.append(BatchRead(id=f"c{index}", statement=companion))
    feed = spec.deletions
    if feed is not None and since is not None and batch.feeds:
        out.append(
            BatchRead(
                id=_FEED,
                entities=tuple(s.resource_name for s in spec.sources),
                since=rest.feed_since(feed, since),
            )
        )
    return out, size


def first_pages(
    connector: SpecConnector, spec: ResourceSpec, state: ListCursor
) -> tuple[Iterator[Page], ListCursor | None]:
    """One batch call: pages with every part's first rows (the last one with the deleted ids,
    when the feed was in it), mapped as they are handed on, and where the read goes on (None:
    it is complete)."""
    batch = connector.provider.batch
    assert batch is not None  # guarded by applies
    since = state.modified_since
    batch_reads, size = reads(batch, spec, since)
    before = connector.client.calls
    response = connector.client.request(
        "POST", batch.path, params=dict(batch.params), json=batch.body(batch_reads)
    )
    answers = batch.answers(response.json())
    read: list[tuple[ResourceSpec, list[Any], Any]] = []
    skips: list[int] = []
    for index, source in enumerate(spec.sources):
        answer = _answer(answers, f"p{index}")
        if answer is None:  # refused alone: read this part with plain calls from its start
            skips.append(0)
            continue
        rows = rest._dig(answer, rest._records_path(source)) or []
        companion = rest.UNREAD
        if _companion_statement(source) is not None:
            companion = _companion_records(source, _answer(answers, f"c{index}"))
        read.append((source, rows, companion))
        skips.append(size if len(rows) >= size else -1)
    deleted: tuple[str, ...] = ()
    feed_read = False
    if any(r.id == _FEED for r in batch_reads):
        answer = _answer(answers, _FEED)
        if answer is not None:
            deleted, feed_read = rest.deleted_ids(spec, answer), True
    after: ListCursor | None = replace(state, skips=tuple(skips), feed_read=feed_read)
    first = next((i for i, skip in enumerate(skips) if skip >= 0), None)
    if first is not None:
        after = replace(after, page=rest._first_page(spec.sources[first]), part=first)
    else:
        after = rest.next_part(spec, replace(after, part=len(skips) - 1), len(skips) - 1)
    pages = rest.map_in_parts(
        spec.model,
        _mapped_parts(connector, read),
        here=state.encode(),
        after=after.encode() if after else None,
        calls=lambda: connector.client.calls - before,
        deleted_remote_ids=deleted,
    )
    return pages, after


def _mapped_parts(
    connector: SpecConnector, read: list[tuple[ResourceSpec, list[Any], Any]]
) -> Iterator[list[UnifiedRecord]]:
    """The rows mapped `rest.MAP_PART` at a time: a part with a companion at once, and a model
    in the connector's `whole_pages` all in one."""
    if any(source.model in connector.whole_pages for source, _, _ in read):
        yield [
            record
            for source, rows, companion in read
            for record in connector._map(source, rows, companion_records=companion)
        ]
        return
    for source, rows, companion in read:
        if source.companion is not None:
            yield connector._map(source, rows, companion_records=companion)
            continue
        for start in range(0, len(rows), rest.MAP_PART):
            yield connector._map(source, rows[start : start + rest.MAP_PART])


def _answer(answers: Any, read_id: str) -> Any:
    """A read's answer; None (logged) when the provider refused it alone or left it out."""
    answer = answers.get(read_id)
    if answer is None or isinstance(answer, ConnectorError):
        log.warning("batch read %s refused (%s): read with a plain call", read_id, answer)
        return None
    return answer

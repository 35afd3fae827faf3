"""The generic, spec-driven part of a REST connector: paged/incremental lists, get by id and
passthrough, all from ``ResourceSpec`` data. Providers subclass it for writes."""

from __future__ import annotations

import json as std_json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from unified_models import UnifiedInput, UnifiedRecord

from . import batching
from .base import Connector, Page, PassthroughResponse
from .credentials import CredentialStore
from .cursor import InvalidCursor, ListCursor
from .errors import NotFound, NotSupported, ProviderError
from .http import ApiClient, ErrorTranslator, HttpPolicy, Response
from .jsonutil import dumps
from .specs import DeletionFeed, OffsetPaginator, ResourceSpec
from .tokens import TokenManager

if TYPE_CHECKING:
    from .base import Provider

__all__ = ["SpecConnector"]

#: Response headers passthrough returns (hop-by-hop and auth-related ones are dropped).
_PASS_HEADERS = (
    "content-type",
    "retry-after",
    "x-rate-limit-problem",
    "x-daylimit-remaining",
    "x-minlimit-remaining",
    "x-appminlimit-remaining",
    "etag",
    "last-modified",
)


def _dig(body: Any, path: tuple[str, ...] | None) -> Any:
    if path is None:
        return None
    for key in path:
        if not isinstance(body, Mapping):
            return None
        body = body.get(key)
    return body


def _records_path(spec: ResourceSpec) -> tuple[str, ...]:
    return tuple(spec.records_field.split("."))


#: ``SpecConnector._map``'s companion records when they are still to be read.
UNREAD: Any = object()

#: A feed's oldest allowed moment is asked for this much inside it (clocks differ).
_FEED_MARGIN = timedelta(minutes=5)
#: A large page is mapped and handed on this many records at a time, so the store starts on the
#: first records (and their events go out) while the rest are still being mapped: a webhook
#: burst read as one 1,000-record page reaches the customer sooner.
MAP_PART = 100


def _feeds(spec: ResourceSpec, modified_since: datetime | None) -> int:
    """1 when an incremental read of ``spec`` ends with its deletion feed, else 0."""
    return int(spec.deletions is not None and modified_since is not None)


def feed_since(feed: DeletionFeed, since: datetime) -> str:
    """The feed's ``since`` parameter: ``since``, or the oldest moment the feed allows."""
    oldest = datetime.now(UTC) - feed.max_age + _FEED_MARGIN
    return feed.format(max(since, oldest))


def _naming_every_id(pages: Iterator[Page]) -> Iterator[Page]:
    """A whole read from its first page: the last page names every id read (what is missing
    from it was removed at the provider; see ``Page.complete_remote_ids``)."""
    seen: set[str] = set()
    for page in pages:
        seen.update(record.remote_id for record in page.records)
        if page.next_cursor is None:
            page = replace(page, complete_remote_ids=frozenset(seen))
        yield page


def deleted_ids(spec: ResourceSpec, body: Any) -> tuple[str, ...]:
    """The remote ids of ``spec``'s records that a deletion feed body reports deleted."""
    assert spec.deletions is not None
    prefixes = {source.resource_name: source.id_prefix for source in spec.sources}
    return tuple(
        prefixes[entity] + own_id
        for entity, own_id in spec.deletions.deleted(body)
        if entity in prefixes
    )


def next_part(spec: ResourceSpec, state: ListCursor, part: int) -> ListCursor | None:
    """Where a read goes once ``part`` is read to its end: the next part not yet read, then
    the deletion feed (incremental reads, unless a batch read it), else nowhere (None)."""
    sources = spec.sources
    for following in range(part + 1, len(sources)):
        if state.skip(following) >= 0:
            return replace(state, page=_first_page(sources[following]), part=following)
    if _feeds(spec, state.modified_since) and not state.feed_read:
        return replace(state, page=1, part=len(sources))
    return None


def _first_page(spec: ResourceSpec) -> int:
    """The first ``page`` of a read: a page number, or an offset paginator's start key."""
    if spec.query is None and isinstance(spec.paginator, OffsetPaginator):
        return spec.paginator.start
    if spec.query is None and spec.paginator is not None:
        return spec.paginator.first_page
    return 1


def _offset(spec: ResourceSpec) -> OffsetPaginator | None:
    paginator = spec.paginator if spec.query is None else None
    return paginator if isinstance(paginator, OffsetPaginator) else None


class SpecConnector(Connector):
    #: Models whose pages are mapped and handed on whole, not `MAP_PART` records at a time
    #: (the connector joins something to each page it reads).
    whole_pages: frozenset[str] = frozenset()

    #: Extra headers on every call (e.g. the tenant header).
    def default_headers(self) -> dict[str, str]:
        return {}

    def translate_error(self, response: Response, context: str | None) -> Any:
        """Provider-specific error bodies (None: use the status table)."""
        return None

    def __init__(self, provider: Provider, credential_store: CredentialStore, tenant_id: str):
        self.provider = provider
        self.tenant_id = tenant_id
        #: Complete reads of a companion's resource made by this connector (one sync run), so
        #: a companion already read whole in the run costs no second call (Xero's items need
        #: the chart of accounts the run has just read as the `account` model).
        self._complete_reads: dict[tuple[str, frozenset], Any] = {}
        self.credential_store = credential_store
        settings = provider.settings
        self.tokens = TokenManager(
            credential_store,
            provider.refresh,
            leeway_seconds=float(settings.get("refresh_leeway_seconds", 120)),
        )
        translate: ErrorTranslator = self.translate_error
        self.client = ApiClient(
            base_url=provider.tenant_api_url(tenant_id),
            tokens=self.tokens,
            limiter=provider.limiter,
            limits=provider.limits,
            provider_key=provider.key,
            tenant_id=tenant_id,
            session=getattr(provider, "session", None),
            default_headers=self.default_headers(),
            translate_error=translate,
            policy=HttpPolicy.from_settings(settings),
            request_id_header=provider.request_id_header,
        )

    @property
    def calls(self) -> int:
        """HTTP calls this connector has made."""
        return self.client.calls

    # -- reads ----------------------------------------------------------------------------------
    def list(
        self,
        model: str,
        *,
        modified_since: datetime | None = None,
        cursor: str | None = None,
    ) -> Iterator[Page]:
        spec = self.provider.resource(model, "list")
        if cursor:
            state = ListCursor.decode(cursor)
            if state.model != model:
                raise InvalidCursor(f"cursor is for {state.model}, not {model}")
            if state.part >= len(spec.sources) + _feeds(spec, state.modified_since):
                raise InvalidCursor(f"cursor part {state.part} does not exist for {model}")
            if len(state.skips) > len(spec.sources):
                raise InvalidCursor(f"cursor parts do not exist for {model}")
        else:
            if modified_since is not None and modified_since.tzinfo is None:
                raise ValueError("modified_since must be timezone-aware")
            state = ListCursor(
                model=model, page=_first_page(spec.sources[0]), modified_since=modified_since
            )
        if state.modified_since is not None and not spec.reads_incrementally:
            # A resource with no change cursor (Xero's tax rates, or its chart of accounts,
            # read whole for the items beside it) is read whole; the store keeps what is new.
            state = ListCursor(model=model, page=_first_page(spec.sources[0]))
        pages = self._pages(spec, state, fresh=not cursor)
        if not cursor and not spec.reads_incrementally:
            return _naming_every_id(pages)
        return pages

    def _pages(self, spec: ResourceSpec, state: ListCursor, fresh: bool = False) -> Iterator[Page]:
        """Every page of every source from ``state`` on; a cursor names the source and page. A
        fresh read that would take several calls starts with one batch call, where the
        provider has one (``BatchSpec``)."""
        batch = self.provider.batch
        if fresh and batching.applies(batch, spec, state.modified_since) and batching.slot(self):
            pages, after = batching.first_pages(self, spec, state)
            yield from pages
            if after is None:
                return
            state = after
        sources = spec.sources
        part, page = state.part, state.page
        while True:
            if part == len(sources):  # past the lists: the deletion feed (incremental only)
                yield self._deletions(spec, state.modified_since)
                return
            source = sources[part]
            params, headers = self._list_request(
                source, page, state.modified_since, skip=max(state.skip(part), 0)
            )
            before = self.client.calls
            response = self.client.request("GET", source.path, params=params, headers=headers)
            body = response.json() if response.status != 304 else {}
            rows = _dig(body, _records_path(source)) or []
            self._remember_complete_read(source, params, headers, response, rows)
            offset = _offset(source)
            # Offset paging: the next call starts after the largest key read (its cursor
            # names that key, so a resumed read neither repeats nor skips a record).
            following_page = offset.next_offset(rows, page) if offset else page + 1
            del body
            last_of_part = self._is_last(source, response, page, len(rows))
            if offset is not None and following_page == page:
                last_of_part = True  # no key moved forward: stop rather than loop
            following = (
                replace(state, page=following_page, part=part)
                if not last_of_part
                else next_part(spec, state, part)
            )
            yield from map_in_parts(
                spec.model,
                self._mapped_parts(source, rows),
                here=replace(state, page=page, part=part).encode(),
                after=following.encode() if following else None,
                calls=lambda before=before: self.client.calls - before,
            )
            del rows
            if following is None:
                return
            part, page = following.part, following.page

    def _deletions(self, spec: ResourceSpec, since: datetime | None) -> Page:
        """One call to the model's deletion feed: the ids of records deleted since ``since``."""
        feed = spec.deletions
        assert feed is not None and since is not None  # guarded by _feeds
        entities = [source.resource_name for source in spec.sources]
        params = {
            **feed.params,
            feed.entities_param: ",".join(entities),
            feed.since_param: feed_since(feed, since),
        }
        before = self.client.calls
        response = self.client.request("GET", feed.path, params=params)
        return Page(
            model=spec.model,
            records=[],
            next_cursor=None,
            calls=self.client.calls - before,
            deleted_remote_ids=deleted_ids(spec, response.json()),
        )

    def _list_request(
        self, spec: ResourceSpec, page: int, modified_since: datetime | None, skip: int = 0
    ) -> tuple[dict[str, str], dict[str, str]]:
        """Query parameters and headers of one list page (``skip``: rows of the resource a batch
        already read before page 1)."""
        params = dict(spec.list_params)
        headers: dict[str, str] = {}
        if spec.query is not None:
            params[spec.query.param] = spec.query.statement(
                position=spec.query.position(page) + skip, modified_since=modified_since
            )
            return params, headers
        paginator = spec.paginator
        if isinstance(paginator, OffsetPaginator):
            params[paginator.param] = str(page)
        elif paginator is not None:
            params[paginator.page_param] = str(page)
            if paginator.size_param:
                params[paginator.size_param] = str(paginator.page_size)
        if modified_since is not None and spec.cursor is not None:
            headers[spec.cursor.header] = spec.cursor.format(modified_since)
        return params, headers

    @staticmethod
    def _is_last(spec: ResourceSpec, response: Response, page: int, count: int) -> bool:
        if spec.query is not None:
            return count < spec.query.page_size
        paginator = spec.paginator
        if paginator is None or count == 0:
            return True
        if isinstance(paginator, OffsetPaginator):
            return count < paginator.page_size
        page_count = _dig(response.json(), paginator.page_count_path)
        if isinstance(page_count, int):
            return page >= page_count
        return count < paginator.page_size

    def get(self, model: str, remote_id: str) -> UnifiedRecord:
        spec = self.provider.resource(model, "get")
        try:
            source, own_id = spec.source_for(remote_id)
        except KeyError:
            raise NotFound(f"{model} {remote_id} not found") from None
        if source.query is not None:
            params = dict(source.list_params)
            try:
                params[source.query.param] = source.query.statement(remote_id=own_id)
            except ValueError:
                raise NotFound(f"{model} {remote_id} not found") from None
            response = self.client.request("GET", source.path, params=params)
        else:
            response = self.client.request(
                "GET", f"{source.path}/{own_id}", params=self.get_params(source)
            )
        return self._one(source, response, remote_id)

    def get_params(self, spec: ResourceSpec) -> dict[str, str]:
        return {}

    def _one(self, spec: ResourceSpec, response: Response, remote_id: str | None) -> UnifiedRecord:
        rows = _dig(response.json(), _records_path(spec))
        if not rows:
            if remote_id is not None:
                raise NotFound(f"{spec.model} {remote_id} not found", status=response.status)
            raise ProviderError(f"{spec.path}: no {spec.records_field} in response")
        return self._map(spec, rows[:1])[0]

    def _map(
        self, spec: ResourceSpec, rows: list[Any], companion_records: Any = UNREAD
    ) -> list[UnifiedRecord]:
        """The rows' unified records; a spec with a companion reads it first (one call), unless
        ``companion_records`` are its records already (read in a batch)."""
        companion = spec.companion
        if companion is None or not rows:
            return [spec.to_unified(row) for row in rows]
        extra = companion_records
        if extra is UNREAD:
            extra = self._complete_reads.get((companion.path, frozenset(companion.params.items())))
        if extra is None:
            response = self.client.request("GET", companion.path, params=dict(companion.params))
            extra = _dig(response.json(), tuple(companion.records_field.split(".")))
        return [companion.to_unified(row, extra) for row in rows]

    def _mapped_parts(self, spec: ResourceSpec, rows: list[Any]) -> Iterator[list[UnifiedRecord]]:
        """The rows' unified records, `MAP_PART` at a time (all at once with a companion, or
        for a model in `whole_pages`)."""
        if spec.companion is not None or spec.model in self.whole_pages:
            yield self._map(spec, rows)
            return
        for start in range(0, len(rows), MAP_PART):
            yield self._map(spec, rows[start : start + MAP_PART])

    def _remember_complete_read(
        self,
        source: ResourceSpec,
        params: Mapping[str, str],
        headers: Mapping[str, str],
        response: Response,
        rows: list[Any],
    ) -> None:
        """Keep a list read that is a companion's whole answer: same path and parameters, one
        unpaged page, no change filter."""
        if headers or source.paginator is not None or source.query is not None:
            return
        if response.status != 200:
            return
        key = (source.path, frozenset(params.items()))
        for resource in self.provider.resources.values():
            for part in resource.sources:
                companion = part.companion
                if companion is None or companion.records_field != source.records_field:
                    continue
                if (companion.path, frozenset(companion.params.items())) == key:
                    self._complete_reads[key] = rows
                    return

    # -- writes: provider-specific --------------------------------------------------------------
    def create(
        self, model: str, data: UnifiedInput, *, idempotency_key: str | None = None
    ) -> UnifiedRecord:
        self.provider.resource(model, "create")
        raise NotSupported(f"{self.provider.name} does not support create on {model}")

    def update(
        self,
        model: str,
        remote_id: str,
        data: UnifiedInput,
        *,
        idempotency_key: str | None = None,
    ) -> UnifiedRecord:
        self.provider.resource(model, "update")
        raise NotSupported(f"{self.provider.name} does not support update on {model}")

    def delete(self, model: str, remote_id: str) -> UnifiedRecord | None:
        self.provider.resource(model, "delete")
        raise NotSupported(f"{self.provider.name} does not support delete on {model}")

    # -- passthrough ----------------------------------------------------------------------------
    def passthrough(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, Any] | None = None,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> PassthroughResponse:
        allowed = {"accept", "content-type", "if-modified-since", "idempotency-key"}
        extra = {k: v for k, v in (headers or {}).items() if k.lower() in allowed}
        kwargs: dict[str, Any] = {}
        if isinstance(body, bytes | bytearray):
            kwargs["data"] = bytes(body)
        elif body is not None:
            try:
                kwargs["data"] = dumps(body)
            except TypeError:  # floats from a generic JSON parser: keep their repr digits
                kwargs["data"] = std_json.dumps(body).encode()
            extra.setdefault("Content-Type", "application/json")
        try:
            response = self.client.request(
                method, path, params=query, headers=extra, raise_for_status=False, **kwargs
            )
        except ValueError as exc:
            raise NotSupported(str(exc)) from None
        kept = {k: v for k, v in response.headers.items() if k.lower() in _PASS_HEADERS}
        return PassthroughResponse(status=response.status, headers=kept, body=response.content)


def map_in_parts(
    model: str,
    parts: Iterator[list[UnifiedRecord]],
    *,
    here: str,
    after: str | None,
    calls: Callable[[], int],
    **last: Any,
) -> Iterator[Page]:
    """One provider page handed on as a page per part of its records. Each part but the last
    resumes at ``here`` (a run stopped between parts reads the page again, and the store skips
    what it already holds); the last moves on to ``after`` and carries ``last`` (the deleted
    ids). ``calls()`` counts the page's calls so far (mapping may make some: a companion's
    read): each part carries those made since the part before."""
    counted = 0

    def new_calls() -> int:
        nonlocal counted
        made, counted = calls() - counted, calls()
        return made

    current = next(parts, [])
    for following in parts:
        yield _page_of(model, current, here, new_calls(), continued=True)
        current = following
    yield _page_of(model, current, after, new_calls(), **last)


def _page_of(
    model: str, records: list[UnifiedRecord], cursor: str | None, calls: int, **extra: Any
) -> Page:
    stamps = [r.remote_updated_at for r in records if r.remote_updated_at is not None]
    return Page(
        model=model,
        records=records,
        next_cursor=cursor,
        calls=calls,
        max_remote_updated_at=max(stamps) if stamps else None,
        **extra,
    )

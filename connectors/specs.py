"""Declarative specs (frozen dataclasses): what a provider's resources, paging, incremental
cursor, OAuth endpoints and rate limits are. The generic client does the rest."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any

__all__ = [
    "OPERATIONS",
    "WRITE_OPERATIONS",
    "BatchRead",
    "BatchSpec",
    "ClientCredentialsSpec",
    "Companion",
    "DeletionFeed",
    "HeaderCursor",
    "OAuthSpec",
    "OffsetPaginator",
    "PagePaginator",
    "QuerySpec",
    "RateLimits",
    "ResourceSpec",
    "ScopeNeed",
]

#: Every operation a connector may support for a unified model.
OPERATIONS = ("list", "get", "create", "update", "delete")
#: The operations that change provider data (they need a scope's write form).
WRITE_OPERATIONS = frozenset({"create", "update", "delete"})


def _frozen(mapping: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class PagePaginator:
    """Page-number paging: ``?page=N&pageSize=S``. The last page is the one whose number reaches
    ``page_count_path`` in the body when the provider reports it, else the first short page."""

    page_param: str = "page"
    size_param: str | None = "pageSize"
    page_size: int = 1000
    first_page: int = 1
    page_count_path: tuple[str, ...] | None = ("pagination", "pageCount")


@dataclass(frozen=True)
class OffsetPaginator:
    """Paging by the last key read instead of by page number (Xero ``GET /Journals?offset=N``:
    the journals whose ``JournalNumber`` is above N, at most ``page_size`` of them, in number
    order). Each call sends the largest ``key_field`` of the previous page; a short page is the
    last. A list cursor's ``page`` holds that key, so a sync resumes after the last record it
    stored and reads every record once."""

    param: str = "offset"
    #: The record field whose largest value is the next call's ``param``.
    key_field: str = "JournalNumber"
    #: What the provider answers at most per call (Xero: 100 journals; it takes no size
    #: parameter).
    page_size: int = 100
    #: The ``param`` of the first call (keys above it are read).
    start: int = 0

    def next_offset(self, rows: list[Any], current: int) -> int:
        """The ``param`` of the call after ``rows``: their largest key (``current`` if none)."""
        keys = [int(row[self.key_field]) for row in rows if row.get(self.key_field) is not None]
        return max([current, *keys])


def _iso(value: datetime) -> str:
    return value.isoformat()


@dataclass(frozen=True)
class HeaderCursor:
    """Incremental reads through a request header (Xero: ``If-Modified-Since``) compared with a
    record field (Xero: ``UpdatedDateUTC``); ``format`` renders the aware datetime."""

    header: str = "If-Modified-Since"
    record_field: str = "UpdatedDateUTC"
    format: Callable[[datetime], str] = _iso


_SAFE_ID = re.compile(r"[A-Za-z0-9_.:-]{1,100}")


@dataclass(frozen=True)
class QuerySpec:
    """Lists through a SQL-like query endpoint instead of page parameters and headers
    (QuickBooks Online: ``GET query?query=SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime
    >= '…' ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000``).

    Paging is by position (``STARTPOSITION`` from ``first_position``, ``MAXRESULTS`` =
    ``page_size``); the last page is the first short one. ``modified_since`` becomes
    ``updated_field >= 'format(since)'`` (inclusive: a record changed in the same second as the
    previous read's newest is read again, never missed); ``get`` is a query on ``id_field``."""

    entity: str  # e.g. "Invoice"
    param: str = "query"
    page_size: int = 1000
    first_position: int = 1
    #: Conditions on every read (QuickBooks name lists: ``Active IN (true, false)``, since
    #: inactive records are otherwise left out).
    where: tuple[str, ...] = ()
    #: Field compared with ``modified_since`` (None: the resource cannot be read incrementally).
    updated_field: str | None = "MetaData.LastUpdatedTime"
    #: Paging is by position, so the order must be one that edits cannot change (ordered by
    #: update time, an edited record moves to the end and the record after a page boundary
    #: slips back unread).
    order_by: str | None = "Id"
    id_field: str = "Id"
    format: Callable[[datetime], str] = _iso

    def statement(
        self,
        *,
        position: int | None = None,
        modified_since: datetime | None = None,
        remote_id: str | None = None,
        max_results: int | None = None,
    ) -> str:
        conditions = list(self.where)
        if modified_since is not None:
            if self.updated_field is None:
                raise ValueError(f"{self.entity} cannot be read incrementally")
            conditions.append(f"{self.updated_field} >= '{self.format(modified_since)}'")
        if remote_id is not None:
            if not _SAFE_ID.fullmatch(remote_id):
                raise ValueError(f"not a {self.entity} id: {remote_id!r}")
            conditions.append(f"{self.id_field} = '{remote_id}'")
        parts = [f"SELECT * FROM {self.entity}"]  # noqa: S608 - not SQL; ids are checked
        if conditions:
            parts.append("WHERE " + " AND ".join(conditions))
        if remote_id is None:
            if self.order_by:
                parts.append(f"ORDERBY {self.order_by}")
            parts.append(f"STARTPOSITION {position or self.first_position}")
            parts.append(f"MAXRESULTS {max_results or self.page_size}")
        return " ".join(parts)

    def position(self, page: int) -> int:
        """STARTPOSITION of page ``page`` (1-based)."""
        return self.first_position + (page - 1) * self.page_size


@dataclass(frozen=True)
class DeletionFeed:
    """Where a provider reports records it deleted outright, when deleted records vanish from
    its lists (QuickBooks: ``GET cdc?entities=Invoice,Bill&changedSince=…``). Read once at the
    end of every incremental pass of the model, for the pass's ``modified_since``.

    The feed looks back at most ``max_age`` (QuickBooks: 30 days); a pass starting from further
    back asks from the oldest moment the feed allows."""

    path: str
    #: body → ``(provider resource name, provider id)`` of each deleted record.
    deleted: Callable[[Any], list[tuple[str, str]]]
    format: Callable[[datetime], str]
    max_age: timedelta
    entities_param: str = "entities"
    since_param: str = "changedSince"
    params: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", _frozen(self.params))


@dataclass(frozen=True)
class Companion:
    """A second resource a mapper needs beside each row, read once per page (or per ``get``):
    QuickBooks' TaxCodes name their TaxRates but not their values, its CompanyInfo has no
    currency (Preferences has). ``to_unified(row, companion)`` gets the companion's records
    (``records_field``: a list, or one object)."""

    path: str
    records_field: str
    to_unified: Callable[[Mapping[str, Any], Any], Any]
    params: Mapping[str, str] = field(default_factory=dict)
    #: The same read as a statement of the resource's query endpoint, where ``path`` is not
    #: that endpoint (a batch call carries it; ``to_unified`` then gets the records at
    #: ``query_records_field``). A companion read through the query endpoint needs neither.
    query: str | None = None
    query_records_field: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", _frozen(self.params))


@dataclass(frozen=True)
class BatchRead:
    """One read inside a batch call: a query ``statement``, or a deletion feed read (the
    feed's ``entities`` changed ``since``, already formatted)."""

    id: str
    statement: str | None = None
    entities: tuple[str, ...] = ()
    since: str | None = None


@dataclass(frozen=True)
class BatchSpec:
    """Several reads in one call (QuickBooks: ``POST batch`` with up to 30 queries). When a
    list of a model served by a query endpoint starts (no cursor) and would take more than one
    call, the first page of every part, the parts' companions and, on an incremental read, the
    deletion feed are read in one batch call; a part whose first page is full continues with
    plain pages after it (the list cursor records where).

    ``body`` renders the reads as the request body; ``answers`` turns the response body into
    ``{read id: answer}``, each answer shaped as the plain call's body (so records paths,
    companions and ``DeletionFeed.deleted`` read it unchanged), or a ``ConnectorError`` for a
    read the provider refused alone: that read is then made as a plain call instead."""

    path: str
    body: Callable[[Sequence[BatchRead]], Any]
    answers: Callable[[Any], Mapping[str, Any]]
    #: Reads one call may carry.
    max_reads: int = 30
    #: Records one response may hold in all: the list reads share it (each asks for at most
    #: ``max_rows // reads``), so no answer can be cut short.
    max_rows: int = 1000
    #: Whether a deletion feed read can go in a batch.
    feeds: bool = True
    #: Batch calls a minute per tenant, the provider's own limit beside its others (QuickBooks:
    #: 40 per company). Past it a read starts with plain calls instead of waiting.
    per_minute: int | None = None
    params: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", _frozen(self.params))


@dataclass(frozen=True)
class ScopeNeed:
    """The OAuth scope one unified model needs, per scope family (Xero: ``{"granular":
    "accounting.invoices", "broad": "accounting.transactions"}``). A family's scope allows reads
    and writes; its ``.read`` form reads only. A grant holding any family's scope is accepted
    (a provider that still honours an old family serves tokens that carry it)."""

    families: Mapping[str, str]

    def __post_init__(self) -> None:
        object.__setattr__(self, "families", _frozen(self.families))

    def request(self, family: str, *, write: bool) -> str:
        """What to ask a consent for: the family's scope, or its read-only form."""
        scope = self.families[family]
        return scope if write else _read_form(scope)

    def accepted(self, *, write: bool) -> tuple[str, ...]:
        """Every scope that allows reading (or, with ``write``, writing) the model."""
        scopes = list(dict.fromkeys(self.families.values()))
        if not write:
            scopes += [_read_form(s) for s in scopes if _read_form(s) not in scopes]
        return tuple(scopes)

    def allows(self, granted: Collection[str], *, write: bool) -> bool:
        return any(s in granted for s in self.accepted(write=write))


def _read_form(scope: str) -> str:
    return scope if scope.endswith(".read") else f"{scope}.read"


@dataclass(frozen=True)
class ResourceSpec:
    """One provider resource behind one unified model, or (``parts``) several of them.

    **Several resources per unified model.** When one unified model is served by more than one
    provider resource (QuickBooks: ``Invoice`` and ``Bill`` are both unified invoices), build the
    spec with :meth:`union`. The parts are read one after another in order (a list cursor
    records which part it is in), and ``get`` picks the part by ``id_prefix``: every part but
    at most one carries a prefix that its mapper puts in front of the provider's id (``"Bill:"``
    → remote id ``"Bill:146"``), so remote ids stay unique across the parts. The union itself
    carries its first part's fields (so it still describes one resource) plus ``parts``.
    """

    model: str  # unified model name: "invoice", "contact", "payment"
    path: str  # relative to the API base URL, e.g. "Invoices"
    #: Where the list is in the body, e.g. "Invoices"; dots dig into nested objects
    #: ("QueryResponse.Invoice").
    records_field: str
    primary_key: str  # e.g. "InvoiceID"
    to_unified: Callable[[Mapping[str, Any]], Any]  # pure mapper: provider dict → unified record
    paginator: PagePaginator | OffsetPaginator | None = None
    cursor: HeaderCursor | None = None
    #: List (and get) through a query endpoint; ``paginator`` and ``cursor`` are then unused.
    query: QuerySpec | None = None
    #: Query parameters sent on every list call (e.g. includeArchived=true).
    list_params: Mapping[str, str] = field(default_factory=dict)
    #: Operations supported, a subset of OPERATIONS.
    operations: frozenset[str] = frozenset({"list", "get"})
    #: What the mapper puts before the provider's id in ``remote_id`` (see ``union``).
    id_prefix: str = ""
    #: The provider resources behind this model, in read order (empty: just this one).
    parts: tuple[ResourceSpec, ...] = ()
    #: Where records deleted outright are reported (None: deleted records stay in the lists).
    deletions: DeletionFeed | None = None
    #: The OAuth scope this model needs (None: the provider's base scopes cover it).
    scope: ScopeNeed | None = None
    #: What the mapper needs beside each row (None: the row is enough, ``to_unified`` maps it).
    companion: Companion | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "list_params", _frozen(self.list_params))
        object.__setattr__(self, "operations", frozenset(self.operations))
        object.__setattr__(self, "parts", tuple(self.parts))
        unknown = self.operations - set(OPERATIONS)
        if unknown:
            raise ValueError(f"unknown operations {sorted(unknown)}")
        if self.parts:
            if any(p.model != self.model or p.parts for p in self.parts):
                raise ValueError("parts must be plain resources of the same model")
            prefixes = [p.id_prefix for p in self.parts]
            if len(set(prefixes)) != len(prefixes):
                raise ValueError("parts need distinct id prefixes (at most one without)")
            for a in prefixes:
                for b in prefixes:
                    if a != b and a and b.startswith(a):
                        raise ValueError(f"id prefix {a!r} is a prefix of {b!r}")

    @classmethod
    def union(
        cls,
        *parts: ResourceSpec,
        operations: frozenset[str] | None = None,
        deletions: DeletionFeed | None = None,
    ) -> ResourceSpec:
        """One unified model served by several provider resources (see the class docstring).
        Supports what every part supports unless ``operations`` says otherwise."""
        if len(parts) < 2:
            raise ValueError("a union needs at least two resources")
        ops = (
            frozenset.intersection(*(p.operations for p in parts))
            if operations is None
            else operations
        )
        return replace(
            parts[0], operations=ops, id_prefix="", parts=tuple(parts), deletions=deletions
        )

    @property
    def resource_name(self) -> str:
        """The provider's name for this resource (``Invoice``, ``Invoices``)."""
        return self.query.entity if self.query is not None else self.path

    @property
    def sources(self) -> tuple[ResourceSpec, ...]:
        """The provider resources to read, in order (``(self,)`` for a plain resource)."""
        return self.parts or (self,)

    def source_for(self, remote_id: str) -> tuple[ResourceSpec, str]:
        """The part a unified remote id belongs to, and the provider's own id."""
        fallback = None
        for part in self.sources:
            if part.id_prefix and remote_id.startswith(part.id_prefix):
                return part, remote_id[len(part.id_prefix) :]
            if not part.id_prefix:
                fallback = part
        if fallback is None:
            raise KeyError(remote_id)
        return fallback, remote_id

    def supports(self, operation: str) -> bool:
        return operation in self.operations

    @property
    def reads_incrementally(self) -> bool:
        """Every resource behind the model can be read from a moment on (a change cursor or
        an update-time condition); otherwise each sync reads it whole."""
        return all(
            source.query.updated_field is not None
            if source.query is not None
            else source.cursor is not None
            for source in self.sources
        )


@dataclass(frozen=True)
class OAuthSpec:
    """OAuth 2.0 endpoints and defaults; every value may be overridden by settings keys of the
    same name (``authorize_url``, ``token_url``, ...)."""

    authorize_url: str
    token_url: str
    revoke_url: str | None = None
    connections_url: str | None = None
    #: Scopes every consent asks for; each model's ``ResourceSpec.scope`` adds its own.
    scopes: tuple[str, ...] = ()
    pkce: bool = True
    #: Scope families models name their scope in (the first is the default; the
    #: ``scope_family`` setting picks another), e.g. Xero's ``("granular", "broad")``.
    scope_families: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClientCredentialsSpec:
    """Linking with an app of the end user's own, bound to one tenant, whose client id and
    secret they paste (Xero custom connections). Tokens come from ``OAuthSpec.token_url`` by the
    ``client_credentials`` grant. The texts are what the hosted page shows."""

    #: What the provider calls such an app, e.g. "custom connection".
    label: str
    #: Where the end user creates it and finds its client id and secret.
    setup_url: str
    #: Steps to get there, in order (plain sentences).
    steps: tuple[str, ...] = ()
    #: Scopes the app must be authorised for (shown to the end user; none is requested: the
    #: token carries every scope the app was authorised for).
    scopes: tuple[str, ...] = ()


@dataclass(frozen=True)
class RateLimits:
    """Provider limits; ``None`` means unlimited. Overridable with the ``rate_limits`` setting."""

    tenant_concurrent: int | None = None
    tenant_per_minute: int | None = None
    tenant_per_day: int | None = None
    app_per_minute: int | None = None
    #: Longest we block waiting for a slot before raising RateLimited(problem="local").
    max_wait_seconds: float = 120.0
    #: Concurrency leases expire after this (a crashed worker cannot hold a slot forever).
    lease_seconds: float = 120.0

    def override(self, values: Mapping[str, Any] | None) -> RateLimits:
        if not values:
            return self
        known = set(self.__dataclass_fields__)
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"unknown rate limit settings {sorted(unknown)}")
        return RateLimits(**{k: values.get(k, getattr(self, k)) for k in known})

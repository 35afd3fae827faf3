"""The model catalogue: one declaration per unified model.

An entry says what the gateway needs to serve a model: its URL plural, record and input classes,
which fields refer to other models, which filters the list takes, which operations the API
offers, which store columns it fills and the name of its event family. The gateway derives its
URLs, views, filters, OpenAPI, events, store columns, reference resolution and sync order from
the entries (sync order is registration order). Connectors keep what differs per provider: each
model's path, paging, cursor and mappers in their spec.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

from .common import UnifiedInput, UnifiedRecord

__all__ = [
    "API_OPERATIONS",
    "Action",
    "Catalogue",
    "CatalogueEntry",
    "Filter",
    "Reference",
    "amount_range",
    "date_range",
]

#: Every operation the API can offer on a model.
API_OPERATIONS = ("list", "get", "create", "update", "delete")
#: Store columns a model can fill, and the document field each takes by default (a model
#: without that field leaves the column empty). ``search`` is not here: it is filled from the
#: entry's ``search`` fields.
STORE_COLUMNS = MappingProxyType(
    {
        "type": "type",
        "status": "status",
        "contact_id": "contact",
        "issue_date": "issue_date",
        "due_date": "due_date",
        "total_amount": "total_amount",
        "balance": "balance",
        "currency": "currency",
        "number": "number",
        "name": "name",
        "is_customer": "is_customer",
        "is_supplier": "is_supplier",
    }
)
#: Store columns a list can be ordered by (each has an index ending in ``seq``).
SORTABLE_COLUMNS = frozenset(
    {"issue_date", "due_date", "total_amount", "balance", "number", "name"}
)
#: The kinds of filter value (how the query string is parsed). ``overdue``: true or false,
#: ``balance`` above zero and the ``column`` date before the linked account's today;
#: ``search``: case-insensitive "contains" over the entry's ``search`` fields.
FILTER_KINDS = (
    "choice",
    "uuid",
    "date",
    "datetime",
    "string",
    "decimal",
    "boolean",
    "overdue",
    "search",
)
#: Comparisons a filter can make; ``in`` takes comma-separated values.
FILTER_LOOKUPS = ("exact", "in", "gt", "gte", "lt", "lte")
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_PLURAL = re.compile(r"[a-z][a-z0-9-]*")


@dataclass(frozen=True)
class Reference:
    """A field holding Ledgerlink's id of another record, filled from the provider's id beside it.

    ``path`` is dotted through nested objects and lists (``line_items.account``: the ``account``
    of every line). The provider id is read from ``remote`` (default: the last segment plus
    ``_remote_id``, in the same object). ``many``: a list of ids. ``by``/``targets``: the target
    model depends on another field of the same object (``related_object_type``: INVOICE →
    invoice), ``model`` when that field has another value."""

    path: str
    model: str
    remote: str | None = None
    many: bool = False
    by: str | None = None
    targets: Mapping[str, str] = field(default_factory=dict)
    expandable: bool = True

    # Cached: reference resolution reads these for every record a sync stores (a frozen
    # dataclass keeps cached_property values in the instance __dict__, outside eq and hash).
    @cached_property
    def segments(self) -> tuple[str, ...]:
        return tuple(self.path.split("."))

    @cached_property
    def leaf(self) -> str:
        return self.segments[-1]

    @cached_property
    def remote_field(self) -> str:
        return self.remote or f"{self.leaf}_remote_id"

    def target(self, holder: Mapping[str, Any]) -> str:
        if self.by is None:
            return self.model
        return self.targets.get(str(holder.get(self.by) or ""), self.model)

    @property
    def models(self) -> frozenset[str]:
        """Every model the reference can point at."""
        return frozenset({self.model, *self.targets.values()})

    @cached_property
    def parents(self) -> tuple[str, ...]:
        """The path's segments above the field (none for a top-level field)."""
        return self.segments[:-1]

    def holders(self, document: Any) -> Iterable[dict[str, Any]]:
        """The objects of ``document`` that hold this reference's field (one per line, …)."""
        if not self.parents and isinstance(document, dict):
            return (document,)  # a top-level field: no walk
        return _holders(document, self.parents)


def _holders(node: Any, segments: tuple[str, ...]) -> list[dict[str, Any]]:
    """The objects at ``segments`` below ``node``, lists at any level walked through in order
    (one level at a time: a sync resolves every reference of every record it stores)."""
    nodes = _objects((node,))
    for segment in segments:
        nodes = _objects([obj.get(segment) for obj in nodes])
    return nodes


def _objects(nodes: Iterable[Any]) -> list[dict[str, Any]]:
    """The dicts among ``nodes``, lists flattened in order; anything else left out."""
    out: list[dict[str, Any]] = []
    for node in nodes:
        if isinstance(node, dict):
            out.append(node)
        elif isinstance(node, list):
            out += _objects(node)
    return out


@dataclass(frozen=True)
class Filter:
    """A query filter of the list endpoint: ``name`` in the query string, compared with
    ``column`` of the store (``lookup``: exact, in (comma-separated values), gt, gte, lt, lte).
    ``example`` is what the OpenAPI shows."""

    name: str
    column: str
    kind: str = "string"
    lookup: str = "exact"
    choices: type[enum.Enum] | None = None
    help: str = ""
    example: str | None = None
    #: ``overdue``: statuses never overdue whatever their balance (a draft is not owed yet).
    never_overdue: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in FILTER_KINDS:
            raise ValueError(f"filter {self.name}: kind must be one of {FILTER_KINDS}")
        if self.lookup not in FILTER_LOOKUPS:
            raise ValueError(f"filter {self.name}: lookup must be one of {FILTER_LOOKUPS}")
        if (self.kind == "choice") != (self.choices is not None):
            raise ValueError(f"filter {self.name}: choices go with kind 'choice' only")


def date_range(field: str, column: str | None = None) -> tuple[Filter, Filter]:
    """``<field>_after`` and ``<field>_before`` (both inclusive) on a date column."""
    column = column or field
    return (
        Filter(f"{field}_after", column, "date", "gte", help=f"`{field}` on or after this date."),
        Filter(f"{field}_before", column, "date", "lte", help=f"`{field}` on or before this date."),
    )


def contacts_filter() -> Filter:
    """``contact_id``: one contact or several, comma-separated."""
    return Filter(
        "contact_id",
        "contact_id",
        "uuid",
        "in",
        help="One contact id or several, comma-separated.",
    )


def currencies_filter() -> Filter:
    """``currency``: one currency code or several, comma-separated."""
    return Filter(
        "currency",
        "currency",
        lookup="in",
        help="One currency code or several, comma-separated (e.g. `GBP,EUR`).",
        example="GBP,EUR",
    )


def amount_range(field: str, column: str | None = None) -> tuple[Filter, ...]:
    """``<field>_gt``, ``_gte``, ``_lt`` and ``_lte`` on a money column."""
    words = {"gt": "above", "gte": "at least", "lt": "below", "lte": "at most"}
    return tuple(
        Filter(
            f"{field}_{lookup}",
            column or field,
            "decimal",
            lookup,
            help=f"`{field}` {word} this amount (a decimal, e.g. `100.50`).",
            example="100.50",
        )
        for lookup, word in words.items()
    )


@dataclass(frozen=True)
class Action:
    """An operation on one stored record beyond create/update/delete, served at
    ``POST /v1/<plural>/{id}/<name>`` (credit notes: ``allocations``). ``input`` is its body;
    ``references`` resolve like a write's (unknown ids: 422); ``check(document, data,
    related)`` gets the stored record, the parsed body and the stored documents the references
    name (by leaf field), and returns problems (``[{"field", "message"}]``) refused with 422
    before the provider is called. The connector performs it (``perform_action``), returning
    the records it changed, which are stored (their events follow)."""

    name: str
    input: type[UnifiedInput]
    references: tuple[Reference, ...] = ()
    check: Any = None
    summary: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        if not _PLURAL.fullmatch(self.name):
            raise ValueError(f"action {self.name!r}: lower case, digits and -")


@dataclass(frozen=True)
class CatalogueEntry:
    """One unified model as the gateway serves it."""

    name: str
    plural: str
    record: type[UnifiedRecord]
    input: type[UnifiedInput] | None = None
    #: What the API offers at most; a linked account gets those its provider declares too.
    operations: frozenset[str] = frozenset({"list", "get"})
    references: tuple[Reference, ...] = ()
    filters: tuple[Filter, ...] = ()
    #: Store column → document field, where it differs from ``STORE_COLUMNS``.
    columns: Mapping[str, str] = field(default_factory=dict)
    #: Top-level text fields the ``search`` column holds (what a ``search`` filter looks in).
    search: tuple[str, ...] = ()
    #: Store columns ``order_by`` takes (named by their document field; ``SORTABLE_COLUMNS``).
    ordering: tuple[str, ...] = ()
    #: Events are ``<event_family>.created|updated|deleted`` (default: the name).
    event_family: str | None = None
    #: Operations on one record beyond the API operations (``POST /v1/<plural>/{id}/<name>``).
    actions: tuple[Action, ...] = ()
    #: What the OpenAPI shows as a stored record and as a write body.
    example: Mapping[str, Any] | None = None
    input_example: Mapping[str, Any] | None = None
    #: A sentence for the OpenAPI tag and the README.
    description: str = ""
    #: Records of this model can carry files (``/v1/attachments``), where the provider's
    #: resource takes them (its connector's ``attachment_rules``).
    attachable: bool = False

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.name):
            raise ValueError(f"model name {self.name!r}: lower case, digits and _")
        if not _PLURAL.fullmatch(self.plural):
            raise ValueError(f"plural {self.plural!r}: lower case, digits and -")
        unknown = set(self.operations) - set(API_OPERATIONS)
        if unknown:
            raise ValueError(f"{self.name}: unknown operations {sorted(unknown)}")
        if set(self.operations) - {"list", "get"} and self.input is None:
            raise ValueError(f"{self.name}: writes need an input class")
        for column in self.columns:
            if column not in STORE_COLUMNS:
                raise ValueError(f"{self.name}: no store column {column!r}")
        for flt in self.filters:
            if flt.column not in {*STORE_COLUMNS, "remote_id", "search"}:
                raise ValueError(f"{self.name}: filter {flt.name} on unknown column {flt.column}")
            if flt.kind == "search" and not self.search:
                raise ValueError(f"{self.name}: filter {flt.name} needs search fields")
        for column in self.ordering:
            if column not in SORTABLE_COLUMNS:
                raise ValueError(f"{self.name}: cannot order by {column!r}")

    @property
    def events(self) -> str:
        return self.event_family or self.name

    def column_source(self, column: str) -> str:
        return self.columns.get(column, STORE_COLUMNS[column])

    @cached_property
    def column_sources(self) -> dict[str, str]:
        """Every store column → its document field (read for each record a sync stores)."""
        return {column: self.column_source(column) for column in STORE_COLUMNS}

    @property
    def order_fields(self) -> dict[str, str]:
        """``order_by`` value (the document field) → store column."""
        return {self.column_source(column): column for column in self.ordering}

    @property
    def expandable(self) -> dict[str, Reference]:
        """``expand=`` value → the reference it embeds."""
        return {ref.path: ref for ref in self.references if ref.expandable}


class Catalogue:
    """The registered entries, in sync order (registration order)."""

    def __init__(self) -> None:
        self._entries: dict[str, CatalogueEntry] = {}
        #: Bumped on every change, so derived tables know when to rebuild.
        self.version = 0

    def register(self, entry: CatalogueEntry, *, before: str | None = None) -> CatalogueEntry:
        if entry.name in self._entries:
            raise ValueError(f"model {entry.name!r} is already registered")
        families = {e.events for e in self._entries.values()}
        if entry.plural in {e.plural for e in self._entries.values()} or entry.events in families:
            raise ValueError(f"model {entry.name!r}: its plural or event family is taken")
        items = list(self._entries.items())
        index = [name for name, _ in items].index(before) if before else len(items)
        items.insert(index, (entry.name, entry))
        self._entries = dict(items)
        self.version += 1
        return entry

    def unregister(self, name: str) -> None:
        del self._entries[name]
        self.version += 1

    def __getitem__(self, name: str) -> CatalogueEntry:
        return self._entries[name]

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[CatalogueEntry]:
        return iter(list(self._entries.values()))

    def names(self) -> list[str]:
        return list(self._entries)

    def get(self, name: str) -> CatalogueEntry | None:
        return self._entries.get(name)

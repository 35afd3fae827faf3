"""Reads from the unified store, rendered straight from the stored documents."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound, ValidationError

from gateway.accounts.models import LinkedAccount
from gateway.accounts.selectors import linked_account_by_id, parse_uuid
from gateway.core import jsonutil
from gateway.core.cursor import Cursor, paginate, paginate_with
from gateway.records import plain_pages
from gateway.records.filters import filter_class as filter_class_of
from gateway.records.models import Record
from gateway.records.ordering import Order, OrderedCursor, paginate_ordered, parse_order
from unified_models import CATALOGUE

MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 100
_CONTROL_PARAMS = {
    "cursor",
    "page_size",
    "include_remote_data",
    "include_deleted",
    "expand",
    "order_by",
}
_TRUE, _FALSE = "true", "false"  # as the OpenAPI document's booleans are written


@dataclass(frozen=True)
class ReadOptions:
    include_remote_data: bool
    include_deleted: bool
    expand: frozenset[str]


#: A list call's options when it asks for none.
PLAIN = ReadOptions(include_remote_data=False, include_deleted=False, expand=frozenset())


def _bool(params, name: str) -> bool:
    if name not in params:
        return False
    value = params[name].lower()
    if value == _TRUE:
        return True
    if value == _FALSE:
        return False
    raise ValidationError({name: ["Must be true or false."]})


def read_options(model: str, params) -> ReadOptions:
    names = params["expand"].split(",") if "expand" in params else []
    unknown = set(names) - set(CATALOGUE[model].expandable)
    if unknown:
        named = ", ".join(repr(name) for name in sorted(unknown))
        raise ValidationError({"expand": [f"Cannot expand {named}."]})
    expand = frozenset(names)
    return ReadOptions(
        include_remote_data=_bool(params, "include_remote_data"),
        include_deleted=_bool(params, "include_deleted"),
        expand=expand,
    )


def page_size_of(params) -> int:
    raw = params.get("page_size")
    if raw is None:
        return DEFAULT_PAGE_SIZE
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise ValidationError({"page_size": [f"Must be an integer from 1 to {MAX_PAGE_SIZE}."]})
    return size


def _filters_asked(model: str, params) -> bool:
    """Whether `params` name a filter of `model`; 400 for a parameter that is none."""
    filters = filter_class_of(model).base_filters
    unknown = set(params) - set(filters) - _CONTROL_PARAMS
    if unknown:
        raise ValidationError({name: ["Unknown query parameter."] for name in sorted(unknown)})
    return bool(set(params) & set(filters))


def filtered(account: LinkedAccount, model: str, params, options: ReadOptions) -> QuerySet:
    filter_class = filter_class_of(model)
    asked = _filters_asked(model, params)
    base = Record.objects.filter(linked_account=account, model=model)
    if not options.include_deleted:
        base = base.filter(remote_was_deleted=False)
    if not asked:
        return base  # the common case: no filter, no form to build
    filterset = filter_class(data=params, queryset=base, account=account)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset.qs


def _with_remote_data(document: str, remote_data: str | None) -> str:
    return f'{document[:-1]},"remote_data":{remote_data or "null"}}}'


def _expand(
    account: LinkedAccount, model: str, documents: list[str], names: frozenset[str]
) -> list[str]:
    """Replace the ids the named references hold by the records they point at (one query)."""
    parsed = [jsonutil.loads(d) for d in documents]
    references = [CATALOGUE[model].expandable[name] for name in sorted(names)]
    spots = [
        (holder, reference)
        for document in parsed
        for reference in references
        for holder in reference.holders(document)
    ]
    ids: set[str] = set()
    for holder, reference in spots:
        value = holder.get(reference.leaf)
        ids.update(value if reference.many else [value] if value else [])
    targets = set().union(*(reference.models for reference in references))
    rows = Record.objects.filter(
        linked_account=account, model__in=targets, id__in=[u for u in map(parse_uuid, ids) if u]
    ).values_list("id", "document")
    by_id = {str(key): jsonutil.loads(value) for key, value in rows}
    for holder, reference in spots:
        value = holder.get(reference.leaf)
        if reference.many:
            holder[reference.leaf] = [by_id.get(v, v) for v in value or ()]
        elif value:
            holder[reference.leaf] = by_id.get(value, value)
    return [jsonutil.dumps(d).decode("utf-8") for d in parsed]


def render_documents(account: LinkedAccount, model: str, rows, options: ReadOptions) -> list[str]:
    documents = [
        _with_remote_data(row[1], row[2]) if options.include_remote_data else row[1] for row in rows
    ]
    return _expand(account, model, documents, options.expand) if options.expand else documents


def _order(model: str, params) -> Order | None:
    """The `order_by` asked for (the default order, by `seq`, is None)."""
    if "order_by" not in params:
        return None
    return parse_order(params["order_by"].strip(), CATALOGUE[model].order_fields)


def list_page(account: LinkedAccount, model: str, params) -> bytes:
    """One page of a list response, as JSON bytes, spliced from the stored documents."""
    options = read_options(model, params)
    page_size = page_size_of(params)
    order = _order(model, params)
    fields = ("document", "remote_data") if options.include_remote_data else ("document",)
    if order is None and not _filters_asked(model, params):  # the common call: no queryset
        cursor = Cursor.decode(params["cursor"]) if params.get("cursor") else None
        return plain_list_page(account, model, cursor, page_size, options)
    if order is None:
        queryset = filtered(account, model, params, options)
        cursor = Cursor.decode(params["cursor"]) if params.get("cursor") else None
        window = paginate(queryset, cursor, page_size, fields)
    else:
        queryset = filtered(account, model, params, options)
        cursor = OrderedCursor.decode(params["cursor"], order) if params.get("cursor") else None
        window = paginate_ordered(queryset, order, cursor, page_size, fields)
    return _page_body(account, window, render_documents(account, model, window.rows, options))


def plain_list_page(
    account: LinkedAccount,
    model: str,
    cursor: Cursor | None,
    page_size: int,
    options: ReadOptions = PLAIN,
) -> bytes:
    """The common list call (no filter, no `order_by`): one prepared range scan in `seq`
    order, no queryset."""
    fields = ("document", "remote_data") if options.include_remote_data else ("document",)
    fetch = plain_pages.fetcher(account.id, model, fields, options.include_deleted)
    window = paginate_with(fetch, cursor, page_size)
    return _page_body(account, window, render_documents(account, model, window.rows, options))


def owned_list_page(
    account_id, customer_id, model: str, cursor: Cursor | None, page_size: int
) -> tuple[LinkedAccount, bytes] | None:
    """`plain_list_page` of an account given by id: the account is read with the page in one
    statement, and alone only when the page is empty. None: not the customer's account."""
    fetch, account_of = plain_pages.owned_fetcher(account_id, customer_id, model)
    window = paginate_with(fetch, cursor, page_size)
    account = account_of() or linked_account_by_id(account_id, customer_id)
    if account is None:
        return None
    return account, _page_body(account, window, [row[1] for row in window.rows])


def _page_body(account: LinkedAccount, window, documents: list[str]) -> bytes:
    head = jsonutil.dumps(
        {
            "next": window.next,
            "previous": window.previous,
            "last_sync_at": account.last_sync_at,
        }
    )
    return b"".join([head[:-1], b',"results":[', ",".join(documents).encode("utf-8"), b"]}"])


def get_document(account: LinkedAccount, model: str, record_id: str, params) -> tuple[str, str]:
    """(remote_id, document) of one record, or 404."""
    options = read_options(model, params)
    unknown = set(params) - {"include_remote_data", "expand"}
    if unknown:
        raise ValidationError({name: ["Unknown query parameter."] for name in sorted(unknown)})
    parsed = parse_uuid(record_id)
    row = (
        Record.objects.filter(linked_account=account, model=model, id=parsed)
        .values_list("remote_id", "document", "remote_data")
        .first()
        if parsed
        else None
    )
    if row is None:
        raise NotFound(f"No such {model}.")
    return row[0], render_documents(account, model, [row], options)[0]


def find_remote_id(account: LinkedAccount, model: str, record_id: str) -> str | None:
    """The provider id of one of the account's records, given the gateway id."""
    parsed = parse_uuid(record_id)
    if parsed is None:
        return None
    return (
        Record.objects.filter(linked_account=account, model=model, id=parsed)
        .values_list("remote_id", flat=True)
        .first()
    )


def find_remote_ids(
    account: LinkedAccount, wanted: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    """``find_remote_id`` for many ``(model, gateway id)`` pairs: one query per model. Pairs
    that name no record of the account are left out of the answer."""
    by_model: dict[str, dict[uuid.UUID, str]] = {}
    for model, record_id in wanted:
        parsed = parse_uuid(record_id)
        if parsed is not None:
            by_model.setdefault(model, {})[parsed] = record_id
    found: dict[tuple[str, str], str] = {}
    for model, ids in by_model.items():
        rows = Record.objects.filter(linked_account=account, model=model, id__in=ids)
        for parsed, remote_id in rows.values_list("id", "remote_id"):
            found[(model, ids[parsed])] = remote_id
    return found


def remote_id_of(account: LinkedAccount, model: str, record_id: str) -> str:
    remote_id = find_remote_id(account, model, record_id)
    if remote_id is None:
        raise NotFound(f"No such {model}.")
    return remote_id

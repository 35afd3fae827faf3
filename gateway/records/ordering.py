"""`order_by` on the list endpoints: keyset pages over (sort column, `seq`).

The order is total: ascending is (value, `seq`) with the records that have no value last, by
`seq`; descending (`-field`) is exactly its reverse. A cursor carries the order it belongs to,
its direction and the (value, `seq`) of the row it stands at, so each page is a range scan of
an index on (linked account, model, column, `seq`), however many records share a value, and a
record is never skipped or repeated while pages are walked. Records whose value is null are a
separate range (`IS NULL`, by `seq`), read after (or before) the others.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from rest_framework.exceptions import ValidationError

from gateway.core.cursor import Window
from gateway.records.models import Record

_PREFIX = "o:"
_LAST_SEQ = 2**63 - 1


@dataclass(frozen=True)
class Order:
    """``order_by=field`` or ``-field``: the store column behind ``field``."""

    text: str
    column: str
    descending: bool


def parse_order(text: str, fields: dict[str, str]) -> Order:
    """``fields``: the order_by names the model takes → their store columns."""
    name = text[1:] if text.startswith("-") else text
    if name not in fields:
        allowed = ", ".join(fields) or "nothing"
        raise ValidationError({"order_by": [f"Order by one of: {allowed} (prefix - to reverse)."]})
    return Order(text, fields[name], text.startswith("-"))


@dataclass(frozen=True)
class OrderedCursor:
    """A position in one order: after (``forward``) or before the row whose key is
    (``value``, ``seq``), or at it (``inclusive``)."""

    order: str
    forward: bool
    value: str | None
    seq: int
    inclusive: bool = False

    def encode(self) -> str:
        body = json.dumps([self.order, self.forward, self.inclusive, self.value, self.seq])
        raw = (_PREFIX + body).encode("utf-8")
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    @classmethod
    def decode(cls, text: str, order: Order) -> OrderedCursor:
        try:
            padded = text + "=" * (-len(text) % 4)
            raw = base64.urlsafe_b64decode(padded).decode("utf-8")
            if not raw.startswith(_PREFIX):
                raise ValueError(text)
            name, forward, inclusive, value, seq = json.loads(raw[len(_PREFIX) :])
            valid = (
                isinstance(name, str)
                and isinstance(forward, bool)
                and isinstance(inclusive, bool)
                and (value is None or isinstance(value, str))
                and isinstance(seq, int)
                and not isinstance(seq, bool)
                and 0 <= seq <= _LAST_SEQ
            )
            if not valid:
                raise ValueError(text)
            if value is not None:
                Record._meta.get_field(order.column).clean(value, None)
        except (ValueError, TypeError, UnicodeDecodeError, binascii.Error, DjangoValidationError):
            raise ValidationError({"cursor": ["Invalid cursor."]}) from None
        if name != order.text:
            raise ValidationError({"cursor": ["This cursor belongs to another order_by."]})
        return cls(name, forward, value, seq, inclusive)


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _nulls(qs: QuerySet, column: str, descending: bool) -> QuerySet:
    """The rows without a value, by `seq`. Ordered by the (null) column too: the planner then
    sees that the column's index, where they sit together in `seq` order, gives that order."""
    nulls = qs.filter(**{f"{column}__isnull": True})
    return nulls.order_by(f"-{column}", "-seq") if descending else nulls.order_by(column, "seq")


def _values(qs: QuerySet, column: str, descending: bool) -> QuerySet:
    values = qs.filter(**{f"{column}__isnull": False})
    return values.order_by(f"-{column}", "-seq") if descending else values.order_by(column, "seq")


def _after(qs: QuerySet, column: str, value, seq: int, inclusive: bool) -> list[QuerySet]:
    """Ascending key: the rows after (value, seq)."""
    seq_cmp = "seq__gte" if inclusive else "seq__gt"
    nulls = _nulls(qs, column, descending=False)
    if value is None:
        return [nulls.filter(**{seq_cmp: seq})]
    tail = Q(**{f"{column}__gt": value}) | Q(**{seq_cmp: seq})
    ahead = qs.filter(**{f"{column}__gte": value}).filter(tail).order_by(column, "seq")
    return [ahead, nulls]


def _before(qs: QuerySet, column: str, value, seq: int, inclusive: bool) -> list[QuerySet]:
    """Descending key: the rows before (value, seq)."""
    seq_cmp = "seq__lte" if inclusive else "seq__lt"
    if value is None:
        nulls = _nulls(qs, column, descending=True).filter(**{seq_cmp: seq})
        return [nulls, _values(qs, column, descending=True)]
    head = Q(**{f"{column}__lt": value}) | Q(**{seq_cmp: seq})
    return [qs.filter(**{f"{column}__lte": value}).filter(head).order_by(f"-{column}", "-seq")]


def _rows(segments: list[QuerySet], limit: int, fields: tuple[str, ...], column: str) -> list:
    rows: list = []
    for segment in segments:
        if len(rows) >= limit:
            break
        rows += list(segment.values_list("seq", column, *fields)[: limit - len(rows)])
    return rows


def paginate_ordered(
    queryset: QuerySet,
    order: Order,
    cursor: OrderedCursor | None,
    page_size: int,
    fields: tuple[str, ...],
) -> Window:
    """One page in ``order``; rows are ``(seq, sort value, *fields)``."""
    column, limit = order.column, page_size + 1
    forward = cursor is None or cursor.forward
    # Reading up the ascending key: forward in an ascending order, backward in a descending one.
    upward = forward != order.descending
    if cursor is None and upward:
        segments = [_values(queryset, column, False), _nulls(queryset, column, False)]
    elif cursor is None:
        segments = [_nulls(queryset, column, True), _values(queryset, column, True)]
    elif upward:
        segments = _after(queryset, column, cursor.value, cursor.seq, cursor.inclusive)
    else:
        segments = _before(queryset, column, cursor.value, cursor.seq, cursor.inclusive)
    rows = _rows(segments, limit, fields, column)
    more = len(rows) > page_size
    rows = rows[:page_size]

    def at(row, ahead: bool) -> str:
        return OrderedCursor(order.text, ahead, _text(row[1]), row[0]).encode()

    if forward:
        next_cursor = at(rows[-1], True) if more and rows else None
        previous = at(rows[0], False) if cursor is not None and rows else None
        if cursor is not None and not rows:  # the page before this empty one ends at the cursor
            previous = OrderedCursor(order.text, False, cursor.value, cursor.seq, True).encode()
    else:
        rows = rows[::-1]
        previous = at(rows[0], False) if more and rows else None
        if rows:
            next_cursor = at(rows[-1], True)
        else:
            next_cursor = OrderedCursor(order.text, True, cursor.value, cursor.seq, True).encode()
    return Window([(row[0], *row[2:]) for row in rows], next_cursor, previous)

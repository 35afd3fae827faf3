"""Opaque cursors over a unique, increasing integer column (`seq`).

A cursor says "the page after N" or "the page before N"; pages are `WHERE seq > N ORDER BY seq
LIMIT k` (or the mirror), so each page is one indexed range scan and stays stable while rows
are added or changed.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from rest_framework.exceptions import ValidationError

_MAX_SEQ = 2**63 - 1


@dataclass(frozen=True)
class Cursor:
    forward: bool
    seq: int

    def encode(self) -> str:
        raw = f"{'n' if self.forward else 'p'}:{self.seq}".encode("ascii")
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    @classmethod
    def decode(cls, value: str) -> Cursor:
        try:
            padded = value + "=" * (-len(value) % 4)
            direction, _, number = base64.urlsafe_b64decode(padded).decode("ascii").partition(":")
            seq = int(number)
            if direction not in {"n", "p"} or not 0 <= seq <= _MAX_SEQ:
                raise ValueError(value)
        except (ValueError, UnicodeDecodeError, binascii.Error) as exc:
            raise ValidationError({"cursor": ["Invalid cursor."]}) from exc
        return cls(forward=direction == "n", seq=seq)


@dataclass(frozen=True)
class Window:
    rows: list
    next: str | None
    previous: str | None


def paginate(queryset, cursor: Cursor | None, page_size: int, fields: tuple[str, ...]) -> Window:
    """One page of `queryset.values_list("seq", *fields)`, in ascending `seq`."""

    def fetch(forward: bool, bound: int | None, limit: int) -> list:
        qs = queryset.order_by("seq" if forward else "-seq")
        if bound is not None:
            qs = qs.filter(seq__gt=bound) if forward else qs.filter(seq__lt=bound)
        return list(qs.values_list("seq", *fields)[:limit])

    return paginate_with(fetch, cursor, page_size)


def paginate_with(fetch, cursor: Cursor | None, page_size: int) -> Window:
    """One page in ascending `seq`, from `fetch(forward, bound, limit)`: up to `limit` rows
    (seq first) after `bound` in ascending `seq` (forward) or before it in descending `seq`;
    no bound: from the start."""
    if cursor is None or cursor.forward:
        rows = fetch(True, cursor.seq if cursor is not None else None, page_size + 1)
        more = len(rows) > page_size
        rows = rows[:page_size]
        next_cursor = Cursor(True, rows[-1][0]).encode() if more and rows else None
        previous = Cursor(False, rows[0][0]).encode() if cursor is not None and rows else None
        if cursor is not None and not rows:
            previous = Cursor(False, cursor.seq + 1).encode()
        return Window(rows, next_cursor, previous)
    rows = fetch(False, cursor.seq, page_size + 1)
    more = len(rows) > page_size
    rows = rows[:page_size][::-1]
    previous = Cursor(False, rows[0][0]).encode() if more and rows else None
    next_cursor = Cursor(True, rows[-1][0] if rows else cursor.seq - 1).encode()
    return Window(rows, next_cursor, previous)

"""Opaque list cursors: where a paged read stands, so a sync can resume after any page."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime

from .errors import ConnectorError

__all__ = ["InvalidCursor", "ListCursor"]


class InvalidCursor(ConnectorError):
    code = "invalid_cursor"
    http_status = 400


@dataclass(frozen=True)
class ListCursor:
    model: str
    page: int
    modified_since: datetime | None = None
    #: Which of the model's provider resources (``ResourceSpec.sources``) the read is in.
    part: int = 0
    #: After a batch read of every part's first page (``BatchSpec``), per part: how many of its
    #: rows were read (its plain pages start after them), or -1 when it was read to the end.
    #: Empty: no batch read, every part is read from its start.
    skips: tuple[int, ...] = ()
    #: Whether the batch read the deletion feed too (it is not read again).
    feed_read: bool = False

    def skip(self, part: int) -> int:
        """Rows of ``part`` read before its page 1 (-1: the part is read)."""
        return self.skips[part] if part < len(self.skips) else 0

    def encode(self) -> str:
        payload = {
            "v": 1,
            "m": self.model,
            "p": self.page,
            "s": self.modified_since.isoformat() if self.modified_since else None,
        }
        if self.part:
            payload["r"] = self.part
        if self.skips:
            payload["k"] = list(self.skips)
        if self.feed_read:
            payload["f"] = 1
        raw = json.dumps(payload, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> ListCursor:
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            payload = json.loads(raw)
            if payload.get("v") != 1:
                raise ValueError("version")
            since = datetime.fromisoformat(payload["s"]) if payload.get("s") else None
            if since is not None and since.tzinfo is None:
                raise ValueError("naive datetime")
            part = int(payload.get("r") or 0)
            if part < 0:
                raise ValueError("part")
            skips = tuple(int(k) for k in payload.get("k") or ())
            if any(k < -1 for k in skips):
                raise ValueError("skips")
            return cls(
                model=str(payload["m"]),
                page=int(payload["p"]),
                modified_since=since,
                part=part,
                skips=skips,
                feed_read=bool(payload.get("f")),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise InvalidCursor(f"invalid cursor ({exc})") from None

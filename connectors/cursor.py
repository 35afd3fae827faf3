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

    def encode(self) -> str:
        payload = {
            "v": 1,
            "m": self.model,
            "p": self.page,
            "s": self.modified_since.isoformat() if self.modified_since else None,
        }
        if self.part:
            payload["r"] = self.part
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
            return cls(
                model=str(payload["m"]), page=int(payload["p"]), modified_since=since, part=part
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise InvalidCursor(f"invalid cursor ({exc})") from None

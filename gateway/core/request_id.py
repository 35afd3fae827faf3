"""The id of the request being served, for responses, error envelopes and log lines."""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
_current: ContextVar[str] = ContextVar("request_id", default="-")
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def new_request_id(incoming: str | None = None) -> str:
    """Keep a caller's well-formed id (for tracing across services), otherwise make one."""
    if incoming and _ACCEPTABLE.match(incoming):
        return incoming
    return f"req_{uuid.uuid4().hex}"


def current_request_id() -> str:
    return _current.get()


def set_current_request_id(value: str):
    return _current.set(value)


def reset_current_request_id(token) -> None:
    _current.reset(token)

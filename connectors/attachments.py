"""Files attached to provider records: what a connector lists, uploads and streams.

Attachments are not a synced model: they hang off records (an invoice, a contact, ...) and are
read live from the provider when asked for. Which unified models can carry files is data: the
catalogue entry's ``attachable`` flag says the model can, the provider's ``attachment_rules``
say which of its resources accept files (``resources``), how large a file may be and which
MIME types it takes. The bytes are never held whole: ``AttachmentDownload`` hands out chunks as
the provider sends them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

__all__ = [
    "CHUNK_SIZE",
    "AttachmentDownload",
    "AttachmentRules",
    "RemoteAttachment",
    "extension_of",
]

#: Bytes per chunk when streaming a download.
CHUNK_SIZE = 64 * 1024


@dataclass(frozen=True)
class RemoteAttachment:
    """One file on one provider record, as the provider describes it."""

    remote_id: str
    file_name: str
    mime_type: str | None
    size: int | None
    include_online: bool | None = None
    remote_created_at: datetime | None = None
    remote_updated_at: datetime | None = None
    remote_data: Mapping[str, Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class AttachmentRules:
    """What a provider accepts as an upload: the largest file (bytes), the MIME types (lower
    case) with the file name extensions each may carry, and which of its resources (its names,
    e.g. Xero ``Invoices``, QuickBooks ``Bill``) take attachments at all."""

    max_bytes: int
    mime_types: Mapping[str, frozenset[str]]
    resources: frozenset[str]
    #: Models where ``include_online`` means something (Xero: invoices and credit notes).
    include_online_models: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "mime_types", MappingProxyType(dict(self.mime_types)))

    def accepts(self, mime_type: str, file_name: str) -> bool:
        extensions = self.mime_types.get(mime_type.lower())
        if extensions is None:
            return False
        ext = extension_of(file_name)
        return not extensions or ext in extensions

    def describe(self) -> dict[str, Any]:
        return {
            "max_bytes": self.max_bytes,
            "mime_types": sorted(self.mime_types),
        }


def extension_of(file_name: str) -> str:
    """The lower-case extension without the dot ("" when there is none)."""
    base = file_name.rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


class AttachmentDownload:
    """An open provider response whose body is read chunk by chunk; close it when done (the
    iterator closes it at its end)."""

    def __init__(
        self,
        *,
        chunks: Iterator[bytes],
        close: Callable[[], None],
        content_type: str | None,
        content_length: int | None,
        file_name: str | None = None,
    ):
        self._chunks = chunks
        self._close = close
        self.content_type = content_type or "application/octet-stream"
        self.content_length = content_length
        self.file_name = file_name
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._chunks
        finally:
            self.close()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._close()

    def __enter__(self) -> AttachmentDownload:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

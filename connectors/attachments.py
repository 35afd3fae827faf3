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
from typing import Any, BinaryIO

__all__ = [
    "CHUNK_SIZE",
    "AttachmentDownload",
    "AttachmentRules",
    "RemoteAttachment",
    "UploadBody",
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


class UploadBody:
    """A request body made of byte strings and open files, read in order without joining them:
    a file is sent from where it lies (a temporary file, for a large upload) rather than copied
    into memory. ``len()`` gives the Content-Length; ``seek(0)`` rewinds for a retry."""

    def __init__(self, *parts: bytes | BinaryIO, sizes: Mapping[int, int] | None = None):
        self._parts = list(parts)
        self._sizes = [
            len(p) if isinstance(p, bytes | bytearray) else int((sizes or {})[i])
            for i, p in enumerate(parts)
        ]
        self._index = 0
        self._offset = 0
        self.seek(0)

    def __len__(self) -> int:
        return sum(self._sizes)

    def seek(self, offset: int, whence: int = 0) -> int:
        if offset != 0 or whence != 0:
            raise ValueError("an upload body only rewinds to its start")
        self._index, self._offset = 0, 0
        for part in self._parts:
            if not isinstance(part, bytes | bytearray):
                part.seek(0)
        return 0

    def tell(self) -> int:
        return sum(self._sizes[: self._index]) + self._offset

    def read(self, size: int = -1) -> bytes:
        out = bytearray()
        while self._index < len(self._parts) and (size < 0 or len(out) < size):
            part = self._parts[self._index]
            want = -1 if size < 0 else size - len(out)
            if isinstance(part, bytes | bytearray):
                end = len(part) if want < 0 else self._offset + want
                chunk = bytes(part[self._offset : end])
            else:
                chunk = part.read(want if want >= 0 else -1)
            if not chunk:
                self._index, self._offset = self._index + 1, 0
                continue
            self._offset += len(chunk)
            out += chunk
        return bytes(out)

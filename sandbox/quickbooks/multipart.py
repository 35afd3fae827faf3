"""The parts of an upload request (``multipart/form-data``) as Intuit reads them.

Intuit's own upload example sends the file base64-encoded under ``Content-Transfer-Encoding:
base64``, and python-quickbooks sends it that way with no ``filename`` on the part; Intuit
decodes both. Werkzeug's form parser does neither (RFC 7578 dropped the header, and a part
without a filename becomes a form field), so the request stream is decoded here, part by part,
each body spooled to disk past 1 MB.
"""

from __future__ import annotations

import base64
import binascii
import tempfile
from dataclasses import dataclass, field
from typing import IO, BinaryIO

from werkzeug.datastructures import Headers
from werkzeug.sansio.multipart import Data, Epilogue, Field, File, MultipartDecoder, NeedData

CHUNK = 64 * 1024
SPOOL = 1024 * 1024


class MultipartError(ValueError):
    """Not a multipart body this parser can read (no boundary, truncated, bad base64)."""


@dataclass
class Part:
    """One part: its name, filename (None when the part has none), headers and body."""

    name: str
    filename: str | None
    headers: Headers
    # Spooled: in memory up to 1 MB, else a temporary file removed when the part is freed.
    body: IO[bytes] = field(
        default_factory=lambda: tempfile.SpooledTemporaryFile(SPOOL)  # noqa: SIM115
    )

    @property
    def mimetype(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip()

    def read(self, limit: int) -> bytes:
        """At most ``limit`` bytes of the content, base64-decoded when the part says so."""
        self.body.seek(0)
        encoding = (self.headers.get("Content-Transfer-Encoding") or "").strip().lower()
        if encoding != "base64":
            return self.body.read(limit)
        # 4 base64 characters per 3 bytes, plus line breaks: read enough to pass the limit.
        text = b"".join(self.body.read(limit * 2 + 8).split())
        try:
            return base64.b64decode(text, validate=True)[:limit]
        except binascii.Error as exc:
            raise MultipartError("invalid base64 content") from exc


def boundary_of(content_type: str | None) -> bytes:
    for piece in (content_type or "").split(";")[1:]:
        key, _, value = piece.strip().partition("=")
        if key.lower() == "boundary" and value:
            return value.strip('"').encode("latin-1")
    raise MultipartError("no multipart boundary")


def parse(stream: BinaryIO, content_type: str | None) -> dict[str, Part]:
    """Every part of the body by name (a later part of the same name wins)."""
    decoder = MultipartDecoder(boundary_of(content_type))
    parts: dict[str, Part] = {}
    current: Part | None = None
    ended = False
    while True:
        event = decoder.next_event()
        if isinstance(event, NeedData):
            if ended:
                raise MultipartError("truncated multipart body")
            chunk = stream.read(CHUNK)
            decoder.receive_data(chunk or None)
            ended = not chunk
        elif isinstance(event, (Field, File)):
            filename = event.filename if isinstance(event, File) else None
            current = Part(event.name, filename or None, event.headers)
            parts[event.name] = current
        elif isinstance(event, Data) and current is not None:
            current.body.write(event.data)
        elif isinstance(event, Epilogue):
            return parts

"""Xero attachments: ``GET /{Resource}/{id}/Attachments`` lists them,
``PUT /{Resource}/{id}/Attachments/{FileName}`` uploads the raw bytes (``IncludeOnline=true`` shows
the file with an online invoice or credit note), ``GET /{Resource}/{id}/Attachments/{AttachmentID}``
returns the bytes. Limits from Xero's API documentation: 10 MB per file (the web app allows
25 MB, the API less), 10 files per document, and the file types listed below."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, BinaryIO
from urllib.parse import quote

from ..attachments import (
    CHUNK_SIZE,
    AttachmentDownload,
    AttachmentRules,
    RemoteAttachment,
    UploadBody,
)
from ..errors import NotFound, ProviderError

__all__ = ["RULES", "attachment_from_xero"]

#: The file types Xero's API takes, by MIME type (with the extensions each may carry).
MIME_TYPES: Mapping[str, frozenset[str]] = {
    "application/x-7z-compressed": frozenset({"7z"}),
    "image/bmp": frozenset({"bmp"}),
    "text/csv": frozenset({"csv"}),
    "application/msword": frozenset({"doc"}),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": frozenset({"docx"}),
    "message/rfc822": frozenset({"eml"}),
    "image/gif": frozenset({"gif"}),
    "image/jpeg": frozenset({"jpeg", "jpg"}),
    "image/jpg": frozenset({"jpeg", "jpg"}),
    "application/vnd.apple.keynote": frozenset({"keynote", "key"}),
    "application/vnd.ms-outlook": frozenset({"msg"}),
    "application/vnd.apple.numbers": frozenset({"numbers"}),
    "application/vnd.oasis.opendocument.formula": frozenset({"odf"}),
    "application/vnd.oasis.opendocument.spreadsheet": frozenset({"ods"}),
    "application/vnd.oasis.opendocument.text": frozenset({"odt"}),
    "application/vnd.apple.pages": frozenset({"pages"}),
    "application/pdf": frozenset({"pdf"}),
    "image/png": frozenset({"png"}),
    "application/vnd.ms-powerpoint": frozenset({"ppt"}),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": frozenset(
        {"pptx"}
    ),
    "application/vnd.rar": frozenset({"rar"}),
    "application/x-rar-compressed": frozenset({"rar"}),
    "application/rtf": frozenset({"rtf"}),
    "text/rtf": frozenset({"rtf"}),
    "image/tiff": frozenset({"tif", "tiff"}),
    "text/plain": frozenset({"txt"}),
    "application/vnd.ms-excel": frozenset({"xls"}),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": frozenset({"xlsx"}),
    "application/zip": frozenset({"zip"}),
    "application/x-zip-compressed": frozenset({"zip"}),
}

#: The endpoints with an ``/Attachments`` sub-resource (Xero's Accounting API).
RESOURCES = frozenset(
    {
        "Accounts",
        "BankTransactions",
        "BankTransfers",
        "Contacts",
        "CreditNotes",
        "Invoices",
        "ManualJournals",
        "PurchaseOrders",
        "Quotes",
        "Receipts",
        "RepeatingInvoices",
    }
)

RULES = AttachmentRules(
    max_bytes=10 * 1024 * 1024,
    mime_types=MIME_TYPES,
    resources=RESOURCES,
    include_online_models=frozenset({"invoice", "credit_note"}),
)
#: Files per document Xero's API allows.
MAX_PER_RECORD = 10


def attachment_from_xero(row: Mapping[str, Any]) -> RemoteAttachment:
    length = row.get("ContentLength")
    return RemoteAttachment(
        remote_id=str(row["AttachmentID"]),
        file_name=str(row.get("FileName") or ""),
        mime_type=row.get("MimeType") or None,
        size=int(length) if length is not None else None,
        include_online=row.get("IncludeOnline"),
        remote_data=dict(row),
    )


class XeroAttachments:
    """Mixed into ``XeroConnector``."""

    provider: Any
    client: Any

    def _attachments_path(self, model: str, remote_id: str) -> str:
        spec = self.provider.resource(model)
        try:  # a model read from several endpoints: the one this record comes from
            source, own_id = spec.source_for(remote_id)
        except KeyError:
            raise NotFound(f"{model} {remote_id} not found") from None
        return f"{source.path}/{own_id}/Attachments"

    def list_attachments(self, model: str, remote_id: str) -> list[RemoteAttachment]:
        response = self.client.request(
            "GET", self._attachments_path(model, remote_id), error_context="attachment"
        )
        rows = (response.json() or {}).get("Attachments") or []
        return [attachment_from_xero(row) for row in rows if isinstance(row, Mapping)]

    def upload_attachment(
        self,
        model: str,
        remote_id: str,
        *,
        file_name: str,
        mime_type: str,
        content: bytes | BinaryIO,
        size: int | None = None,
        include_online: bool = False,
        idempotency_key: str | None = None,
    ) -> RemoteAttachment:
        path = f"{self._attachments_path(model, remote_id)}/{quote(file_name, safe='')}"
        params = {"IncludeOnline": "true"} if include_online else None
        headers = {"Content-Type": mime_type}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key[:128]
        body = content if isinstance(content, bytes) else UploadBody(content, sizes={0: size})
        response = self.client.request(
            "PUT", path, params=params, data=body, headers=headers, error_context="attachment"
        )
        rows = (response.json() or {}).get("Attachments") or []
        if not rows:
            raise ProviderError("Xero answered an attachment upload without an attachment")
        return attachment_from_xero(rows[0])

    def open_attachment(
        self, model: str, remote_id: str, attachment: RemoteAttachment
    ) -> AttachmentDownload:
        mime = attachment.mime_type or "application/octet-stream"
        streamed = self.client.stream(
            "GET",
            f"{self._attachments_path(model, remote_id)}/{attachment.remote_id}",
            headers={"Accept": mime, "contentType": mime},
            error_context="attachment",
        )
        length = streamed.headers.get("Content-Length")
        return AttachmentDownload(
            chunks=streamed.iter_content(CHUNK_SIZE),
            close=streamed.close,
            content_type=streamed.headers.get("Content-Type") or mime,
            content_length=int(length) if length and length.isdigit() else None,
            file_name=attachment.file_name,
        )

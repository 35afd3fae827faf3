"""QuickBooks attachments: ``Attachable`` entities whose ``AttachableRef`` names the record
(``EntityRef`` type and id). Listing is a query on ``AttachableRef.EntityRef``; uploads are
``POST /upload`` (multipart: the Attachable's JSON as ``file_metadata_01``, the bytes as
``file_content_01``); the bytes come from the Attachable's ``TempDownloadUri`` (a pre-signed
link, valid for minutes, fetched without the bearer token). Limits from Intuit's documentation:
100 MB per file and the file types listed below."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any, BinaryIO

from ..attachments import (
    CHUNK_SIZE,
    AttachmentDownload,
    AttachmentRules,
    RemoteAttachment,
    UploadBody,
)
from ..errors import NotFound, ProviderError, ValidationFailed
from .mappers import parse_datetime
from .spec import MINOR_VERSION

__all__ = ["RULES", "attachable_from_qbo"]

MIME_TYPES: Mapping[str, frozenset[str]] = {
    "application/postscript": frozenset({"ai", "eps"}),
    "text/csv": frozenset({"csv"}),
    "application/msword": frozenset({"doc"}),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": frozenset({"docx"}),
    "image/gif": frozenset({"gif"}),
    "image/jpeg": frozenset({"jpeg", "jpg"}),
    "image/jpg": frozenset({"jpeg", "jpg"}),
    "application/vnd.oasis.opendocument.spreadsheet": frozenset({"ods"}),
    "application/vnd.apple.pages": frozenset({"pages"}),
    "application/pdf": frozenset({"pdf"}),
    "image/png": frozenset({"png"}),
    "application/rtf": frozenset({"rtf"}),
    "text/rtf": frozenset({"rtf"}),
    "image/tiff": frozenset({"tif", "tiff"}),
    "text/plain": frozenset({"txt"}),
    "application/vnd.ms-excel": frozenset({"xls"}),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": frozenset({"xlsx"}),
    "application/xml": frozenset({"xml"}),
    "text/xml": frozenset({"xml"}),
}

#: Entities an Attachable can point at (transactions and names).
RESOURCES = frozenset(
    {
        "Invoice",
        "Bill",
        "Customer",
        "Vendor",
        "Employee",
        "CreditMemo",
        "VendorCredit",
        "RefundReceipt",
        "SalesReceipt",
        "Estimate",
        "PurchaseOrder",
        "Purchase",
        "Deposit",
        "Transfer",
        "JournalEntry",
        "Payment",
        "BillPayment",
    }
)

RULES = AttachmentRules(max_bytes=100 * 1024 * 1024, mime_types=MIME_TYPES, resources=RESOURCES)


def attachable_from_qbo(row: Mapping[str, Any]) -> RemoteAttachment:
    size = row.get("Size")
    meta = row.get("MetaData") or {}

    return RemoteAttachment(
        remote_id=str(row["Id"]),
        file_name=str(row.get("FileName") or ""),
        mime_type=row.get("ContentType") or None,
        size=int(size) if size is not None else None,
        remote_created_at=parse_datetime(meta.get("CreateTime")),
        remote_updated_at=parse_datetime(meta.get("LastUpdatedTime")),
        remote_data=dict(row),
    )


_LIST_QUERY = (
    "SELECT * FROM Attachable WHERE AttachableRef.EntityRef.Type = '{entity}' "
    "AND AttachableRef.EntityRef.value = '{own_id}' MAXRESULTS 1000"
)


_LIST_QUERY = (
    "SELECT * FROM Attachable WHERE AttachableRef.EntityRef.Type = '{entity}' "
    "AND AttachableRef.EntityRef.value = '{own_id}' MAXRESULTS 1000"
)


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")


class QuickBooksAttachments:
    """Mixed into ``QuickBooksConnector``."""

    provider: Any
    client: Any

    def _entity_ref(self, model: str, remote_id: str) -> tuple[str, str]:
        spec = self.provider.resource(model)
        try:
            source, own_id = spec.source_for(remote_id)
        except KeyError:
            raise NotFound(f"{model} {remote_id} not found") from None
        return source.resource_name, own_id

    def list_attachments(self, model: str, remote_id: str) -> list[RemoteAttachment]:
        entity, own_id = self._entity_ref(model, remote_id)
        # Intuit's query language, not SQL; both values quoted.
        statement = _LIST_QUERY.format(entity=_quote(entity), own_id=_quote(own_id))
        response = self.client.request(
            "GET",
            "query",
            params={"query": statement, "minorversion": MINOR_VERSION},
            error_context="attachment",
        )
        rows = ((response.json() or {}).get("QueryResponse") or {}).get("Attachable") or []
        return [attachable_from_qbo(row) for row in rows if isinstance(row, Mapping)]

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
        entity, own_id = self._entity_ref(model, remote_id)
        metadata = {
            "AttachableRef": [{"EntityRef": {"type": entity, "value": own_id}}],
            "FileName": file_name,
            "ContentType": mime_type,
        }
        boundary = uuid.uuid4().hex
        body = _multipart(boundary, metadata, file_name, mime_type, content, size)
        key = (idempotency_key or uuid.uuid4().hex)[:50]
        response = self.client.request(
            "POST",
            "upload",
            params={"minorversion": MINOR_VERSION, "requestid": key},
            data=body,
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Idempotency-Key": key,
            },
            error_context="attachment",
        )
        answers = (response.json() or {}).get("AttachableResponse") or []
        first = answers[0] if answers and isinstance(answers[0], Mapping) else {}
        if first.get("Fault"):
            from .connector import fault_errors

            _, errors = fault_errors(first)
            raise ValidationFailed(
                errors[0]["message"] if errors else "QuickBooks refused the file",
                details=[{"field": "file", "message": e["detail"] or e["message"]} for e in errors],
                status=400,
                body=dict(first),
            )
        row = first.get("Attachable")
        if not isinstance(row, Mapping):
            raise ProviderError("QuickBooks answered an upload without an Attachable")
        return attachable_from_qbo(row)

    def open_attachment(
        self, model: str, remote_id: str, attachment: RemoteAttachment
    ) -> AttachmentDownload:
        # The download link is short-lived: read the Attachable again for a fresh one.
        response = self.client.request(
            "GET",
            f"attachable/{attachment.remote_id}",
            params={"minorversion": MINOR_VERSION},
            error_context="attachment",
        )
        row = (response.json() or {}).get("Attachable") or {}
        link = row.get("TempDownloadUri")
        if not link:
            raise NotFound(f"attachment {attachment.remote_id} has no file to download")
        streamed = self.client.stream("GET", str(link), authenticated=False)
        length = streamed.headers.get("Content-Length")
        return AttachmentDownload(
            chunks=streamed.iter_content(CHUNK_SIZE),
            close=streamed.close,
            content_type=row.get("ContentType") or streamed.headers.get("Content-Type"),
            content_length=int(length) if length and length.isdigit() else None,
            file_name=row.get("FileName") or attachment.file_name,
        )


def _multipart(
    boundary: str,
    metadata: Mapping[str, Any],
    file_name: str,
    mime_type: str,
    content: bytes | BinaryIO,
    size: int | None,
) -> UploadBody:
    safe_name = file_name.replace('"', "'").replace("\r", " ").replace("\n", " ")
    head = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="file_metadata_01"; filename="attachment.json"\r\n'
        "Content-Type: application/json\r\n\r\n"
        f"{json.dumps(metadata)}\r\n"
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="file_content_01"; filename="{safe_name}"\r\n'
        f"Content-Type: {mime_type}\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    if isinstance(content, bytes):
        return UploadBody(head, content, tail)
    return UploadBody(head, content, tail, sizes={1: size})

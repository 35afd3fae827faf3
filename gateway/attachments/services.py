"""Attachments: files on records, read live from the provider (never stored by Ledgerlink).

The views are HTTP only; this module resolves Ledgerlink ids to the account's records, checks
uploads against the provider's rules before anything is sent, calls the connector and keeps the
attachment rows that give files stable ids (see models.py). Nothing here names a provider: what
each accepts comes from its connector (``Provider.attachment_rules``, ``Provider.attachable``).
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import transaction
from rest_framework.exceptions import NotFound

from connectors.attachments import (
    AttachmentDownload,
    AttachmentRules,
    RemoteAttachment,
    extension_of,
)
from gateway.accounts.connections import connector_for, provider_for
from gateway.accounts.models import LinkedAccount
from gateway.accounts.selectors import parse_uuid
from gateway.attachments.models import Attachment
from gateway.core import jsonutil
from gateway.core.errors import (
    ApiError,
    InvalidRequest,
    NotOffered,
    PayloadTooLarge,
)
from gateway.records.models import Record

__all__ = [
    "UnsupportedFileType",
    "Upload",
    "check_declared_length",
    "get",
    "list_for_record",
    "open_content",
    "rules_for",
    "upload",
]

#: What a multipart envelope may add to the file's own size (boundaries, headers, fields).
MULTIPART_SLACK = 64 * 1024


class UnsupportedFileType(ApiError):
    status_code = 415
    type = "unsupported_media_type"
    default_message = "The provider does not accept files of this type."
    before_work = True


@dataclass(frozen=True)
class Upload:
    """A file as the client sent it (the view's parsed multipart part)."""

    file_name: str
    mime_type: str
    size: int
    stream: Any  # has read()


def attachment_id(account_id: uuid.UUID, model: str, record_remote_id: str, remote_id: str):
    return uuid.uuid5(account_id, f"attachment:{model}:{record_remote_id}:{remote_id}")


def rules_for(account: LinkedAccount) -> AttachmentRules:
    rules = provider_for(account).attachment_rules
    if rules is None:
        raise NotOffered("The linked account's provider has no attachments.")
    return rules


def _record(account: LinkedAccount, record_id: str | None) -> Record:
    """One of the account's stored records, or 404 (unknown, or another account's)."""
    parsed = parse_uuid(record_id)
    row = (
        Record.objects.filter(linked_account=account, id=parsed).only(
            "id", "model", "remote_id", "remote_was_deleted"
        )
        if parsed
        else Record.objects.none()
    ).first()
    if row is None:
        error = NotFound("No such record.")
        error.before_work = True  # an upload's Idempotency-Key is not spent on it
        raise error
    return row


def _attachable(account: LinkedAccount, record: Record) -> None:
    provider = provider_for(account)
    if not provider.attachable(record.model, record.remote_id):
        raise InvalidRequest(
            f"{provider.name} keeps no files on {record.model.replace('_', ' ')} records.",
            details=[
                {
                    "field": "record_id",
                    "message": "Attachable here: "
                    + (", ".join(provider.attachable_models()) or "nothing")
                    + ".",
                }
            ],
        )


def document(row: Attachment, *, include_remote_data: bool = False) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": str(row.id),
        "remote_id": row.remote_id,
        "record_id": str(row.record_id),
        "record_model": row.record_model,
        "file_name": row.file_name,
        "mime_type": row.mime_type or None,
        "size": row.size,
        "include_online": row.include_online,
        "remote_created_at": row.remote_created_at,
        "remote_updated_at": row.remote_updated_at,
        "created_at": row.created_at,
        "modified_at": row.modified_at,
    }
    if include_remote_data:
        body["remote_data"] = jsonutil.loads(row.remote_data) if row.remote_data else None
    return body


#: Short-lived download links: never kept nor shown (they open the file without credentials).
_SECRET_FIELDS = ("TempDownloadUri",)


def _remote_data(found: RemoteAttachment) -> str:
    kept = {k: v for k, v in found.remote_data.items() if k not in _SECRET_FIELDS}
    return jsonutil.dumps(kept).decode()


def _save(
    account: LinkedAccount, record: Record, found: Iterable[RemoteAttachment], *, prune: bool
) -> list[Attachment]:
    """Upsert the rows of ``found`` (and, when ``prune``, forget the record's others: the
    provider no longer has them)."""
    now = datetime.now(UTC)
    rows = []
    with transaction.atomic():
        existing = {
            a.remote_id: a
            for a in Attachment.objects.select_for_update().filter(
                linked_account=account, record_model=record.model, record_remote_id=record.remote_id
            )
        }
        for item in found:
            fields = {
                "file_name": item.file_name[:500],
                "mime_type": (item.mime_type or "")[:200],
                "size": item.size,
                "include_online": item.include_online,
                "remote_created_at": item.remote_created_at,
                "remote_updated_at": item.remote_updated_at,
                "remote_data": _remote_data(item),
            }
            row = existing.pop(item.remote_id, None)
            if row is None:
                row = Attachment.objects.create(
                    id=attachment_id(account.id, record.model, record.remote_id, item.remote_id),
                    linked_account=account,
                    record_model=record.model,
                    record_remote_id=record.remote_id,
                    record_id=record.id,
                    remote_id=item.remote_id,
                    created_at=now,
                    modified_at=now,
                    **fields,
                )
            elif any(getattr(row, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(row, k, v)
                row.modified_at = now
                row.save()
            rows.append(row)
        if prune and existing:
            Attachment.objects.filter(pk__in=[a.pk for a in existing.values()]).delete()
    return rows


def list_for_record(account: LinkedAccount, record_id: str | None) -> list[Attachment]:
    """The record's files, as the provider lists them now."""
    if not record_id:
        raise InvalidRequest(details=[{"field": "record_id", "message": "This field is required."}])
    record = _record(account, record_id)
    _attachable(account, record)
    found = connector_for(account).list_attachments(record.model, record.remote_id)
    return _save(account, record, found, prune=True)


def get(account: LinkedAccount, attachment_id_: str) -> Attachment:
    parsed = parse_uuid(attachment_id_)
    row = Attachment.objects.filter(linked_account=account, id=parsed).first() if parsed else None
    if row is None:
        raise NotFound("No such attachment.")
    return row


def check_declared_length(account: LinkedAccount, content_length: int | None) -> None:
    """413 before the body is read when its declared length alone is over the provider's
    limit (with room for the multipart envelope)."""
    rules = rules_for(account)
    if content_length is not None and content_length > rules.max_bytes + MULTIPART_SLACK:
        raise _too_large(rules)


def _too_large(rules: AttachmentRules) -> PayloadTooLarge:
    error = PayloadTooLarge(
        f"The provider takes files of at most {rules.max_bytes} bytes.",
        details=[{"field": "file", "message": f"At most {rules.max_bytes} bytes."}],
    )
    error.before_work = True
    return error


#: What clients send when they do not know a file's type: the type is then told by the name.
UNTYPED = frozenset({"", "application/octet-stream", "binary/octet-stream"})


def typed(upload_: Upload, rules: AttachmentRules) -> Upload:
    """An untyped upload gets the type the provider files its extension under (none: as is)."""
    if upload_.mime_type.lower() not in UNTYPED:
        return upload_
    ext = extension_of(upload_.file_name)
    for mime_type, extensions in rules.mime_types.items():
        if ext and ext in extensions:
            return dataclasses.replace(upload_, mime_type=mime_type)
    return upload_


def check_upload(account: LinkedAccount, upload_: Upload) -> AttachmentRules:
    rules = rules_for(account)
    if upload_.size > rules.max_bytes:
        raise _too_large(rules)
    if not rules.accepts(upload_.mime_type, upload_.file_name):
        raise UnsupportedFileType(
            f"The provider does not accept {upload_.mime_type} files named like "
            f"{upload_.file_name!r}.",
            details=[
                {
                    "field": "file",
                    "message": "Accepted types: " + ", ".join(sorted(rules.mime_types)) + ".",
                }
            ],
        )
    return rules


def upload(
    account: LinkedAccount,
    record_id: str | None,
    upload_: Upload,
    *,
    include_online: bool = False,
    idempotency_key: str | None = None,
) -> Attachment:
    """Size, type and record checked first; then the bytes go to the provider."""
    if not record_id:
        raise InvalidRequest(details=[{"field": "record_id", "message": "This field is required."}])
    record = _record(account, record_id)
    _attachable(account, record)
    upload_ = typed(upload_, rules_for(account))
    rules = check_upload(account, upload_)
    if include_online and record.model not in rules.include_online_models:
        raise InvalidRequest(
            details=[
                {
                    "field": "include_online",
                    "message": f"Not available on {record.model.replace('_', ' ')} records here.",
                }
            ]
        )
    # The file goes to the provider from where the upload left it (memory when small, a
    # temporary file otherwise), never copied whole into memory here.
    created = connector_for(account).upload_attachment(
        record.model,
        record.remote_id,
        file_name=upload_.file_name,
        mime_type=upload_.mime_type,
        content=upload_.stream,
        size=upload_.size,
        include_online=include_online,
        idempotency_key=idempotency_key,
    )
    return _save(account, record, [created], prune=False)[0]


def open_content(
    account: LinkedAccount, attachment_id_: str
) -> tuple[Attachment, AttachmentDownload]:
    row = get(account, attachment_id_)
    remote = RemoteAttachment(
        remote_id=row.remote_id,
        file_name=row.file_name,
        mime_type=row.mime_type or None,
        size=row.size,
        remote_data=_loaded(row.remote_data),
    )
    download = connector_for(account).open_attachment(
        row.record_model, row.record_remote_id, remote
    )
    return row, download


def _loaded(text: str | None) -> Mapping[str, Any]:
    return jsonutil.loads(text) if text else {}

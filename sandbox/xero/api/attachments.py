"""``/{Resource}/{id}/Attachments``: files on invoices, credit notes, contacts, accounts, ...

As Xero's Accounting API: ``GET …/Attachments`` lists a record's files (``Attachments`` envelope),
``GET …/Attachments/{AttachmentID or FileName}`` returns the bytes with the file's MIME type,
``PUT`` / ``POST …/Attachments/{FileName}`` take the raw bytes as the body (``Content-Type`` is the
file's type; ``IncludeOnline=true`` shows it with an online ACCREC invoice or credit note; a file
of the same name is replaced). Refused as Xero does: files over 10 MB (413), types Xero does not
take and an eleventh file on one document (400 ``ValidationException``). Files are kept in the
sandbox's SQLite file and read back in chunks (incremental BLOB I/O), never whole.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from urllib.parse import quote

from flask import Blueprint, Response, g, request

from .. import resources as R
from ..domain.errors import validation_body
from ..ids import is_guid
from .accounting import _find, _finish, _guarded
from .guard import release_slot
from .http import envelope, json_response, not_found, sandbox, text_response

bp = Blueprint("attachments", __name__, url_prefix="/api.xro/2.0")
bp.teardown_request(release_slot)

#: Xero's API limits: 10 MB per file, 10 files per document.
MAX_BYTES = 10 * 1024 * 1024
MAX_PER_RECORD = 10
#: File name extensions Xero's API takes.
EXTENSIONS = frozenset(
    [
        "7z",
        "bmp",
        "csv",
        "doc",
        "docx",
        "eml",
        "gif",
        "jpeg",
        "jpg",
        "keynote",
        "msg",
        "numbers",
        "odf",
        "ods",
        "odt",
        "pages",
        "pdf",
        "png",
        "ppt",
        "pptx",
        "rar",
        "rtf",
        "tif",
        "tiff",
        "txt",
        "xls",
        "xlsx",
        "zip",
    ]
)
#: The sandbox's collections with an /Attachments sub-resource (Xero has more: bank
#: transactions, manual journals, purchase orders, ... served here as they are added).
ATTACHABLE = frozenset({"Invoices", "CreditNotes", "Contacts", "Accounts"})
CHUNK = 64 * 1024


def _record(collection: str, ident: str):
    resource = R.BY_COLLECTION.get(collection.lower())
    if resource is None or resource.collection not in ATTACHABLE:
        return None, None
    row = _find(resource, ident)
    return resource, row


def _url(resource: R.Resource, record_id: str, file_name: str) -> str:
    return (
        f"{request.host_url}api.xro/2.0/{resource.collection}/{record_id}/Attachments/"
        f"{quote(file_name, safe='')}"
    )


def _json(resource: R.Resource, record_id: str, row) -> dict:
    item = {
        "AttachmentID": row["id"],
        "FileName": row["file_name"],
        "Url": _url(resource, record_id, row["file_name"]),
        "MimeType": row["mime_type"],
        "ContentLength": row["size"],
    }
    if row["include_online"] is not None:
        item["IncludeOnline"] = bool(row["include_online"])
    return item


def _rows(resource: R.Resource, record_id: str) -> list:
    return sandbox().store.all(
        "SELECT tenant_id, collection, record_id, id, file_name, mime_type, size, include_online, "
        "created_ms FROM attachments WHERE tenant_id=? AND collection=? AND record_id=? "
        "ORDER BY created_ms, id",
        (g.tenant_id, resource.collection, record_id),
    )


def _envelope(resource: R.Resource, record_id: str, rows) -> Response:
    from ..jsonutil import dumps

    items = [dumps(_json(resource, record_id, r)) for r in rows]
    return envelope("Attachments", items, g.provider)


@bp.get("/<collection>/<ident>/Attachments")
@bp.get("/<collection>/<ident>/attachments")
def list_attachments(collection: str, ident: str) -> Response:
    if (denied := _guarded(collection, "/{id}/Attachments")) is not None:
        return _finish(denied)
    resource, row = _record(collection, ident)
    if row is None:
        return _finish(not_found())
    return _finish(_envelope(resource, row["id"], _rows(resource, row["id"])))


@bp.get("/<collection>/<ident>/Attachments/<path:name>")
@bp.get("/<collection>/<ident>/attachments/<path:name>")
def get_attachment(collection: str, ident: str, name: str) -> Response:
    if (denied := _guarded(collection, "/{id}/Attachments/{name}")) is not None:
        return _finish(denied)
    resource, row = _record(collection, ident)
    if row is None:
        return _finish(not_found())
    store = sandbox().store
    column, value = ("id", name.lower()) if is_guid(name) else ("file_name", name)
    found = store.one(
        f"SELECT rowid, mime_type, size FROM attachments WHERE tenant_id=? AND collection=? "  # noqa: S608
        f"AND record_id=? AND {column}=?",
        (g.tenant_id, resource.collection, row["id"], value),
    )
    if found is None:
        return _finish(not_found())
    store_path = sandbox().store.path
    if store_path == ":memory:":  # no second connection can see an in-memory database
        body: object = store.one(
            "SELECT content FROM attachments WHERE rowid=?", (found["rowid"],)
        )["content"]
    else:
        body = _chunks(store_path, found["rowid"], found["size"])
    response = Response(body, mimetype=found["mime_type"], direct_passthrough=True)
    response.headers["Content-Length"] = str(found["size"])
    return _finish(response)


def _chunks(path: str, rowid: int, size: int) -> Iterator[bytes]:
    """The file, read from its BLOB a chunk at a time (on a connection of its own)."""
    import sqlite3

    conn = sqlite3.connect(path, check_same_thread=False)
    try:
        with conn.blobopen("attachments", "content", rowid, readonly=True) as blob:
            offset = 0
            while offset < size:
                chunk = blob.read(CHUNK)
                if not chunk:
                    break
                offset += len(chunk)
                yield chunk
    finally:
        conn.close()


@bp.route("/<collection>/<ident>/Attachments/<path:name>", methods=["PUT", "POST"])
@bp.route("/<collection>/<ident>/attachments/<path:name>", methods=["PUT", "POST"])
def put_attachment(collection: str, ident: str, name: str) -> Response:
    if (denied := _guarded(collection, "/{id}/Attachments/{name}")) is not None:
        return _finish(denied)
    resource, row = _record(collection, ident)
    if row is None:
        return _finish(not_found())
    length = request.content_length
    if length is not None and length > MAX_BYTES:
        return _finish(text_response("The request entity is too large", 413))
    content = request.get_data(cache=False)
    if len(content) > MAX_BYTES:
        return _finish(text_response("The request entity is too large", 413))
    problems = _problems(resource, row, name, content)
    if problems:
        return _finish(json_response(validation_body([{"ValidationErrors": problems}]), 400))
    include_online = _include_online(resource)
    mime = (request.mimetype or "application/octet-stream").lower()
    sb = sandbox()
    with sb.store.write() as conn:
        existing = conn.execute(
            "SELECT id FROM attachments WHERE tenant_id=? AND collection=? AND record_id=? "
            "AND file_name=?",
            (g.tenant_id, resource.collection, row["id"], name),
        ).fetchone()
        attachment_id = existing["id"] if existing else str(uuid.uuid4())
        conn.execute(
            "INSERT OR REPLACE INTO attachments (tenant_id, collection, record_id, id, file_name, "
            "mime_type, size, include_online, created_ms, content) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                g.tenant_id,
                resource.collection,
                row["id"],
                attachment_id,
                name,
                mime,
                len(content),
                include_online,
                sb.clock.ms(),
                content,
            ),
        )
    saved = sb.store.one(
        "SELECT * FROM attachments WHERE tenant_id=? AND id=?", (g.tenant_id, attachment_id)
    )
    return _finish(_envelope(resource, row["id"], [saved]))


def _problems(resource: R.Resource, row, name: str, content: bytes) -> list[dict]:
    problems = []
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS:
        problems.append({"Message": f"The file type '{extension or name}' is not supported."})
    if not content:
        problems.append({"Message": "The file is empty."})
    if request.args.get("IncludeOnline", "").lower() == "true" and not _online_capable(
        resource, row
    ):
        problems.append(
            {"Message": "IncludeOnline is only available for sales invoices and credit notes."}
        )
    count = sandbox().store.one(
        "SELECT COUNT(*) AS n FROM attachments WHERE tenant_id=? AND collection=? AND "
        "record_id=? AND file_name != ?",
        (g.tenant_id, resource.collection, row["id"], name),
    )["n"]
    if count >= MAX_PER_RECORD:
        problems.append({"Message": f"A document can have at most {MAX_PER_RECORD} attachments."})
    return problems


def _online_capable(resource: R.Resource, row) -> bool:
    return resource.collection in ("Invoices", "CreditNotes") and row["type"] in (
        "ACCREC",
        "ACCRECCREDIT",
    )


def _include_online(resource: R.Resource) -> int | None:
    if resource.collection not in ("Invoices", "CreditNotes"):
        return None
    return int(request.args.get("IncludeOnline", "").lower() == "true")


def seed_attachment(
    store,
    tenant_id: str,
    collection: str,
    record_id: str,
    file_name: str,
    mime: str,
    content: bytes,
    created_ms: int,
    include_online: bool | None = None,
) -> str:
    """A file for the seed (no request context)."""
    attachment_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{tenant_id}/{record_id}/{file_name}"))
    with store.write() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO attachments (tenant_id, collection, record_id, id, file_name, "
            "mime_type, size, include_online, created_ms, content) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                tenant_id,
                collection,
                record_id.lower(),
                attachment_id,
                file_name,
                mime,
                len(content),
                None if include_online is None else int(include_online),
                created_ms,
                content,
            ),
        )
    return attachment_id


#: The demo files: (collection, which record, file name, MIME type, content).
_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)
_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>"
    b"endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def seed_demo_attachments(store, tenant_id: str, created_ms: int) -> list[str]:
    """Files of several types on the first sales invoice (a PDF shown online and a PNG), the
    first bill (a CSV), the first contact (a text note) and the first sales credit note (a JPEG
    photo of the returned goods)."""

    def first(kind: str, **where: str):
        clauses = " ".join(f"AND {k}=?" for k in where)
        return store.one(
            f"SELECT id FROM records WHERE tenant_id=? AND kind=? {clauses} ORDER BY seq LIMIT 1",  # noqa: S608
            (tenant_id, kind, *where.values()),
        )

    made = []
    sale, bill, contact, credit = (
        first("Invoice", type="ACCREC"),
        first("Invoice", type="ACCPAY"),
        first("Contact"),
        first("CreditNote", type="ACCRECCREDIT"),
    )
    files = [
        (sale, "Invoices", "signed-order.pdf", "application/pdf", _PDF, True),
        (sale, "Invoices", "delivery-photo.png", "image/png", _PNG, False),
        (
            bill,
            "Invoices",
            "supplier-lines.csv",
            "text/csv",
            b"line,amount\nconsulting,450.00\n",
            None,
        ),
        (contact, "Contacts", "notes.txt", "text/plain", b"Prefers email; net 30.\n", None),
        (credit, "CreditNotes", "returned-goods.jpg", "image/jpeg", _JPEG, None),
    ]
    for row, collection, name, mime, content, online in files:
        if row is None:
            continue
        if collection != "Invoices":
            online = None
        elif online is None:
            online = False
        made.append(
            seed_attachment(
                store, tenant_id, collection, row["id"], name, mime, content, created_ms, online
            )
        )
    return made

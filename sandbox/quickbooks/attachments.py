"""Attachables: files on QuickBooks records, as Intuit serves them.

- ``POST /v3/company/<realm>/upload``: multipart, each file a pair of parts ``file_metadata_NN``
  (the Attachable's JSON: ``AttachableRef`` [{``EntityRef``: {type, value}}], ``FileName``,
  ``ContentType``) and ``file_content_NN`` (the bytes, or base64 under
  ``Content-Transfer-Encoding: base64``; with or without a ``filename``: ``multipart.py``);
  answers ``{"AttachableResponse": [{"Attachable": {...}} or {"Fault": {...}}]}``.
- ``GET /attachable/<id>`` (and queries on ``Attachable``): the entity, with a fresh
  ``TempDownloadUri`` (a pre-signed link, valid for 15 minutes, fetched without credentials).
- ``GET /download-file/<token>``: the bytes, read from SQLite in chunks (incremental BLOB I/O).

Refused as Intuit does: files over 100 MB, types QuickBooks does not take, references to records
that do not exist (each a ``Fault`` in the answer, nothing stored).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
import time
from collections.abc import Iterator
from typing import Any

from flask import Blueprint, Response, request

from . import multipart
from .api import bp as api_bp
from .current import sandbox
from .errors import fault, intuit_time, json_response
from .seed import BY_REALM, stamp

bp = Blueprint("files", __name__)

MAX_BYTES = 100 * 1024 * 1024
EXTENSIONS = frozenset(
    [
        "ai",
        "csv",
        "doc",
        "docx",
        "eps",
        "gif",
        "jpeg",
        "jpg",
        "ods",
        "pages",
        "pdf",
        "png",
        "rtf",
        "tif",
        "tiff",
        "txt",
        "xls",
        "xlsx",
        "xml",
    ]
)
#: Entities an Attachable may point at, of what the sandbox keeps.
TARGETS = {
    "invoice": "Invoice",
    "bill": "Bill",
    "customer": "Customer",
    "vendor": "Vendor",
    "payment": "Payment",
    "billpayment": "BillPayment",
}
LINK_SECONDS = 15 * 60
CHUNK = 64 * 1024
_SECRET = b"quickbooks-sandbox-download-links"


def _now():
    return sandbox().clock.now()


def _token(realm: str, attachable_id: str, expires: int) -> str:
    message = f"{realm}:{attachable_id}:{expires}".encode()
    signature = hmac.new(_SECRET, message, hashlib.sha256).hexdigest()
    return f"{realm}.{attachable_id}.{expires}.{signature}"


def with_link(realm: str, doc: dict[str, Any]) -> dict[str, Any]:
    expires = int(time.time()) + LINK_SECONDS
    link = f"{request.host_url}download-file/{_token(realm, str(doc['Id']), expires)}"
    return {**doc, "TempDownloadUri": link}


@api_bp.get("/attachable/<entity_id>")
def read_attachable(realm: str, entity_id: str) -> Response:
    doc = sandbox().store.doc(realm, "Attachable", entity_id)
    if doc is None:
        return fault(
            400,
            "ValidationFault",
            "610",
            "Object Not Found",
            f"Object Not Found : Something you're trying to use has been made inactive or is not "
            f"found: Attachable {entity_id}",
            _now(),
        )
    return json_response({"Attachable": with_link(realm, doc), "time": intuit_time(_now())})


@api_bp.post("/upload")
def upload(realm: str) -> Response:
    if request.content_length is not None and request.content_length > MAX_BYTES + 64 * 1024:
        return _file_fault("Request entity too large", "The file is larger than 100 MB.", 413)
    answers = []
    try:
        parts = multipart.parse(request.stream, request.content_type)
        contents = sorted(k for k in parts if k.startswith("file_content_"))
        if not contents:
            return _file_fault("Invalid Request Body", "No file_content part in the request.", 400)
        for key in contents:
            meta_part = parts.get(f"file_metadata_{key[len('file_content_') :]}")
            raw = meta_part.read(MAX_BYTES) if meta_part else b""
            try:
                meta = json.loads(raw) if raw else {}
            except ValueError:
                meta = None
            answers.append(_store_file(realm, meta, parts[key]))
    except ValueError as exc:  # multipart.MultipartError, or werkzeug's on a malformed body
        return _file_fault("Invalid Request Body", f"Unreadable multipart body: {exc}", 400)
    return json_response({"AttachableResponse": answers, "time": intuit_time(_now())})


def _problem(message: str, detail: str, code: str = "2010") -> dict[str, Any]:
    return {
        "Fault": {
            "Error": [{"Message": message, "Detail": detail, "code": code}],
            "type": "ValidationFault",
        }
    }


def _file_fault(message: str, detail: str, status: int) -> Response:
    return fault(status, "ValidationFault", "2010", message, detail, _now())


def _store_file(realm: str, meta: Any, part) -> dict[str, Any]:
    if not isinstance(meta, dict):
        return _problem("Invalid Request Body", "file_metadata is not an Attachable's JSON")
    name = str(meta.get("FileName") or part.filename or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS:
        return _problem("Unsupported file type", f"Files of type '{extension}' are not supported.")
    refs = meta.get("AttachableRef") or []
    store = sandbox().store
    for ref in refs:
        entity_ref = (ref or {}).get("EntityRef") or {}
        entity = TARGETS.get(str(entity_ref.get("type") or "").lower())
        if entity is None or store.doc(realm, entity, str(entity_ref.get("value"))) is None:
            return _problem(
                "Object Not Found",
                f"Object Not Found : {entity_ref.get('type')} {entity_ref.get('value')}",
                "610",
            )
    content = part.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        return _problem("Request entity too large", "The file is larger than 100 MB.")
    mime = str(meta.get("ContentType") or part.mimetype or "application/octet-stream")
    when = stamp(_now(), BY_REALM[realm].tz)
    with store.lock:
        doc = {
            "Id": store.next_id(realm, "Attachable"),
            "SyncToken": "0",
            "domain": "QBO",
            "sparse": False,
            "FileName": name,
            "ContentType": mime,
            "Size": len(content),
            "AttachableRef": [
                {
                    "EntityRef": {
                        "type": TARGETS[str(r["EntityRef"]["type"]).lower()],
                        "value": str(r["EntityRef"]["value"]),
                    },
                    "IncludeOnSend": bool(r.get("IncludeOnSend", False)),
                }
                for r in refs
            ],
            "MetaData": {"CreateTime": when, "LastUpdatedTime": when},
        }
        store.put(realm, "Attachable", doc)
        store.db.execute(
            "INSERT OR REPLACE INTO files (realm, id, content) VALUES (?, ?, ?)",
            (realm, int(doc["Id"]), content),
        )
    return {"Attachable": with_link(realm, doc)}


@bp.get("/download-file/<token>")
def download(token: str) -> Response:
    try:
        realm, attachable_id, expires, signature = token.split(".")
        expected = _token(realm, attachable_id, int(expires)).rsplit(".", 1)[1]
    except ValueError:
        return Response("Access Denied", status=403, mimetype="text/plain")
    if not hmac.compare_digest(signature, expected) or int(expires) < time.time():
        return Response("Access Denied: the link has expired", status=403, mimetype="text/plain")
    store = sandbox().store
    doc = store.doc(realm, "Attachable", attachable_id)
    row = store.one("SELECT rowid FROM files WHERE realm = ? AND id = ?", realm, int(attachable_id))
    if doc is None or row is None:
        return Response("Not Found", status=404, mimetype="text/plain")
    response = Response(
        _chunks(store.path, row["rowid"], int(doc["Size"])),
        mimetype=doc.get("ContentType") or "application/octet-stream",
        direct_passthrough=True,
    )
    response.headers["Content-Length"] = str(doc["Size"])
    return response


def _chunks(path: str, rowid: int, size: int) -> Iterator[bytes]:
    conn = sqlite3.connect(path, check_same_thread=False)
    try:
        with conn.blobopen("files", "content", rowid, readonly=True) as blob:
            offset = 0
            while offset < size:
                chunk = blob.read(CHUNK)
                if not chunk:
                    break
                offset += len(chunk)
                yield chunk
    finally:
        conn.close()


_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24
_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
_XLSX = b"PK\x03\x04\x14\x00\x00\x00\x00\x00" + b"\x00" * 20  # a zip's first bytes
_XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def seed_files(store, realm: str, tz: Any, now: Any) -> None:
    """Demo files: a PDF and a PNG on the first invoice, a spreadsheet (CSV) on the first bill,
    an XML file on the first customer; a photo (JPEG) on the first credit memo, a PDF quote on
    the first purchase order, a receipt (JPEG) on the first purchase and a workbook (XLSX) on
    the first journal entry."""
    when = stamp(now, tz)
    entities = ("Invoice", "Bill", "Customer", "CreditMemo", "PurchaseOrder", "Purchase")
    firsts = {e: (store.docs(realm, e) or [None])[0] for e in (*entities, "JournalEntry")}
    files = [
        ("Invoice", "signed-order.pdf", "application/pdf", _PDF),
        ("Invoice", "delivery-photo.png", "image/png", _PNG),
        ("Bill", "supplier-lines.csv", "text/csv", b"line,amount\nconsulting,450.00\n"),
        ("Customer", "terms.xml", "application/xml", b"<terms><net>30</net></terms>\n"),
        ("CreditMemo", "returned-goods.jpg", "image/jpeg", _JPEG),
        ("PurchaseOrder", "supplier-quote.pdf", "application/pdf", _PDF),
        ("Purchase", "receipt.jpg", "image/jpeg", _JPEG),
        ("JournalEntry", "accrual-workings.xlsx", _XLSX_TYPE, _XLSX),
    ]
    for entity, name, mime, content in files:
        target = firsts[entity]
        if target is None:
            continue
        doc = {
            "Id": store.next_id(realm, "Attachable"),
            "SyncToken": "0",
            "domain": "QBO",
            "sparse": False,
            "FileName": name,
            "ContentType": mime,
            "Size": len(content),
            "AttachableRef": [
                {"EntityRef": {"type": entity, "value": str(target["Id"])}, "IncludeOnSend": False}
            ],
            "MetaData": {"CreateTime": when, "LastUpdatedTime": when},
        }
        store.put(realm, "Attachable", doc)
        with store.lock:
            store.db.execute(
                "INSERT OR REPLACE INTO files (realm, id, content) VALUES (?, ?, ?)",
                (realm, int(doc["Id"]), content),
            )

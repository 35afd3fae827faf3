"""Attachments through the API into the QuickBooks sandbox and back: Attachable, upload and
the pre-signed download link."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gateway.attachments.models import Attachment
from gateway.records.models import Record

pytestmark = pytest.mark.django_db(transaction=True)


def _upload(client, record_id, name, mime, content, **extra):
    return client.post(
        "/v1/attachments",
        {"record_id": str(record_id), "file": SimpleUploadedFile(name, content, mime), **extra},
        format="multipart",
    )


def _records(account, model):
    return Record.objects.filter(linked_account=account, model=model).order_by("seq")


def test_upload_list_and_download_round_trip_on_a_bill(qbo_files, quickbooks_sandbox):
    account = qbo_files.account
    bill = _records(account, "invoice").filter(remote_id__startswith="Bill:").first()
    content = bytes(range(256)) * 8192  # 2 MiB
    response = _upload(qbo_files, bill.id, "receipt.jpg", "image/jpeg", content)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["size"] == len(content) and created["mime_type"] == "image/jpeg"
    assert created["include_online"] is None

    listed = qbo_files.get("/v1/attachments", {"record_id": str(bill.id)}).json()["results"]
    assert created["id"] in {a["id"] for a in listed}

    raw = qbo_files.get(f"/v1/attachments/{created['id']}", {"include_remote_data": "true"})
    assert raw.status_code == 200
    remote = raw.json()["remote_data"]
    assert remote["AttachableRef"][0]["EntityRef"] == {
        "type": "Bill",
        "value": bill.remote_id.split(":", 1)[1],
    }
    assert "TempDownloadUri" not in remote  # a link that opens the file: never kept nor shown

    download = qbo_files.get(f"/v1/attachments/{created['id']}/content")
    assert download.status_code == 200 and download.streaming
    body = b"".join(download.streaming_content)
    assert hashlib.sha256(body).digest() == hashlib.sha256(content).digest()
    assert download["Content-Type"] == "image/jpeg"


def test_seeded_files_of_several_types(qbo_files, quickbooks_sandbox):
    account = qbo_files.account
    types = set()
    for row in Record.objects.filter(linked_account=account, model__in=["invoice", "contact"]):
        response = qbo_files.get("/v1/attachments", {"record_id": str(row.id)})
        assert response.status_code == 200, response.content
        types |= {a["mime_type"] for a in response.json()["results"]}
    assert {"application/pdf", "image/png", "text/csv", "application/xml"} <= types


def test_refusals_send_nothing_to_quickbooks(qbo_files, quickbooks_sandbox, settings):
    invoice = _records(qbo_files.account, "invoice").first()
    before = sum(quickbooks_sandbox.control.counters()["statuses"].values())
    # Types Xero takes but QuickBooks does not: zip, and a pdf named .exe.
    for name, mime in (("bundle.zip", "application/zip"), ("x.exe", "application/pdf")):
        response = _upload(qbo_files, invoice.id, name, mime, b"PK..")
        assert response.status_code == 415, response.content
    # Over QuickBooks' 100 MB, declared by Content-Length: refused before the body is read.
    response = qbo_files.post(
        "/v1/attachments",
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(100 * 1024 * 1024 + 200 * 1024),
    )
    assert response.status_code == 413, response.content
    assert sum(quickbooks_sandbox.control.counters()["statuses"].values()) == before
    assert not Attachment.objects.exists()


def test_include_online_is_refused_where_the_provider_has_none(qbo_files, quickbooks_sandbox):
    invoice = _records(qbo_files.account, "invoice").first()
    response = _upload(
        qbo_files, invoice.id, "a.pdf", "application/pdf", b"%PDF-", include_online="true"
    )
    assert response.status_code == 400, response.content
    assert response.json()["error"]["details"][0]["field"] == "include_online"

"""Attachments through the API into the Xero sandbox and back: upload, list, download."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gateway.attachments.models import Attachment
from gateway.records.models import Record

pytestmark = pytest.mark.django_db(transaction=True)


def _record(account, model: str, **document_has) -> Record:
    from gateway.core import jsonutil

    for row in Record.objects.filter(linked_account=account, model=model).order_by("seq"):
        doc = jsonutil.loads(row.document)
        if all(doc.get(k) == v for k, v in document_has.items()):
            return row
    raise AssertionError(f"no {model} with {document_has}")


def _upload(client, record_id, name, mime, content, **extra):
    return client.post(
        "/v1/attachments",
        {"record_id": str(record_id), "file": SimpleUploadedFile(name, content, mime), **extra},
        format="multipart",
    )


def test_upload_list_and_download_round_trip(xero_files, xero_sandbox):
    account = xero_files.account
    invoice = _record(account, "invoice", type="ACCOUNTS_RECEIVABLE", status="DRAFT")
    content = bytes(range(256)) * 4096  # 1 MiB of every byte value
    response = _upload(
        xero_files, invoice.id, "scan 1.pdf", "application/pdf", content, include_online="true"
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["file_name"] == "scan 1.pdf"
    assert created["mime_type"] == "application/pdf"
    assert created["size"] == len(content)
    assert created["record_id"] == str(invoice.id)
    assert created["record_model"] == "invoice"
    assert created["include_online"] is True

    listed = xero_files.get("/v1/attachments", {"record_id": str(invoice.id)})
    assert listed.status_code == 200, listed.content
    by_id = {a["id"]: a for a in listed.json()["results"]}
    assert by_id[created["id"]]["remote_id"] == created["remote_id"]

    one = xero_files.get(f"/v1/attachments/{created['id']}")
    assert one.status_code == 200 and one.json()["size"] == len(content)

    download = xero_files.get(f"/v1/attachments/{created['id']}/content")
    assert download.status_code == 200
    assert download.streaming
    body = b"".join(download.streaming_content)
    assert hashlib.sha256(body).digest() == hashlib.sha256(content).digest()
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Length"] == str(len(content))
    assert "scan%201.pdf" in download["Content-Disposition"]


def test_seeded_files_of_several_types_are_listed(xero_files, xero_sandbox):
    account = xero_files.account
    rows = Record.objects.filter(linked_account=account, model__in=["invoice", "contact"])
    types = set()
    for row in rows:
        response = xero_files.get("/v1/attachments", {"record_id": str(row.id)})
        assert response.status_code == 200, response.content
        types |= {a["mime_type"] for a in response.json()["results"]}
    assert {"application/pdf", "image/png", "text/csv", "text/plain"} <= types


def test_contacts_take_files_too(xero_files, xero_sandbox):
    contact = Record.objects.filter(linked_account=xero_files.account, model="contact").first()
    response = _upload(xero_files, contact.id, "w9.png", "image/png", b"\x89PNG fake")
    assert response.status_code == 201, response.content
    listed = xero_files.get("/v1/attachments", {"record_id": str(contact.id)}).json()["results"]
    assert "w9.png" in {a["file_name"] for a in listed}


def _provider_calls(xero_sandbox) -> int:
    return sum(xero_sandbox.control.counters()["statuses"].values())


def test_too_large_is_413_and_nothing_reaches_xero(xero_files, xero_sandbox):
    invoice = Record.objects.filter(linked_account=xero_files.account, model="invoice").first()
    before = _provider_calls(xero_sandbox)
    big = b"x" * (10 * 1024 * 1024 + 1)
    response = _upload(xero_files, invoice.id, "big.pdf", "application/pdf", big)
    assert response.status_code == 413, response.content
    assert response.json()["error"]["type"] == "payload_too_large"
    assert _provider_calls(xero_sandbox) == before
    assert not Attachment.objects.filter(file_name="big.pdf").exists()


def test_refused_type_is_415_and_nothing_reaches_xero(xero_files, xero_sandbox):
    invoice = Record.objects.filter(linked_account=xero_files.account, model="invoice").first()
    before = _provider_calls(xero_sandbox)
    for name, mime in (("run.exe", "application/x-msdownload"), ("fake.exe", "application/pdf")):
        response = _upload(xero_files, invoice.id, name, mime, b"MZ....")
        assert response.status_code == 415, response.content
        assert response.json()["error"]["type"] == "unsupported_media_type"
    assert _provider_calls(xero_sandbox) == before


def test_records_of_models_without_files_are_refused(xero_files, xero_sandbox):
    from tests.gateway.attachments.conftest import pull

    pull(xero_files.account, "tax_rate")
    tax = Record.objects.filter(linked_account=xero_files.account, model="tax_rate").first()
    response = xero_files.get("/v1/attachments", {"record_id": str(tax.id)})
    assert response.status_code == 400, response.content
    assert response.json()["error"]["details"][0]["field"] == "record_id"


def test_unknown_ids_are_404(xero_files, xero_sandbox):
    import uuid

    assert xero_files.get("/v1/attachments", {"record_id": str(uuid.uuid4())}).status_code == 404
    assert xero_files.get(f"/v1/attachments/{uuid.uuid4()}").status_code == 404
    assert xero_files.get(f"/v1/attachments/{uuid.uuid4()}/content").status_code == 404
    assert xero_files.get("/v1/attachments/not-a-uuid/content").status_code == 404


def test_an_untyped_file_takes_the_type_its_name_tells(xero_files, xero_sandbox):
    contact = Record.objects.filter(linked_account=xero_files.account, model="contact").first()
    response = _upload(xero_files, contact.id, "notes.txt", "application/octet-stream", b"hi")
    assert response.status_code == 201, response.content
    assert response.json()["mime_type"] == "text/plain"
    unknown = _upload(xero_files, contact.id, "blob.bin", "application/octet-stream", b"hi")
    assert unknown.status_code == 415, unknown.content

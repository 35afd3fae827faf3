"""`POST /v1/attachments` with an `Idempotency-Key`, on both sandboxes: a retry with the same
key, fields and file bytes gets the first answer again and the record holds one file at the
provider; the same key with another file or field is 409; a refusal while checking the request
does not spend the key."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gateway.attachments.models import Attachment
from gateway.core.models import IdempotentRequest
from gateway.records.models import Record

pytestmark = pytest.mark.django_db(transaction=True)


def _upload(client, record_id, name, mime, content, key, **extra):
    return client.post(
        "/v1/attachments",
        {"record_id": str(record_id), "file": SimpleUploadedFile(name, content, mime), **extra},
        format="multipart",
        HTTP_IDEMPOTENCY_KEY=key,
    )


def _provider_calls(sandbox) -> int:
    return sum(sandbox.control.counters()["statuses"].values())


def _files_named(client, record_id, name: str) -> list[dict]:
    """The record's files called `name`, as the provider lists them now."""
    listed = client.get("/v1/attachments", {"record_id": str(record_id)})
    assert listed.status_code == 200, listed.content
    return [a for a in listed.json()["results"] if a["file_name"] == name]


def _retried_upload_makes_one_file(client, sandbox, record, mime: str) -> None:
    name = f"receipt-{uuid.uuid4().hex[:8]}.pdf"
    content = b"%PDF-1.4 " + uuid.uuid4().bytes * 4096
    key = f"upload-{uuid.uuid4()}"
    first = _upload(client, record.id, name, mime, content, key)
    assert first.status_code == 201, first.content
    assert "Idempotent-Replayed" not in first
    calls = _provider_calls(sandbox)

    again = _upload(client, record.id, name, mime, content, key)
    assert again.status_code == 201, again.content
    assert again["Idempotent-Replayed"] == "true"
    assert again.content == first.content
    assert _provider_calls(sandbox) == calls  # the retry sent nothing to the provider

    files = _files_named(client, record.id, name)
    assert [f["id"] for f in files] == [first.json()["id"]]
    assert Attachment.objects.filter(file_name=name).count() == 1

    # The same key with one byte of the file changed, or another field: a conflict, nothing sent.
    calls = _provider_calls(sandbox)
    changed = content[:-1] + bytes([content[-1] ^ 1])
    for response in (
        _upload(client, record.id, name, mime, changed, key),
        _upload(client, record.id, "other.pdf", mime, content, key),
    ):
        assert response.status_code == 409, response.content
        assert response.json()["error"]["type"] == "conflict"
    assert _provider_calls(sandbox) == calls
    assert len(_files_named(client, record.id, name)) == 1


def test_xero_retried_upload_creates_one_file(xero_files, xero_sandbox):
    invoice = Record.objects.filter(linked_account=xero_files.account, model="invoice").first()
    _retried_upload_makes_one_file(xero_files, xero_sandbox, invoice, "application/pdf")


def test_quickbooks_retried_upload_creates_one_file(qbo_files, quickbooks_sandbox):
    bill = (
        Record.objects.filter(
            linked_account=qbo_files.account, model="invoice", remote_id__startswith="Bill:"
        )
        .order_by("seq")
        .first()
    )
    _retried_upload_makes_one_file(qbo_files, quickbooks_sandbox, bill, "application/pdf")


def test_xero_include_online_is_part_of_the_body(xero_files, xero_sandbox):
    invoice = Record.objects.filter(
        linked_account=xero_files.account, model="invoice", type="ACCOUNTS_RECEIVABLE"
    ).first()
    key = f"upload-{uuid.uuid4()}"
    first = _upload(xero_files, invoice.id, "a.pdf", "application/pdf", b"%PDF-", key)
    assert first.status_code == 201, first.content
    other = _upload(
        xero_files, invoice.id, "a.pdf", "application/pdf", b"%PDF-", key, include_online="true"
    )
    assert other.status_code == 409, other.content


def test_a_refusal_while_checking_does_not_spend_the_key(xero_files, xero_sandbox):
    invoice = Record.objects.filter(linked_account=xero_files.account, model="invoice").first()
    key = f"upload-{uuid.uuid4()}"
    calls = _provider_calls(xero_sandbox)
    refused = _upload(xero_files, invoice.id, "run.exe", "application/x-msdownload", b"MZ", key)
    assert refused.status_code == 415, refused.content
    unknown = _upload(xero_files, uuid.uuid4(), "a.pdf", "application/pdf", b"%PDF-", key)
    assert unknown.status_code == 404, unknown.content
    assert _provider_calls(xero_sandbox) == calls
    assert not IdempotentRequest.objects.filter(key=key).exists()
    # The corrected request runs for real with the same key.
    fixed = _upload(xero_files, invoice.id, "run.pdf", "application/pdf", b"%PDF-", key)
    assert fixed.status_code == 201, fixed.content
    assert "Idempotent-Replayed" not in fixed


def test_a_too_long_key_is_refused_before_anything(xero_files, xero_sandbox):
    invoice = Record.objects.filter(linked_account=xero_files.account, model="invoice").first()
    calls = _provider_calls(xero_sandbox)
    response = _upload(xero_files, invoice.id, "a.pdf", "application/pdf", b"%PDF-", "k" * 256)
    assert response.status_code == 400, response.content
    assert response.json()["error"]["details"][0]["field"] == "Idempotency-Key"
    assert _provider_calls(xero_sandbox) == calls

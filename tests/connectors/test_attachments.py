"""Attachments in the connectors: recorded payloads in, golden descriptions out; the rules
each provider declares; uploads as each provider takes them; downloads streamed chunk by chunk
(never read whole), with no credentials sent to a pre-signed link."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from connectors.attachments import RemoteAttachment
from connectors.errors import NotFound
from connectors.jsonutil import loads
from connectors.quickbooks import QuickBooksProvider
from connectors.quickbooks.attachments import RULES as QBO_RULES
from connectors.quickbooks.attachments import attachable_from_qbo
from connectors.xero import XeroProvider
from connectors.xero.attachments import RULES as XERO_RULES
from connectors.xero.attachments import attachment_from_xero

from .conftest import TENANT
from .fakes import Reply, Request

FIXTURES = Path(__file__).parents[1] / "fixtures"
API = "/api.xro/2.0"


def _described(found: RemoteAttachment) -> dict:
    out = dataclasses.asdict(found)
    out.pop("remote_data")
    for key in ("remote_created_at", "remote_updated_at"):
        out[key] = out[key].isoformat() if out[key] else None
    return out


def _golden(provider: str, name: str) -> list[dict]:
    return json.loads((FIXTURES / provider / "golden" / name).read_text())


def test_xero_attachments_map_to_the_golden_descriptions():
    body = loads((FIXTURES / "xero" / "openapi_get_invoice_attachments.json").read_bytes())
    got = [_described(attachment_from_xero(row)) for row in body["Attachments"]]
    assert got == _golden("xero", "openapi_get_invoice_attachments.json")


def test_quickbooks_attachable_maps_to_the_golden_description():
    body = loads((FIXTURES / "quickbooks" / "attachments_intuit_read_attachable.json").read_bytes())
    got = [_described(attachable_from_qbo(body["Attachable"]))]
    assert got == _golden("quickbooks", "attachments_intuit_read_attachable.json")


def test_each_provider_declares_its_limits_and_types():
    assert XERO_RULES.max_bytes == 10 * 1024 * 1024
    assert QBO_RULES.max_bytes == 100 * 1024 * 1024
    assert XERO_RULES.accepts("application/pdf", "a.pdf")
    assert XERO_RULES.accepts("application/zip", "bundle.ZIP")
    assert not QBO_RULES.accepts("application/zip", "bundle.zip")  # Intuit takes no archives
    assert QBO_RULES.accepts("application/xml", "terms.xml")
    assert not XERO_RULES.accepts("application/pdf", "virus.exe")  # type and name must agree
    assert not XERO_RULES.accepts("application/x-msdownload", "setup.exe")


def test_attachable_models_come_from_the_catalogue_and_the_provider():
    assert XeroProvider.attachable("invoice") and XeroProvider.attachable("contact")
    assert not XeroProvider.attachable("tax_rate")  # not attachable in the catalogue
    assert not XeroProvider.attachable("payment")  # Xero has no /Payments/{id}/Attachments
    assert QuickBooksProvider.attachable("invoice", "Bill:12")
    assert QuickBooksProvider.attachable("contact", "Vendor:3")
    assert XeroProvider.describe()["attachments"]["models"] == ["contact", "invoice"]


def test_xero_upload_sends_the_raw_bytes_with_include_online(fake, provider, store):
    seen: list[Request] = []

    def put(req: Request) -> Reply:
        seen.append(req)
        row = {
            "AttachmentID": "5a500c1a-5a02-48de-939e-1d234fd170d4",
            "FileName": "scan 1.pdf",
            "MimeType": req.headers["content-type"],
            "ContentLength": len(req.body),
            "IncludeOnline": True,
        }
        return Reply(200, {"Attachments": [row]})

    fake.route("PUT", f"{API}/Invoices/inv-1/Attachments/scan%201.pdf", put)
    fake.route_prefix("PUT", f"{API}/Invoices/inv-1/Attachments/", put)
    conn = provider.connect(store, TENANT)
    content = bytes(range(256))
    found = conn.upload_attachment(
        "invoice",
        "inv-1",
        file_name="scan 1.pdf",
        mime_type="application/pdf",
        content=content,
        include_online=True,
        idempotency_key="k1",
    )
    (req,) = seen
    assert req.body == content
    assert req.query == {"IncludeOnline": "true"}
    assert req.headers["idempotency-key"] == "k1"
    assert req.headers["xero-tenant-id"] == TENANT
    assert found.size == 256 and found.include_online is True


def _streaming_download(size: int):
    def handler(req: Request) -> Reply:
        return Reply(200, b"\x01" * size, {"Content-Type": "image/png"})

    return handler


def test_xero_download_streams_in_chunks(fake, provider, store):
    size = 300 * 1024
    fake.route("GET", f"{API}/Invoices/inv-1/Attachments/att-1", _streaming_download(size))
    conn = provider.connect(store, TENANT)
    download = conn.open_attachment(
        "invoice", "inv-1", RemoteAttachment("att-1", "a.png", "image/png", size)
    )
    chunks = list(download)
    assert sum(map(len, chunks)) == size and len(chunks) > 1  # handed out piece by piece
    assert max(map(len, chunks)) <= 64 * 1024
    assert download.content_type == "image/png" and download.content_length == size
    assert download.closed
    (req,) = fake.calls(f"{API}/Invoices/inv-1/Attachments")
    assert req.headers["authorization"] == "Bearer a0"


def test_a_stream_retries_5xx_and_refreshes_a_stale_token(fake, provider, store, token_endpoint):
    answers = iter([Reply(503, {}), Reply(401, {"Title": "Unauthorized"})])

    def flaky(req: Request) -> Reply:
        return next(answers, None) or Reply(200, b"ok", {"Content-Type": "text/plain"})

    fake.route("GET", f"{API}/Invoices/inv-1/Attachments/att-1", flaky)
    conn = provider.connect(store, TENANT)
    conn.client._sleep = lambda s: None
    download = conn.open_attachment("invoice", "inv-1", RemoteAttachment("att-1", "a.txt", None, 2))
    assert b"".join(download) == b"ok"
    tokens = [r.headers["authorization"] for r in fake.calls(f"{API}/Invoices")]
    assert tokens[0] == "Bearer a0" and tokens[-1] != "Bearer a0"


def test_a_missing_file_is_not_found(fake, provider, store):
    conn = provider.connect(store, TENANT)
    with pytest.raises(NotFound):
        conn.open_attachment("invoice", "inv-1", RemoteAttachment("nope", "a", None, 0))


def test_download_links_get_no_token_and_must_be_https_or_the_api_origin(fake, provider, store):
    fake.route("GET", "/signed/file", _streaming_download(10))
    conn = provider.connect(store, TENANT)
    streamed = conn.client.stream("GET", f"{fake.base_url}/signed/file", authenticated=False)
    assert b"".join(streamed.iter_content(4)) == b"\x01" * 10
    (req,) = fake.calls("/signed/file")
    assert "authorization" not in req.headers and "xero-tenant-id" not in req.headers
    with pytest.raises(ValueError):
        conn.client.stream("GET", "http://elsewhere.example/file", authenticated=False)


def test_quickbooks_upload_is_multipart_and_download_uses_the_temp_link(fake, limiter):
    from connectors.credentials import InMemoryCredentialStore

    from .conftest import fresh_credentials

    realm = "4620816365"
    settings = {
        "client_id": "c",
        "client_secret": "s",
        "api_url": f"{fake.base_url}/v3/company/{{tenant_id}}",
        "token_url": f"{fake.base_url}/oauth2/v1/tokens/bearer",
        "allow_insecure_transport": True,
    }
    provider = QuickBooksProvider(settings, limiter=limiter)
    conn = provider.connect(InMemoryCredentialStore(fresh_credentials()), realm)
    base = f"/v3/company/{realm}"
    uploads: list[Request] = []

    def upload(req: Request) -> Reply:
        uploads.append(req)
        row = {
            "Id": "77",
            "FileName": "r.pdf",
            "ContentType": "application/pdf",
            "Size": 3,
            "TempDownloadUri": f"{fake.base_url}/signed/77",
        }
        return Reply(200, {"AttachableResponse": [{"Attachable": row}]})

    fake.route("POST", f"{base}/upload", upload)
    fake.route(
        "GET",
        f"{base}/attachable/77",
        Reply(200, {"Attachable": {"Id": "77", "TempDownloadUri": f"{fake.base_url}/signed/77"}}),
    )
    fake.route("GET", "/signed/77", Reply(200, b"abc", {"Content-Type": "application/pdf"}))
    found = conn.upload_attachment(
        "invoice", "Bill:146", file_name="r.pdf", mime_type="application/pdf", content=b"abc"
    )
    (req,) = uploads
    assert req.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'"EntityRef": {"type": "Bill", "value": "146"}' in req.body
    assert (
        b'name="file_content_01"; filename="r.pdf"' in req.body and b"\r\n\r\nabc\r\n" in req.body
    )
    assert found.remote_id == "77" and "TempDownloadUri" in found.remote_data
    assert b"".join(conn.open_attachment("invoice", "Bill:146", found)) == b"abc"
    (signed,) = fake.calls("/signed/77")
    assert "authorization" not in signed.headers


def test_quickbooks_refusal_inside_the_upload_answer_is_a_validation_error(fake, limiter):
    from connectors.credentials import InMemoryCredentialStore
    from connectors.errors import ValidationFailed

    from .conftest import fresh_credentials

    realm = "1"
    provider = QuickBooksProvider(
        {
            "client_id": "c",
            "client_secret": "s",
            "api_url": f"{fake.base_url}/v3/company/{{tenant_id}}",
            "allow_insecure_transport": True,
        },
        limiter=limiter,
    )
    conn = provider.connect(InMemoryCredentialStore(fresh_credentials()), realm)
    fault = {"Fault": {"Error": [{"Message": "Unsupported file type", "code": "2010"}]}}
    fake.route("POST", f"/v3/company/{realm}/upload", Reply(200, {"AttachableResponse": [fault]}))
    with pytest.raises(ValidationFailed) as caught:
        conn.upload_attachment(
            "invoice", "5", file_name="a.pdf", mime_type="application/pdf", content=b"x"
        )
    assert caught.value.details[0]["field"] == "file"


def test_an_upload_body_reads_its_parts_in_order_and_rewinds():
    import io

    from connectors.attachments import UploadBody

    body = UploadBody(b"head|", io.BytesIO(b"0123456789"), b"|tail", sizes={1: 10})
    assert len(body) == 20
    assert body.read(3) == b"hea" and body.tell() == 3
    assert body.read(7) == b"d|01234"
    assert body.read() == b"56789|tail" and body.read() == b""
    body.seek(0)
    assert b"".join(iter(lambda: body.read(4), b"")) == b"head|0123456789|tail"
    with pytest.raises(ValueError):
        body.seek(5)


def test_a_retried_upload_sends_the_whole_file_again(fake, provider, store):
    import io

    attempts: list[bytes] = []

    def flaky(req: Request) -> Reply:
        attempts.append(req.body)
        if len(attempts) == 1:
            return Reply(503, {})
        row = {"AttachmentID": "a1", "FileName": "f.txt", "ContentLength": len(req.body)}
        return Reply(200, {"Attachments": [row]})

    fake.route("PUT", f"{API}/Invoices/inv-1/Attachments/f.txt", flaky)
    conn = provider.connect(store, TENANT)
    conn.client._sleep = lambda s: None
    found = conn.upload_attachment(
        "invoice",
        "inv-1",
        file_name="f.txt",
        mime_type="text/plain",
        content=io.BytesIO(b"x" * 100_000),
        size=100_000,
        idempotency_key="same-key",  # a keyed write may be retried
    )
    assert attempts == [b"x" * 100_000] * 2 and found.size == 100_000

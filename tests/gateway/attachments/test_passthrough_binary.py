"""Passthrough carries binary bodies: base64 in the envelope, both ways (Xero sandbox)."""

from __future__ import annotations

import base64

import pytest

from gateway.accounts.passthrough import render_result
from gateway.records.models import Record

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_file_goes_up_and_comes_back_byte_for_byte(xero_files, xero_sandbox):
    invoice = Record.objects.filter(linked_account=xero_files.account, model="invoice").first()
    content = bytes(range(256)) * 64 + b"\x00\xff\r\n"
    up = xero_files.post(
        "/v1/passthrough",
        {
            "method": "PUT",
            "path": f"/Invoices/{invoice.remote_id}/Attachments/raw.png",
            "headers": {"Content-Type": "image/png"},
            "body_base64": base64.b64encode(content).decode(),
        },
        format="json",
    )
    assert up.status_code == 200, up.content
    answer = up.json()
    assert answer["status"] == 200, answer
    assert answer["body"]["Attachments"][0]["ContentLength"] == len(content)
    assert "body_base64" not in answer  # JSON comes back as JSON

    down = xero_files.post(
        "/v1/passthrough",
        {
            "method": "GET",
            "path": f"/Invoices/{invoice.remote_id}/Attachments/raw.png",
            "headers": {"Accept": "image/png"},
        },
        format="json",
    )
    assert down.status_code == 200, down.content
    answer = down.json()
    assert answer["status"] == 200 and answer["body"] is None
    assert answer["headers"]["content-type"].startswith("image/png")
    assert base64.b64decode(answer["body_base64"]) == content


def test_bad_base64_and_ambiguous_bodies_are_400(xero_files, xero_sandbox):
    base = {"method": "PUT", "path": "/Invoices/x/Attachments/a.png"}
    cases = [
        {**base, "body_base64": "not base64!", "headers": {"Content-Type": "image/png"}},
        {**base, "body_base64": "AAAA"},  # no Content-Type
        {**base, "body_base64": "AAAA", "body": {"a": 1}, "headers": {"Content-Type": "x/y"}},
    ]
    before = sum(xero_sandbox.control.counters()["statuses"].values())
    for case in cases:
        response = xero_files.post("/v1/passthrough", case, format="json")
        assert response.status_code == 400, (case, response.content)
    assert sum(xero_sandbox.control.counters()["statuses"].values()) == before


def test_text_stays_text_and_binary_becomes_base64():
    assert render_result(200, {"content-type": "text/plain"}, b"hello") == (
        b'{"status":200,"headers":{"content-type":"text/plain"},"body":"hello"}'
    )
    rendered = render_result(200, {"content-type": "application/pdf"}, b"%PDF\xff")
    assert rendered.endswith(b'"body":null,"body_base64":"JVBERv8="}')
    assert render_result(404, {}, b"").endswith(b'"body":null}')

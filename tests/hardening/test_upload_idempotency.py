"""An upload's `Idempotency-Key` replays nothing across customers or linked accounts: Bob reusing
Alice's key on her record id gets his own 404 (not her stored 201, which would show her file),
and Alice reusing her key on another linked account gets 409 with nothing sent."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from gateway.records.models import Record
from tests.factories import make_customer
from tests.gateway.attachments.conftest import (  # noqa: F401 (fixtures)
    ATTACHMENT_SCOPE,
    pull,
    xero_files,
    xero_files_account,
)
from tests.gateway.builders import make_linked_account

pytestmark = pytest.mark.django_db(transaction=True)


def _upload(client, record_id, content: bytes, key: str):
    return client.post(
        "/v1/attachments",
        {
            "record_id": str(record_id),
            "file": SimpleUploadedFile("alice-secret.pdf", content, "application/pdf"),
        },
        format="multipart",
        HTTP_IDEMPOTENCY_KEY=key,
    )


def _calls(sandbox) -> int:
    return sum(sandbox.control.counters()["statuses"].values())


def _linked(customer, sandbox, end_user: str = "end-user-1"):
    tokens = sandbox.connect(tenants=["uk"], scope=ATTACHMENT_SCOPE)
    return make_linked_account(
        customer,
        provider="xero",
        tenant_id=sandbox.tenant_id("uk"),
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        expires_in=timedelta(seconds=int(tokens["expires_in"])),
        scope=tokens["scope"],
        end_user_id=end_user,
    )


def test_an_upload_key_replays_nothing_across_customers_or_accounts(xero_files, xero_sandbox):  # noqa: F811
    alice_account = xero_files.account
    invoice = Record.objects.filter(linked_account=alice_account, model="invoice").first()
    content = b"%PDF-1.4 " + uuid.uuid4().bytes * 64
    key = "predictable-key-1"
    first = _upload(xero_files, invoice.id, content, key)
    assert first.status_code == 201, first.content

    # Bob (another customer, linked to the same organisation) sends the very same request.
    bob, bob_key = make_customer("Bob Co")
    bob_account = _linked(bob, xero_sandbox)
    bob_client = APIClient()
    bob_client.credentials(
        HTTP_AUTHORIZATION=f"Bearer {bob_key}", HTTP_X_LINKED_ACCOUNT=str(bob_account.id)
    )
    before = _calls(xero_sandbox)
    stolen = _upload(bob_client, invoice.id, content, key)
    assert stolen.status_code == 404, stolen.content
    assert "Idempotent-Replayed" not in stolen
    assert first.json()["id"] not in stolen.content.decode()
    assert "alice-secret" not in stolen.content.decode()
    assert _calls(xero_sandbox) == before

    # Alice's second linked account: the key is hers, but the request is another one.
    other = _linked(xero_files.account.customer, xero_sandbox, "end-user-2")
    pull(other, "invoice")
    same_invoice = Record.objects.get(
        linked_account=other, model="invoice", remote_id=invoice.remote_id
    )
    xero_files.credentials(
        HTTP_AUTHORIZATION=xero_files._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(other.id),
    )
    before = _calls(xero_sandbox)
    crossed = _upload(xero_files, same_invoice.id, content, key)
    assert crossed.status_code == 409, crossed.content
    assert crossed.json()["error"]["type"] == "conflict"
    assert _calls(xero_sandbox) == before

"""Another customer, linked to the very same Xero organisation, cannot reach A's records or
attachments by id: 404 for lists, uploads, details and downloads, and nothing is sent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from gateway.attachments.models import Attachment
from gateway.records.models import Record
from tests.factories import make_customer
from tests.gateway.attachments.conftest import ATTACHMENT_SCOPE, pull
from tests.gateway.builders import make_linked_account

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_shared_organisation_does_not_share_ids(xero_files, xero_sandbox):
    a_account = xero_files.account
    a_invoice = None
    for record in Record.objects.filter(linked_account=a_account, model="invoice"):
        listed = xero_files.get("/v1/attachments", {"record_id": str(record.id)})
        assert listed.status_code == 200
        if listed.json()["results"]:  # the seed's files are on the first sales invoice
            a_invoice = record
            break
    assert a_invoice is not None
    a_attachment = Attachment.objects.filter(linked_account=a_account).first()
    assert a_attachment is not None  # the seed's files on the first invoice

    bob, bob_key = make_customer("Bob Co")
    tokens = xero_sandbox.connect(tenants=["uk"], scope=ATTACHMENT_SCOPE)
    b_account = make_linked_account(
        bob,
        provider="xero",
        tenant_id=xero_sandbox.tenant_id("uk"),
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        expires_in=timedelta(seconds=int(tokens["expires_in"])),
        scope=tokens["scope"],
    )
    pull(b_account, "invoice")  # Bob has the same invoice, under his own id
    bob_client = APIClient()
    bob_client.credentials(
        HTTP_AUTHORIZATION=f"Bearer {bob_key}", HTTP_X_LINKED_ACCOUNT=str(b_account.id)
    )
    before = sum(xero_sandbox.control.counters()["statuses"].values())
    responses = [
        bob_client.get("/v1/attachments", {"record_id": str(a_invoice.id)}),
        bob_client.post(
            "/v1/attachments",
            {
                "record_id": str(a_invoice.id),
                "file": SimpleUploadedFile("bob.pdf", b"%PDF-", "application/pdf"),
            },
            format="multipart",
        ),
        bob_client.get(f"/v1/attachments/{a_attachment.id}"),
        bob_client.get(f"/v1/attachments/{a_attachment.id}/content"),
    ]
    for response in responses:
        assert response.status_code == 404, response.content
        assert response.json()["error"]["type"] == "not_found"
        assert a_attachment.file_name not in response.content.decode()
    assert sum(xero_sandbox.control.counters()["statuses"].values()) == before
    # Bob's own id for the same invoice works, and gives his own attachment ids.
    b_invoice = Record.objects.get(
        linked_account=b_account, model="invoice", remote_id=a_invoice.remote_id
    )
    mine = bob_client.get("/v1/attachments", {"record_id": str(b_invoice.id)}).json()["results"]
    assert mine and str(a_attachment.id) not in {a["id"] for a in mine}
    assert {a["remote_id"] for a in mine} >= {a_attachment.remote_id}

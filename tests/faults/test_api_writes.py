"""POST /v1/invoices through the Xero connector while the sandbox fails: the client gets a clear
error envelope, and a retry with the same Idempotency-Key after the fault writes exactly once."""

from __future__ import annotations

import time

import pytest

from gateway.accounts.models import LinkedAccount
from gateway.events.models import Event
from gateway.records.models import Record
from tests.gateway.sync.live import xero_settings

pytestmark = pytest.mark.django_db(transaction=True)

INVOICES = "/api.xro/2.0/Invoices"


@pytest.fixture
def client(authed_client, settings, xero_sandbox):
    from tests.gateway.builders import make_linked_account

    http = {
        "read_timeout": 0.6,
        "max_attempts": 3,
        "backoff_initial": 0.05,
        "backoff_max": 0.2,
        "max_rate_limit_retries": 1,
    }
    settings.LEDGERLINK_PROVIDER_SETTINGS = {
        **settings.LEDGERLINK_PROVIDER_SETTINGS,
        "xero": xero_settings(xero_sandbox, http=http),
    }
    tokens = xero_sandbox.connect(tenants=["uk"])
    from datetime import timedelta

    account = make_linked_account(
        authed_client.customer,
        provider="xero",
        tenant_id=xero_sandbox.tenant_id("uk"),
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        expires_in=timedelta(seconds=int(tokens["expires_in"])),
        scope=tokens["scope"],
    )
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    authed_client.account = account
    authed_client.sandbox = xero_sandbox
    authed_client.api = xero_sandbox.api(tokens["access_token"], "uk")
    authed_client.tokens = tokens
    contact = authed_client.post("/v1/contacts", {"name": "Faulty Ltd"}, format="json")
    assert contact.status_code == 201, contact.content
    authed_client.contact_id = contact.json()["id"]
    return authed_client


def invoice_body(client, reference: str) -> dict:
    return {
        "type": "ACCOUNTS_RECEIVABLE",
        "contact": client.contact_id,
        "currency": "GBP",
        "reference": reference,
        "line_items": [
            {"description": "Widgets", "quantity": "3", "unit_price": "9.99", "account_code": "200"}
        ],
    }


def at_sandbox(client, reference: str) -> int:
    """Invoices with this reference in the sandbox (what Xero holds)."""
    where = f'Reference=="{reference}"'
    body = client.api.get("Invoices", params={"where": where, "page": 1}).json()
    return len(body["Invoices"])


def post(client, body: dict, key: str):
    return client.post("/v1/invoices", body, format="json", HTTP_IDEMPOTENCY_KEY=key)


def stored(client, reference: str) -> int:
    return sum(
        1
        for document in Record.objects.filter(
            linked_account=client.account, model="invoice"
        ).values_list("document", flat=True)
        if f'"reference":"{reference}"' in document.replace(" ", "")
    )


def assert_written_once(client, body: dict, key: str, reference: str) -> dict:
    retry = post(client, body, key)
    assert retry.status_code == 201, retry.content
    again = post(client, body, key)  # and a third time: replayed, nothing written
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json() == retry.json()
    assert at_sandbox(client, reference) == 1
    assert stored(client, reference) == 1
    created = Event.objects.filter(linked_account=client.account, type="invoice.created")
    assert [e for e in created if reference in e.data].__len__() == 1
    return retry.json()


@pytest.mark.parametrize("kind", ["error_500", "error_503", "timeout"])
def test_provider_errors_answer_an_envelope_and_the_retry_writes_once(client, kind):
    sandbox = client.sandbox
    rule = {"prefix": INVOICES, kind: 1.0, "timeout_seconds": 1.0}
    sandbox.control.faults([rule])
    body = invoice_body(client, f"fault-{kind}")
    failed = post(client, body, f"key-{kind}")
    assert failed.status_code in (502, 503, 504), failed.content
    error = failed.json()["error"]
    assert error["type"] == "provider_unavailable", error
    assert error["request_id"] and error["message"]
    sandbox.control.clear_faults()
    assert at_sandbox(client, body["reference"]) == 0
    assert_written_once(client, body, f"key-{kind}", body["reference"])


def test_a_write_that_times_out_after_xero_stored_it_is_not_duplicated(client):
    """The ambiguous case: Xero writes the invoice, but every answer comes too late. The
    connector's retries and the client's retry carry the same provider Idempotency-Key."""
    sandbox = client.sandbox
    sandbox.control.faults([{"prefix": INVOICES, "slow": 1.0, "slow_ms": 900}])
    body = invoice_body(client, "slow-write")
    failed = post(client, body, "key-slow")
    assert failed.status_code in (502, 503, 504), failed.content
    assert failed.json()["error"]["type"] == "provider_unavailable"
    sandbox.control.clear_faults()
    assert at_sandbox(client, "slow-write") == 1  # Xero did write it (once)
    assert_written_once(client, body, "key-slow", "slow-write")


def test_a_429_storm_answers_rate_limited_and_the_retry_writes_once(client):
    sandbox = client.sandbox
    sandbox.control.faults([{"prefix": INVOICES, "rate_429": 1.0}])
    body = invoice_body(client, "storm")
    failed = post(client, body, "key-429")
    assert failed.status_code == 429, failed.content
    assert failed.json()["error"]["type"] == "rate_limited"
    assert int(failed["Retry-After"]) >= 1
    sandbox.control.clear_faults()
    assert at_sandbox(client, "storm") == 0
    time.sleep(int(failed["Retry-After"]))  # the client honours Retry-After
    assert_written_once(client, body, "key-429", "storm")


def test_a_revoked_grant_answers_relink_required(client):
    sandbox = client.sandbox
    sandbox.control.revoke_grant(refresh_token=client.tokens["refresh_token"])
    body = invoice_body(client, "revoked")
    failed = post(client, body, "key-revoked")
    assert failed.status_code == 409, failed.content
    assert failed.json()["error"]["type"] == "relink_required"
    account = LinkedAccount.objects.get(pk=client.account.pk)
    assert account.status == "relink_required"
    assert Event.objects.filter(linked_account=account, type="account.relink_required").exists()
    listing = client.get(f"/v1/linked-accounts/{account.id}").json()
    assert listing["status"] == "relink_required"
    # Not poisoned: the same key is free again once the account is relinked.
    from gateway.core.models import IdempotentRequest

    assert not IdempotentRequest.objects.filter(key="key-revoked").exists()

"""A consent that lacks a model's scope: the sync skips that model (`not_permitted` in the sync
status) and syncs the others; writes to it are refused before reaching the provider; reads
still serve what is stored. Against the Xero sandbox, which enforces scopes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from gateway.accounts.models import Grant
from gateway.sync import services
from gateway.sync.models import RunStatus, RunTrigger, SyncMode
from tests.gateway.builders import make_linked_account

pytestmark = pytest.mark.django_db(transaction=True)

NO_PAYMENTS = (
    "openid profile email offline_access accounting.contacts accounting.invoices "
    "accounting.settings.read"
)


def _link(customer, sandbox, scope: str):
    tokens = sandbox.connect(tenants=["uk"], scope=scope)
    return make_linked_account(
        customer,
        provider="xero",
        tenant_id=sandbox.tenant_id("uk"),
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        expires_in=timedelta(seconds=int(tokens["expires_in"])),
        scope=tokens["scope"],
    )


def _client(authed_client, account):
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    return authed_client


def _payment_calls(sandbox) -> int:
    endpoints = sandbox.control.counters()["endpoints"]
    return sum(n for name, n in endpoints.items() if "/Payments" in name)


def _model_states(client, account) -> dict[str, dict]:
    response = client.get(f"/v1/linked-accounts/{account.id}/sync-status")
    assert response.status_code == 200, response.content
    return {m["model"]: m for m in response.json()["models"]}


def test_consent_without_payments_syncs_contacts_and_invoices(authed_client, xero_settings):
    account = _link(authed_client.customer, xero_settings, NO_PAYMENTS)
    client = _client(authed_client, account)
    assert _model_states(client, account)["payment"]["state"] == "not_permitted"

    run = services.request_sync(account, SyncMode.FULL, RunTrigger.API)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error

    models = _model_states(client, account)
    assert {m: s["state"] for m, s in models.items()} == {
        "company_info": "done",
        "tax_rate": "done",
        "account": "done",
        "tracking_category": "done",
        "item": "done",
        "contact": "done",
        "invoice": "done",
        "credit_note": "done",
        "payment": "not_permitted",
        "purchase_order": "done",  # accounting.invoices covers purchase orders
        # The consent has no journal scopes either: those models wait for them too.
        "journal_entry": "not_permitted",
        "general_ledger_transaction": "not_permitted",
        # the consent lacks accounting.banktransactions too
        "bank_transaction": "not_permitted",
        "expense": "not_permitted",
        "bank_transfer": "not_permitted",
    }
    assert "accounting.payments" in models["payment"]["last_error"]
    assert "accounting.journals.read" in models["general_ledger_transaction"]["last_error"]
    assert models["invoice"]["records_seen"] > 0
    assert _payment_calls(xero_settings) == 0  # skipped before reaching the provider
    assert client.get("/v1/invoices").json()["results"]
    assert client.get("/v1/payments").status_code == 200


def test_provider_refusal_at_sync_time_marks_only_that_model(authed_client, xero_settings):
    """Tokens granted before a scope change: the grant says payments, Xero says 401."""
    account = _link(authed_client.customer, xero_settings, NO_PAYMENTS)
    Grant.objects.filter(pk=account.grant_id).update(scope=f"{NO_PAYMENTS} accounting.payments")
    run = services.request_sync(account, SyncMode.FULL, RunTrigger.API)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    models = _model_states(_client(authed_client, account), account)
    assert [models[m]["state"] for m in ("contact", "invoice", "payment")] == [
        "done",
        "done",
        "not_permitted",
    ]
    assert "AuthorizationUnsuccessful" in models["payment"]["last_error"]
    assert _payment_calls(xero_settings) == 1  # once: a refresh cannot add a scope


def test_writes_to_a_not_permitted_model_are_refused_before_the_provider(
    authed_client, xero_settings
):
    account = _link(authed_client.customer, xero_settings, NO_PAYMENTS)
    services.request_sync(account, SyncMode.FULL, RunTrigger.API)
    client = _client(authed_client, account)
    invoice = client.get("/v1/invoices", {"status": "OPEN"}).json()["results"][0]
    body = {
        "transaction_date": "2026-11-05",
        "account_code": "090",
        "total_amount": "1.00",
        "applied_to": [{"related_object_id": invoice["id"], "applied_amount": "1.00"}],
    }
    refused = client.post("/v1/payments", body, format="json")
    assert refused.status_code == 403, refused.content
    error = refused.json()["error"]
    assert error["type"] == "permission_denied" and "payment" in error["message"]
    assert _payment_calls(xero_settings) == 0
    assert client.post("/v1/contacts", {"name": "Allowed Ltd"}, format="json").status_code == 201


def test_provider_permission_refusal_on_a_write_is_a_403(authed_client, xero_settings):
    account = _link(authed_client.customer, xero_settings, NO_PAYMENTS)
    Grant.objects.filter(pk=account.grant_id).update(scope="")  # scopes unknown
    services.request_sync(account, SyncMode.FULL, RunTrigger.API)
    client = _client(authed_client, account)
    invoice = client.get("/v1/invoices", {"status": "OPEN"}).json()["results"][0]
    body = {
        "transaction_date": "2026-11-05",
        "account_code": "090",
        "total_amount": "1.00",
        "applied_to": [{"related_object_id": invoice["id"], "applied_amount": "1.00"}],
    }
    refused = client.post("/v1/payments", body, format="json")
    assert refused.status_code == 403, refused.content
    assert refused.json()["error"]["type"] == "permission_denied"


def test_a_refused_write_is_not_remembered_under_its_idempotency_key(authed_client, xero_settings):
    account = _link(authed_client.customer, xero_settings, NO_PAYMENTS)
    services.request_sync(account, SyncMode.FULL, RunTrigger.API)
    client = _client(authed_client, account)
    invoice = client.get("/v1/invoices", {"status": "OPEN"}).json()["results"][0]
    body = {
        "transaction_date": "2026-11-05",
        "account_code": "090",
        "total_amount": "1.00",
        "applied_to": [{"related_object_id": invoice["id"], "applied_amount": "1.00"}],
    }
    first = client.post("/v1/payments", body, format="json", HTTP_IDEMPOTENCY_KEY="pay-1")
    assert first.status_code == 403
    relinked = xero_settings.connect(tenants=["uk"], scope=f"{NO_PAYMENTS} accounting.payments")
    Grant.objects.filter(pk=account.grant_id).update(
        access_token=relinked["access_token"], scope=relinked["scope"]
    )
    again = client.post("/v1/payments", body, format="json", HTTP_IDEMPOTENCY_KEY="pay-1")
    assert again.status_code == 201, again.content

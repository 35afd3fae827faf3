"""One source for what the record endpoints allow: the operations each provider declares, which
`/v1/providers` lists. A listed operation gets past the method check, an unlisted one is 405."""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings

from connectors.registry import import_string
from gateway.records.views import offered_operations
from tests.gateway.builders import (
    make_linked_account,
    seed_bank_activity,
    seed_credit_notes,
    seed_journals,
    seed_purchase_order,
    seed_reference_data,
    seed_store,
)
from unified_models import CATALOGUE

pytestmark = pytest.mark.django_db

PLURALS = {entry.name: entry.plural for entry in CATALOGUE}
PROVIDERS = list(settings.LEDGERLINK_PROVIDERS)


def calls(client, model: str, record_id: str):
    """operation → the response to the request that performs it (none reaches a provider:
    write bodies are empty and deletes name an unknown record)."""
    plural = PLURALS[model]
    return {
        "list": lambda: client.get(f"/v1/{plural}"),
        "get": lambda: client.get(f"/v1/{plural}/{record_id}"),
        "create": lambda: client.post(f"/v1/{plural}", {}, format="json"),
        "update": lambda: client.patch(f"/v1/{plural}/{record_id}", {}, format="json"),
        "delete": lambda: client.delete(f"/v1/{plural}/{uuid.uuid4()}"),
    }


@pytest.mark.parametrize("provider", PROVIDERS)
def test_every_listed_operation_answers_and_every_other_is_405(
    provider, authed_client, customer_with_key
):
    customer, _ = customer_with_key
    account = make_linked_account(customer, provider=provider)
    seed_store(account)
    seed_reference_data(account)
    seed_purchase_order(account)
    seed_journals(account)
    seed_credit_notes(account)
    seed_bank_activity(account)
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    declared = import_string(settings.LEDGERLINK_PROVIDERS[provider]).describe()["models"]
    listed = {model: offered_operations(model, declared) for model in PLURALS}
    for model in PLURALS:
        record_id = authed_client.get(f"/v1/{PLURALS[model]}").json()["results"][0]["id"]
        for operation, call in calls(authed_client, model, record_id).items():
            response = call()
            where = (provider, model, operation, response.content)
            if operation in listed.get(model, []):
                assert response.status_code != 405, where
            else:
                assert response.status_code == 405, where
                assert response.json()["error"]["type"] == "method_not_allowed", where
                assert response["Allow"], where


def test_providers_listing_and_contact_delete_agree(authed_client):
    """Xero declares deleting (archiving) contacts: DELETE /v1/contacts/{id} exists."""
    xero = import_string(settings.LEDGERLINK_PROVIDERS["xero"]).describe()
    assert "delete" in xero["models"]["contact"]
    response = authed_client.delete(f"/v1/contacts/{uuid.uuid4()}")
    assert response.status_code != 405


@pytest.mark.parametrize("provider", PROVIDERS)
def test_allow_names_what_the_accounts_provider_offers_on_every_answer(
    provider, authed_client, customer_with_key
):
    """A 200 says in `Allow` what a 405 would: the methods the account's provider offers."""
    customer, _ = customer_with_key
    account = make_linked_account(customer, provider=provider)
    seed_store(account)
    seed_reference_data(account)
    seed_purchase_order(account)
    seed_journals(account)
    seed_credit_notes(account)
    seed_bank_activity(account)
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    declared = import_string(settings.LEDGERLINK_PROVIDERS[provider]).describe()["models"]
    listed = {model: offered_operations(model, declared) for model in PLURALS}
    list_methods = {"list": "GET", "create": "POST"}
    detail_methods = {"get": "GET", "update": "PATCH", "delete": "DELETE"}
    for model, plural in PLURALS.items():
        offered = listed.get(model, [])
        response = authed_client.get(f"/v1/{plural}")
        assert response.status_code == 200, response.content
        expected = {m for op, m in list_methods.items() if op in offered} | {"OPTIONS"}
        assert set(response["Allow"].split(", ")) == expected, (provider, model)
        record_id = response.json()["results"][0]["id"]
        response = authed_client.get(f"/v1/{plural}/{record_id}")
        assert response.status_code == 200, response.content
        expected = {m for op, m in detail_methods.items() if op in offered} | {"OPTIONS"}
        assert set(response["Allow"].split(", ")) == expected, (provider, model)

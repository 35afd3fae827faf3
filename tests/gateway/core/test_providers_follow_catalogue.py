"""`/v1/providers` states, per provider and model, the operations the API offers: the catalogue
entry's `operations` that the provider's connector declares (the same declarations the record
endpoints answer from), so what it lists is exactly what the record endpoints allow."""

from __future__ import annotations

import dataclasses

import pytest

from tests.gateway.builders import (
    make_linked_account,
    seed_every_model,
    seed_store,
)
from unified_models import CATALOGUE

pytestmark = pytest.mark.django_db

LIST_METHODS = {"list": "GET", "create": "POST"}
DETAIL_METHODS = {"get": "GET", "update": "PATCH", "delete": "DELETE"}


def providers(client) -> dict[str, dict[str, list[str]]]:
    response = client.get("/v1/providers")
    assert response.status_code == 200, response.content
    return {p["key"]: p["models"] for p in response.json()["results"]}


@pytest.fixture
def narrowed_contact():
    """The contact entry narrowed to reads, as a contributor would declare it; restored after."""
    entry = CATALOGUE["contact"]
    following = CATALOGUE.names()[CATALOGUE.names().index("contact") + 1]
    CATALOGUE.unregister("contact")
    CATALOGUE.register(
        dataclasses.replace(entry, operations=frozenset({"list", "get"})), before=following
    )
    try:
        yield
    finally:
        CATALOGUE.unregister("contact")
        CATALOGUE.register(entry, before=following)


def test_every_catalogue_model_is_listed_per_provider_in_operation_order(authed_client):
    listed = providers(authed_client)
    assert set(listed) == {"xero", "quickbooks"}
    for models in listed.values():
        assert list(models) == [m for m in CATALOGUE.names() if m in models]
        assert set(models) == set(CATALOGUE.names())
        order = ("list", "get", "create", "update", "delete")
        for model, operations in models.items():
            assert operations == [op for op in order if op in operations], model
            assert set(operations) <= CATALOGUE[model].operations, model


def test_what_the_catalogue_and_the_connectors_declare_together(authed_client):
    listed = providers(authed_client)
    # Xero has no GET /Organisation/{id}, but records are read from the store: get is offered.
    assert listed["xero"]["company_info"] == ["list", "get"]
    assert listed["quickbooks"]["company_info"] == ["list", "get"]
    for provider in ("xero", "quickbooks"):
        assert listed[provider]["account"] == ["list", "get", "create", "update"]
        assert listed[provider]["item"] == ["list", "get", "create", "update"]
        assert listed[provider]["tax_rate"] == ["list", "get"]
        assert listed[provider]["tracking_category"] == ["list", "get"]
    # Xero cannot edit a payment (the catalogue would allow it).
    assert listed["xero"]["payment"] == ["list", "get", "create", "delete"]
    assert listed["quickbooks"]["invoice"] == ["list", "get", "create", "update", "delete"]


def test_a_narrower_catalogue_entry_narrows_v1_providers_and_the_endpoints(
    authed_client, customer_with_key, narrowed_contact
):
    assert providers(authed_client)["xero"]["contact"] == ["list", "get"]
    customer, _ = customer_with_key
    account = make_linked_account(customer, provider="xero")
    seed_store(account)
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    response = authed_client.post("/v1/contacts", {}, format="json")
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == {"GET", "OPTIONS"}


@pytest.mark.parametrize("provider", ["xero", "quickbooks"])
def test_v1_providers_lists_what_the_record_endpoints_allow(
    provider, authed_client, customer_with_key
):
    listed = providers(authed_client)[provider]
    customer, _ = customer_with_key
    account = make_linked_account(customer, provider=provider)
    seed_every_model(account)
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    for entry in CATALOGUE:
        offered = listed[entry.name]
        response = authed_client.get(f"/v1/{entry.plural}")
        assert response.status_code == 200, (entry.name, response.content)
        expected = {m for op, m in LIST_METHODS.items() if op in offered} | {"OPTIONS"}
        assert set(response["Allow"].split(", ")) == expected, (provider, entry.name)
        record_id = response.json()["results"][0]["id"]
        response = authed_client.get(f"/v1/{entry.plural}/{record_id}")
        assert response.status_code == 200, (entry.name, response.content)
        expected = {m for op, m in DETAIL_METHODS.items() if op in offered} | {"OPTIONS"}
        assert set(response["Allow"].split(", ")) == expected, (provider, entry.name)

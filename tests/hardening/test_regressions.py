"""Regressions the fuzzer found, pinned as plain tests."""

from __future__ import annotations

import json

import pytest

from gateway.core import jsonutil

pytestmark = pytest.mark.django_db


def test_integers_beyond_64_bits_are_written_digit_for_digit():
    value = {"b": 44211476519624171520, "a": [-(2**70), True, 1, 2**63]}
    assert json.loads(jsonutil.dumps(value, sort_keys=True)) == value


def test_huge_integers_in_a_body_with_an_idempotency_key_are_a_400(account_client, fake_provider):
    body = b'{"type": "ACCOUNTS_RECEIVABLE", "memo": 44211476519624171520}'
    response = account_client.generic(
        "POST",
        "/v1/invoices",
        body,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="big-int",
    )
    assert response.status_code == 400, response.content
    assert response.json()["error"]["type"] == "validation_error"


@pytest.mark.parametrize("value", ["null", "0", "-1", "1001", "ten"])
def test_linked_accounts_refuse_a_bad_page_size(authed_client, value):
    response = authed_client.get("/v1/linked-accounts", {"page_size": value})
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["field"] == "page_size"


def test_linked_accounts_page_size_still_pages(authed_client, account):
    response = authed_client.get("/v1/linked-accounts", {"page_size": "1"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


# -- schemathesis's negative-data checks: inputs the OpenAPI document does not admit ----------
REDIRECT = "https://app.example.com/integrations/done"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"url": "https://hooks.example.com/x", "enabled": 0}, "enabled"),
        ({"url": "https://hooks.example.com/x", "enabled": "true"}, "enabled"),
        ({"url": "https://hooks.example.com/x", "description": 5}, "description"),
        ({"url": "https://hooks.example.com/x", "event_types": [1]}, "event_types[0]"),
    ],
)
def test_webhook_endpoints_take_json_types_as_documented(authed_client, body, field):
    response = authed_client.post("/v1/webhook-endpoints", body, format="json")
    assert response.status_code == 400, response.content
    assert [d["field"] for d in response.json()["error"]["details"]] == [field]


def test_rotate_secret_must_be_a_boolean(authed_client):
    created = authed_client.post(
        "/v1/webhook-endpoints", {"url": "https://hooks.example.com/x"}, format="json"
    ).json()
    response = authed_client.patch(
        f"/v1/webhook-endpoints/{created['id']}", {"rotate_secret": "yes"}, format="json"
    )
    assert response.status_code == 400, response.content
    assert response.json()["error"]["details"][0]["field"] == "rotate_secret"
    assert "secret" not in response.json()


@pytest.mark.parametrize(
    ("extra", "field"),
    [({"end_user_name": 0}, "end_user_name"), ({"end_user_id": 42}, "end_user_id")],
)
def test_link_tokens_take_strings_as_documented(authed_client, extra, field):
    body = {"end_user_id": "org_42", "redirect_url": REDIRECT, **extra}
    response = authed_client.post("/v1/link-tokens", body, format="json")
    assert response.status_code == 400, response.content
    assert [d["field"] for d in response.json()["error"]["details"]] == [field]


def test_passthrough_query_values_are_strings(account_client):
    body = {"method": "GET", "path": "/Invoices", "query": {"page": 1}}
    response = account_client.post("/v1/passthrough", body, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["error"]["details"][0]["field"] == "query.page"


def test_sync_frequency_must_be_an_integer(authed_client, account):
    url = f"/v1/linked-accounts/{account.id}/sync-settings"
    for value in ("60", 60.0, True):
        response = authed_client.patch(url, {"frequency_minutes": value}, format="json")
        assert response.status_code == 400, (value, response.content)


@pytest.mark.parametrize(
    "params",
    [
        {"include_deleted": ""},
        {"include_remote_data": ""},
        {"include_deleted": "1"},
        {"include_deleted": "yes"},
        {"expand": ""},
        {"expand": "contact,"},
    ],
)
def test_list_and_read_options_take_only_documented_values(account_client, params):
    listed = account_client.get("/v1/invoices", params)
    assert listed.status_code == 400, listed.content
    assert [d["field"] for d in listed.json()["error"]["details"]] == list(params)
    record_id = account_client.get("/v1/invoices").json()["results"][0]["id"]
    if "include_deleted" not in params:
        read = account_client.get(f"/v1/invoices/{record_id}", params)
        assert read.status_code == 400, read.content


def test_a_payment_applied_to_nothing_is_refused_before_the_provider(account_client, fake_provider):
    body = {
        "transaction_date": "2000-01-01",
        "total_amount": "76.E0",
        "applied_to": [{"applied_amount": "-.00", "related_object_type": "INVOICE"}],
    }
    response = account_client.post(
        "/v1/payments", body, format="json", HTTP_IDEMPOTENCY_KEY="applied-to-nothing"
    )
    assert response.status_code == 400, response.content
    fields = [d["field"] for d in response.json()["error"]["details"]]
    assert fields == ["applied_to[0]"]
    assert not fake_provider.calls

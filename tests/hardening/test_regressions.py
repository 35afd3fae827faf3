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

"""`POST /v1/link-tokens` and `POST /v1/linked-accounts/{id}/relink-token`."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from gateway.accounts.models import Grant, LinkedAccount, LinkedAccountStatus
from gateway.connect.models import LinkSession
from tests.factories import make_customer

from .conftest import REDIRECT_URL

pytestmark = pytest.mark.django_db


def make_account(customer, tenant_id="tenant-1", **fields) -> LinkedAccount:
    grant = Grant.objects.create(
        customer=customer,
        provider="xero",
        end_user_id="end-user-1",
        access_token="access",
        refresh_token="refresh",
        access_expires_at=timezone.now() + timedelta(minutes=30),
    )
    return LinkedAccount.objects.create(
        customer=customer,
        grant=grant,
        provider="xero",
        tenant_id=tenant_id,
        tenant_name="Demo Company (UK)",
        end_user_id="end-user-1",
        **fields,
    )


def test_creates_a_single_use_link_token(authed_client, settings):
    settings.PUBLIC_BASE_URL = "https://ledgerlink.example.com"
    response = authed_client.post(
        "/v1/link-tokens",
        {"end_user_id": "org_42", "end_user_name": "Northwind", "redirect_url": REDIRECT_URL},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    token = body["link_token"]
    assert token.startswith("lt_") and len(token) >= 3 + 43  # 256 random bits, base64url
    assert body["url"] == f"https://ledgerlink.example.com/connect/{token}"
    assert body["providers"] == list(settings.LEDGERLINK_PROVIDERS)  # every enabled one
    assert body["end_user_id"] == "org_42"
    assert body["redirect_url"] == REDIRECT_URL
    assert body["linked_account_id"] is None
    expires = parse_datetime(body["expires_at"])
    assert timedelta(minutes=29) < expires - timezone.now() <= timedelta(minutes=30)

    session = LinkSession.objects.get()
    assert session.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = [str(v) for v in LinkSession.objects.values().get().values()]
    assert token not in stored, "the plaintext token is never stored"
    assert session.end_user_name == "Northwind"


def test_each_token_is_different(authed_client):
    body = {"end_user_id": "u", "redirect_url": REDIRECT_URL}
    tokens = {
        authed_client.post("/v1/link-tokens", body, format="json").json()["link_token"]
        for _ in range(3)
    }
    assert len(tokens) == 3


def test_link_token_limited_to_chosen_providers(authed_client):
    response = authed_client.post(
        "/v1/link-tokens",
        {"end_user_id": "u", "redirect_url": REDIRECT_URL, "providers": ["xero"]},
        format="json",
    )
    assert response.status_code == 201
    assert LinkSession.objects.get().providers == ["xero"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"redirect_url": REDIRECT_URL}, "end_user_id"),
        ({"end_user_id": "u", "redirect_url": "https://evil.example.com/steal"}, "redirect_url"),
        ({"end_user_id": "u", "redirect_url": REDIRECT_URL + "/"}, "redirect_url"),
        ({"end_user_id": "u"}, "redirect_url"),
        ({"end_user_id": "u", "redirect_url": REDIRECT_URL, "providers": ["sage"]}, "providers"),
        ({"end_user_id": "u", "redirect_url": REDIRECT_URL, "providers": []}, "providers"),
        ({"end_user_id": "", "redirect_url": REDIRECT_URL}, "end_user_id"),
        (
            {"end_user_id": "u", "redirect_url": REDIRECT_URL, "end_user_email": "x"},
            "end_user_email",
        ),
    ],
)
def test_invalid_requests_get_the_error_envelope(authed_client, body, field):
    response = authed_client.post("/v1/link-tokens", body, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "validation_error"
    assert error["request_id"].startswith("req_")
    assert [d["field"] for d in error["details"]] == [field]
    assert not LinkSession.objects.exists()


def test_unknown_provider_message_names_the_enabled_ones(authed_client):
    response = authed_client.post(
        "/v1/link-tokens",
        {"end_user_id": "u", "redirect_url": REDIRECT_URL, "providers": ["xero", "sage"]},
        format="json",
    )
    message = response.json()["error"]["details"][0]["message"]
    assert "sage" in message and "Enabled: xero" in message


def test_link_tokens_need_an_api_key(api_client):
    response = api_client.post(
        "/v1/link-tokens", {"end_user_id": "u", "redirect_url": REDIRECT_URL}, format="json"
    )
    assert response.status_code == 401
    assert response.json()["error"]["type"] == "authentication_error"


def test_relink_token_for_own_account(authed_client):
    account = make_account(authed_client.customer, status=LinkedAccountStatus.RELINK_REQUIRED)
    response = authed_client.post(
        f"/v1/linked-accounts/{account.pk}/relink-token",
        {"redirect_url": REDIRECT_URL},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["linked_account_id"] == str(account.pk)
    assert body["providers"] == ["xero"]
    assert body["end_user_id"] == "end-user-1"
    session = LinkSession.objects.get()
    assert session.relink_account == account


def test_customer_b_cannot_relink_customer_a_account(authed_client):
    account = make_account(authed_client.customer)
    _, key_b = make_customer("Beta Books", [REDIRECT_URL])
    authed_client.credentials(HTTP_AUTHORIZATION=f"Bearer {key_b}")
    response = authed_client.post(
        f"/v1/linked-accounts/{account.pk}/relink-token",
        {"redirect_url": REDIRECT_URL},
        format="json",
    )
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "not_found"
    assert not LinkSession.objects.exists()


@pytest.mark.parametrize("account_id", ["not-a-uuid", "7d5f0f1e-93d3-4f07-8f0e-4c2d0d1b9a11"])
def test_relink_unknown_account_is_404(authed_client, account_id):
    response = authed_client.post(
        f"/v1/linked-accounts/{account_id}/relink-token",
        {"redirect_url": REDIRECT_URL},
        format="json",
    )
    assert response.status_code == 404


def test_relink_token_checks_the_redirect_url(authed_client):
    account = make_account(authed_client.customer)
    response = authed_client.post(
        f"/v1/linked-accounts/{account.pk}/relink-token",
        {"redirect_url": "https://elsewhere.example.com/"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["field"] == "redirect_url"
    assert not LinkSession.objects.exists()


def test_openapi_documents_the_connect_endpoints():
    # The committed spec (tests/gateway/core/test_openapi.py keeps it equal to the code).
    spec = Path(__file__).resolve().parents[3] / "openapi" / "ledgerlink.yaml"
    schema = yaml.safe_load(spec.read_text())
    create = schema["paths"]["/v1/link-tokens"]["post"]
    assert create["requestBody"]["content"]["application/json"]["examples"]
    assert "201" in create["responses"] and "400" in create["responses"]
    relink = schema["paths"]["/v1/linked-accounts/{account_id}/relink-token"]["post"]
    assert "201" in relink["responses"] and "404" in relink["responses"]
    assert not [p for p in schema["paths"] if p.startswith("/connect")]


def test_link_tokens_refuse_unconfigured_providers(authed_client, settings):
    settings.LEDGERLINK_PROVIDER_SETTINGS = {
        "xero": {"client_id": "app", "client_secret": "secret"},
        "quickbooks": {},
    }
    body = {"end_user_id": "u", "redirect_url": REDIRECT_URL}
    refused = authed_client.post(
        "/v1/link-tokens", {**body, "providers": ["quickbooks"]}, format="json"
    )
    assert refused.status_code == 400
    detail = refused.json()["error"]["details"][0]
    assert detail["field"] == "providers" and "QUICKBOOKS_CLIENT_ID" not in detail["message"]
    assert "quickbooks" in detail["message"] and "Enabled: xero" in detail["message"]
    default = authed_client.post("/v1/link-tokens", body, format="json")
    assert default.status_code == 201 and default.json()["providers"] == ["xero"]


def test_link_tokens_say_when_no_provider_is_configured(authed_client, settings):
    settings.LEDGERLINK_PROVIDER_SETTINGS = {}
    response = authed_client.post(
        "/v1/link-tokens", {"end_user_id": "u", "redirect_url": REDIRECT_URL}, format="json"
    )
    assert response.status_code == 400
    assert "CLIENT_ID" in response.json()["error"]["details"][0]["message"]


def test_relink_token_refused_while_the_provider_is_unconfigured(authed_client, settings):
    account = make_account(authed_client.customer, status=LinkedAccountStatus.RELINK_REQUIRED)
    settings.LEDGERLINK_PROVIDER_SETTINGS = {}
    response = authed_client.post(
        f"/v1/linked-accounts/{account.pk}/relink-token",
        {"redirect_url": REDIRECT_URL},
        format="json",
    )
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["type"] == "conflict" and "xero" in error["message"]
    assert not LinkSession.objects.exists()

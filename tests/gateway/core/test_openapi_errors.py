"""The reference's error examples are what the API answers: call it, compare with the spec."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import yaml
from django.core.cache import cache

from tests.gateway.core.test_openapi import resolve

SPEC = yaml.safe_load(
    (Path(__file__).resolve().parents[3] / "openapi" / "ledgerlink.yaml").read_text()
)

pytestmark = pytest.mark.django_db


def documented(path: str, method: str, status: int) -> dict[str, dict]:
    """type → the documented example envelope's `error` for that type."""
    response = SPEC["paths"][path][method]["responses"][str(status)]
    examples = response["content"]["application/json"]["examples"]
    errors = [resolve(SPEC, e)["value"]["error"] for e in examples.values()]
    return {error["type"]: error for error in errors}


def check(response, path: str, method: str, status: int, *, exact: bool = True) -> dict:
    """The answer's status and type are documented; with `exact`, its message and details too."""
    assert response.status_code == status, response.content
    error = response.json()["error"]
    examples = documented(path, method, status)
    assert error["type"] in examples, (error["type"], sorted(examples))
    if exact:
        example = examples[error["type"]]
        assert (error["message"], error["details"]) == (example["message"], example["details"])
    return error


def test_401_is_the_documented_authentication_error(api_client):
    response = api_client.get("/v1/invoices", HTTP_AUTHORIZATION="Bearer llk_nope_nope")
    check(response, "/v1/invoices", "get", 401)
    headers = SPEC["paths"]["/v1/invoices"]["get"]["responses"]["401"]["headers"]
    header = resolve(SPEC, headers["WWW-Authenticate"])
    assert response["WWW-Authenticate"] == header["schema"]["example"]


def test_400_without_the_linked_account_header(authed_client):
    check(authed_client.get("/v1/invoices"), "/v1/invoices", "get", 400)


def test_404_names_the_model(account_client):
    path = "/v1/invoices/{record_id}"
    check(account_client.get(f"/v1/invoices/{uuid.uuid4()}"), path, "get", 404)
    contact = account_client.get(f"/v1/contacts/{uuid.uuid4()}")
    check(contact, "/v1/contacts/{record_id}", "get", 404)


def test_404_of_an_unknown_webhook_endpoint(authed_client):
    path = "/v1/webhook-endpoints/{endpoint_id}"
    check(authed_client.get(f"/v1/webhook-endpoints/{uuid.uuid4()}"), path, "get", 404)


def test_405_when_the_provider_does_not_offer_it(account_client):
    # The fake provider cannot delete contacts; the message names the provider, so type only.
    response = account_client.delete(f"/v1/contacts/{uuid.uuid4()}")
    check(response, "/v1/contacts/{record_id}", "delete", 405, exact=False)
    assert "DELETE" not in response["Allow"]


def test_409_conflict_on_an_idempotency_key_reused_with_another_body(account_client):
    headers = {"HTTP_IDEMPOTENCY_KEY": "reference-409"}
    first = account_client.post("/v1/contacts", {"name": "Acme"}, format="json", **headers)
    assert first.status_code == 201, first.content
    again = account_client.post("/v1/contacts", {"name": "Other"}, format="json", **headers)
    check(again, "/v1/contacts", "post", 409)


def test_415_and_parse_error_on_bodies(account_client):
    text = account_client.post("/v1/contacts", "name=Acme", content_type="text/plain")
    check(text, "/v1/contacts", "post", 415)
    broken = account_client.post("/v1/contacts", "", content_type="application/json")
    check(broken, "/v1/contacts", "post", 400, exact=False)
    broken = account_client.post("/v1/contacts", "{", content_type="application/json")
    error = check(broken, "/v1/contacts", "post", 400, exact=False)
    assert error["type"] == "parse_error"


def test_429_is_rate_limited_with_retry_after(authed_client, settings):
    from rest_framework.settings import api_settings

    from gateway.customers.throttling import ApiKeyRateThrottle

    cache.clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_key": "1/min"},
    }
    original = ApiKeyRateThrottle.THROTTLE_RATES
    ApiKeyRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        authed_client.get("/v1/webhook-endpoints")
        response = authed_client.get("/v1/webhook-endpoints")
    finally:
        ApiKeyRateThrottle.THROTTLE_RATES = original
        cache.clear()
    check(response, "/v1/webhook-endpoints", "get", 429, exact=False)
    assert int(response["Retry-After"]) >= 1
    documented_headers = SPEC["paths"]["/v1/webhook-endpoints"]["get"]["responses"]["429"]
    assert "Retry-After" in documented_headers["headers"]


def test_every_documented_error_type_is_one_the_code_raises():
    """Each example's `type` is written, as a string, in the code that answers it (not only in
    the module that documents it)."""
    root = Path(__file__).resolve().parents[3] / "gateway"
    source = "".join(
        p.read_text() for p in root.rglob("*.py") if p.name not in {"openapi_errors.py"}
    )
    types = set()
    for methods in SPEC["paths"].values():
        for operation in methods.values():
            for status, response in operation["responses"].items():
                media = response.get("content", {}).get("application/json", {})
                if int(status) >= 400 and "examples" in media:
                    for example in media["examples"].values():
                        types.add(resolve(SPEC, example)["value"]["error"]["type"])
    assert {"authentication_error", "not_found", "rate_limited", "relink_required"} <= types
    for error_type in types:
        assert f'"{error_type}"' in source, error_type

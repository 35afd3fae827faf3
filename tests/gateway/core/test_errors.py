"""Every error the API returns uses the one envelope, with the request id."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import override_settings

from gateway.core.errors import flatten_validation_detail

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.gateway.core.urls")]


def assert_envelope(response, status: int, error_type: str):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert error["type"] == error_type
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["details"], list)
    assert error["request_id"] == response["X-Request-ID"]
    return error


def test_unknown_url_is_404_envelope(authed_client):
    assert_envelope(authed_client.get("/v1/nothing-here"), 404, "not_found")


def test_unauthenticated_404_is_also_an_envelope(client):
    assert_envelope(client.get("/no/such/path"), 404, "not_found")


def test_wrong_method_is_405_envelope(authed_client):
    assert_envelope(
        authed_client.post("/v1/providers", {}, format="json"), 405, "method_not_allowed"
    )


def test_missing_key_is_401_with_challenge(client):
    response = client.get("/v1/providers")
    assert_envelope(response, 401, "authentication_error")
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header",
    [
        "Bearer llk_deadbeef_notarealkeynotarealkeynotarealkey",
        "Bearer nonsense",
        "Basic abc",
        "Bearer",
    ],
)
def test_wrong_key_is_401(client, header):
    response = client.get("/v1/providers", HTTP_AUTHORIZATION=header)
    assert_envelope(response, 401, "authentication_error")


def test_validation_errors_have_field_paths(authed_client):
    response = authed_client.post(
        "/v1/_test/echo",
        {"name": "far too long a name", "line_items": [{"quantity": "1"}, {"quantity": "x"}]},
        format="json",
    )
    error = assert_envelope(response, 400, "validation_error")
    fields = {d["field"] for d in error["details"]}
    assert fields == {"name", "line_items[1].quantity"}


def test_malformed_json_is_400_parse_error(authed_client):
    response = authed_client.generic(
        "POST", "/v1/_test/echo", "{not json", content_type="application/json"
    )
    assert_envelope(response, 400, "parse_error")


def test_unsupported_media_type_is_415(authed_client):
    response = authed_client.generic("POST", "/v1/_test/echo", "a=b", content_type="text/plain")
    assert_envelope(response, 415, "unsupported_media_type")


def test_unexpected_exception_is_500_without_internals(authed_client):
    response = authed_client.get("/v1/_test/boom")
    error = assert_envelope(response, 500, "internal_error")
    assert "secret internal detail" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert error["request_id"].startswith("req_")


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100)
def test_oversized_body_is_413(authed_client):
    response = authed_client.post("/v1/_test/echo", {"name": "x" * 200}, format="json")
    assert_envelope(response, 413, "payload_too_large")


def test_throttling_is_429_with_retry_after(authed_client, settings):
    from rest_framework.settings import api_settings

    cache.clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_key": "2/min"},
    }
    from gateway.customers.throttling import ApiKeyRateThrottle

    original = ApiKeyRateThrottle.THROTTLE_RATES
    ApiKeyRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        statuses = [authed_client.get("/v1/providers").status_code for _ in range(3)]
        response = authed_client.get("/v1/providers")
    finally:
        ApiKeyRateThrottle.THROTTLE_RATES = original
        cache.clear()
    assert statuses[:2] == [200, 200]
    assert_envelope(response, 429, "rate_limited")
    assert int(response["Retry-After"]) >= 1


def test_every_response_has_a_request_id(client, authed_client):
    assert client.get("/healthz")["X-Request-ID"].startswith("req_")
    assert authed_client.get("/v1/providers")["X-Request-ID"].startswith("req_")


def test_a_callers_request_id_is_kept_when_well_formed(authed_client):
    response = authed_client.get("/v1/providers", HTTP_X_REQUEST_ID="trace-1234abcd")
    assert response["X-Request-ID"] == "trace-1234abcd"
    response = authed_client.get("/v1/providers", HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert response["X-Request-ID"].startswith("req_")


def test_flatten_validation_detail_nested():
    detail = {
        "non_field_errors": ["bad"],
        "a": {"b": ["x"]},
        "items": [{}, {"q": ["y", "z"]}],
    }
    assert flatten_validation_detail(detail) == [
        {"field": "", "message": "bad"},
        {"field": "a.b", "message": "x"},
        {"field": "items[1].q", "message": "y"},
        {"field": "items[1].q", "message": "z"},
    ]


def test_a_host_not_allowed_says_so(client, settings):
    """A 400 for a Host outside ALLOWED_HOSTS names the host and the setting (issue 12, #15)."""
    settings.ALLOWED_HOSTS = ["ledgerlink.example.com"]
    settings.DEBUG = False
    response = client.get("/healthz", HTTP_HOST="127.0.0.1:8000")
    error = assert_envelope(response, 400, "invalid_request")
    assert "127.0.0.1:8000" in error["message"] and "ALLOWED_HOSTS" in error["message"]


def test_a_provider_error_no_field_can_be_named_for_has_an_empty_field():
    """The envelope's `details[].field` is a string (the OpenAPI document says so): an error
    about the record as a whole names the empty path, as DRF's non-field errors do."""
    from connectors.errors import ValidationFailed
    from gateway.core.provider_errors import translate_connector_error

    error = ValidationFailed(
        "rejected", details=[{"field": None, "message": "Org is locked"}, {"message": "Odd"}]
    )
    translated = translate_connector_error(error)
    assert translated.status_code == 422
    assert translated.details == [
        {"field": "", "message": "Org is locked"},
        {"field": "", "message": "Odd"},
    ]

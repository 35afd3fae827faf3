"""Connector errors as the API shows them: the provider's request id reaches the client (and the
log) for provider failures, so a support ticket with the provider can quote it."""

from __future__ import annotations

import logging

import pytest

from connectors import errors as ce
from gateway.core.provider_errors import translate_connector_error

PROVIDER_ID = "7c3f2e14-9b0a-4d5e-8f6a-1b2c3d4e5f60"


@pytest.mark.parametrize(
    ("error", "status", "error_type"),
    [
        (ce.ProviderError("odd answer", status=400), 502, "provider_error"),
        (ce.ProviderUnavailable("HTTP 500", status=500), 503, "provider_unavailable"),
    ],
)
def test_provider_failures_quote_the_providers_request_id(error, status, error_type, caplog):
    error.provider_request_id = PROVIDER_ID
    with caplog.at_level(logging.WARNING, logger="ledgerlink.errors"):
        translated = translate_connector_error(error)
    assert (translated.status_code, translated.type) == (status, error_type)
    assert PROVIDER_ID in translated.message
    assert PROVIDER_ID in caplog.text


def test_without_a_request_id_the_message_is_unchanged():
    translated = translate_connector_error(ce.ProviderUnavailable("HTTP 500", status=500))
    assert translated.message == "The provider is unavailable; retry later."

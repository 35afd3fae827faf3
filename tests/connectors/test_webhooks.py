from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime

import pytest

from connectors.base import WebhookBatch
from connectors.errors import ValidationFailed
from connectors.xero import XeroProvider

KEY = "webhook-key-from-xero"
BODY = json.dumps(
    {
        "events": [
            {
                "resourceUrl": "https://api.xero.com/api.xro/2.0/Invoices/9b9ba9e5",
                "resourceId": "9b9ba9e5-e907-4b4e-8210-54d82b0aa479",
                "eventDateUtc": "2017-06-21T01:15:39.902",
                "eventType": "UPDATE",
                "eventCategory": "INVOICE",
                "tenantId": "c2cc9b6e-9458-4c7d-93cc-f02b81b0594f",
                "tenantType": "ORGANISATION",
            },
            {
                "resourceId": "55d84274-a3da-4829-a7c0-0cab601b95cc",
                "eventDateUtc": "2025-12-02T00:44:09.923",
                "eventType": "CREATE",
                "eventCategory": "CREDITNOTE",
                "tenantId": "aef86862-2015-4b6b-88bc-d89032cecc50",
            },
        ],
        "firstEventSequence": 1,
        "lastEventSequence": 2,
        "entropy": "S0m3r4Nd0mt3xt",
    }
).encode()


def signature(body: bytes, key: str = KEY) -> str:
    return base64.b64encode(hmac.new(key.encode(), body, hashlib.sha256).digest()).decode()


def test_valid_signature_over_raw_bytes():
    assert XeroProvider.verify_webhook(BODY, {"X-Xero-Signature": signature(BODY)}, KEY)
    assert XeroProvider.verify_webhook(BODY, {"x-xero-signature": signature(BODY)}, KEY)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"x-xero-signature": ""},
        {"x-xero-signature": signature(BODY, "other-key")},
        {"x-xero-signature": signature(BODY + b" ")},
        {"x-xero-signature": "not base64 ✓"},
    ],
)
def test_invalid_signatures(headers):
    assert XeroProvider.verify_webhook(BODY, headers, KEY) is False


def test_reserialized_body_does_not_verify():
    reserialized = json.dumps(json.loads(BODY), indent=2).encode()
    assert not XeroProvider.verify_webhook(reserialized, {"x-xero-signature": signature(BODY)}, KEY)


def test_parse_thin_events():
    batch = XeroProvider.parse_webhook(BODY)
    assert batch.rejected == []
    first, second = batch.events
    assert first.tenant_id == "c2cc9b6e-9458-4c7d-93cc-f02b81b0594f"
    assert first.model == "invoice" and first.event_type == "UPDATE"
    assert first.remote_id == "9b9ba9e5-e907-4b4e-8210-54d82b0aa479"
    assert first.occurred_at == datetime(2017, 6, 21, 1, 15, 39, 902000, tzinfo=UTC)
    assert second.model == "credit_note"  # CREDITNOTE events are routed to credit notes


def test_intent_to_receive_has_no_events():
    body = b'{"events":[],"firstEventSequence":0,"lastEventSequence":0,"entropy":"X"}'
    assert XeroProvider.parse_webhook(body) == WebhookBatch()


def test_garbage_is_rejected():
    with pytest.raises(ValidationFailed):
        XeroProvider.parse_webhook(b"not json")
    with pytest.raises(ValidationFailed):
        XeroProvider.parse_webhook(b'{"no": "events"}')


def test_each_event_is_validated_on_its_own():
    events = json.loads(BODY)["events"]
    body = json.dumps({"events": [events[0], "junk", {**events[0], "resourceId": "x" * 101}]})
    batch = XeroProvider.parse_webhook(body.encode())
    assert [e.remote_id for e in batch.events] == [events[0]["resourceId"]]
    assert [(r.index, r.reason) for r in batch.rejected] == [
        (1, "the event is not an object"),
        (2, "resourceId is longer than 100 characters"),
    ]
    assert batch.rejected[0].excerpt == "'junk'"


def test_the_dedupe_identity_is_the_fields_read():
    first = XeroProvider.parse_webhook(BODY).events[0]
    assert set(first.raw) == {
        "tenantId",
        "resourceId",
        "eventCategory",
        "eventType",
        "eventDateUtc",
    }

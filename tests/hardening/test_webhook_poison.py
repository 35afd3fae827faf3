"""Signed provider webhooks carrying malformed events: each event is validated on its own, the
good ones are stored, the bad ones are kept with their reason, and the answer is 200 (a 5xx made
Xero resend the poison forever and lost the valid events of the same delivery)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid

import pytest

from gateway.sync.models import InboundEvent, RejectedInboundEvent

KEY = "poison-test-webhook-key"
TENANT = "c2cc9b6e-9458-4c7d-93cc-f02b81b0594f"


@pytest.fixture
def xero_webhooks(settings):
    settings.LEDGERLINK_PROVIDER_SETTINGS = {
        **settings.LEDGERLINK_PROVIDER_SETTINGS,
        "xero": {**settings.LEDGERLINK_PROVIDER_SETTINGS.get("xero", {}), "webhook_key": KEY},
    }


def good_event(**overrides):
    return {
        "resourceUrl": "https://api.xero.com/api.xro/2.0/Invoices/x",
        "resourceId": str(uuid.uuid4()),
        "eventDateUtc": "2026-06-21T01:15:39.902",
        "eventType": "UPDATE",
        "eventCategory": "INVOICE",
        "tenantId": TENANT,
        "tenantType": "ORGANISATION",
        **overrides,
    }


def nested(depth: int):
    value: object = "bottom"
    for _ in range(depth):
        value = {"n": value}
    return value


def post(client, body: bytes):
    signature = base64.b64encode(hmac.new(KEY.encode(), body, hashlib.sha256).digest()).decode()
    return client.post(
        "/webhooks/xero/",
        data=body,
        content_type="application/json",
        HTTP_X_XERO_SIGNATURE=signature,
    )


POISON = {
    "a number": (42, "not an object"),
    "a string": ("INVOICE", "not an object"),
    "a list": ([good_event()], "not an object"),
    "null": (None, "not an object"),
    "a date that is not one": (good_event(eventDateUtc="yesterday"), "eventDateUtc"),
    "a date out of range": (
        good_event(eventDateUtc="/Date(99999999999999999999)/"),
        "eventDateUtc",
    ),
    "a numeric date": (good_event(eventDateUtc=1518685950940), "eventDateUtc"),
    "no date": (good_event(eventDateUtc=None), "eventDateUtc"),
    "an over-long resource id": (good_event(resourceId="a" * 5000), "resourceId"),
    "an over-long tenant id": (good_event(tenantId="t" * 300), "tenantId"),
    "a NUL in the resource id": (good_event(resourceId="abc\x00def"), "resourceId"),
    "a NUL in the tenant id": (good_event(tenantId="\x00" + TENANT), "tenantId"),
    "a NUL in the event type": (good_event(eventType="UPD\x00ATE"), "eventType"),
    "a deeply nested resource id": (good_event(resourceId=nested(200)), "resourceId"),
    "no tenant": (good_event(tenantId=None), "tenantId"),
}


@pytest.mark.parametrize("case", sorted(POISON))
def test_a_malformed_event_does_not_cost_the_valid_ones(case, client, db, xero_webhooks):
    bad, reason = POISON[case]
    first, last = good_event(), good_event(eventCategory="CONTACT")
    body = json.dumps({"events": [first, bad, last]}).encode()
    response = post(client, body)
    assert (response.status_code, response.content) == (200, b"")
    stored = set(InboundEvent.objects.values_list("remote_id", "model"))
    assert stored == {(first["resourceId"], "invoice"), (last["resourceId"], "contact")}
    rejected = RejectedInboundEvent.objects.get()
    assert (rejected.provider, rejected.index) == ("xero", 1)
    assert reason in rejected.reason or (reason == "not an object" and "object" in rejected.reason)
    assert "\x00" not in rejected.excerpt and len(rejected.excerpt) <= 2000
    # Resent as Xero does: stored once, rejected again (nothing new to fetch).
    assert post(client, body).status_code == 200
    assert InboundEvent.objects.count() == 2


def test_a_lone_surrogate_is_rejected_not_stored(client, db, xero_webhooks):
    """JSON may escape a lone UTF-16 surrogate, which PostgreSQL's UTF-8 text cannot hold."""
    first = good_event()
    second = good_event(resourceId="SURROGATE")
    body = json.dumps({"events": [first, second]}).encode().replace(b"SURROGATE", b"\\ud800")
    response = post(client, body)
    assert response.status_code == 200
    assert set(InboundEvent.objects.values_list("remote_id", flat=True)) == {first["resourceId"]}
    assert "control characters" in RejectedInboundEvent.objects.get().reason


def test_deep_nesting_in_a_field_we_do_not_read_is_harmless(client, db, xero_webhooks):
    event = good_event(extra=nested(500))
    assert post(client, json.dumps({"events": [event]}).encode()).status_code == 200
    assert InboundEvent.objects.get().remote_id == event["resourceId"]
    assert not RejectedInboundEvent.objects.exists()


@pytest.mark.parametrize(
    "body",
    [b"not json", b'{"events": "nope"}', b"[" * 5000 + b"]" * 5000, b'{"events": [1]' + b"\x00"],
)
def test_an_unusable_signed_body_is_kept_and_not_asked_again(body, client, db, xero_webhooks):
    response = post(client, body)
    assert response.status_code == 200
    rejected = RejectedInboundEvent.objects.get()
    assert rejected.index is None and rejected.reason
    assert not InboundEvent.objects.exists()


def test_unsigned_poison_is_still_refused(client, db, xero_webhooks):
    response = client.post(
        "/webhooks/xero/",
        data=json.dumps({"events": [42]}).encode(),
        content_type="application/json",
        HTTP_X_XERO_SIGNATURE="forged",
    )
    assert response.status_code == 401
    assert not RejectedInboundEvent.objects.exists()

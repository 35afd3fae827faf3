"""`/webhooks/quickbooks/` under attack: forged, tampered, cross-provider and unconfigured
signatures are refused (401, nothing stored); a replayed delivery (a captured, validly signed
body sent again) is answered 200 and changes nothing (its events are already stored once);
signed poison is kept as rejected, the good entities of the same delivery stored."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest

from gateway.sync.models import InboundEvent, RejectedInboundEvent

TOKEN = "hardening-verifier-token"
XERO_KEY = "hardening-xero-key"
REALM = "9341455130166501"


@pytest.fixture
def qbo_webhooks(settings):
    settings.LEDGERLINK_PROVIDER_SETTINGS = {
        **settings.LEDGERLINK_PROVIDER_SETTINGS,
        "quickbooks": {
            **settings.LEDGERLINK_PROVIDER_SETTINGS.get("quickbooks", {}),
            "webhook_verifier_token": TOKEN,
        },
        "xero": {**settings.LEDGERLINK_PROVIDER_SETTINGS.get("xero", {}), "webhook_key": XERO_KEY},
    }


def sign(body: bytes, token: str = TOKEN) -> str:
    return base64.b64encode(hmac.new(token.encode(), body, hashlib.sha256).digest()).decode()


def classic(*entities: dict) -> bytes:
    return json.dumps(
        {"eventNotifications": [{"realmId": REALM, "dataChangeEvent": {"entities": entities}}]}
    ).encode()


def entity(entity_id: str = "146", **overrides) -> dict:
    return {
        "name": "Invoice",
        "id": entity_id,
        "operation": "Update",
        "lastUpdated": "2026-06-21T01:15:39.902Z",
        **overrides,
    }


def cloud(entity_id: str = "146") -> bytes:
    return json.dumps(
        [
            {
                "specversion": "1.0",
                "id": f"6b0e1f9c-0000-4000-8000-00000000000{entity_id[-1]}-Invoice-{entity_id}",
                "source": "intuit.hardening",
                "type": "qbo.invoice.updated.v1",
                "time": "2026-06-21T01:15:39.902Z",
                "intuitentityid": entity_id,
                "intuitaccountid": REALM,
            }
        ]
    ).encode()


def post(client, body: bytes, **headers):
    return client.post(
        "/webhooks/quickbooks/", data=body, content_type="application/json", **headers
    )


FORGED = {
    "no signature": lambda body: {},
    "an empty signature": lambda body: {"HTTP_INTUIT_SIGNATURE": ""},
    "another token": lambda body: {"HTTP_INTUIT_SIGNATURE": sign(body, "guessed-token")},
    "the signature of another body": lambda body: {"HTTP_INTUIT_SIGNATURE": sign(classic())},
    "hex instead of base64": lambda body: {
        "HTTP_INTUIT_SIGNATURE": hmac.new(TOKEN.encode(), body, hashlib.sha256).hexdigest()
    },
    "Xero's header and key": lambda body: {"HTTP_X_XERO_SIGNATURE": sign(body, XERO_KEY)},
    "Xero's key in Intuit's header": lambda body: {"HTTP_INTUIT_SIGNATURE": sign(body, XERO_KEY)},
}


@pytest.mark.parametrize("forgery", FORGED, ids=list(FORGED))
@pytest.mark.parametrize("body", [classic(entity()), cloud()], ids=["classic", "cloudevents"])
def test_forged_signatures_are_refused(client, db, qbo_webhooks, forgery, body):
    response = post(client, body, **FORGED[forgery](body))
    assert (response.status_code, response.content) == (401, b"")
    assert not InboundEvent.objects.exists()
    assert not RejectedInboundEvent.objects.exists()


def test_a_tampered_body_is_refused(client, db, qbo_webhooks):
    body = classic(entity())
    signature = sign(body)
    for tampered in (
        body.replace(b'"146"', b'"147"'),
        body + b" ",
        json.dumps(json.loads(body), indent=1).encode(),  # same JSON, other bytes
    ):
        assert post(client, tampered, HTTP_INTUIT_SIGNATURE=signature).status_code == 401
    assert not InboundEvent.objects.exists()


def test_without_a_verifier_token_everything_is_refused(client, db, settings):
    settings.LEDGERLINK_PROVIDER_SETTINGS = {
        **settings.LEDGERLINK_PROVIDER_SETTINGS,
        "quickbooks": {
            k: v
            for k, v in settings.LEDGERLINK_PROVIDER_SETTINGS.get("quickbooks", {}).items()
            if k != "webhook_verifier_token"
        },
    }
    body = classic(entity())
    assert post(client, body, HTTP_INTUIT_SIGNATURE=sign(body, "")).status_code == 401
    assert not InboundEvent.objects.exists()


@pytest.mark.parametrize("body", [classic(entity()), cloud()], ids=["classic", "cloudevents"])
def test_a_replayed_delivery_changes_nothing(client, db, qbo_webhooks, body):
    signature = sign(body)
    assert post(client, body, HTTP_INTUIT_SIGNATURE=signature).status_code == 200
    stored = list(InboundEvent.objects.values_list("seq", "dedupe_key", "status"))
    assert len(stored) == 1
    for _ in range(3):  # an attacker who captured it resends it
        assert post(client, body, HTTP_INTUIT_SIGNATURE=signature).status_code == 200
    assert list(InboundEvent.objects.values_list("seq", "dedupe_key", "status")) == stored
    # Replaying the bytes with one more entity is a new body: its signature does not hold.
    if body.startswith(b"{"):
        grown = classic(entity(), entity("999"))
        assert post(client, grown, HTTP_INTUIT_SIGNATURE=signature).status_code == 401
    assert InboundEvent.objects.count() == 1


def test_the_same_change_in_both_formats_is_two_deliveries_not_a_collision(
    client, db, qbo_webhooks
):
    for body in (classic(entity()), cloud()):
        assert post(client, body, HTTP_INTUIT_SIGNATURE=sign(body)).status_code == 200
    assert InboundEvent.objects.count() == 2
    assert set(InboundEvent.objects.values_list("model", "remote_id")) == {("invoice", "146")}


def test_signed_poison_is_kept_and_the_good_entities_stored(client, db, qbo_webhooks):
    body = classic(
        entity("1"),
        entity("2" * 5000),
        entity("3", lastUpdated="yesterday"),
        entity("4", operation="DROP TABLE"),
        entity("5\x00"),
        entity("6", name="Estimate"),  # no unified model: stored as ignored, never fetched
    )
    assert post(client, body, HTTP_INTUIT_SIGNATURE=sign(body)).status_code == 200
    assert set(InboundEvent.objects.values_list("remote_id", "status")) == {
        ("1", "pending"),  # fetched once the transaction commits
        ("Estimate:6", "ignored"),
    }
    reasons = sorted(RejectedInboundEvent.objects.values_list("reason", flat=True))
    assert reasons == [
        "id contains control characters",
        "id is longer than 64 characters",
        "lastUpdated is not a date",
        "unknown operation 'DROP TABLE'",
    ]
    for unusable in (b"not json", b'{"eventNotifications": "x"}', b"[" * 100_000):
        assert post(client, unusable, HTTP_INTUIT_SIGNATURE=sign(unusable)).status_code == 200
    assert RejectedInboundEvent.objects.count() == 4 + 3

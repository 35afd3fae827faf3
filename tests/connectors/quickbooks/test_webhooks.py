"""QuickBooks webhooks: ``intuit-signature`` over the raw bytes, the classic and the CloudEvents
payloads (recorded in tests/fixtures/quickbooks/webhooks/, from Intuit's published samples)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from connectors.base import WebhookBatch
from connectors.errors import ValidationFailed
from connectors.quickbooks import QuickBooksProvider
from connectors.quickbooks import webhooks as qbo_webhooks
from connectors.quickbooks.spec import RESOURCES

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "quickbooks" / "webhooks"
CLASSIC = (FIXTURES / "classic.json").read_bytes()
CLOUD = (FIXTURES / "cloudevents.json").read_bytes()
TOKEN = "verifier-token-from-the-intuit-webhooks-page"


def signature(body: bytes, token: str = TOKEN) -> str:
    return base64.b64encode(hmac.new(token.encode(), body, hashlib.sha256).digest()).decode()


@pytest.mark.parametrize("body", [CLASSIC, CLOUD])
def test_valid_signature_over_the_raw_bytes(body):
    assert QuickBooksProvider.verify_webhook(body, {"intuit-signature": signature(body)}, TOKEN)
    assert QuickBooksProvider.verify_webhook(body, {"Intuit-Signature": signature(body)}, TOKEN)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"intuit-signature": ""},
        {"intuit-signature": signature(CLASSIC, "another-token")},
        {"intuit-signature": signature(CLASSIC + b" ")},
        {"intuit-signature": "not base64 ✓"},
        {"x-xero-signature": signature(CLASSIC)},  # the right HMAC under another header
    ],
)
def test_invalid_signatures(headers):
    assert QuickBooksProvider.verify_webhook(CLASSIC, headers, TOKEN) is False


def test_no_verifier_token_refuses_everything():
    assert not QuickBooksProvider.verify_webhook(
        CLASSIC, {"intuit-signature": signature(CLASSIC, "")}, ""
    )


def test_reserialized_body_does_not_verify():
    again = json.dumps(json.loads(CLASSIC)).encode()
    assert not QuickBooksProvider.verify_webhook(
        again, {"intuit-signature": signature(CLASSIC)}, TOKEN
    )


def test_the_verifier_token_setting_and_providers_listing():
    provider = QuickBooksProvider({"webhook_verifier_token": "t0k"})
    assert provider.webhook_key == "t0k"
    assert QuickBooksProvider({"webhook_key": "not-this-one"}).webhook_key == ""
    assert QuickBooksProvider.describe()["webhooks"] is True


def triples(batch: WebhookBatch):
    return [(e.tenant_id, e.model, e.remote_id, e.event_type) for e in batch.events]


def test_classic_payload():
    batch = QuickBooksProvider.parse_webhook(CLASSIC)
    realm = "9341455130166501"
    assert triples(batch) == [
        (realm, "invoice", "146", "CREATE"),
        (realm, "invoice", "Bill:12", "UPDATE"),
        (realm, "contact", "58", "MERGE"),
        (realm, "contact", "27", "DELETE"),  # the merged-away customer
        (realm, "payment", "88", "VOID"),
        (realm, "credit_note", "VendorCredit:7", "DELETE"),
        (realm, None, "Estimate:3", "EMAILED"),  # no unified model: kept as ignored
        ("310687", "bank_transaction", "1234", "CREATE"),  # a Purchase is both
        ("310687", "expense", "1234", "CREATE"),
    ]
    assert batch.rejected == []
    first = batch.events[0]
    assert first.occurred_at == datetime(2025, 9, 8, 20, 52, 31, 657000, tzinfo=UTC)
    assert batch.events[-1].occurred_at == datetime(
        2025, 9, 8, 20, 57, tzinfo=timezone(timedelta(hours=-7))
    )


def test_cloudevents_payload():
    batch = QuickBooksProvider.parse_webhook(CLOUD)
    realm = "9341455130166501"
    assert triples(batch) == [
        ("310687", "account", "1234", "CREATE"),
        (realm, "contact", "123", "MERGE"),
        (realm, "contact", "27", "DELETE"),
        (realm, "payment", "BillPayment:150", "UPDATE"),
        ("4620816365179422850", "invoice", "99", "VOID"),
        (realm, None, "employee:000000011", "CREATE"),
    ]
    assert batch.rejected == []
    # Nanoseconds are cut to microseconds.
    assert batch.events[0].occurred_at == datetime(2025, 9, 10, 21, 31, 25, 179851, tzinfo=UTC)


def test_every_remote_id_is_the_one_the_connector_reads_back():
    """An event's remote id resolves, through the model's spec, to the entity it came from."""
    for entity, targets in qbo_webhooks.ENTITY_MODELS.items():
        for model, prefix in targets:
            source, qbo_id = RESOURCES[model].source_for(f"{prefix}42")
            assert (source.query.entity, qbo_id) == (entity, "42"), (entity, model)


def test_entities_map_to_the_models_the_brief_names():
    models = {e: {m for m, _ in t} for e, t in qbo_webhooks.ENTITY_MODELS.items()}
    assert models["Invoice"] == models["Bill"] == {"invoice"}
    assert models["Customer"] == models["Vendor"] == {"contact"}
    assert models["Payment"] == models["BillPayment"] == {"payment"}
    assert models["CreditMemo"] == models["VendorCredit"] == models["RefundReceipt"]
    assert models["Purchase"] == {"expense", "bank_transaction"}
    assert models["Deposit"] == {"bank_transaction"}
    assert models["Class"] == models["Department"] == {"tracking_category"}
    for entity in ("JournalEntry", "PurchaseOrder", "Transfer", "Account", "Item", "TaxCode"):
        assert entity in models


def test_dedupe_identity_differs_per_model_and_is_stable():
    first = QuickBooksProvider.parse_webhook(CLASSIC)
    again = QuickBooksProvider.parse_webhook(CLASSIC)
    assert [dict(e.raw) for e in first.events] == [dict(e.raw) for e in again.events]
    purchase = [dict(e.raw) for e in first.events if e.tenant_id == "310687"]
    assert purchase[0] != purchase[1]
    cloud = QuickBooksProvider.parse_webhook(CLOUD).events[0]
    assert cloud.raw["id"] == "88cd52aa-33b6-4351-9aa4-47572edbd068"


@pytest.mark.parametrize("body", [b"not json", b'{"no": "events"}', b"42", b'"text"'])
def test_unusable_bodies_are_refused(body):
    with pytest.raises(ValidationFailed):
        QuickBooksProvider.parse_webhook(body)


def test_empty_deliveries_have_no_events():
    assert QuickBooksProvider.parse_webhook(b"[]") == WebhookBatch()
    assert QuickBooksProvider.parse_webhook(b'{"eventNotifications": []}') == WebhookBatch()


def test_each_classic_entity_is_validated_on_its_own():
    good = {
        "name": "Invoice",
        "id": "1",
        "operation": "Update",
        "lastUpdated": "2025-01-01T00:00:00Z",
    }
    body = {
        "eventNotifications": [
            {
                "realmId": "123",
                "dataChangeEvent": {
                    "entities": [
                        good,
                        "junk",
                        {**good, "id": "9" * 65},
                        {**good, "operation": "Explode"},
                        {**good, "lastUpdated": "yesterday"},
                        {**good, "id": "bad\x00id"},
                    ]
                },
            },
            {"dataChangeEvent": {"entities": [good]}},
            {"realmId": "123", "dataChangeEvent": None},
            "junk",
        ]
    }
    batch = QuickBooksProvider.parse_webhook(json.dumps(body).encode())
    assert triples(batch) == [("123", "invoice", "1", "UPDATE")]
    assert [(r.index, r.reason) for r in batch.rejected] == [
        (1, "the entity is not an object"),
        (2, "id is longer than 64 characters"),
        (3, "unknown operation 'Explode'"),
        (4, "lastUpdated is not a date"),
        (5, "id contains control characters"),
        (6, "realmId is missing"),
        (7, "the notification has no dataChangeEvent.entities list"),
        (8, "the entity is not an object"),
    ]


def test_each_cloud_event_is_validated_on_its_own():
    good = json.loads(CLOUD)[0]
    events = [
        good,
        [],
        {**good, "type": "com.example.thing"},
        {**good, "type": "qbo.invoice.exploded.v1"},
        {**good, "intuitaccountid": None},
        {**good, "time": 12},
        {k: v for k, v in good.items() if k != "id"},
    ]
    batch = QuickBooksProvider.parse_webhook(json.dumps(events).encode())
    assert triples(batch) == [("310687", "account", "1234", "CREATE")]
    assert [(r.index, r.reason) for r in batch.rejected] == [
        (1, "the event is not an object"),
        (2, "type 'com.example.thing' is not qbo.<entity>.<verb>.<version>"),
        (3, "unknown verb 'exploded'"),
        (4, "intuitaccountid is missing"),
        (5, "time is not a string"),
        (6, "id is missing"),
    ]


def test_numeric_ids_are_taken_as_text():
    body = [{**json.loads(CLOUD)[0], "intuitentityid": 1234, "intuitaccountid": "310687"}]
    assert triples(QuickBooksProvider.parse_webhook(json.dumps(body).encode()))[0][2] == "1234"

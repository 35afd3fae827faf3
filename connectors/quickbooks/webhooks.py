"""QuickBooks Online webhooks: the ``intuit-signature`` check and both payload formats.

Intuit signs each delivery with ``intuit-signature: base64(HMAC-SHA256(verifier token, raw
body))``, the verifier token being the one the app's webhooks page shows. Two formats arrive:

- the classic one, ``{"eventNotifications": [{"realmId", "dataChangeEvent": {"entities":
  [{"name", "id", "operation", "lastUpdated", "deletedId"?}]}}]}``, several companies and
  entities per delivery;
- CloudEvents (Intuit's format since 2025), a JSON array of events ``{"specversion": "1.0",
  "id", "source", "type": "qbo.invoice.created.v1", "time", "intuitentityid",
  "intuitaccountid", "data"?}``; a merge carries the merged-away id as ``data.deletedid``.

Each entity change becomes one thin event per unified model its entity serves (a Purchase is
both an expense and a bank transaction), its remote id spelt as the connector spells records'
(``Bill:12``, ``VendorCredit:7``: see ids.py), read from the connector spec. Every operation
(Create, Update, Delete, Merge, Void, Emailed) is fetched by id like Xero's: a deleted record
is then not found and is marked deleted. A merge also reports the merged-away record, as a
Delete. Entities no unified model covers (Estimate, Employee, TaxRate…) come with no model:
the gateway keeps them as ignored. A malformed entity is rejected on its own, the others kept.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

from ..base import RejectedWebhookEvent, WebhookBatch, WebhookEvent
from ..errors import ValidationFailed
from ..jsonutil import loads
from ..webhook_checks import BadEvent, excerpt, text_field
from .spec import RESOURCES

__all__ = [
    "ENTITY_MODELS",
    "OPERATIONS",
    "SIGNATURE_HEADER",
    "entity_models",
    "parse",
    "sign",
    "verify",
]

SIGNATURE_HEADER = "intuit-signature"

#: realmIds and entity ids are digits (a few fixed ids, such as a US company's ``TAX`` code,
#: are short words): anything much longer is not Intuit's.
MAX_ID_LENGTH = 64
MAX_NAME_LENGTH = 100
MAX_EVENTS = 10_000

#: The classic ``operation`` → the event type stored (CloudEvents' verbs map to the same).
OPERATIONS = MappingProxyType(
    {
        "create": "CREATE",
        "update": "UPDATE",
        "delete": "DELETE",
        "merge": "MERGE",
        "void": "VOID",
        "emailed": "EMAILED",
    }
)
_CLOUD_VERBS = MappingProxyType(
    {
        "created": "CREATE",
        "updated": "UPDATE",
        "deleted": "DELETE",
        "merged": "MERGE",
        "voided": "VOID",
        "emailed": "EMAILED",
    }
)


def entity_models(resources: Mapping[str, Any] = RESOURCES) -> dict[str, tuple[tuple[str, str]]]:
    """QuickBooks entity → ``((unified model, id prefix), …)``, from the connector spec: every
    queried resource behind a model (companions and reports are not records by id)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for model, spec in resources.items():
        for source in spec.sources:
            if source.query is None:
                continue
            found.setdefault(source.query.entity, []).append((model, source.id_prefix))
    return {entity: tuple(models) for entity, models in found.items()}


#: Entity (Intuit's spelling) → the unified models and id prefixes it serves.
ENTITY_MODELS = MappingProxyType(entity_models())
#: CloudEvents spell the entity in lower case (``qbo.billpayment.created.v1``).
_BY_LOWER = MappingProxyType({name.lower(): name for name in ENTITY_MODELS})


def sign(raw_body: bytes, verifier_token: str) -> str:
    digest = hmac.new(verifier_token.encode("utf-8"), raw_body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def verify(raw_body: bytes, headers: Mapping[str, str], verifier_token: str) -> bool:
    """Constant-time comparison of ``intuit-signature`` with the HMAC of the raw bytes."""
    received = next((v for k, v in headers.items() if k.lower() == SIGNATURE_HEADER), None)
    if not received or not verifier_token:
        return False
    return hmac.compare_digest(
        sign(raw_body, verifier_token).encode("ascii"),
        received.strip().encode("ascii", "replace"),
    )


def parse(raw_body: bytes) -> WebhookBatch:
    payload = _decode(raw_body)
    if isinstance(payload, list):
        items: Iterator[tuple[int, Any, Any]] = ((i, e, None) for i, e in enumerate(payload))
        reader = _cloud_event
    elif isinstance(payload, Mapping) and isinstance(payload.get("eventNotifications"), list):
        items = _classic_entities(payload["eventNotifications"])
        reader = _classic_entity
    else:
        raise ValidationFailed("webhook body is neither eventNotifications nor CloudEvents")
    batch = WebhookBatch()
    for index, raw, realm in items:
        if index >= MAX_EVENTS:
            batch.rejected.append(
                RejectedWebhookEvent(f"more than {MAX_EVENTS} events", excerpt(raw), index)
            )
            break
        try:
            batch.events.extend(reader(raw, realm))
        except BadEvent as exc:
            batch.rejected.append(RejectedWebhookEvent(str(exc), excerpt(raw), index))
    return batch


def _decode(raw_body: bytes) -> Any:
    try:
        return loads(raw_body)
    except RecursionError:
        raise ValidationFailed("webhook body is nested too deeply") from None
    except ValueError:
        pass
    try:  # lenient (lone surrogates): the event checks then reject what is unusable, one by one
        return json.loads(raw_body)
    except (ValueError, RecursionError):
        raise ValidationFailed("webhook body is not JSON") from None


# -- the classic format ------------------------------------------------------------------------
_NO_ENTITIES = object()


def _classic_entities(notifications: list[Any]) -> Iterator[tuple[int, Any, Any]]:
    """``(index, entity, its notification's realmId)``, ``index`` counting entities across the
    whole delivery (a notification without an entities list counts as one, unusable)."""
    index = 0
    for notification in notifications:
        if not isinstance(notification, Mapping):
            yield index, notification, None
            index += 1
            continue
        change = notification.get("dataChangeEvent")
        entities = change.get("entities") if isinstance(change, Mapping) else None
        if not isinstance(entities, list):
            yield index, notification, _NO_ENTITIES
            index += 1
            continue
        for entity in entities:
            yield index, entity, notification.get("realmId")
            index += 1


def _classic_entity(raw: Any, realm_id: Any) -> list[WebhookEvent]:
    if realm_id is _NO_ENTITIES:
        raise BadEvent("the notification has no dataChangeEvent.entities list")
    if not isinstance(raw, dict):
        raise BadEvent("the entity is not an object")
    realm = _realm({"realmId": realm_id}, "realmId")
    name = text_field(raw, "name", max_length=MAX_NAME_LENGTH)
    entity_id = _id(raw, "id")
    operation = text_field(raw, "operation", max_length=MAX_NAME_LENGTH)
    event_type = OPERATIONS.get(operation.lower())
    if event_type is None:
        raise BadEvent(f"unknown operation {operation[:20]!r}")
    occurred = _when(raw, "lastUpdated")
    deleted_id = _id(raw, "deletedId", required=False)
    identity = {
        "realmId": realm,
        "name": name,
        "id": entity_id,
        "operation": event_type,
        "lastUpdated": occurred.isoformat(),
    }
    return _events(realm, name, entity_id, event_type, occurred, identity, deleted_id)


# -- CloudEvents ----------------------------------------------------------------------------
def _cloud_event(raw: Any, _realm_id: None = None) -> list[WebhookEvent]:
    if not isinstance(raw, dict):
        raise BadEvent("the event is not an object")
    cloud_id = text_field(raw, "id", max_length=MAX_NAME_LENGTH * 2)
    kind = text_field(raw, "type", max_length=MAX_NAME_LENGTH)
    parts = kind.split(".")
    if len(parts) != 4 or parts[0] != "qbo":
        raise BadEvent(f"type {kind[:60]!r} is not qbo.<entity>.<verb>.<version>")
    event_type = _CLOUD_VERBS.get(parts[2].lower())
    if event_type is None:
        raise BadEvent(f"unknown verb {parts[2][:20]!r}")
    name = _BY_LOWER.get(parts[1].lower(), parts[1])
    realm = _realm(raw, "intuitaccountid")
    entity_id = _id(raw, "intuitentityid")
    occurred = _when(raw, "time")
    data = raw.get("data")
    deleted_id = _id(data, "deletedid", required=False) if isinstance(data, dict) else None
    identity = {"id": cloud_id, "type": kind, "intuitaccountid": realm, "intuitentityid": entity_id}
    return _events(realm, name, entity_id, event_type, occurred, identity, deleted_id)


# -- shared ------------------------------------------------------------------------------------
def _realm(raw: Mapping[str, Any], name: str) -> str:
    value = raw.get(name)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    realm = text_field({name: value}, name, max_length=MAX_ID_LENGTH)
    assert realm is not None
    return realm


def _id(raw: Mapping[str, Any], name: str, *, required: bool = True) -> str | None:
    value = raw.get(name)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return text_field({name: value}, name, max_length=MAX_ID_LENGTH, required=required)


def _when(raw: Mapping[str, Any], name: str) -> datetime:
    text = text_field(raw, name, max_length=MAX_NAME_LENGTH)
    try:
        return parse_time(text)
    except (ValueError, OverflowError):
        raise BadEvent(f"{name} is not a date") from None


def parse_time(text: str) -> datetime:
    """Intuit's timestamps: ``2025-09-10T21:31:25.179851517Z`` (nanoseconds), ``…Z``,
    ``…-07:00``; one with no offset is UTC."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    head, sep, rest = value.partition(".")
    if sep:  # Python keeps microseconds: cut longer fractions
        digits = len(rest) - len(rest.lstrip("0123456789"))
        value = f"{head}.{rest[: min(digits, 6)]}{rest[digits:]}"
    when = datetime.fromisoformat(value)
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _events(
    realm: str,
    name: str,
    entity_id: str,
    event_type: str,
    occurred: datetime,
    identity: dict[str, str],
    deleted_id: str | None,
) -> list[WebhookEvent]:
    """One event per unified model the entity serves (one with no model when none does); a
    merge adds the merged-away record as deleted."""
    targets = [(entity_id, event_type)]
    if event_type == "MERGE" and deleted_id and deleted_id != entity_id:
        targets.append((deleted_id, "DELETE"))
    models = ENTITY_MODELS.get(name) or ((None, ""),)
    events = []
    for qbo_id, kind in targets:
        for model, prefix in models:
            events.append(
                WebhookEvent(
                    tenant_id=realm,
                    model=model,
                    remote_id=f"{prefix}{qbo_id}" if model else f"{name}:{qbo_id}",
                    event_type=kind,
                    occurred_at=occurred,
                    # What deduplicates: the fields read, the model and the record.
                    raw={**identity, "model": model or "", "target": qbo_id},
                )
            )
    return events

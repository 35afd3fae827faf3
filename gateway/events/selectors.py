"""Reads of events and deliveries, scoped to the calling customer."""

from __future__ import annotations

from rest_framework.exceptions import NotFound, ValidationError

from gateway.accounts.selectors import parse_uuid
from gateway.core.cursor import Cursor
from gateway.customers.models import Customer
from gateway.events.models import DeliveryStatus, WebhookDelivery

MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 100


def page_size(params) -> int:
    raw = params.get("page_size")
    if raw is None:
        return DEFAULT_PAGE_SIZE
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise ValidationError({"page_size": [f"An integer from 1 to {MAX_PAGE_SIZE}."]})
    return size


def non_negative(params, name: str) -> int:
    raw = params.get(name, "0")
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0:
        raise ValidationError({name: ["A non-negative integer."]})
    return value


def check_params(params, allowed: set[str]) -> None:
    unknown = set(params) - allowed
    if unknown:
        raise ValidationError({name: ["Unknown query parameter."] for name in sorted(unknown)})


def delivery_for(customer: Customer, delivery_id: str) -> WebhookDelivery:
    parsed = parse_uuid(delivery_id)
    delivery = (
        WebhookDelivery.objects.select_related("event", "replay_of")
        .filter(id=parsed, customer=customer)
        .first()
        if parsed
        else None
    )
    if delivery is None:
        raise NotFound("No such webhook delivery.")
    return delivery


_DELIVERY_PARAMS = {"cursor", "page_size", "endpoint_id", "event_id", "status"}


def delivery_page(customer: Customer, params) -> tuple[list[WebhookDelivery], str | None]:
    """Newest first; `next` continues with older deliveries."""
    check_params(params, _DELIVERY_PARAMS)
    size = page_size(params)
    qs = WebhookDelivery.objects.filter(customer=customer).select_related("event", "replay_of")
    for name, field in (("endpoint_id", "endpoint_id"), ("event_id", "event_id")):
        if name in params:
            value = parse_uuid(params[name])
            if value is None:
                raise ValidationError({name: ["Must be a UUID."]})
            qs = qs.filter(**{field: value})
    if "status" in params:
        if params["status"] not in DeliveryStatus.values:
            raise ValidationError({"status": ["Unknown status."]})
        qs = qs.filter(status=params["status"])
    if params.get("cursor"):
        qs = qs.filter(seq__lt=Cursor.decode(params["cursor"]).seq)
    rows = list(qs.order_by("-seq")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return rows, Cursor(True, rows[-1].seq).encode() if more and rows else None

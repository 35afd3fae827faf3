"""Customers' webhook endpoints: create, change, delete. The signing secret is shown once."""

from __future__ import annotations

import secrets
from typing import Any

from rest_framework.exceptions import NotFound, ValidationError

from gateway.accounts.selectors import parse_uuid
from gateway.customers.models import Customer
from gateway.events.models import WebhookEndpoint
from gateway.events.services import event_types
from gateway.events.urlsafety import UnsafeUrl, check_url

SECRET_PREFIX = "whsec_"
MAX_ENDPOINTS = 20


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def validate_event_types(values: list[str]) -> list[str]:
    known = event_types()
    prefixes = {t.split(".", 1)[0] for t in known}
    bad = [
        v
        for v in values
        if v != "*" and v not in known and not (v.endswith(".*") and v[:-2] in prefixes)
    ]
    if bad:
        raise ValidationError({"event_types": [f"Unknown event type {bad[0]!r}."]})
    return list(dict.fromkeys(values))


def validate_url(url: str) -> str:
    try:
        check_url(url)
    except UnsafeUrl as exc:
        raise ValidationError({"url": [str(exc)]}) from None
    return url


def endpoint_for(customer: Customer, endpoint_id: str) -> WebhookEndpoint:
    parsed = parse_uuid(endpoint_id)
    endpoint = (
        WebhookEndpoint.objects.filter(pk=parsed, customer=customer).first() if parsed else None
    )
    if endpoint is None:
        raise NotFound("No such webhook endpoint.")
    return endpoint


def create_endpoint(customer: Customer, data: dict[str, Any]) -> tuple[WebhookEndpoint, str]:
    if WebhookEndpoint.objects.filter(customer=customer).count() >= MAX_ENDPOINTS:
        raise ValidationError({"url": [f"At most {MAX_ENDPOINTS} endpoints per customer."]})
    secret = new_secret()
    endpoint = WebhookEndpoint.objects.create(
        customer=customer,
        url=validate_url(data["url"]),
        description=data.get("description", ""),
        event_types=validate_event_types(data.get("event_types", [])),
        enabled=data.get("enabled", True),
        secret=secret,
    )
    return endpoint, secret


def update_endpoint(endpoint: WebhookEndpoint, data: dict[str, Any]) -> tuple[WebhookEndpoint, str]:
    """Change the given fields; `rotate_secret: true` issues a new secret (returned once)."""
    secret = ""
    if "url" in data:
        endpoint.url = validate_url(data["url"])
    if "event_types" in data:
        endpoint.event_types = validate_event_types(data["event_types"])
    for name in ("description", "enabled"):
        if name in data:
            setattr(endpoint, name, data[name])
    if data.get("enabled"):  # enabled again: its failures start over
        endpoint.failing_since, endpoint.disabled_reason = None, ""
    if data.get("rotate_secret"):
        secret = endpoint.secret = new_secret()
    endpoint.save()
    return endpoint, secret


def delete_endpoint(endpoint: WebhookEndpoint) -> None:
    endpoint.delete()

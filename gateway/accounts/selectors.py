"""Reads about linked accounts, always scoped to the calling customer."""

from __future__ import annotations

import uuid

from rest_framework.exceptions import NotFound, ValidationError

from gateway.accounts.models import LinkedAccount
from gateway.customers.models import Customer

HEADER = "X-Linked-Account"


def parse_uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def linked_account_for(customer: Customer, account_id: str | None) -> LinkedAccount:
    """The customer's linked account, or 404 whether it is unknown or someone else's."""
    parsed = parse_uuid(account_id)
    account = LinkedAccount.objects.filter(pk=parsed, customer=customer).first() if parsed else None
    if account is None:
        raise NotFound("No such linked account.")
    return account


def linked_account_from_header(request) -> LinkedAccount:
    value = request.headers.get(HEADER)
    if not value:
        raise ValidationError({HEADER: [f"The {HEADER} header names the linked account."]})
    return linked_account_for(request.user.customer, value)

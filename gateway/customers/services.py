"""Writes about customers and keys."""

from __future__ import annotations

from django.db import transaction

from gateway.customers.keys import generate_key
from gateway.customers.models import ApiKey, Customer


@transaction.atomic
def create_customer(name: str, redirect_urls: list[str] | None = None) -> tuple[Customer, str]:
    """Create a customer with one API key; the plaintext key is returned once, never stored."""
    customer = Customer.objects.create(name=name, redirect_urls=list(redirect_urls or []))
    _, plaintext = issue_api_key(customer, name="default")
    return customer, plaintext


def issue_api_key(customer: Customer, name: str = "") -> tuple[ApiKey, str]:
    new = generate_key()
    key = ApiKey.objects.create(
        customer=customer, name=name, prefix=new.prefix, hashed_key=new.hashed
    )
    return key, new.plaintext

"""Builders for test rows."""

from __future__ import annotations

from gateway.customers.models import Customer
from gateway.customers.services import create_customer


def make_customer(
    name: str = "Acme Analytics", redirect_urls: list[str] | None = None
) -> tuple[Customer, str]:
    return create_customer(name, redirect_urls or ["https://app.example.com/integrations/done"])

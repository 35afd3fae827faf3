"""Dashboard fixtures: a customer with a member of each role, and signed-in browsers (Django's
test client) for them."""

from __future__ import annotations

import pytest
from django.test import Client

from gateway.dashboard import services
from tests.factories import make_customer

PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def team(db):
    customer, key = make_customer("Acme Analytics")
    members = {
        role: services.invite(customer, f"{role}@acme.example", role, password=PASSWORD)[0]
        for role in ("admin", "developer", "viewer")
    }
    return {"customer": customer, "key": key, "members": members}


def signed_in(member) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


@pytest.fixture
def as_role(team):
    """`as_role("viewer")`: a test client signed in as that member of the team."""
    return lambda role: signed_in(team["members"][role])

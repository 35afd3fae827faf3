"""Customer B's admin aims every dashboard URL at customer A's objects: 404, nothing revealed,
nothing changed.

The URLs come from the resolver, so a new dashboard URL is covered without editing this file; a
path parameter this file does not know, or a view that does not go through `dashboard_view`
(and is not one of the sign-in pages), fails until it is added here.
"""

from __future__ import annotations

import pytest
from django.test import Client

from gateway.customers.models import ApiKey
from gateway.dashboard import services
from gateway.dashboard.models import Member
from gateway.events.endpoints import create_endpoint
from gateway.events.models import DeliveryStatus, Event, WebhookDelivery, WebhookEndpoint
from gateway.events.services import emit
from gateway.sync.models import RunTrigger, SyncRun
from tests.factories import make_customer
from tests.gateway.builders import make_linked_account, seed_store
from tests.hardening.routes import url_patterns

pytestmark = pytest.mark.django_db

#: Pages before signing in: they name no customer's object.
PUBLIC = {"sign-in", "sign-out", "set-password"}
#: What each path parameter names, in A's world.
OWNED_BY_A = {
    "account_id": "account",
    "event_id": "event",
    "delivery_id": "delivery",
    "endpoint_id": "endpoint",
    "key_id": "key",
    "member_id": "member",
}
#: Bodies that would be valid for B's own objects, so a 404 cannot hide behind a refusal.
BODIES = {
    "account-resync": {"mode": "incremental"},
    "account-relink": {"redirect_url": "https://app.example.com/integrations/done"},
    "account-disconnect": {"confirm": "Alice's org"},
    "account-settings": {"frequency_minutes": "30"},
    "endpoint-toggle": {"enabled": "false"},
    "user-role": {"role": "viewer"},
    "keys": {"name": "bob's key"},
    "endpoints": {"url": "https://bob-hooks.example.com/in"},
    "users": {"email": "carol@bob.example", "role": "viewer"},
}


def dashboard_routes() -> list[tuple[str, str, object, list[str]]]:
    return [
        (entry.name, route, entry.callback, list(entry.pattern.converters))
        for route, entry in url_patterns("dashboard/")
    ]


@pytest.fixture
def world(fake_provider, settings, monkeypatch):
    from tests.gateway.fakes import FakeProvider

    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    monkeypatch.setattr(FakeProvider, "revoke", lambda self, c: None)
    monkeypatch.setattr(FakeProvider, "disconnect", lambda self, c, i: None)
    alice, _ = make_customer("Alice Co")
    bob, _ = make_customer("Bob Co")
    a_account = make_linked_account(alice, tenant_id="alice-secret-tenant")
    a_account.tenant_name = "Alice's org"
    a_account.save()
    seed_store(a_account, contacts=1, invoices=1, payments=1)
    make_linked_account(bob, tenant_id="bob-tenant")
    a_endpoint, _ = create_endpoint(alice, {"url": "https://alice-hooks.example.com/in"})
    event = emit(a_account, "account.linked", {"linked_account_id": str(a_account.id)})
    a_delivery = WebhookDelivery.objects.filter(event=event).first()
    if a_delivery is None:
        a_delivery = WebhookDelivery.objects.create(
            customer=alice,
            endpoint=a_endpoint,
            event=event,
            status=DeliveryStatus.FAILED,
            created_at=event.created_at,
        )
    WebhookDelivery.objects.filter(pk=a_delivery.pk).update(status=DeliveryStatus.FAILED)
    SyncRun.objects.create(linked_account=a_account, mode="full", trigger=RunTrigger.API)
    a_key = ApiKey.objects.filter(customer=alice).first()
    a_member, _ = services.invite(alice, "alice@alice.example", "admin", password="x" * 12 + "A1!")
    bob_admin, _ = services.invite(bob, "bob@bob.example", "admin", password="y" * 12 + "B2!")
    client = Client()
    client.force_login(bob_admin.user)
    objects = {
        "account": a_account.pk,
        "event": event.pk,
        "delivery": a_delivery.id,
        "endpoint": a_endpoint.pk,
        "key": a_key.pk,
        "member": a_member.pk,
    }
    secrets = [
        *(str(v) for k, v in objects.items() if k != "member"),  # a small integer
        a_account.tenant_id,
        a_account.tenant_name.replace("'", "&#x27;"),
        a_endpoint.url,
        a_key.prefix,
        "alice@alice.example",
        "Alice Co",
    ]
    return {"client": client, "alice": alice, "objects": objects, "secrets": secrets}


def snapshot(alice) -> dict:
    return {
        "accounts": list(alice.linked_accounts.values()),
        "endpoints": list(WebhookEndpoint.objects.filter(customer=alice).values()),
        "deliveries": list(WebhookDelivery.objects.filter(customer=alice).values()),
        "events": Event.objects.filter(customer=alice).count(),
        "runs": list(SyncRun.objects.filter(linked_account__customer=alice).values()),
        "keys": list(ApiKey.objects.filter(customer=alice).values()),
        "members": list(Member.objects.filter(customer=alice).values()),
        "users": [
            (m.user.is_active, m.user.password) for m in Member.objects.filter(customer=alice)
        ],
    }


def assert_reveals_nothing(response, world, label: str) -> None:
    body = response.content.decode()
    for secret in world["secrets"]:
        assert secret not in body, (label, secret)


def test_routes_are_found():
    names = {name for name, *_ in dashboard_routes()}
    assert {"account", "account-resync", "delivery-replay", "key-revoke", "user-remove"} <= names
    assert len(names) >= 20


def test_every_dashboard_url_hides_other_customers_objects(world):
    client = world["client"]
    before = snapshot(world["alice"])
    checked = []
    for name, route, view, params in dashboard_routes():
        if name in PUBLIC:
            assert not hasattr(view, "dashboard_methods"), name
            continue
        methods = getattr(view, "dashboard_methods", None)
        assert methods, f"{route}: not wrapped by dashboard_view (or add it to PUBLIC)"
        path = "/" + route
        for param in params:
            assert param in OWNED_BY_A, f"new path parameter {param!r} on {route}: add it here"
            path = path.replace(f"<str:{param}>", str(world["objects"][OWNED_BY_A[param]]))
        for method in methods:
            label = f"{method} {path}"
            body = BODIES.get(name, {}) if method == "POST" else None
            response = client.post(path, body) if method == "POST" else client.get(path)
            if params:
                assert response.status_code == 404, (label, response.status_code)
            else:
                assert response.status_code in {200, 302}, (label, response.status_code)
            assert_reveals_nothing(response, world, label)
            checked.append(label)
    assert snapshot(world["alice"]) == before
    assert len(checked) >= 25, checked


def test_filters_naming_other_customers_objects_find_nothing(world):
    client = world["client"]
    objects = world["objects"]
    for path, params in [
        ("/dashboard/events", {"account": objects["account"]}),
        ("/dashboard/deliveries", {"endpoint": objects["endpoint"]}),
        ("/dashboard/deliveries", {"event": objects["event"], "status": "failed"}),
        ("/dashboard/accounts", {"q": "alice"}),
    ]:
        response = client.get(path, params)
        assert response.status_code == 200
        assert_reveals_nothing(response, world, f"{path} {params}")


def test_signed_out_every_url_goes_to_sign_in(world):
    anonymous = Client()
    for name, route, view, params in dashboard_routes():
        if name in PUBLIC:
            continue
        path = "/" + route
        for param in params:
            path = path.replace(f"<str:{param}>", str(world["objects"][OWNED_BY_A[param]]))
        for method in view.dashboard_methods:
            response = anonymous.post(path) if method == "POST" else anonymous.get(path)
            assert response.status_code == 302, (method, path)
            assert response["Location"].startswith("/dashboard/sign-in")

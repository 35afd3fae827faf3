"""Customer B aims every /v1 route at customer A's objects: 404, nothing revealed, nothing changed.

The routes come from the URL resolver, so a new /v1 route is covered without editing this file;
a route with a path parameter this file does not know fails until it is added to OWNED_BY_A.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from gateway.accounts.models import LinkedAccount
from gateway.attachments.models import Attachment
from gateway.connect.models import LinkSession
from gateway.events.endpoints import create_endpoint
from gateway.events.models import DeliveryStatus, Event, WebhookDelivery, WebhookEndpoint
from gateway.events.services import emit
from gateway.records.models import Record
from tests.factories import make_customer
from tests.gateway.builders import (
    attachment_on,
    make_linked_account,
    seed_bank_activity,
    seed_credit_notes,
    seed_journals,
    seed_purchase_order,
    seed_reference_data,
    seed_store,
)
from tests.hardening.routes import url_patterns
from unified_models import CATALOGUE

pytestmark = pytest.mark.django_db

_SKIP_METHODS = {"options", "head", "trace"}
#: Bodies that would be valid for the attacker's own objects, so a 404 cannot hide behind a 400.
BODIES = {
    "linked-account-sync": {"mode": "incremental"},
    "relink-token-create": {"redirect_url": "https://app.example.com/integrations/done"},
    "link-token-create": {
        "end_user_id": "bob-user",
        "redirect_url": "https://app.example.com/integrations/done",
    },
    "passthrough": {"method": "GET", "path": "/Organisation"},
    "webhook-endpoint-list": {"url": "https://bob-hooks.example.com/in"},
    "webhook-endpoint-detail": {"description": "taken over", "enabled": False},
    "contact-list": {"name": "Bob's contact"},
    "contact-detail": {"name": "renamed by Bob"},
    "invoice-list": {"type": "ACCOUNTS_RECEIVABLE"},
    "invoice-detail": {"memo": "changed by Bob"},
    "payment-list": {"type": "ACCOUNTS_RECEIVABLE"},
    "credit_note-list": {"type": "ACCOUNTS_RECEIVABLE"},
    "credit_note-detail": {"reference": "changed by Bob"},
    "credit_note-allocations": {"invoice": "bob-invoice", "amount": "1.00"},
    "account-list": {"name": "Bob's account", "type": "REVENUE", "code": "201"},
    "account-detail": {"name": "renamed by Bob"},
    "item-list": {"name": "Bob's item", "code": "BOB"},
    "item-detail": {"name": "renamed by Bob"},
    "purchase_order-list": {"contact_remote_id": "bob-supplier", "number": "PO-BOB"},
    "purchase_order-detail": {"reference": "changed by Bob"},
    "journal_entry-list": {
        "memo": "Bob's journal",
        "lines": [
            {"debit_amount": "1.00", "account_code": "200"},
            {"credit_amount": "1.00", "account_code": "090"},
        ],
    },
    "journal_entry-detail": {"memo": "changed by Bob"},
    "expense-list": {
        "account_remote_id": "acc-200",
        "line_items": [{"description": "Bob's taxi", "unit_price": "9.00"}],
    },
    "bank_transfer-list": {
        "from_account_remote_id": "acc-200",
        "to_account_remote_id": "acc-090",
        "amount": "5.00",
    },
    # A callable: built per call (a file part is read once), aimed at A's invoice.
    "attachment-list": lambda world: {
        "record_id": str(world["a_records"]["invoice"].id),
        "file": SimpleUploadedFile("bob.pdf", b"%PDF-1.4 bob", "application/pdf"),
    },
}


def v1_routes() -> list[tuple[str, str, type, list[str]]]:
    """(name, route, view class, parameter names) of every /v1 URL pattern."""
    found = []
    for route, entry in url_patterns("v1/"):
        view = getattr(entry.callback, "view_class", None) or getattr(entry.callback, "cls", None)
        found.append((entry.name, route, view, list(entry.pattern.converters)))
    return found


def methods_of(view) -> list[str]:
    return [m for m in view.http_method_names if m not in _SKIP_METHODS and hasattr(view, m)]


@pytest.fixture
def world(fake_provider, settings, monkeypatch):
    from tests.gateway.fakes import FakeProvider

    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    monkeypatch.setattr(FakeProvider, "revoke", lambda self, c: None)
    monkeypatch.setattr(FakeProvider, "disconnect", lambda self, c, i: None)
    alice, _ = make_customer("Alice Co")
    bob, bob_key = make_customer("Bob Co")
    a_account = make_linked_account(alice, tenant_id="alice-secret-tenant")
    seed_store(a_account)
    seed_reference_data(a_account)
    seed_purchase_order(a_account)
    seed_journals(a_account)
    seed_credit_notes(a_account)
    seed_bank_activity(a_account)
    b_account = make_linked_account(bob, tenant_id="bob-tenant")
    seed_store(b_account, contacts=1, invoices=1, payments=1)
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
    a_records = {
        model: Record.objects.filter(linked_account=a_account, model=model).first()
        for model in CATALOGUE.names()
    }
    assert all(a_records.values()), "every model needs a record of A's to aim at"
    a_attachment = attachment_on(a_records["invoice"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {bob_key}")
    secrets = [
        str(a_account.id),
        a_account.tenant_id,
        a_account.tenant_name,
        str(a_endpoint.id),
        a_endpoint.url,
        str(a_delivery.id),
        str(event.id),
        *(str(r.id) for r in a_records.values()),
        str(a_attachment.id),
        a_attachment.file_name,
    ]
    return {
        "client": client,
        "alice": alice,
        "a_account": a_account,
        "b_account": b_account,
        "a_records": a_records,
        "ids": {
            "account_id": str(a_account.id),
            "endpoint_id": str(a_endpoint.id),
            "delivery_id": str(a_delivery.id),
            "attachment_id": str(a_attachment.id),
        },
        "secrets": secrets,
    }


def snapshot(world) -> dict:
    alice, account = world["alice"], world["a_account"]
    return {
        "account": list(LinkedAccount.objects.filter(customer=alice).values()),
        "records": sorted(
            Record.objects.filter(linked_account=account).values_list("id", "document")
        ),
        "endpoints": list(WebhookEndpoint.objects.filter(customer=alice).values()),
        "deliveries": WebhookDelivery.objects.filter(customer=alice).count(),
        "events": Event.objects.filter(linked_account=account).count(),
        "link_sessions": LinkSession.objects.filter(customer=alice).count(),
        "attachments": sorted(
            Attachment.objects.filter(linked_account=account).values_list("id", "modified_at")
        ),
        "sync_runs": account.sync_runs.count() if hasattr(account, "sync_runs") else None,
    }


OWNED_BY_A = {"account_id", "endpoint_id", "delivery_id", "record_id", "attachment_id"}


def path_for(name: str, route: str, params: list[str], world) -> str:
    path = "/" + route
    for param in params:
        assert param in OWNED_BY_A, f"new path parameter {param!r} on {route}: add it here"
        if param == "record_id":
            value = str(world["a_records"][name.split("-")[0]].id)
        else:
            value = world["ids"][param]
        path = path.replace(f"<str:{param}>", value).replace(f"<uuid:{param}>", value)
        path = path.replace(f"<{param}>", value)
    return path


def call(client, method: str, path: str, body, account):
    has_file = isinstance(body, dict) and any(hasattr(v, "read") for v in body.values())
    return getattr(client, method)(
        path,
        body,
        format="multipart" if has_file else "json",
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )


def assert_hidden(response, world, label: str) -> None:
    assert response.status_code == 404, (label, response.status_code, response.content[:300])
    assert response.json()["error"]["type"] == "not_found", label
    assert_reveals_nothing(response, world, label)


def assert_reveals_nothing(response, world, label: str) -> None:
    body = response.content.decode()
    for secret in world["secrets"]:
        assert secret not in body, (label, secret)


def test_routes_are_found():
    names = {name for name, *_ in v1_routes()}
    assert {"linked-account-detail", "invoice-detail", "webhook-delivery-replay"} <= names
    assert len(names) >= 20


def test_every_v1_route_hides_other_customers_objects(world):
    client = world["client"]
    before = snapshot(world)
    checked = []
    for name, route, view, params in v1_routes():
        assert view is not None, f"{route}: not a class-based view"
        for method in methods_of(view):
            label = f"{method.upper()} /{route}"
            body = BODIES.get(name, {}) if method in {"post", "patch", "put"} else None
            fresh = body if callable(body) else (lambda _world, body=body: body)
            if params:
                path = path_for(name, route, params, world)
                attack = call(client, method, path, fresh(world), world["a_account"])
                assert_hidden(attack, world, label)
            else:
                path = "/" + route
                attack = call(client, method, path, fresh(world), world["a_account"])
                own = call(client, method, path, fresh(world), world["b_account"])
                if attack.status_code != own.status_code:
                    # The route reads X-Linked-Account: A's account is not found.
                    assert_hidden(attack, world, label)
                else:
                    assert attack.status_code < 500, (label, attack.content[:300])
                    assert_reveals_nothing(attack, world, label)
            checked.append(label)
    assert snapshot(world) == before
    assert len(checked) >= 30, checked


def test_filters_naming_other_customers_objects_find_nothing(world):
    client = world["client"]
    ids = world["ids"]
    b_header = {"HTTP_X_LINKED_ACCOUNT": str(world["b_account"].id)}
    calls = [
        client.get("/v1/webhook-deliveries", {"endpoint_id": ids["endpoint_id"]}),
        client.get("/v1/webhook-deliveries", {"event_id": world["secrets"][6]}),
        client.get("/v1/linked-accounts", {"end_user_id": world["a_account"].end_user_id}),
        client.get(
            "/v1/invoices", {"contact_id": str(world["a_records"]["contact"].id)}, **b_header
        ),
        client.get(
            "/v1/payments", {"contact_id": str(world["a_records"]["contact"].id)}, **b_header
        ),
    ]
    for response in calls:
        assert response.status_code in {200, 400}, response.content
        assert_reveals_nothing(response, world, response.request["PATH_INFO"])
        if response.status_code == 200:
            results = response.json()["results"]
            if "linked-accounts" in response.request["PATH_INFO"]:
                assert [r["id"] for r in results] == [str(world["b_account"].id)]
            else:
                assert results == []


def test_writes_cannot_point_at_other_customers_records(world):
    client = world["client"]
    header = {"HTTP_X_LINKED_ACCOUNT": str(world["b_account"].id)}
    a_invoice = world["a_records"]["invoice"]
    a_contact = world["a_records"]["contact"]
    payment = {
        "type": "ACCOUNTS_RECEIVABLE",
        "contact": str(a_contact.id),
        "total_amount": "1.00",
        "applied_to": [
            {
                "related_object_type": "INVOICE",
                "related_object_id": str(a_invoice.id),
                "applied_amount": "1.00",
            }
        ],
    }
    before = snapshot(world)
    response = client.post("/v1/payments", payment, format="json", **header)
    assert response.status_code == 400, response.content
    assert_reveals_nothing(response, world, "payment")
    assert snapshot(world) == before


# -- reports: another customer's or linked account's reports are never served ----------------
@pytest.fixture
def report_world(settings):
    from tests.gateway.reports import fakes

    settings.LEDGERLINK_PROVIDERS = {
        **settings.LEDGERLINK_PROVIDERS,
        fakes.KEY: fakes.PROVIDER_PATH,
    }
    fakes.ReportBackend.reset()
    alice, alice_key = make_customer("Alice Reports")
    bob, bob_key = make_customer("Bob Reports")
    a_account = make_linked_account(alice, provider=fakes.KEY, tenant_id="alice-secret-tenant")
    seed_store(a_account)
    seed_reference_data(a_account)
    # Bob links the same organisation (a shared bookkeeper): same tenant, same parameters.
    b_account = make_linked_account(bob, provider=fakes.KEY, tenant_id="alice-secret-tenant")
    seed_store(b_account, contacts=1, invoices=1, payments=0)
    yield {
        "fakes": fakes,
        "a": a_account,
        "b": b_account,
        "alice_key": alice_key,
        "bob_key": bob_key,
    }
    fakes.ReportBackend.reset()


def _report_client(key: str, account) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_X_LINKED_ACCOUNT=str(account.id))
    return client


def test_reports_of_another_customers_account_are_never_served(report_world):
    from unified_models import REPORT_PATHS

    fakes, a_account = report_world["fakes"], report_world["a"]
    a_ids = [str(r.id) for r in Record.objects.filter(linked_account=a_account)]
    bob = _report_client(report_world["bob_key"], a_account)  # Bob names Alice's account
    for path in REPORT_PATHS.values():
        response = bob.get(f"/v1/reports/{path}", {"max_age": "0"})
        assert response.status_code == 404, (path, response.content)
        assert response.json()["error"]["type"] == "not_found"
        body = response.content.decode()
        assert str(a_account.id) not in body and a_account.tenant_id not in body
        assert not any(i in body for i in a_ids)
    assert fakes.ReportBackend.requests == []


def test_references_to_another_accounts_records_are_unknown(report_world):
    fakes, a_account, b_account = report_world["fakes"], report_world["a"], report_world["b"]
    bob = _report_client(report_world["bob_key"], b_account)
    a_category = Record.objects.get(linked_account=a_account, model="tracking_category")
    a_contact = Record.objects.filter(linked_account=a_account, model="contact").first()
    for path, name, value in [
        ("profit-and-loss", "tracking_category", a_category.id),
        ("aged-receivables", "contact", a_contact.id),
        ("aged-payables", "contact", a_contact.id),
    ]:
        response = bob.get(f"/v1/reports/{path}", {name: str(value)})
        assert response.status_code == 422, (path, response.content)
        assert str(value) not in response.content.decode()
    assert fakes.ReportBackend.requests == []


def test_one_accounts_cached_report_is_not_anothers(report_world):
    """Same organisation, same parameters: Bob's first request still goes to the provider with
    his own credentials, and his rows name his records, never Alice's."""
    fakes, a_account, b_account = report_world["fakes"], report_world["a"], report_world["b"]
    alice = _report_client(report_world["alice_key"], a_account)
    params = {"as_of": "2026-11-30"}
    assert alice.get("/v1/reports/aged-receivables", params).json()["cached"] is False
    assert alice.get("/v1/reports/aged-receivables", params).json()["cached"] is True
    bob = _report_client(report_world["bob_key"], b_account)
    answer = bob.get("/v1/reports/aged-receivables", params).json()
    assert answer["cached"] is False
    assert answer["linked_account"] == str(b_account.id)
    a_ids = {str(r.id) for r in Record.objects.filter(linked_account=a_account)}
    assert not {r["contact"] for r in answer["rows"]} & a_ids
    assert len(fakes.ReportBackend.requests) == 2

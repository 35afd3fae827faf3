"""Writes through a connector (the in-memory fake), read-after-write, idempotency, errors."""

from __future__ import annotations

import uuid

import pytest

from gateway.records.models import Record

pytestmark = pytest.mark.django_db


def contact_id(client, remote_id="c1"):
    return client.get("/v1/contacts", {"remote_id": remote_id}).json()["results"][0]["id"]


def new_invoice(client, **extra):
    return {
        "type": "ACCOUNTS_RECEIVABLE",
        "contact": contact_id(client),
        "currency": "GBP",
        "line_items": [{"description": "Widgets", "quantity": "3", "unit_price": "9.99"}],
        **extra,
    }


def test_create_invoice_writes_to_provider_then_store(account_client, fake_provider):
    response = account_client.post("/v1/invoices", new_invoice(account_client), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["total_amount"] == "29.97"
    assert body["contact"] == contact_id(account_client)
    assert body["contact_remote_id"] == "c1"
    stored = Record.objects.get(id=body["id"])
    assert stored.remote_id == body["remote_id"]
    assert account_client.get(f"/v1/invoices/{body['id']}").json() == body
    assert ("create", "invoice") in fake_provider.calls


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"type": "ACCOUNTS_RECEIVABLE", "surprise": 1}, "surprise"),
        ({"type": "NOT_A_TYPE"}, "type"),
        (
            {"type": "ACCOUNTS_RECEIVABLE", "line_items": [{"quantity": "many"}]},
            "line_items[0].quantity",
        ),
        ({"type": "ACCOUNTS_RECEIVABLE", "issue_date": "31/12/2026"}, "issue_date"),
        ({"type": "ACCOUNTS_RECEIVABLE"}, "contact_remote_id"),
    ],
)
def test_invalid_bodies_are_400_and_write_nothing(account_client, fake_provider, body, field):
    before = Record.objects.count()
    response = account_client.post("/v1/invoices", body, format="json")
    assert response.status_code == 400, response.content
    err = response.json()["error"]
    assert err["type"] == "validation_error"
    assert field in [d["field"] for d in err["details"]]
    assert Record.objects.count() == before
    assert not [c for c in fake_provider.calls if c[0] == "create"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"type": "ACCOUNTS_RECEIVABLE", "contact": "not-a-real-id"}, "contact"),
        (
            {"type": "ACCOUNTS_RECEIVABLE", "line_items": [{}, {"account": str(uuid.uuid4())}]},
            "line_items[1].account",
        ),
    ],
)
def test_unknown_references_are_422_naming_the_field(account_client, fake_provider, body, field):
    before = Record.objects.count()
    response = account_client.post("/v1/invoices", body, format="json")
    assert response.status_code == 422, response.content
    err = response.json()["error"]
    assert err["type"] == "validation_error"
    assert field in [d["field"] for d in err["details"]]
    assert Record.objects.count() == before
    assert not [c for c in fake_provider.calls if c[0] == "create"]


def test_non_object_bodies_are_400(account_client):
    for body in ([], "text", 3):
        response = account_client.post("/v1/invoices", body, format="json")
        assert response.status_code == 400


def test_provider_validation_is_422_with_unified_paths(account_client):
    body = new_invoice(account_client, line_items=[{"description": "x", "quantity": "-1"}])
    response = account_client.post("/v1/invoices", body, format="json")
    assert response.status_code == 422
    err = response.json()["error"]
    assert err["type"] == "validation_error"
    assert err["details"] == [{"field": "line_items[0].quantity", "message": "Must be > 0"}]


def test_patch_changes_only_given_fields(account_client):
    created = account_client.post("/v1/invoices", new_invoice(account_client), format="json").json()
    patched = account_client.patch(
        f"/v1/invoices/{created['id']}", {"reference": "PO-7"}, format="json"
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["reference"] == "PO-7"
    assert patched.json()["total_amount"] == created["total_amount"]
    empty = account_client.patch(f"/v1/invoices/{created['id']}", {}, format="json")
    assert empty.status_code == 400


def test_delete_voids_and_keeps_the_record(account_client):
    created = account_client.post("/v1/invoices", new_invoice(account_client), format="json").json()
    voided = account_client.delete(f"/v1/invoices/{created['id']}")
    assert voided.status_code == 200 and voided.json()["status"] == "VOID"


def test_methods_a_model_does_not_offer_are_405(account_client):
    cid = contact_id(account_client)
    assert account_client.delete(f"/v1/contacts/{cid}").status_code == 405
    pid = account_client.get("/v1/payments").json()["results"][0]["id"]
    assert account_client.patch(f"/v1/payments/{pid}", {}, format="json").status_code == 405


def test_idempotency_key_replays_and_conflicts(account_client, fake_provider):
    body = new_invoice(account_client)
    first = account_client.post("/v1/invoices", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = account_client.post("/v1/invoices", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert [c for c in fake_provider.calls if c == ("create", "invoice")] == [("create", "invoice")]
    other = dict(body, reference="different")
    conflict = account_client.post("/v1/invoices", other, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert conflict.status_code == 409 and conflict.json()["error"]["type"] == "conflict"
    assert Record.objects.filter(model="invoice").count() == 6


@pytest.mark.parametrize(
    ("bad", "status"),
    [
        ({"type": "ACCOUNTS_RECEIVABLE", "surprise": 1}, 400),
        ({"type": "ACCOUNTS_RECEIVABLE", "contact": "not-a-real-id"}, 422),
        ({"type": "ACCOUNTS_RECEIVABLE", "line_items": [{"quantity": "1e400"}]}, 422),
    ],
)
def test_a_refused_request_does_not_spend_its_idempotency_key(account_client, bad, status):
    """Like Stripe: only a request that reached the provider is remembered; a corrected
    retry with the same key runs."""
    first = account_client.post("/v1/invoices", bad, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert first.status_code == status, first.content
    fixed = new_invoice(account_client)
    retry = account_client.post("/v1/invoices", fixed, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert retry.status_code == 201, retry.content
    again = account_client.post("/v1/invoices", fixed, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert again["Idempotent-Replayed"] == "true" and again.json() == retry.json()


def test_a_provider_refusal_is_remembered_by_its_idempotency_key(account_client, fake_provider):
    body = new_invoice(account_client, line_items=[{"description": "x", "quantity": "-1"}])
    first = account_client.post("/v1/invoices", body, format="json", HTTP_IDEMPOTENCY_KEY="k-3")
    again = account_client.post("/v1/invoices", body, format="json", HTTP_IDEMPOTENCY_KEY="k-3")
    assert first.status_code == again.status_code == 422
    assert again["Idempotent-Replayed"] == "true"
    assert fake_provider.calls.count(("create", "invoice")) == 1


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ({"quantity": "1e400", "unit_price": "1"}, "line_items[0].quantity"),
        ({"quantity": "1", "unit_price": "1E+400"}, "line_items[0].unit_price"),
        ({"quantity": "1.00001", "unit_price": "1"}, "line_items[0].quantity"),
        ({"quantity": "1", "unit_price": "2.123456"}, "line_items[0].unit_price"),
        ({"quantity": "999999999", "unit_price": "999999"}, "line_items[0]"),
        ({"quantity": "1", "unit_price": "-5"}, "line_items"),
    ],
)
def test_values_beyond_what_providers_accept_are_422_and_never_sent(
    account_client, fake_provider, line, field
):
    body = new_invoice(account_client, line_items=[{"description": "x", **line}])
    response = account_client.post("/v1/invoices", body, format="json")
    assert response.status_code == 422, response.content
    err = response.json()["error"]
    assert err["type"] == "validation_error"
    assert [d["field"] for d in err["details"]] == [field]
    assert not fake_provider.calls


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"due_date": 0}, "due_date"),
        ({"due_date": 1767225600}, "due_date"),
        ({"issue_date": "2026-01-01T00:00:00"}, "issue_date"),
        ({"due_date": "2026-01-01T00:00:00Z"}, "due_date"),
        ({"line_items": [{"unit_price": "ten"}]}, "line_items[0].unit_price"),
    ],
)
def test_patch_refuses_what_is_not_a_date_or_a_decimal(account_client, fake_provider, body, field):
    created = account_client.post("/v1/invoices", new_invoice(account_client), format="json").json()
    response = account_client.patch(f"/v1/invoices/{created['id']}", body, format="json")
    assert response.status_code == 400, response.content
    assert [d["field"] for d in response.json()["error"]["details"]] == [field]
    assert ("update", "invoice") not in fake_provider.calls
    assert account_client.get(f"/v1/invoices/{created['id']}").json()["due_date"] is None


def test_create_payment_against_an_invoice(account_client):
    invoice_id = account_client.get("/v1/invoices", {"remote_id": "i4"}).json()["results"][0]["id"]
    body = {
        "transaction_date": "2026-03-20",
        "total_amount": "5.00",
        "applied_to": [{"related_object_id": invoice_id, "applied_amount": "5.00"}],
    }
    response = account_client.post("/v1/payments", body, format="json")
    assert response.status_code == 201, response.content
    applied = response.json()["applied_to"][0]
    assert applied["related_object_id"] == invoice_id
    assert applied["related_object_remote_id"] == "i4"


def test_passthrough_returns_provider_body_exactly_and_filters_headers(account_client):
    response = account_client.post(
        "/v1/passthrough", {"method": "GET", "path": "/Organisation"}, format="json"
    )
    assert response.status_code == 200
    assert response.content.endswith(b'"body":{"Amount": 12.50}}')
    assert response.json()["headers"] == {"content-type": "application/json"}


@pytest.mark.parametrize(
    "body",
    [
        {"method": "GET", "path": "https://evil.example/x"},
        {"method": "GET", "path": "/../../etc"},
        {"method": "TRACE", "path": "/Invoices"},
        {"method": "GET", "path": "/x", "headers": {"Authorization": "Bearer stolen"}},
        {"path": "/x"},
    ],
)
def test_passthrough_bad_input(account_client, body):
    response = account_client.post("/v1/passthrough", body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "validation_error"

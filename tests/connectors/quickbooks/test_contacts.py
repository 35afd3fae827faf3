"""The QuickBooks connector's contact writes against the sandbox: a customer or a vendor by
role, sparse updates with the current SyncToken, delete = archive, refusals before any call,
and QuickBooks' own faults on unified field paths."""

from __future__ import annotations

import pytest

from connectors.errors import ValidationFailed
from connectors.quickbooks.spec import RESOURCES
from unified_models import Contact, ContactInput, ContactStatus


@pytest.fixture
def conn(quickbooks_sandbox):
    from tests.connectors.quickbooks.test_sandbox import link

    return link(quickbooks_sandbox, "us").connector()


def api_calls(sandbox) -> int:
    """Calls to the accounting API so far (not OAuth)."""
    requests = sandbox.control.counters()["requests"]
    return sum(n for kind, n in requests.items() if kind not in ("oauth2", "connect"))


def test_contacts_are_written_and_archived():
    assert RESOURCES["contact"].operations == {"list", "get", "create", "update", "delete"}
    assert all(
        p.operations >= RESOURCES["contact"].operations for p in RESOURCES["contact"].sources
    )


def test_create_update_and_archive_a_customer_and_a_vendor(conn, quickbooks_sandbox):
    customer = conn.create(
        "contact", ContactInput(name="Harbor Gardens", email_address="hal@harbor.example")
    )
    assert isinstance(customer, Contact) and customer.remote_id.isdigit()
    assert (customer.is_customer, customer.is_supplier) == (True, False)
    assert customer.currency == "USD" and customer.status is ContactStatus.ACTIVE
    vendor = conn.create(
        "contact", ContactInput(name="Stone Yard", is_supplier=True, account_number="SY-1")
    )
    assert vendor.remote_id.startswith("Vendor:") and vendor.is_supplier
    assert vendor.account_number == "SY-1"

    renamed = conn.update("contact", vendor.remote_id, ContactInput(name="Stone Yard Ltd"))
    assert renamed.name == "Stone Yard Ltd" and renamed.account_number == "SY-1"
    assert renamed.remote_data["SyncToken"] == "1"

    archived = conn.delete("contact", customer.remote_id)
    assert archived.status is ContactStatus.ARCHIVED and archived.remote_id == customer.remote_id
    assert archived.email_address == "hal@harbor.example"
    stored = quickbooks_sandbox.control.records("us", "Customer")
    assert next(c for c in stored if c["Id"] == customer.remote_id)["Active"] is False
    # Archiving an archived contact writes nothing.
    before = api_calls(quickbooks_sandbox)
    assert conn.delete("contact", customer.remote_id).status is ContactStatus.ARCHIVED
    assert api_calls(quickbooks_sandbox) == before + 1  # the read
    # And it comes back with status ACTIVE.
    back = conn.update("contact", customer.remote_id, ContactInput(status=ContactStatus.ACTIVE))
    assert back.status is ContactStatus.ACTIVE


@pytest.mark.parametrize(
    ("remote_id", "body", "fields"),
    [
        (
            None,
            {"name": "Both", "is_customer": True, "is_supplier": True},
            ["is_customer", "is_supplier"],
        ),
        (None, {"name": "Neither", "is_customer": False}, ["is_customer"]),
        (None, {"email_address": "x@y.example"}, ["name"]),
        (None, {"name": "No Number", "account_number": "A-1"}, ["account_number"]),
        ("1", {"is_supplier": True}, ["is_supplier"]),
        ("Vendor:1", {"is_customer": True}, ["is_customer"]),
        (
            "Vendor:1",
            {"addresses": [{"type": "SHIPPING", "city": "Oakland"}]},
            ["addresses[0].type"],
        ),
    ],
)
def test_refusals_come_before_any_call(conn, quickbooks_sandbox, remote_id, body, fields):
    conn.get("contact", "1")  # the token is fresh: no refresh call below
    before = api_calls(quickbooks_sandbox)
    data = ContactInput.model_validate(body)
    with pytest.raises(ValidationFailed) as refused:
        if remote_id is None:
            conn.create("contact", data)
        else:
            conn.update("contact", remote_id, data)
    assert [d["field"] for d in refused.value.details] == fields
    assert api_calls(quickbooks_sandbox) == before


def test_quickbooks_faults_name_the_unified_fields(conn):
    with pytest.raises(ValidationFailed) as duplicate:
        conn.create("contact", ContactInput(name="pg&e"))  # a vendor's name
    (detail,) = duplicate.value.details
    assert detail["field"] == "name" and "already using this name" in detail["message"]
    with pytest.raises(ValidationFailed) as renamed:
        conn.update("contact", "Vendor:2", ContactInput(name="Amy's Bird Sanctuary"))
    assert [d["field"] for d in renamed.value.details] == ["name"]
    with pytest.raises(ValidationFailed) as currency:
        conn.update("contact", "1", ContactInput(currency="EUR"))  # Amy has invoices
    (detail,) = currency.value.details
    assert detail["field"] == "currency" and "has transactions" in detail["message"]

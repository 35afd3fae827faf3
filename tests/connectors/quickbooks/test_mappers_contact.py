"""Unified contacts out to QuickBooks Customer and Vendor bodies (goldens), the role rules, and
what QuickBooks cannot hold refused with the unified field; then the bodies written to the
sandbox and read back through the read mappers."""

from __future__ import annotations

from typing import Any

import pytest

from connectors.errors import ValidationFailed
from connectors.quickbooks.mappers import customer_from_qbo, vendor_from_qbo
from connectors.quickbooks.mappers_contact import contact_role, contact_to_qbo, role_change
from unified_models import ContactInput, ContactStatus

FULL = {
    "name": "Harbor Gardens",
    "first_name": "Hal",
    "last_name": "Berg",
    "email_address": "hal@harbor.example",
    "tax_number": "GB123456789",
    "currency": "EUR",
    "status": "ACTIVE",
    "addresses": [
        {
            "type": "BILLING",
            "street_1": "1 Quay Street",
            "street_2": "Unit 4\nDock B",
            "city": "Half Moon Bay",
            "region": "CA",
            "postal_code": "94019",
            "country": "US",
        }
    ],
    "phone_numbers": [
        {"type": "DEFAULT", "number": "555-0100", "area_code": "650", "country_code": "1"},
        {"type": "MOBILE", "number": "555-0199"},
        {"type": "FAX", "number": "555-0101"},
        {"type": "DIRECT", "number": "555-0102"},
    ],
}

BILL_ADDR = {
    "Line1": "1 Quay Street",
    "Line2": "Unit 4",
    "Line3": "Dock B",
    "City": "Half Moon Bay",
    "CountrySubDivisionCode": "CA",
    "PostalCode": "94019",
    "Country": "US",
}
PHONES = {
    "PrimaryPhone": {"FreeFormNumber": "+1 650 555-0100"},
    "Mobile": {"FreeFormNumber": "555-0199"},
    "Fax": {"FreeFormNumber": "555-0101"},
    "AlternatePhone": {"FreeFormNumber": "555-0102"},
}


def test_a_customer_body():
    body = contact_to_qbo(ContactInput.model_validate(FULL), vendor=False)
    assert body == {
        "DisplayName": "Harbor Gardens",
        "GivenName": "Hal",
        "FamilyName": "Berg",
        "PrimaryEmailAddr": {"Address": "hal@harbor.example"},
        "PrimaryTaxIdentifier": "GB123456789",
        "CurrencyRef": {"value": "EUR"},
        "Active": True,
        "BillAddr": BILL_ADDR,
        **PHONES,
    }


def test_a_vendor_body():
    data = ContactInput.model_validate(
        {**FULL, "is_supplier": True, "account_number": "HG-7", "status": "ARCHIVED"}
    )
    body = contact_to_qbo(data, vendor=True)
    assert body == {
        "DisplayName": "Harbor Gardens",
        "GivenName": "Hal",
        "FamilyName": "Berg",
        "PrimaryEmailAddr": {"Address": "hal@harbor.example"},
        "TaxIdentifier": "GB123456789",
        "AcctNum": "HG-7",
        "CurrencyRef": {"value": "EUR"},
        "Active": False,
        "BillAddr": BILL_ADDR,
        **PHONES,
    }


def test_an_update_is_sparse_with_only_the_fields_sent():
    data = ContactInput.model_validate(
        {"email_address": None, "addresses": [{"type": "SHIPPING", "city": "Oakland"}]}
    )
    body = contact_to_qbo(data, vendor=False, remote_id="58", sync_token="3")
    assert body == {
        "Id": "58",
        "SyncToken": "3",
        "sparse": True,
        "PrimaryEmailAddr": None,
        "ShipAddr": {"City": "Oakland"},
    }
    with pytest.raises(ValueError, match="SyncToken"):
        contact_to_qbo(data, vendor=False, remote_id="58")


@pytest.mark.parametrize(
    ("body", "vendor"),
    [
        ({}, False),
        ({"is_customer": True}, False),
        ({"is_customer": True, "is_supplier": False}, False),
        ({"is_supplier": False}, False),
        ({"is_supplier": True}, True),
        ({"is_supplier": True, "is_customer": False}, True),
    ],
)
def test_the_role_picks_the_list(body, vendor):
    assert contact_role(ContactInput.model_validate({"name": "X", **body})) is vendor


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"is_customer": True, "is_supplier": True}, ["is_customer", "is_supplier"]),
        ({"is_customer": False}, ["is_customer"]),
        ({"is_customer": False, "is_supplier": False}, ["is_customer"]),
    ],
)
def test_both_roles_or_none_are_refused(body, fields):
    with pytest.raises(ValidationFailed) as refused:
        contact_role(ContactInput.model_validate({"name": "X", **body}))
    assert [d["field"] for d in refused.value.details] == fields


@pytest.mark.parametrize(
    ("body", "vendor", "fields"),
    [
        ({"is_supplier": True}, False, ["is_supplier"]),
        ({"is_customer": False}, False, ["is_customer"]),
        ({"is_customer": True}, True, ["is_customer"]),
        ({"is_supplier": False, "is_customer": True}, True, ["is_customer", "is_supplier"]),
        ({"is_customer": True, "is_supplier": True}, True, ["is_customer", "is_supplier"]),
    ],
)
def test_an_update_cannot_change_the_role(body, vendor, fields):
    with pytest.raises(ValidationFailed) as refused:
        role_change(ContactInput.model_validate(body), vendor=vendor)
    assert [d["field"] for d in refused.value.details] == fields


@pytest.mark.parametrize(
    ("body", "vendor"),
    [
        ({"is_customer": True}, False),
        ({"is_supplier": False}, False),
        ({"is_supplier": True}, True),
        ({"is_customer": False}, True),
        ({"is_customer": False, "is_supplier": True}, True),
        ({"name": "Y"}, True),
    ],
)
def test_an_update_keeping_the_role_is_fine(body, vendor):
    role_change(ContactInput.model_validate(body), vendor=vendor)


@pytest.mark.parametrize(
    ("body", "vendor", "field"),
    [
        ({"account_number": "A-1"}, False, "account_number"),
        ({"addresses": [{"type": "SHIPPING", "city": "Oakland"}]}, True, "addresses[0].type"),
        (
            {"addresses": [{"type": "BILLING", "city": "A"}, {"type": "BILLING", "city": "B"}]},
            False,
            "addresses[1].type",
        ),
        (
            {"addresses": [{"type": "BILLING", "attention_to": "Accounts"}]},
            False,
            "addresses[0].attention_to",
        ),
        (
            {"addresses": [{"type": "BILLING", "street_2": "a\nb\nc\nd\ne"}]},
            False,
            "addresses[0].street_2",
        ),
        (
            {
                "phone_numbers": [
                    {"type": "MOBILE", "number": "1"},
                    {"type": "MOBILE", "number": "2"},
                ]
            },
            True,
            "phone_numbers[1].type",
        ),
    ],
)
def test_what_quickbooks_cannot_hold_is_refused(body, vendor, field):
    with pytest.raises(ValidationFailed) as refused:
        contact_to_qbo(ContactInput.model_validate(body), vendor=vendor)
    assert [d["field"] for d in refused.value.details] == [field]


# -- written to the sandbox, read back ----------------------------------------------------------
@pytest.fixture
def api(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("us")
    return quickbooks_sandbox.api(tokens["access_token"], realm)


def _written(api, entity: str, body: dict[str, Any]) -> dict[str, Any]:
    response = api.http.post(
        f"{api.base}/{entity.lower()}", params={"minorversion": 75}, json=body, timeout=30
    )
    assert response.status_code == 200, response.text
    return response.json()[entity]


@pytest.mark.parametrize("vendor", [False, True])
def test_the_written_record_reads_back_as_sent(api, vendor):
    data = ContactInput.model_validate({**FULL, "account_number": "HG-7"} if vendor else FULL)
    entity = "Vendor" if vendor else "Customer"
    row = _written(api, entity, contact_to_qbo(data, vendor=vendor))
    record = (vendor_from_qbo if vendor else customer_from_qbo)(row)
    assert (record.is_customer, record.is_supplier) == (not vendor, vendor)
    assert record.status is ContactStatus.ACTIVE
    sent = data.model_dump(exclude={"phone_numbers", "status"}, exclude_unset=True)
    got = record.model_dump(include=set(sent))
    got["addresses"] = [{k: v for k, v in a.items() if v is not None} for a in got["addresses"]]
    assert got == sent
    assert {(p.type.value, p.number) for p in record.phone_numbers} == {
        ("DEFAULT", "+1 650 555-0100"),
        ("MOBILE", "555-0199"),
        ("FAX", "555-0101"),
        ("DIRECT", "555-0102"),
    }
    # A sparse update changes what it sends, and only that.
    update = ContactInput.model_validate({"last_name": "Bergman", "status": "ARCHIVED"})
    body = contact_to_qbo(update, vendor=vendor, remote_id=row["Id"], sync_token=row["SyncToken"])
    again = (vendor_from_qbo if vendor else customer_from_qbo)(_written(api, entity, body))
    assert again.last_name == "Bergman" and again.status is ContactStatus.ARCHIVED
    assert again.model_dump(
        exclude={"last_name", "status", "remote_updated_at", "remote_data"}
    ) == (record.model_dump(exclude={"last_name", "status", "remote_updated_at", "remote_data"}))

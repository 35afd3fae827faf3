"""Every response the sandbox serves matches Xero's OpenAPI schemas (strictly)."""

from __future__ import annotations

import pytest

from .schemas import validate

LISTS = [
    ("Invoices", "Invoices", {}),
    ("Invoices", "Invoices", {"page": 1}),
    ("Invoices", "Invoices", {"summaryOnly": "true"}),
    ("Contacts", "Contacts", {"includeArchived": "true"}),
    ("Contacts", "Contacts", {"page": 1, "summaryOnly": "true"}),
    ("Payments", "Payments", {}),
    ("Payments", "Payments", {"page": 1}),
    ("CreditNotes", "CreditNotes", {"page": 1}),
    ("Accounts", "Accounts", {}),
    ("Items", "Items", {}),
    ("TaxRates", "TaxRates", {}),
    ("TrackingCategories", "TrackingCategories", {}),
    ("TrackingCategories", "TrackingCategories", {"includeArchived": "true"}),
    ("Currencies", "Currencies", {}),
    ("Organisation", "Organisations", {}),
    ("Organisations", "Organisations", {}),
]


@pytest.mark.parametrize(("path", "schema", "params"), LISTS)
def test_list_responses_match_schema(connected, path, schema, params):
    for tenant in ("uk", "us", "au"):
        response = connected.api(tenant).get(path, params=params)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body[schema], f"{path} is empty for {tenant}"
        validate(body, schema)


@pytest.mark.parametrize(
    ("path", "schema", "id_field"),
    [
        ("Invoices", "Invoices", "InvoiceID"),
        ("Contacts", "Contacts", "ContactID"),
        ("Payments", "Payments", "PaymentID"),
        ("CreditNotes", "CreditNotes", "CreditNoteID"),
        ("Accounts", "Accounts", "AccountID"),
        ("Items", "Items", "ItemID"),
        ("TaxRates", "TaxRates", "TaxType"),
        ("TrackingCategories", "TrackingCategories", "TrackingCategoryID"),
    ],
)
def test_get_by_id_matches_schema(connected, path, schema, id_field):
    for record in connected.uk.get(path).json()[schema][:5]:
        response = connected.uk.get(f"{path}/{record[id_field]}")
        assert response.status_code == 200, response.text
        validate(response.json(), schema)


def test_create_responses_match_schema(connected):
    contact = connected.uk.put(
        "Contacts", json={"Contacts": [{"Name": "Schema Co", "EmailAddress": "s@schema.example"}]}
    )
    assert contact.status_code == 200, contact.text
    validate(contact.json(), "Contacts")
    contact_id = contact.json()["Contacts"][0]["ContactID"]
    invoice = connected.uk.put(
        "Invoices",
        json={
            "Invoices": [
                {
                    "Type": "ACCREC",
                    "Status": "AUTHORISED",
                    "Contact": {"ContactID": contact_id},
                    "Date": "2024-05-01",
                    "DueDate": "2024-05-31",
                    "LineItems": [
                        {
                            "Description": "Work",
                            "Quantity": 2,
                            "UnitAmount": 50,
                            "AccountCode": "200",
                        }
                    ],
                }
            ]
        },
    )
    assert invoice.status_code == 200, invoice.text
    validate(invoice.json(), "Invoices")
    invoice_id = invoice.json()["Invoices"][0]["InvoiceID"]
    payment = connected.uk.put(
        "Payments",
        json={
            "Invoice": {"InvoiceID": invoice_id},
            "Account": {"Code": "090"},
            "Amount": 10,
            "Date": "2024-05-10",
        },
    )
    assert payment.status_code == 200, payment.text
    validate(payment.json(), "Payments")
    credit = connected.uk.put(
        "CreditNotes",
        json={
            "CreditNotes": [
                {
                    "Type": "ACCRECCREDIT",
                    "Status": "AUTHORISED",
                    "Contact": {"ContactID": contact_id},
                    "LineItems": [
                        {
                            "Description": "Refund",
                            "Quantity": 1,
                            "UnitAmount": 5,
                            "AccountCode": "200",
                        }
                    ],
                }
            ]
        },
    )
    assert credit.status_code == 200, credit.text
    validate(credit.json(), "CreditNotes")
    allocation = connected.uk.put(
        f"CreditNotes/{credit.json()['CreditNotes'][0]['CreditNoteID']}/Allocations",
        json={
            "Allocations": [
                {"Invoice": {"InvoiceID": invoice_id}, "Amount": 6, "Date": "2024-05-11"}
            ]
        },
    )
    assert allocation.status_code == 200, allocation.text
    validate(allocation.json(), "Allocations")
    item = connected.uk.put(
        "Items",
        json={
            "Items": [
                {"Code": "SCHEMA-1", "Name": "Schema widget", "SalesDetails": {"UnitPrice": 3}}
            ]
        },
    )
    assert item.status_code == 200, item.text
    validate(item.json(), "Items")
    account = connected.uk.put(
        "Accounts", json={"Code": "455", "Name": "Schema costs", "Type": "OVERHEADS"}
    )
    assert account.status_code == 200, account.text
    validate(account.json(), "Accounts")


def test_error_responses_match_schema(connected):
    invalid = connected.uk.put("Invoices", json={"Invoices": [{"Type": "ACCREC", "LineItems": []}]})
    assert invalid.status_code == 400
    # Elements echo the submitted invoice (as Xero does), which the Element schema omits.
    validate(invalid.json(), "Error", strict=False)
    bad_where = connected.uk.get("Invoices", params={"where": 'Nope=="x"'})
    assert bad_where.status_code == 400
    validate(bad_where.json(), "Error")


def test_connections_match_identity_schema(connected):
    connections = connected.sandbox.connections(connected.tokens["access_token"])
    assert len(connections) == 3
    for connection in connections:
        validate(connection, "Connection", spec_name="xero-identity.yaml")
    validate(connected.tokens, "AccessToken", spec_name="xero-identity.yaml", strict=False)

"""Example records and write bodies, shown in the OpenAPI and the README (one per model)."""

from __future__ import annotations

from typing import Any

CONTACT = {
    "id": "3f9a1d0e-6a43-5d0c-9f0e-1c2b3a4d5e6f",
    "remote_id": "bd2270c3-8706-4c11-9cfb-000b551c3f51",
    "name": "Bayside Club",
    "is_customer": True,
    "is_supplier": False,
    "email_address": "secretarybob@bayside.example",
    "status": "ACTIVE",
    "currency": "GBP",
    "created_at": "2026-11-24T09:30:00Z",
    "modified_at": "2026-11-24T09:30:00Z",
}

INVOICE = {
    "id": "6c7a1e52-2f4b-5a0e-8b61-5f8e3b2d7c11",
    "remote_id": "243216c5-369e-4056-ac67-05388f86dc81",
    "type": "ACCOUNTS_RECEIVABLE",
    "number": "INV-0042",
    "contact": CONTACT["id"],
    "contact_remote_id": CONTACT["remote_id"],
    "issue_date": "2026-11-01",
    "due_date": "2026-11-30",
    "currency": "GBP",
    "exchange_rate": "1",
    "tax_treatment": "EXCLUSIVE",
    "sub_total": "300.00",
    "total_tax_amount": "60.00",
    "total_amount": "360.00",
    "amount_paid": "100.00",
    "balance": "260.00",
    "status": "PARTIALLY_PAID",
    "status_raw": "AUTHORISED",
    "line_items": [
        {
            "remote_id": "52208ff9-528a-4985-a9ad-b2b1d4210e38",
            "description": "Consulting",
            "quantity": "2",
            "unit_price": "150.00",
            "tax_amount": "60.00",
            "total_amount": "300.00",
            "account_code": "200",
            "tax_rate_remote_id": "OUTPUT2",
        }
    ],
    "remote_updated_at": "2026-11-05T10:12:00Z",
    "remote_was_deleted": False,
    "created_at": "2026-11-24T09:30:00Z",
    "modified_at": "2026-11-24T09:31:00Z",
}

PAYMENT = {
    "id": "0b1d7c93-3c9a-5d6e-a1f2-9e8d7c6b5a40",
    "remote_id": "b26fd49a-cbae-470a-a8f8-bcbc119e0379",
    "type": "ACCOUNTS_RECEIVABLE",
    "transaction_date": "2026-11-05",
    "contact": CONTACT["id"],
    "currency": "GBP",
    "total_amount": "100.00",
    "status": "POSTED",
    "applied_to": [
        {
            "related_object_type": "INVOICE",
            "related_object_id": INVOICE["id"],
            "related_object_remote_id": INVOICE["remote_id"],
            "applied_amount": "100.00",
        }
    ],
    "created_at": "2026-11-24T09:30:00Z",
    "modified_at": "2026-11-24T09:30:00Z",
}

INPUTS: dict[str, dict[str, Any]] = {
    "contact": {"name": "Bayside Club", "email_address": "secretarybob@bayside.example"},
    "invoice": {
        "type": "ACCOUNTS_RECEIVABLE",
        "contact": CONTACT["id"],
        "issue_date": "2026-11-01",
        "due_date": "2026-11-30",
        "currency": "GBP",
        "tax_treatment": "EXCLUSIVE",
        "status": "OPEN",
        "line_items": [
            {
                "description": "Consulting",
                "quantity": "2",
                "unit_price": "150.00",
                "account_code": "200",
            }
        ],
    },
    "payment": {
        "transaction_date": "2026-11-05",
        "account_code": "090",
        "total_amount": "100.00",
        "applied_to": [{"related_object_id": INVOICE["id"], "applied_amount": "100.00"}],
    },
}


COMPANY_INFO = {
    "id": "5d1c7e0a-8b2f-5c3d-9e4f-0a1b2c3d4e5f",
    "remote_id": "b2c885a9-4bb9-4a00-9b6e-6c2bf60b1a65",
    "legal_name": "Demo Company (UK) Ltd",
    "name": "Demo Company (UK)",
    "currency": "GBP",
    "country": "GB",
    "tax_number": "GB 123456789",
    "fiscal_year_end_month": 3,
    "fiscal_year_end_day": 31,
    "timezone": "GMTSTANDARDTIME",
    "addresses": [
        {
            "type": "BILLING",
            "street_1": "23 Main Street",
            "city": "Oxford",
            "postal_code": "OX1 1AA",
            "country": "GB",
        }
    ],
    "phone_numbers": [{"number": "01865 555 0100", "type": "DEFAULT"}],
    "email_address": "accounts@demo-company.example",
    "organisation_type": "COMPANY",
    "status_raw": "ACTIVE",
    "remote_updated_at": "2026-11-01T08:00:00Z",
    "remote_was_deleted": False,
    "created_at": "2026-11-24T09:30:00Z",
    "modified_at": "2026-11-24T09:30:00Z",
}

TAX_RATE = {
    "id": "8e2b4c6d-1a3f-5e7b-9c0d-2f4a6b8c0e1d",
    "remote_id": "OUTPUT2",
    "name": "20% (VAT on Income)",
    "code": "OUTPUT2",
    "effective_tax_rate": "20",
    "total_tax_rate": "20",
    "components": [
        {"name": "VAT", "rate": "20", "is_compound": False, "is_non_recoverable": False}
    ],
    "status": "ACTIVE",
    "status_raw": "ACTIVE",
    "applies_to": ["SALES"],
    "remote_was_deleted": False,
    "created_at": "2026-11-24T09:30:00Z",
    "modified_at": "2026-11-24T09:30:00Z",
}

ACCOUNT = {
    "id": "1f3e5d7c-9b2a-5c4e-8d6f-0a2c4e6b8d1f",
    "remote_id": "7d05a53d-613d-4eb2-a2fc-dcb6adb80b80",
    "name": "Sales",
    "code": "200",
    "description": "Income from any normal business activity",
    "classification": "REVENUE",
    "type": "REVENUE",
    "type_raw": "REVENUE",
    "status": "ACTIVE",
    "status_raw": "ACTIVE",
    "currency": "GBP",
    "tax_rate": TAX_RATE["id"],
    "tax_rate_remote_id": TAX_RATE["remote_id"],
    "remote_updated_at": "2026-10-02T11:00:00Z",
    "remote_was_deleted": False,
    "created_at": "2026-11-24T09:30:00Z",
    "modified_at": "2026-11-24T09:30:00Z",
}

TRACKING_CATEGORY = {
    "id": "4a6c8e0b-2d4f-5a6c-8e0b-2d4f6a8c0e2b",
    "remote_id": "351953c4-8127-4009-88c3-f9cd8c9cbe9f",
    "name": "Region",
    "status": "ACTIVE",
    "status_raw": "ACTIVE",
    "options": [
        {
            "remote_id": "ce205173-7387-4651-9726-2cf4c5405ba2",
            "name": "North",
            "status": "ACTIVE",
            "status_raw": "ACTIVE",
        },
        {
            "remote_id": "6ab76c93-3f47-4f61-8e9d-1d2a4b6c8e0f",
            "name": "South",
            "status": "ACTIVE",
            "status_raw": "ACTIVE",
        },
    ],
    "remote_was_deleted": False,
    "created_at": "2026-11-24T09:30:00Z",
    "modified_at": "2026-11-24T09:30:00Z",
}

ITEM = {
    "id": "9c1e3a5b-7d9f-5b1d-a3c5-e7f9b1d3f5a7",
    "remote_id": "19b79d12-0ae1-496e-9649-cbd04b15c7c5",
    "code": "CONSULT",
    "name": "Consulting (hour)",
    "description": "One hour of consulting",
    "type": "SERVICE",
    "status": "ACTIVE",
    "is_sold": True,
    "is_purchased": False,
    "is_tracked_as_inventory": False,
    "sale_unit_price": "150.00",
    "sale_account": ACCOUNT["id"],
    "sale_account_remote_id": ACCOUNT["remote_id"],
    "sale_account_code": "200",
    "sale_tax_rate": TAX_RATE["id"],
    "sale_tax_rate_remote_id": TAX_RATE["remote_id"],
    "remote_updated_at": "2026-10-02T11:05:00Z",
    "remote_was_deleted": False,
    "created_at": "2026-11-24T09:30:00Z",
    "modified_at": "2026-11-24T09:30:00Z",
}

INPUTS["account"] = {
    "name": "Consulting income",
    "code": "210",
    "type": "REVENUE",
    "tax_rate": TAX_RATE["id"],
}
INPUTS["item"] = {
    "code": "CONSULT",
    "name": "Consulting (hour)",
    "sale_unit_price": "150.00",
    "sale_account": ACCOUNT["id"],
    "sale_tax_rate": TAX_RATE["id"],
}

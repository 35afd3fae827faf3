"""OpenAPI examples for the record endpoints."""

from drf_spectacular.utils import OpenApiExample

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

RECORDS = {"contact": CONTACT, "invoice": INVOICE, "payment": PAYMENT}

INPUTS = {
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


def record_example(model: str) -> OpenApiExample:
    return OpenApiExample(f"A stored {model}", value=RECORDS[model], response_only=True)


def list_example(model: str) -> OpenApiExample:
    return OpenApiExample(
        f"A page of {model}s",
        value={
            "next": "bjoxMjM0",
            "previous": None,
            "last_sync_at": "2026-11-24T09:30:00Z",
            "results": [RECORDS[model]],
        },
        response_only=True,
    )


def input_example(model: str) -> OpenApiExample:
    return OpenApiExample(f"A new {model}", value=INPUTS[model], request_only=True)

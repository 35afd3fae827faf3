"""`/v1/invoices/summary` and `/v1/contacts/outstanding`: thin HTTP over
`gateway.records.aggregates`, scoped to the linked account like every record endpoint."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiTypes, extend_schema
from pydantic import BaseModel, Field
from rest_framework.request import Request

from gateway.core import jsonutil
from gateway.core.openapi import error_responses
from gateway.records import aggregates
from gateway.records.schemas import LINKED_ACCOUNT_HEADER, filter_parameters
from gateway.records.views import NOT_OFFERED, RecordView

TAGS = ["invoices"]


class SummaryGroup(BaseModel):
    """One group's invoices in one currency."""

    group: str | None = Field(
        description="The group: a status, a currency code, a contact's Ledgerlink id or a month "
        "(`YYYY-MM` of the issue date), as `group_by` says; null for invoices without one."
    )
    currency: str | None = Field(description="ISO 4217 code; sums never mix currencies.")
    count: int = Field(description="How many invoices.")
    total_amount: str | None = Field(description="Sum of `total_amount` (a decimal string).")
    balance: str | None = Field(description="Sum of `balance`, what is still owed.")


class InvoiceSummary(BaseModel):
    """Invoice counts and sums per group and currency."""

    group_by: str = Field(description="status, currency, contact or month.")
    last_sync_at: dt.datetime | None = Field(
        description="Freshness: the linked account's last successful sync."
    )
    truncated: bool = Field(description=f"More than {aggregates.MAX_GROUPS} groups: the first.")
    results: list[SummaryGroup] = Field(description="One entry per group and currency.")


class ContactOutstanding(BaseModel):
    """What one contact owes (receivables) or is owed (payables) in one currency."""

    contact_id: str = Field(description="The contact's Ledgerlink id.")
    contact_name: str | None = Field(description="The contact's name.")
    type: str = Field(description="ACCOUNTS_RECEIVABLE or ACCOUNTS_PAYABLE.")
    currency: str | None = Field(description="ISO 4217 code.")
    invoice_count: int = Field(description="Invoices with a balance.")
    balance: str = Field(description="Their balances summed (a decimal string).")
    overdue_count: int = Field(description="Of those, due before `as_of`.")
    overdue_balance: str = Field(description="Their balances summed.")
    oldest_due_date: dt.date | None = Field(description="The earliest due date among them.")


class OutstandingByContact(BaseModel):
    """Outstanding invoices per contact, the largest balance first."""

    as_of: dt.date = Field(description="Today in the linked account's time zone.")
    last_sync_at: dt.datetime | None = Field(
        description="Freshness: the linked account's last successful sync."
    )
    truncated: bool = Field(description="More contacts than `limit`: the largest first.")
    results: list[ContactOutstanding] = Field(description="One entry per contact and currency.")


_ACCOUNT = "0c6a4f0e-5b1d-4e8a-9f3c-2d7e1a6b8c40"
_SYNCED = "2026-11-30T09:15:02Z"
SUMMARY_EXAMPLE = OpenApiExample(
    "By status",
    value={
        "group_by": "status",
        "last_sync_at": _SYNCED,
        "truncated": False,
        "results": [
            {
                "group": "OPEN",
                "currency": "GBP",
                "count": 12,
                "total_amount": "18450.00",
                "balance": "18450.00",
            },
            {
                "group": "OPEN",
                "currency": "USD",
                "count": 2,
                "total_amount": "3200.00",
                "balance": "3200.00",
            },
            {
                "group": "PARTIALLY_PAID",
                "currency": "GBP",
                "count": 3,
                "total_amount": "5100.00",
                "balance": "1875.50",
            },
        ],
    },
    response_only=True,
)
OUTSTANDING_EXAMPLE = OpenApiExample(
    "Overdue receivables",
    value={
        "as_of": "2026-11-30",
        "last_sync_at": _SYNCED,
        "truncated": False,
        "results": [
            {
                "contact_id": "3f9a1d0e-6a43-5d0c-9f0e-1c2b3a4d5e6f",
                "contact_name": "Bayside Club",
                "type": "ACCOUNTS_RECEIVABLE",
                "currency": "GBP",
                "invoice_count": 3,
                "balance": "4120.00",
                "overdue_count": 3,
                "overdue_balance": "4120.00",
                "oldest_due_date": "2026-09-14",
            }
        ],
    },
    response_only=True,
)


class InvoiceSummaryView(RecordView):
    model = "invoice"
    operations = {"get": "list"}

    @extend_schema(
        summary="Summarise invoices",
        operation_id="invoices_summary_retrieve",
        description="Count, sum of `total_amount` and sum of `balance` of the invoices the "
        "filters select (the same filters as `GET /v1/invoices`), per group and currency: "
        "amounts in different currencies are never added together. Computed in the database "
        "from the stored invoices (no provider call). 400 for an unknown `group_by`, filter "
        "or value.",
        parameters=[
            LINKED_ACCOUNT_HEADER,
            OpenApiParameter(
                "group_by",
                OpenApiTypes.STR,
                enum=list(aggregates.GROUPINGS),
                description="status, currency (default), contact or month (of the issue date).",
            ),
            *filter_parameters("invoice"),
        ],
        responses={200: InvoiceSummary, **error_responses(NOT_OFFERED)},
        examples=[SUMMARY_EXAMPLE],
        tags=TAGS,
    )
    def get(self, request: Request) -> HttpResponse:
        account = self.linked_account(request)
        body = aggregates.invoice_summary(account, request.query_params)
        return HttpResponse(jsonutil.dumps(body), content_type="application/json")


class OutstandingView(RecordView):
    model = "invoice"
    operations = {"get": "list"}

    @extend_schema(
        summary="Outstanding balances per contact",
        operation_id="contacts_outstanding_retrieve",
        description="Receivables (`type=ACCOUNTS_RECEIVABLE`: what customers owe) and payables "
        "(`type=ACCOUNTS_PAYABLE`: what is owed to suppliers) per contact and currency: the "
        "approved invoices with a balance, their balance total, how much of it is overdue "
        "(due before today in the linked account's time zone), how many, and the oldest due "
        "date; the largest balance first. Takes the filters of `GET /v1/invoices` "
        "(`overdue=true`: only overdue invoices). Computed in the database (no provider call).",
        parameters=[
            LINKED_ACCOUNT_HEADER,
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": aggregates.MAX_GROUPS},
                description=f"At most this many rows (default {aggregates.DEFAULT_LIMIT}).",
            ),
            *filter_parameters("invoice"),
        ],
        responses={200: OutstandingByContact, **error_responses(NOT_OFFERED)},
        examples=[OUTSTANDING_EXAMPLE],
        tags=["contacts"],
    )
    def get(self, request: Request) -> HttpResponse:
        account = self.linked_account(request)
        body = aggregates.outstanding_by_contact(account, request.query_params)
        return HttpResponse(jsonutil.dumps(body), content_type="application/json")


def aggregate_urls() -> list[tuple[str, str, type]]:
    """(route, url name, view); routed before `/v1/<plural>/<id>`."""
    return [
        ("v1/invoices/summary", "invoice-summary", InvoiceSummaryView),
        ("v1/contacts/outstanding", "contact-outstanding", OutstandingView),
    ]

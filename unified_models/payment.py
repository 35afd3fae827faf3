"""Payment (money received or paid) and what it is applied to."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field, model_validator

from .bounds import InputAmount, InputDate, InputRate
from .catalogue import (
    CatalogueEntry,
    Filter,
    Reference,
    amount_range,
    contacts_filter,
    currencies_filter,
    date_range,
)
from .common import UnifiedInput, UnifiedModel, UnifiedRecord
from .enums import PaymentStatus, PaymentType, RelatedObjectType
from .examples import INPUTS as _INPUTS
from .examples import PAYMENT as _EXAMPLE
from .types import Money, Rate

__all__ = ["Payment", "PaymentApplication", "PaymentApplicationInput", "PaymentInput"]


class PaymentApplication(UnifiedModel):
    related_object_type: RelatedObjectType
    related_object_id: str | None = None  # gateway id, filled by the gateway
    related_object_remote_id: str
    applied_amount: Money


class Payment(UnifiedRecord):
    type: PaymentType | None = None
    transaction_date: date | None = None
    contact: str | None = None  # gateway id, filled by the gateway
    contact_remote_id: str | None = None
    account: str | None = None  # gateway id, filled by the gateway
    account_remote_id: str | None = None
    account_code: str | None = None
    currency: str | None = None
    exchange_rate: Rate | None = None
    total_amount: Money | None = None
    reference: str | None = None
    status: PaymentStatus | None = None
    status_raw: str | None = None
    applied_to: list[PaymentApplication] = Field(default_factory=list)


class PaymentApplicationInput(UnifiedInput):
    related_object_type: RelatedObjectType = RelatedObjectType.INVOICE
    related_object_id: str | None = None  # gateway id; the gateway fills related_object_remote_id
    related_object_remote_id: str | None = None
    applied_amount: InputAmount = None

    @model_validator(mode="after")
    def _names_a_document(self) -> PaymentApplicationInput:
        if not (self.related_object_id or self.related_object_remote_id):
            raise ValueError("Name the document paid: related_object_id")
        return self


class PaymentInput(UnifiedInput):
    """POST body for payments (Xero payments cannot be edited, only created or voided).
    Xero applies a payment to exactly one document: ``applied_to`` must hold one entry."""

    CREATE_REQUIRED: ClassVar[tuple[str, ...]] = ("transaction_date", "applied_to")

    transaction_date: InputDate = None
    account: str | None = None
    account_remote_id: str | None = None
    account_code: str | None = None
    exchange_rate: InputRate = None
    total_amount: InputAmount = None
    reference: str | None = None
    applied_to: list[PaymentApplicationInput] | None = None


#: The record a payment application points at, by its ``related_object_type``.
RELATED_MODELS = {"INVOICE": "invoice", "CREDIT_NOTE": "credit_note"}

PAYMENT = CatalogueEntry(
    name="payment",
    plural="payments",
    record=Payment,
    input=PaymentInput,
    operations=frozenset({"list", "get", "create", "update", "delete"}),
    references=(
        Reference("contact", "contact"),
        Reference("account", "account"),
        Reference(
            "applied_to.related_object_id",
            "invoice",
            remote="related_object_remote_id",
            by="related_object_type",
            targets=RELATED_MODELS,
        ),
    ),
    filters=(
        Filter("type", "type", "choice", "in", choices=PaymentType),
        Filter("status", "status", "choice", "in", choices=PaymentStatus),
        contacts_filter(),
        currencies_filter(),
        *date_range("transaction_date", "issue_date"),
        *amount_range("total_amount"),
        Filter("q", "search", "search", help="Case-insensitive text in the reference."),
    ),
    columns={"issue_date": "transaction_date"},
    search=("reference",),
    ordering=("issue_date", "total_amount"),
    example=_EXAMPLE,
    input_example=_INPUTS["payment"],
    description="Money received from customers and paid to suppliers, and what it settles.",
)

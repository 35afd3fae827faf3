"""Query filters for the record endpoints (django-filter), one FilterSet per unified model."""

from __future__ import annotations

import django_filters as df

from gateway.records.models import Record
from unified_models import ContactStatus, InvoiceStatus, InvoiceType, PaymentStatus, PaymentType


def _choices(enum) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in enum]


class RecordFilter(df.FilterSet):
    modified_after = df.IsoDateTimeFilter(
        field_name="modified_at",
        lookup_expr="gt",
        help_text="Records Ledgerlink stored or changed after this time (ISO 8601).",
    )
    remote_updated_after = df.IsoDateTimeFilter(
        field_name="remote_updated_at",
        lookup_expr="gt",
        help_text="Records the provider changed after this time (ISO 8601).",
    )
    remote_id = df.CharFilter(field_name="remote_id", help_text="The provider's id.")

    class Meta:
        model = Record
        fields: list[str] = []


class ContactFilter(RecordFilter):
    status = df.ChoiceFilter(field_name="status", choices=_choices(ContactStatus))


class InvoiceFilter(RecordFilter):
    type = df.ChoiceFilter(field_name="type", choices=_choices(InvoiceType))
    status = df.ChoiceFilter(field_name="status", choices=_choices(InvoiceStatus))
    contact_id = df.UUIDFilter(field_name="contact_id")
    issue_date_after = df.DateFilter(field_name="issue_date", lookup_expr="gte")
    issue_date_before = df.DateFilter(field_name="issue_date", lookup_expr="lte")


class PaymentFilter(RecordFilter):
    type = df.ChoiceFilter(field_name="type", choices=_choices(PaymentType))
    status = df.ChoiceFilter(field_name="status", choices=_choices(PaymentStatus))
    contact_id = df.UUIDFilter(field_name="contact_id")
    transaction_date_after = df.DateFilter(field_name="issue_date", lookup_expr="gte")
    transaction_date_before = df.DateFilter(field_name="issue_date", lookup_expr="lte")


FILTERS: dict[str, type[RecordFilter]] = {
    "contact": ContactFilter,
    "invoice": InvoiceFilter,
    "payment": PaymentFilter,
}

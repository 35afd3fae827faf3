"""Query filters for the record endpoints (django-filter), one FilterSet per unified model."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import django_filters as df
from django import forms

from gateway.records.models import Record
from unified_models import (
    ContactStatus,
    InvoiceStatus,
    InvoiceType,
    PaymentStatus,
    PaymentType,
    parse_iso_date,
)

#: RFC 3339 (what OpenAPI's `date-time` means): seconds and an offset required.
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})$")
#: The widest UTC offset PostgreSQL's timestamptz accepts (real ones span -12:00 to +14:00).
MAX_UTC_OFFSET = timedelta(hours=15, minutes=59)


def _choices(enum) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in enum]


class Rfc3339Field(forms.Field):
    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not _RFC3339.match(value):
            raise forms.ValidationError("Use an RFC 3339 date-time with an offset.")
        try:
            moment = datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        except ValueError:
            raise forms.ValidationError("No such date or time.") from None
        if abs(moment.utcoffset()) > MAX_UTC_OFFSET:
            raise forms.ValidationError("UTC offsets range from -15:59 to +15:59.")
        return moment


class IsoDateField(forms.Field):
    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_iso_date(value)
        except ValueError:
            raise forms.ValidationError("Use a date as YYYY-MM-DD.") from None


class DateTimeFilter(df.Filter):
    field_class = Rfc3339Field


class DateFilter(df.Filter):
    field_class = IsoDateField


class NoEmptyValuesForm(forms.Form):
    """A filter given with an empty value is refused: django-filter would skip it, and a query
    the client meant to narrow would return everything."""

    def clean(self):
        cleaned = super().clean()
        for name in self.fields:
            if name in self.data and not str(self.data.get(name)).strip():
                self.add_error(name, "Must not be empty.")
        return cleaned


class RecordFilter(df.FilterSet):
    modified_after = DateTimeFilter(
        field_name="modified_at",
        lookup_expr="gt",
        help_text="Records Ledgerlink stored or changed after this time (ISO 8601).",
    )
    remote_updated_after = DateTimeFilter(
        field_name="remote_updated_at",
        lookup_expr="gt",
        help_text="Records the provider changed after this time (ISO 8601).",
    )
    remote_id = df.CharFilter(field_name="remote_id", help_text="The provider's id.")

    class Meta:
        model = Record
        fields: list[str] = []
        form = NoEmptyValuesForm


class ContactFilter(RecordFilter):
    status = df.ChoiceFilter(field_name="status", choices=_choices(ContactStatus))


class InvoiceFilter(RecordFilter):
    type = df.ChoiceFilter(field_name="type", choices=_choices(InvoiceType))
    status = df.ChoiceFilter(field_name="status", choices=_choices(InvoiceStatus))
    contact_id = df.UUIDFilter(field_name="contact_id")
    issue_date_after = DateFilter(field_name="issue_date", lookup_expr="gte")
    issue_date_before = DateFilter(field_name="issue_date", lookup_expr="lte")


class PaymentFilter(RecordFilter):
    type = df.ChoiceFilter(field_name="type", choices=_choices(PaymentType))
    status = df.ChoiceFilter(field_name="status", choices=_choices(PaymentStatus))
    contact_id = df.UUIDFilter(field_name="contact_id")
    transaction_date_after = DateFilter(field_name="issue_date", lookup_expr="gte")
    transaction_date_before = DateFilter(field_name="issue_date", lookup_expr="lte")


FILTERS: dict[str, type[RecordFilter]] = {
    "contact": ContactFilter,
    "invoice": InvoiceFilter,
    "payment": PaymentFilter,
}

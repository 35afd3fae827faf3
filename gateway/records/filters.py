"""Query filters for the record endpoints (django-filter): one FilterSet per unified model, built
from the filters its catalogue entry declares."""

from __future__ import annotations

import functools
import re
from datetime import datetime, timedelta

import django_filters as df
from django import forms

from gateway.records.models import Record
from unified_models import CATALOGUE, Filter, parse_iso_date

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


_FILTER_CLASSES = {
    "choice": df.ChoiceFilter,
    "uuid": df.UUIDFilter,
    "date": DateFilter,
    "datetime": DateTimeFilter,
    "string": df.CharFilter,
}


def _declared(flt: Filter) -> df.Filter:
    options: dict = {"field_name": flt.column, "lookup_expr": flt.lookup}
    if flt.choices is not None:
        options["choices"] = _choices(flt.choices)
    if flt.help:
        options["help_text"] = flt.help
    return _FILTER_CLASSES[flt.kind](**options)


@functools.cache
def _filter_class(model: str, version: int) -> type[RecordFilter]:
    entry = CATALOGUE[model]
    declared = {flt.name: _declared(flt) for flt in entry.filters}
    name = "".join(part.title() for part in model.split("_")) + "Filter"
    return type(name, (RecordFilter,), declared)


def filter_class(model: str) -> type[RecordFilter]:
    """The FilterSet of a model: the common filters plus those its catalogue entry declares."""
    return _filter_class(model, CATALOGUE.version)

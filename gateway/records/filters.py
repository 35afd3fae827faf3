"""Query filters for the record endpoints (django-filter): one FilterSet per unified model, built
from the filters its catalogue entry declares."""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta

import django_filters as df
from django import forms
from django.db.models import Q

from gateway.records.models import Record
from gateway.records.today import local_today
from unified_models import CATALOGUE, Filter, parse_iso_date
from unified_models.bounds import MAX_WHOLE_DIGITS

#: RFC 3339 (what OpenAPI's `date-time` means): seconds and an offset required.
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})$")
#: The widest UTC offset PostgreSQL's timestamptz accepts (real ones span -12:00 to +14:00).
MAX_UTC_OFFSET = timedelta(hours=15, minutes=59)
#: The most values a comma-separated filter takes, and the longest `q`.
MAX_VALUES = 100
MAX_SEARCH = 200


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

    def __init__(self, *args, account=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account

    def today(self) -> date:
        """Today in the linked account's time zone (what `overdue` compares due dates with)."""
        return local_today(self.account)


class ValueField(forms.Field):
    """One value of a catalogue filter, parsed by ``parse`` (a form field); with ``many``, a
    comma-separated list of them (no empty items, at most ``MAX_VALUES``)."""

    def __init__(self, *, parse: forms.Field, many: bool = False, **kwargs):
        self.parse, self.many = parse, many
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not self.many:
            return self.parse.clean(value)
        items = [item.strip() for item in str(value).split(",")]
        if len(items) > MAX_VALUES:
            raise forms.ValidationError(f"At most {MAX_VALUES} comma-separated values.")
        if not all(items):
            raise forms.ValidationError("An empty value in the comma-separated list.")
        return list(dict.fromkeys(self.parse.clean(item) for item in items))


class StrictBooleanField(forms.Field):
    """``true`` or ``false`` (as the OpenAPI document's booleans are written); anything else is
    refused rather than read as "no filter"."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        lowered = str(value).lower()
        if lowered not in ("true", "false"):
            raise forms.ValidationError("Must be true or false.")
        return lowered == "true"


class AmountField(forms.DecimalField):
    """A decimal amount within what a stored amount can be (finite, 12 whole digits, 10
    places)."""

    def __init__(self, **kwargs):
        super().__init__(decimal_places=10, **kwargs)

    def to_python(self, value):
        amount = super().to_python(value)
        if amount is not None and not amount.is_finite():
            raise forms.ValidationError("Enter a number.")
        if amount is not None and abs(amount) >= 10**MAX_WHOLE_DIGITS:
            raise forms.ValidationError(f"At most {MAX_WHOLE_DIGITS} whole digits.")
        return amount


class SearchField(forms.CharField):
    def to_python(self, value):
        text = super().to_python(value)
        if text and len(text) > MAX_SEARCH:
            raise forms.ValidationError(f"At most {MAX_SEARCH} characters.")
        return text.lower() if text else None


def _parser(flt: Filter) -> forms.Field:
    if flt.kind == "choice":
        return forms.ChoiceField(choices=_choices(flt.choices))
    return {
        "uuid": forms.UUIDField,
        "date": IsoDateField,
        "datetime": Rfc3339Field,
        "string": forms.CharField,
        "decimal": AmountField,
        "boolean": StrictBooleanField,
        "overdue": StrictBooleanField,
        "search": SearchField,
    }[flt.kind]()


class CatalogueFilter(df.Filter):
    """A filter its catalogue entry declares (``declared``), parsed by its kind."""

    field_class = ValueField

    def __init__(self, declared: Filter, **kwargs):
        self.declared = declared
        super().__init__(
            field_name=declared.column,
            lookup_expr=declared.lookup,
            parse=_parser(declared),
            many=declared.lookup == "in",
            help_text=declared.help,
            **kwargs,
        )

    def filter(self, qs, value):
        if value is None:
            return qs
        if self.declared.kind == "search":
            return qs.filter(**{f"{self.field_name}__contains": value})
        if self.declared.kind == "overdue":
            condition = overdue_condition(
                self.field_name, self.parent.today(), self.declared.never_overdue
            )
            return qs.filter(condition) if value else qs.exclude(condition)
        return super().filter(qs, value)


def overdue_condition(column: str, today, never: tuple[str, ...] = ()) -> Q:
    """A balance above zero, the ``column`` date before ``today`` and a status not in
    ``never`` (the same invoices `invoice.overdue` announces)."""
    condition = Q(balance__gt=0, **{f"{column}__lt": today})
    return condition & ~Q(status__in=never) if never else condition


@functools.cache
def _filter_class(model: str, version: int) -> type[RecordFilter]:
    entry = CATALOGUE[model]
    declared = {flt.name: CatalogueFilter(flt) for flt in entry.filters}
    name = "".join(part.title() for part in model.split("_")) + "Filter"
    return type(name, (RecordFilter,), declared)


def filter_class(model: str) -> type[RecordFilter]:
    """The FilterSet of a model: the common filters plus those its catalogue entry declares."""
    return _filter_class(model, CATALOGUE.version)

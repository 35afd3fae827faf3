"""Validating a JSON request body: an object, only known fields, JSON types as the OpenAPI
document states them, then the serializer's rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework import serializers
from rest_framework.exceptions import ValidationError


def _type_error(field: serializers.Field, value: Any) -> Any:
    """What is wrong with `value`'s JSON type for `field` (a message, or nested messages), or
    None. DRF coerces across types (`0` → false, `5` → "5", "5" → 5); the schema does not."""
    if value is None:
        return None  # allow_null is the field's own rule
    if isinstance(field, serializers.BooleanField):
        return None if isinstance(value, bool) else "Must be true or false."
    if isinstance(field, serializers.CharField):
        return None if isinstance(value, str) else "Must be a string."
    if isinstance(field, serializers.IntegerField):
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else "Must be an integer."
    if isinstance(field, serializers.ListField) and isinstance(value, list):
        nested = {i: _type_error(field.child, item) for i, item in enumerate(value)}
        return {i: [error] for i, error in nested.items() if error} or None
    if isinstance(field, serializers.DictField) and isinstance(value, Mapping):
        nested = {key: _type_error(field.child, item) for key, item in value.items()}
        return {key: [error] for key, error in nested.items() if error} or None
    return None


# A request body serializer that refuses values of another JSON type than its fields'.
# (A comment, not a docstring: drf-spectacular would publish a docstring as the description
# of every body schema built on it.)
class JsonTypedSerializer(serializers.Serializer):
    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            errors = {}
            for name, field in self.fields.items():
                if not field.read_only and name in data:
                    error = _type_error(field, data[name])
                    if error:
                        errors[name] = error if isinstance(error, dict) else [error]
            if errors:
                raise ValidationError(errors)
        return super().to_internal_value(data)


def validated_body(serializer_class: Any, data: Any, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ValidationError({"non_field_errors": ["Expected a JSON object."]})
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({name: ["Unknown field."] for name in sorted(unknown)})
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)

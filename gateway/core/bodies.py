"""Validating a JSON request body: an object, only known fields, then the serializer's rules."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ValidationError


def validated_body(serializer_class: Any, data: Any, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ValidationError({"non_field_errors": ["Expected a JSON object."]})
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({name: ["Unknown field."] for name in sorted(unknown)})
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)

"""OpenAPI examples for the record endpoints, from each model's catalogue entry."""

from typing import Any

from drf_spectacular.utils import OpenApiExample

from unified_models import CATALOGUE


def _record(model: str) -> dict[str, Any]:
    entry = CATALOGUE[model]
    if entry.example is not None:
        return dict(entry.example)
    return {"id": "00000000-0000-5000-8000-000000000000", "remote_id": "1"}


def record_example(model: str) -> OpenApiExample:
    label = model.replace("_", " ")
    return OpenApiExample(f"A stored {label}", value=_record(model), response_only=True)


def list_example(model: str) -> OpenApiExample:
    words = CATALOGUE[model].plural.replace("-", " ")
    return OpenApiExample(
        f"A page of {words}",
        value={
            "next": "bjoxMjM0",
            "previous": None,
            "last_sync_at": "2026-11-24T09:30:00Z",
            "results": [_record(model)],
        },
        response_only=True,
    )


def input_example(model: str) -> OpenApiExample:
    label = model.replace("_", " ")
    value = CATALOGUE[model].input_example or {}
    return OpenApiExample(f"A new {label}", value=dict(value), request_only=True)

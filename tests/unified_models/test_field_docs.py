"""Every field of every unified model is described once; inputs mark what a create requires."""

from __future__ import annotations

import typing

import pytest
from pydantic import BaseModel

from unified_models import CATALOGUE
from unified_models.common import UnifiedInput
from unified_models.contact import ContactInput
from unified_models.field_docs import GLOSSARY
from unified_models.invoice import Invoice, InvoiceInput


def _models() -> dict[str, type[BaseModel]]:
    found: dict[str, type[BaseModel]] = {}

    def walk(cls: type[BaseModel]) -> None:
        if cls.__name__ in found:
            return
        found[cls.__name__] = cls
        for field in cls.model_fields.values():
            for arg in typing.get_args(field.annotation) or (field.annotation,):
                for inner in typing.get_args(arg) or (arg,):
                    if isinstance(inner, type) and issubclass(inner, BaseModel):
                        walk(inner)

    for name in CATALOGUE.names():
        entry = CATALOGUE[name]
        walk(entry.record)
        if entry.input is not None:
            walk(entry.input)
        for action in entry.actions:
            if action.input is not None:
                walk(action.input)
    return found


@pytest.mark.parametrize("name", sorted(_models()))
def test_every_property_is_described(name):
    schema = _models()[name].model_json_schema(mode="serialization")
    for model, part in [(name, schema), *schema.get("$defs", {}).items()]:
        for field, prop in part.get("properties", {}).items():
            assert prop.get("description"), f"{model}.{field} has no description"


def test_an_input_field_without_a_doc_takes_the_records():
    record = Invoice.model_json_schema(mode="serialization")["properties"]
    written = InvoiceInput.model_json_schema(mode="serialization")["properties"]
    assert "`ACCOUNTS_PAYABLE`: a bill" in record["type"]["description"]
    assert written["type"]["description"].endswith(record["type"]["description"])
    assert written["currency"]["description"] == GLOSSARY["currency"]


def test_a_create_marks_its_required_fields():
    schema = ContactInput.model_json_schema(mode="serialization")
    assert schema["required"] == ["name"]
    assert schema["properties"]["name"]["description"].startswith("Required on create.")
    assert "Required" not in schema["properties"]["email_address"]["description"]


def test_a_provider_id_with_a_ledgerlink_id_beside_it_is_required_as_either():
    schema = InvoiceInput.model_json_schema(mode="serialization")
    assert schema["required"] == ["type"]  # contact or contact_remote_id: neither alone
    props = schema["properties"]
    assert props["contact"]["description"].startswith(
        "Required on create, unless `contact_remote_id` is given."
    )
    assert props["contact_remote_id"]["description"].startswith(
        "Required on create, unless `contact` is given."
    )


@pytest.mark.parametrize(
    "cls", [c for c in _models().values() if issubclass(c, UnifiedInput)], ids=lambda c: c.__name__
)
def test_what_the_schema_requires_a_create_requires(cls):
    """A field the schema marks required is one `missing_for_create` reports when absent."""
    required = set(cls.model_json_schema(mode="serialization").get("required", []))
    declared = {f for f in cls.model_fields if cls.model_fields[f].is_required()} | set(
        cls.CREATE_REQUIRED
    )
    assert required <= declared

"""Validate sandbox responses against Xero's own OpenAPI schemas (``/work/shared/xero-openapi``).

Two checks: jsonschema validation of the declared types/enums (``$ref`` resolved through a
registry), and a strict walk that rejects any property the schema does not declare (apart
from Xero's documented extras: the response envelope and ``*String`` date twins).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_DIR = Path(
    os.environ.get(
        "XERO_OPENAPI_DIR", Path(__file__).resolve().parents[3] / "shared" / "xero-openapi"
    )
)
ENVELOPE = {"Id", "Status", "ProviderName", "DateTimeUTC"}


@functools.cache
def spec(name: str) -> dict:
    with (SPEC_DIR / name).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@functools.cache
def _registry(name: str) -> Registry:
    return Registry().with_resource(
        f"urn:{name}", Resource(contents=spec(name), specification=DRAFT202012)
    )


def _resolve(name: str, schema: dict) -> dict:
    while "$ref" in schema:
        path = schema["$ref"].lstrip("#/").split("/")
        node = spec(name)
        for part in path:
            node = node[part]
        schema = {**node, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def unknown_properties(name: str, schema: dict, instance: object, path: str = "$") -> list[str]:
    """Paths of properties present in ``instance`` that ``schema`` does not declare."""
    schema = _resolve(name, schema)
    problems: list[str] = []
    if isinstance(instance, list) and "items" in schema:
        for index, item in enumerate(instance):
            problems += unknown_properties(name, schema["items"], item, f"{path}[{index}]")
    if isinstance(instance, dict):
        props: dict = dict(schema.get("properties", {}))
        for part in schema.get("allOf", []):
            props.update(_resolve(name, part).get("properties", {}))
        if not props:
            return problems
        for key, value in instance.items():
            if key in props:
                problems += unknown_properties(name, props[key], value, f"{path}.{key}")
            elif not (path == "$" and key in ENVELOPE) and not (
                key.endswith("String") and key[:-6] in props
            ):
                problems.append(f"{path}.{key}")
    return problems


def validate(
    instance: object, schema_name: str, spec_name: str = "xero_accounting.yaml", strict: bool = True
) -> None:
    """Raise AssertionError when ``instance`` breaks ``components.schemas[schema_name]``."""
    ref = {"$ref": f"urn:{spec_name}#/components/schemas/{schema_name}"}
    validator = Draft202012Validator(ref, registry=_registry(spec_name))
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    messages = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10]]
    if strict:
        messages += [
            f"undeclared property {p}"
            for p in unknown_properties(
                spec_name, {"$ref": f"#/components/schemas/{schema_name}"}, instance
            )
        ]
    assert not messages, f"{schema_name}: " + "; ".join(messages)

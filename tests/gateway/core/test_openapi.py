"""The committed OpenAPI document is what the code generates, and it validates."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
SPEC = ROOT / "openapi" / "ledgerlink.yaml"


def generate() -> str:
    """What `make openapi` writes: generated in a fresh process, as the command runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["LEDGERLINK_ENV"] = "development"
    result = subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--validate", "--fail-on-warn"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_committed_openapi_matches_the_code():
    assert SPEC.read_text() == generate(), "openapi/ledgerlink.yaml is stale: run `make openapi`"


def test_generating_the_spec_again_gives_the_same_spec():
    """A PATCH body's `partial` mark once stuck to its pydantic class, so the second
    `/openapi.json` of a process named every create body `Patched…`, without required fields."""
    from drf_spectacular.generators import SchemaGenerator

    first, second = (SchemaGenerator().get_schema(request=None, public=True) for _ in range(2))
    assert second == first
    body = second["paths"]["/v1/contacts"]["post"]["requestBody"]["content"]
    assert body["application/json"]["schema"]["$ref"].endswith("/ContactInput")


@pytest.mark.django_db
def test_docs_are_served_offline(client):
    for url in ("/docs", "/redoc"):
        page = client.get(url).content.decode()
        assert "http://" not in page.replace("http://testserver", "")
        assert "https://" not in page
    assert client.get("/openapi.json").json()["info"]["title"] == "Ledgerlink API"


@pytest.mark.django_db
def test_every_operation_documents_the_error_envelope(client):
    schema = client.get("/openapi.json").json()
    assert {"ErrorEnvelope", "Error", "ErrorDetail"} <= set(schema["components"]["schemas"])
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert "500" in operation["responses"], f"{method} {path}"


def committed() -> dict:
    return yaml.safe_load(SPEC.read_text())


def resolve(spec: dict, node: dict) -> dict:
    """`{"$ref": "#/components/examples/x"}` → that object (other nodes as they are)."""
    ref = node.get("$ref")
    if ref is None:
        return node
    for part in ref.removeprefix("#/").split("/"):
        spec = spec[part]
    return spec


def operations(spec: dict):
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


_VERBS = {
    "get": {"list", "retrieve"},
    "post": {"create"},
    "patch": {"partial_update"},
    "delete": {"destroy"},
}


def test_operation_ids_are_the_path_and_the_verb():
    """`/v1/credit-notes/{record_id}/allocations` POST is `credit_notes_allocations_create`."""
    spec = committed()
    seen = set()
    for path, method, operation in operations(spec):
        stem = "_".join(
            part.replace("-", "_")
            for part in path.removeprefix("/v1").split("/")
            if part and not part.startswith("{")
        )
        verb = operation["operationId"].removeprefix(f"{stem}_")
        assert verb in _VERBS[method], f"{method} {path}: {operation['operationId']}"
        if path.endswith("}"):
            assert verb != "list", path
        assert operation["operationId"] not in seen
        seen.add(operation["operationId"])
        assert operation["tags"] and re.fullmatch(r"[a-z-]+", operation["tags"][0]), path
        assert operation.get("summary"), f"{method} {path}"


def test_component_names_make_good_class_names():
    spec = committed()
    names = set(spec["components"]["schemas"])
    assert {"Invoice", "InvoiceInput", "InvoiceUpdate", "InvoicePage"} <= names
    for name in names:
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]+", name), name
        assert not name.startswith(("Patched", "Paginated")), name
        assert not name.endswith(("RequestRequest", "InputRequest", "Enum")), name
        # A title names the class in generators and Redoc: never another component's name.
        assert spec["components"]["schemas"][name].get("title", name) == name, name
    create = spec["paths"]["/v1/invoices"]["post"]["requestBody"]["content"]
    update = spec["paths"]["/v1/invoices/{record_id}"]["patch"]["requestBody"]["content"]
    assert create["application/json"]["schema"]["$ref"].endswith("/InvoiceInput")
    assert update["application/json"]["schema"]["$ref"].endswith("/InvoiceUpdate")
    listing = spec["paths"]["/v1/invoices"]["get"]["responses"]["200"]["content"]
    assert listing["application/json"]["schema"]["$ref"].endswith("/InvoicePage")


def test_every_property_of_every_component_is_described():
    spec = committed()
    missing = [
        f"{name}.{field}"
        for name, schema in spec["components"]["schemas"].items()
        for field, prop in (schema.get("properties") or {}).items()
        if not prop.get("description")
    ]
    assert not missing


def test_create_bodies_mark_required_fields_and_patch_bodies_none():
    schemas = committed()["components"]["schemas"]
    assert schemas["ContactInput"]["required"] == ["name"]
    assert set(schemas["AccountInput"]["required"]) == {"name", "type"}
    for name, schema in schemas.items():
        if name.endswith("Update"):
            assert "required" not in schema, name


def test_every_error_status_has_its_own_examples():
    """401 shows `authentication_error`, 404 `not_found`, 429 `rate_limited` (with
    Retry-After): never one status's example under another."""
    expected = {"401": {"authentication_error"}, "404": {"not_found"}, "429": {"rate_limited"}}
    spec = committed()
    for path, method, operation in operations(spec):
        for status, response in operation["responses"].items():
            if int(status) < 400 or (path, status) == ("/healthz", "503"):
                continue
            examples = response["content"]["application/json"]["examples"]
            types = {resolve(spec, e)["value"]["error"]["type"] for e in examples.values()}
            assert types, f"{method} {path} {status}"
            if status in expected:
                assert types == expected[status], f"{method} {path} {status}: {types}"
            if status in {"429", "503"}:
                assert "Retry-After" in response["headers"], f"{method} {path} {status}"


def test_the_spec_passes_the_openapi_meta_schema():
    """What `make openapi-check` runs: openapi-spec-validator (defaults that contradict their
    own schema, say `default: ''` with `minLength: 1`, fail here)."""
    from openapi_spec_validator import validate

    validate(committed())

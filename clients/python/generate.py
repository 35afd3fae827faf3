"""Generate `ledgerlink_client/generated` from the OpenAPI document with openapi-python-client.

    python clients/python/generate.py [--spec openapi/ledgerlink.yaml] [--output DIR]

The generator is used as published (its version is pinned in the repository's dev extras),
with two things it has no setting for:

- a string of format `decimal` (the OpenAPI format registry's; the spec gives every amount,
  quantity and rate that format) becomes a `decimal.Decimal` in the models and is sent back as
  its string, instead of a plain `str`: money never passes through a binary float;
- a component's class is named after the component (`InvoiceUpdate`), not after its `title`,
  which the generator prefers and which can be another component's name (a PATCH body built
  from the create body's model keeps that model's title).

The output directory is replaced whole; nothing hand-written lives in it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, ClassVar

import yaml
from attr import define, field
from openapi_python_client import generate
from openapi_python_client import schema as oai
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import properties
from openapi_python_client.parser.errors import PropertyError
from openapi_python_client.parser.properties.protocol import (
    PropertyProtocol,
    Value,
    convert_example,
)
from openapi_python_client.strings import PythonCode, PythonIdentifier

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULT_SPEC = ROOT / "openapi" / "ledgerlink.yaml"
DEFAULT_OUTPUT = HERE / "ledgerlink_client" / "generated"


@define
class DecimalProperty(PropertyProtocol):
    """A property of type decimal.Decimal (a JSON string of format `decimal`)."""

    name: oai.UntrustedString
    required: bool
    default: Value | None
    python_name: PythonIdentifier
    description: oai.UntrustedString | None
    example: oai.UntrustedString | None = field(converter=convert_example)

    _type_string: ClassVar[str] = "Decimal"
    _json_type_string: ClassVar[str] = "str"
    _allowed_locations: ClassVar[set[oai.ParameterLocation]] = {
        oai.ParameterLocation.QUERY,
        oai.ParameterLocation.PATH,
        oai.ParameterLocation.COOKIE,
        oai.ParameterLocation.HEADER,
    }
    template: ClassVar[str] = "decimal_property.py.jinja"

    @classmethod
    def build(
        cls,
        name: oai.UntrustedString,
        required: bool,
        default: Any,
        python_name: PythonIdentifier,
        description: oai.UntrustedString | None,
        example: Any,
    ) -> DecimalProperty | PropertyError:
        checked = cls.convert_value(default)
        if isinstance(checked, PropertyError):
            return checked
        return cls(
            name=name,
            required=required,
            default=checked,
            python_name=python_name,
            description=description,
            example=example,
        )

    @classmethod
    def convert_value(cls, value: Any) -> Value | PropertyError | None:
        if value is None or isinstance(value, Value):
            return value
        if isinstance(value, str | int):
            return Value(python_code=PythonCode(f"Decimal({str(value)!r})"), raw_value=value)
        return PropertyError(f"Invalid decimal value: {value!r}")

    def get_imports(self, *, prefix: str) -> set[str]:
        imports = super().get_imports(prefix=prefix)
        imports.add("from decimal import Decimal")
        return imports


_string_based_property = properties._string_based_property


def _string_or_decimal(name, required, data, config):  # the generator's own signature
    if data.schema_format == "decimal":
        return DecimalProperty.build(
            name=name,
            required=required,
            default=data.default,
            python_name=PythonIdentifier(value=name, prefix=config.field_prefix),
            description=data.description,
            example=data.example,
        )
    return _string_based_property(name=name, required=required, data=data, config=config)


def named_by_component(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with every component schema's title set to its component name."""
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        if isinstance(schema, dict) and "title" in schema:
            schema["title"] = name
    return spec


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)

    # The post hooks (config.yml) run `ruff`: this interpreter's, as pinned beside the
    # generator. Without it the generator would skip them and write unformatted code.
    os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    if shutil.which("ruff") is None:
        print("ruff is needed (pip install -e 'clients/python[dev]')", file=sys.stderr)
        return 2
    properties._string_based_property = _string_or_decimal
    spec = named_by_component(yaml.safe_load(args.spec.read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory() as scratch:
        document = Path(scratch) / "ledgerlink.json"
        document.write_text(json.dumps(spec), encoding="utf-8")
        config = Config.from_sources(
            config_file=ConfigFile.load_from_path(HERE / "config.yml"),
            meta_type=MetaType.NONE,
            document_source=document,
            file_encoding="utf-8",
            overwrite=True,
            output_path=args.output.resolve(),
        )
        errors = generate(config=config, custom_template_path=HERE / "templates")
    for error in errors:
        print(f"{error.level.name}: {error.header}\n{error.detail or ''}", file=sys.stderr)
    # Any warning means part of the spec was left out of the client: fail, so it gets fixed.
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

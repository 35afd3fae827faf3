"""The README's provider table says what `/v1/providers` says (models, operations, providers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from unified_models import CATALOGUE

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
ENDPOINTS = {
    "list": "GET /v1/{plural}",
    "get": "GET /v1/{plural}/{{id}}",
    "create": "POST /v1/{plural}",
    "update": "PATCH /v1/{plural}/{{id}}",
    "delete": "DELETE /v1/{plural}/{{id}}",
}


def provider_table(providers: list[dict]) -> str:
    """The Markdown table the README carries, from `/v1/providers` results."""
    models = list(dict.fromkeys(m for p in providers for m in p["models"]))
    lines = [
        "| model | operation | " + " | ".join(p["name"] for p in providers) + " |",
        "|---|---|" + "---|" * len(providers),
    ]
    for model in models:
        for operation, endpoint in ENDPOINTS.items():
            cells = ["yes" if operation in p["models"].get(model, []) else "—" for p in providers]
            where = endpoint.format(plural=CATALOGUE[model].plural)
            lines.append(f"| {model} | {operation} (`{where}`) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def test_the_readme_table_matches_v1_providers(authed_client):
    providers = authed_client.get("/v1/providers").json()["results"]
    assert {p["key"] for p in providers} == {"xero", "quickbooks"}  # both configured in tests
    table = provider_table(providers)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert table in readme, f"Put this table in README.md:\n\n{table}\n"

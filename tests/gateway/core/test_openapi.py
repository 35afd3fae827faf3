"""The committed OpenAPI document is what the code generates, and it validates."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
    assert "Error" in schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert "500" in operation["responses"], f"{method} {path}"

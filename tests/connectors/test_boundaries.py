"""connectors/ and unified_models/ never import the gateway, Django or the sandbox."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
FORBIDDEN = ("gateway", "django", "sandbox", "rest_framework", "flask")


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("path", modules("connectors") + modules("unified_models"), ids=str)
def test_no_forbidden_imports(path: Path) -> None:
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            assert name.split(".")[0] not in FORBIDDEN, f"{path}: imports {name}"


def test_xero_dates_are_parsed_in_one_place() -> None:
    offenders = [
        p for p in modules("connectors") if "/Date(" in p.read_text() and p.name != "dates.py"
    ]
    assert [p.relative_to(ROOT) for p in offenders] == []

"""The plug-in design holds: the QuickBooks sandbox imports nothing of Ledgerlink, and the
gateway's code and templates never name QuickBooks (only the default provider list in
settings does)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[3]


@pytest.mark.parametrize(
    "path", sorted((ROOT / "sandbox" / "quickbooks").rglob("*.py")), ids=lambda p: p.name
)
def test_the_sandbox_imports_nothing_of_ledgerlink(path: Path) -> None:
    for node in ast.walk(ast.parse(path.read_text())):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            assert top not in {"gateway", "connectors", "unified_models", "django"}, name
            assert not (top == "sandbox" and name != "sandbox.quickbooks"), name


def test_gateway_code_and_templates_do_not_name_quickbooks() -> None:
    pattern = re.compile(r"quickbooks|intuit|realmid", re.IGNORECASE)
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "gateway").rglob("*"))
        if path.suffix in {".py", ".html", ".txt"}
        and path.name != "settings.py"  # the default LEDGERLINK_PROVIDERS names it, by design
        and pattern.search(path.read_text(errors="replace"))
    ]
    assert offenders == []

"""Every error `type` the gateway can answer with is in the README's list."""

from __future__ import annotations

import re
from pathlib import Path

from gateway.core import gunicorn_errors
from gateway.core.errors import _DRF_TYPES

ROOT = Path(__file__).resolve().parents[3]

PATTERNS = [
    re.compile(r'^\s+type = "([a-z_]+)"', re.M),  # ApiError subclasses
    re.compile(r'error_response\(\s*\d+,\s*"([a-z_]+)"'),
    re.compile(r'envelope\(\s*"([a-z_]+)"'),
    re.compile(r'err\.type = \d+, "([a-z_]+)"'),
    re.compile(r'err\.status_code, err\.type = \d+, "([a-z_]+)"'),
]


def error_types_in_code() -> set[str]:
    found = {error_type for _, error_type in _DRF_TYPES}
    found |= {error_type for error_type, _ in gunicorn_errors.ERRORS.values()}
    found.add(gunicorn_errors.FALLBACK[0])
    for source in (ROOT / "gateway").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        for pattern in PATTERNS:
            found |= set(pattern.findall(text))
    return found


def documented_types() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraph = readme.split("  Types: ", 1)[1].split("\n- ", 1)[0]
    return set(re.findall(r"`([a-z_]+)`", paragraph))


def test_every_error_type_is_in_the_readme():
    types = error_types_in_code()
    assert {"invalid_request", "not_acceptable", "sync_in_progress", "conflict"} <= types
    assert types - documented_types() == set()

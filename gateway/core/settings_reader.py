"""Parsing helpers for settings that are more than one scalar."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured


def read_providers(value: str) -> dict[str, str]:
    """Parse `key=dotted.path,key2=dotted.path2` into an ordered mapping."""
    providers: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in value.split(","))):
        key, sep, path = item.partition("=")
        key, path = key.strip(), path.strip()
        if not sep or not key or not path or not key.isidentifier():
            raise ImproperlyConfigured(
                f"LEDGERLINK_PROVIDERS entry {item!r} is not of the form key=dotted.path"
            )
        providers[key] = path
    return providers


def read_provider_settings(env: Any, providers: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """Collect `<KEY>_<NAME>` variables for each enabled provider as `{key: {name: value}}`.

    The gateway stays provider-agnostic: `XERO_CLIENT_ID` becomes
    `{"xero": {"client_id": ...}}` and the connector decides what its settings mean.
    """
    del env  # the reader is os.environ, already populated from .env by django-environ
    settings: dict[str, dict[str, Any]] = {}
    for key in providers:
        prefix = f"{key.upper()}_"
        settings[key] = {
            name[len(prefix) :].lower(): _value(name, value)
            for name, value in os.environ.items()
            if name.startswith(prefix) and value != ""
        }
    return settings


def _value(name: str, value: str) -> Any:
    """A JSON object stays structured (`XERO_RATE_LIMITS={"tenant_per_minute": 50}`)."""
    if not value.lstrip().startswith("{"):
        return value
    try:
        return json.loads(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} looks like JSON but does not parse: {exc}") from exc

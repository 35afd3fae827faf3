"""Providers enabled by dotted path in settings, configured by plain mappings."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any

from .base import Provider
from .errors import UnknownProvider
from .limiter import Limiter, build_limiter

__all__ = ["DEFAULT_PROVIDERS", "Registry", "build_registry", "default_registry", "import_string"]

#: What a fresh install enables.
DEFAULT_PROVIDERS: Mapping[str, str] = {
    "xero": "connectors.xero.XeroProvider",
    "quickbooks": "connectors.quickbooks.QuickBooksProvider",
}


def import_string(dotted_path: str) -> Any:
    module_path, _, attr = dotted_path.rpartition(".")
    if not module_path:
        raise ImportError(f"{dotted_path!r} is not a dotted path")
    module = importlib.import_module(module_path)
    try:
        return getattr(module, attr)
    except AttributeError:
        raise ImportError(f"{module_path} has no attribute {attr!r}") from None


class Registry:
    """Configured providers by key (one instance each, sharing one limiter)."""

    def __init__(self, providers: Mapping[str, Provider], limiter: Limiter):
        self._providers = dict(providers)
        self.limiter = limiter

    def get(self, key: str) -> Provider:
        try:
            return self._providers[key]
        except KeyError:
            raise UnknownProvider(f"unknown provider {key!r}") from None

    def keys(self) -> list[str]:
        return list(self._providers)

    def __contains__(self, key: object) -> bool:
        return key in self._providers

    def __iter__(self) -> Iterator[str]:
        return iter(self._providers)

    def __len__(self) -> int:
        return len(self._providers)

    def configured_keys(self) -> list[str]:
        """The providers that have their required settings: the ones that can link anyone."""
        return [key for key, p in self._providers.items() if p.is_configured]

    def describe(self, *, configured_only: bool = False) -> list[dict[str, Any]]:
        """``[{"key", "name", "auth_type", "tenant_concept", "models": {model: [ops]},
        "webhooks": bool}]`` in registration order."""
        return [
            {**p.describe(), "key": key}
            for key, p in self._providers.items()
            if p.is_configured or not configured_only
        ]


def build_registry(
    providers: Mapping[str, str],
    provider_settings: Mapping[str, Mapping[str, Any]],
    *,
    redis_url: str | None = None,
    limiter: Limiter | None = None,
) -> Registry:
    """``providers``: key → dotted path of a ``Provider`` subclass; ``provider_settings``: key →
    that provider's settings (client_id, client_secret, URLs, rate_limits, ...). With
    ``redis_url`` every process shares rate-limit state through Redis."""
    limiter = limiter or build_limiter(redis_url)
    built: dict[str, Provider] = {}
    for key, path in providers.items():
        cls = import_string(path)
        if not (isinstance(cls, type) and issubclass(cls, Provider)):
            raise TypeError(f"{path} is not a connectors.base.Provider subclass")
        built[key] = cls(provider_settings.get(key, {}), limiter=limiter)
    return Registry(built, limiter)


def default_registry(
    provider_settings: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    redis_url: str | None = None,
) -> Registry:
    return build_registry(DEFAULT_PROVIDERS, provider_settings or {}, redis_url=redis_url)

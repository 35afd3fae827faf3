"""The gateway's access to the connector registry, built once from settings."""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from connectors.registry import Registry, build_registry, import_string


@functools.cache
def get_registry() -> Registry:
    return build_registry(
        settings.LEDGERLINK_PROVIDERS,
        settings.LEDGERLINK_PROVIDER_SETTINGS,
        redis_url=settings.REDIS_URL or None,
    )


@receiver(setting_changed)
def _reset_registry(setting: str, **kwargs) -> None:
    if setting in {"LEDGERLINK_PROVIDERS", "LEDGERLINK_PROVIDER_SETTINGS", "REDIS_URL"}:
        get_registry.cache_clear()


def declared_operations(model: str) -> set[str]:
    """Every operation an enabled provider declares on ``model`` (class-level, so no settings or
    connection are needed): what the record endpoints can offer at all."""
    return {
        operation
        for path in settings.LEDGERLINK_PROVIDERS.values()
        for operation in import_string(path).supported_operations().get(model, [])
    }

"""Re-encrypt every EncryptedTextField value under the primary key (key rotation).

Loading a row decrypts with whichever listed key made it; saving encrypts with the first key.
"""

from __future__ import annotations

from django.apps import apps
from django.db import transaction

from gateway.core.fields import EncryptedTextField

BATCH = 500


def encrypted_fields() -> dict[type, list[str]]:
    found: dict[type, list[str]] = {}
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if names:
            found[model] = names
    return found


def rotate_all() -> dict[str, int]:
    counts: dict[str, int] = {}
    for model, names in encrypted_fields().items():
        pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), BATCH):
            with transaction.atomic():
                rows = model._default_manager.select_for_update().filter(
                    pk__in=pks[start : start + BATCH]
                )
                for row in rows:
                    row.save(update_fields=names)
        counts[model._meta.label] = len(pks)
    return counts

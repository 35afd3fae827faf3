"""Public record ids, derived from (linked account, model, remote id).

Deriving instead of allocating means a reference can be resolved before the record it points
to has been stored (a payment synced before its invoice, a webhook fetch out of order): the id
is the same either way, and upserts need no lookups.
"""

from __future__ import annotations

import functools
import uuid


def record_id(linked_account_id: uuid.UUID | str, model: str, remote_id: str) -> uuid.UUID:
    namespace = (
        linked_account_id
        if isinstance(linked_account_id, uuid.UUID)
        else uuid.UUID(str(linked_account_id))
    )
    return uuid.uuid5(namespace, f"{model}:{remote_id}")


@functools.lru_cache(maxsize=100_000)  # references repeat (accounts, tax rates, contacts)
def reference_id(linked_account_id: uuid.UUID | str, model: str, remote_id: str) -> str:
    """`record_id` as the API writes it, for a record that points at another."""
    return str(record_id(linked_account_id, model, remote_id))

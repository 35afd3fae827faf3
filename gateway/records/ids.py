"""Public record ids, derived from (linked account, model, remote id).

Deriving instead of allocating means a reference can be resolved before the record it points
to has been stored (a payment synced before its invoice, a webhook fetch out of order): the id
is the same either way, and upserts need no lookups.
"""

from __future__ import annotations

import functools
import uuid


@functools.lru_cache(maxsize=200_000)  # references repeat (accounts, tax rates, contacts)
def record_id(linked_account_id: uuid.UUID | str, model: str, remote_id: str) -> uuid.UUID:
    return uuid.uuid5(uuid.UUID(str(linked_account_id)), f"{model}:{remote_id}")

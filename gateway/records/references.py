"""Filling Ledgerlink's ids of the records a document refers to, as its catalogue entry declares.

Connectors return references as provider ids (`contact_remote_id`); the API shows the gateway's
ids beside them (`contact`). The ids are derived from (account, model, provider id), so a
reference resolves whatever order the records arrive in.
"""

from __future__ import annotations

import functools
from typing import Any

from gateway.records.ids import reference_id
from unified_models import CATALOGUE


def fill_references(model: str, account_id, doc: dict[str, Any]) -> None:
    entry = CATALOGUE.get(model)
    if not entry or not entry.references:
        return
    account = _key(account_id)  # a str hashes in C: the id cache is probed for every reference
    walked: dict[tuple[str, ...], Any] = {}  # the lines' references share one walk
    for reference in entry.references:
        leaf, remote_field, many = reference.leaf, reference.remote_field, reference.many
        fixed = reference.model if reference.by is None else None
        holders = walked.get(reference.parents)
        if holders is None:
            holders = walked[reference.parents] = reference.holders(doc)
        for holder in holders:
            target = fixed or reference.target(holder)
            remote = holder.get(remote_field)
            if many:
                holder[leaf] = [reference_id(account, target, rid) for rid in remote or () if rid]
            else:
                holder[leaf] = reference_id(account, target, remote) if remote else None


@functools.lru_cache(maxsize=1024)
def _key(account_id) -> str:
    return str(account_id)

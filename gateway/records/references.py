"""Filling Ledgerlink's ids of the records a document refers to, as its catalogue entry declares.

Connectors return references as provider ids (`contact_remote_id`); the API shows the gateway's
ids beside them (`contact`). The ids are derived from (account, model, provider id), so a
reference resolves whatever order the records arrive in.
"""

from __future__ import annotations

from typing import Any

from gateway.records.ids import reference_id
from unified_models import CATALOGUE


def fill_references(model: str, account_id, doc: dict[str, Any]) -> None:
    entry = CATALOGUE.get(model)
    for reference in entry.references if entry else ():
        for holder in reference.holders(doc):
            target = reference.target(holder)
            remote = holder.get(reference.remote_field)
            if reference.many:
                holder[reference.leaf] = [
                    reference_id(account_id, target, rid) for rid in remote or () if rid
                ]
            else:
                holder[reference.leaf] = (
                    reference_id(account_id, target, remote) if remote else None
                )

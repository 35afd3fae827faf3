"""What every fault test checks afterwards: no record lost or duplicated, no event lost."""

from __future__ import annotations

from collections import Counter

COLLECTIONS = {"contact": "Contacts", "invoice": "Invoices", "payment": "Payments"}
LIST_PARAMS = {"contact": {"includeArchived": "true"}, "invoice": {"includeArchived": "true"}}


def remote_counts(live, account) -> dict[str, int]:
    return {
        model: live.remote_count(account, collection, LIST_PARAMS.get(model))
        for model, collection in COLLECTIONS.items()
    }


def assert_books_match(live, account) -> dict[str, int]:
    """The store holds each of the sandbox's records exactly once, each announced by exactly one
    `<model>.created` event, and the account's event sequence has no gap."""
    from gateway.events.models import Event
    from gateway.records.models import Record

    expected = remote_counts(live, account)
    for model in COLLECTIONS:
        ids = list(
            Record.objects.filter(linked_account=account, model=model).values_list(
                "remote_id", flat=True
            )
        )
        assert len(ids) == len(set(ids)) == expected[model], (model, len(ids), expected[model])
    types = Counter(Event.objects.filter(linked_account=account).values_list("type", flat=True))
    for model in COLLECTIONS:
        assert types[f"{model}.created"] == expected[model], (model, types)
    seqs = sorted(Event.objects.filter(linked_account=account).values_list("sequence", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))
    return expected

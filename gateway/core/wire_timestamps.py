"""Rewriting stored JSON whose timestamps were written with `+00:00` into the wire format (`Z`).

Documents and event bodies are stored as the exact JSON the API sends; those stored before the
API settled on `Z` carry `+00:00`. The data migrations of `records` and `events` call
`rewrite_stored` once, so reads keep splicing stored text unchanged.
"""

from __future__ import annotations

import re

#: A whole JSON string that is a UTC timestamp written with `+00:00`. Text, not parsed JSON: a
#: parse and re-dump could change numbers (`1.10`), and the stored text must stay exact.
_UTC_OFFSET = re.compile(r'"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?)\+00:00"')


def rewritten(text: str) -> str | None:
    """`text` with every UTC timestamp ending in `Z`, or None when nothing changes."""
    if "+00:00" not in text:
        return None
    changed = _UTC_OFFSET.sub(r'"\1Z"', text)
    return changed if changed != text else None


def rewrite_stored(model, field: str, batch: int = 1000) -> None:
    """Rewrite `model.field` (JSON text) in batches, touching only rows that change."""
    pending = []
    rows = model.objects.filter(**{f"{field}__contains": "+00:00"}).only("pk", field)
    for row in rows.iterator(chunk_size=batch):
        text = rewritten(getattr(row, field))
        if text is not None:
            setattr(row, field, text)
            pending.append(row)
        if len(pending) >= batch:
            model.objects.bulk_update(pending, [field])
            pending = []
    if pending:
        model.objects.bulk_update(pending, [field])

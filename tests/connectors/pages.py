"""A connector's pages as the provider's pages: the parts a large provider page is handed on in
(`Page.continued`) joined back into it, for tests about provider calls and cursors."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from connectors.base import Page


def provider_pages(pages: Iterable[Page]) -> list[Page]:
    out: list[Page] = []
    held: list[Page] = []
    for page in pages:
        held.append(page)
        if not page.continued:
            out.append(_joined(held))
            held = []
    assert not held, "the last page says more parts follow"
    return out


def _joined(held: list[Page]) -> Page:
    stamps = [p.max_remote_updated_at for p in held if p.max_remote_updated_at is not None]
    return replace(
        held[-1],
        records=[r for p in held for r in p.records],
        calls=sum(p.calls for p in held),
        max_remote_updated_at=max(stamps) if stamps else None,
    )

"""Every URL pattern of the gateway under a prefix, for the isolation matrices (a new URL cannot
be forgotten by them)."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver


def url_patterns(prefix: str) -> Iterator[tuple[str, URLPattern]]:
    """(route, pattern) of every URL pattern whose route starts with ``prefix``."""

    def walk(patterns, above: str) -> Iterator[tuple[str, URLPattern]]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, above + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                route = above + str(entry.pattern)
                if route.startswith(prefix):
                    yield route, entry

    return walk(get_resolver().url_patterns, "")

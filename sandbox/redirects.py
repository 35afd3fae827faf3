"""Which redirect URIs an app's registration admits (both sandboxes' consent steps).

A registered URI matches itself exactly. A loopback one (host ``127.0.0.1``, ``localhost`` or
``[::1]``) also matches the same URI on any port, as RFC 8252 §7.3 asks of authorization
servers for native and local apps ("MUST allow any port to be specified at the time of the
request for loopback IP redirect URIs"): a gateway run on port 8100 links with the demo app
registered for port 8000. Scheme, host, path and query still match exactly; other hosts get no
such leeway. The token exchange then compares its ``redirect_uri`` with the one the code was
issued for, exactly (RFC 6749 §4.1.3).
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def _loopback_key(uri: str) -> tuple[str, ...] | None:
    """The URI without its port if it is a loopback URI, else None."""
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError:
        return None
    if parts.hostname not in LOOPBACK_HOSTS or parts.username or parts.password:
        return None
    return (parts.scheme, parts.hostname, parts.path, parts.query, parts.fragment)


def redirect_uri_allowed(uri: str | None, registered: Iterable[str]) -> bool:
    """``uri`` is registered, or is a registered loopback URI on another port."""
    if not uri:
        return False
    registered = list(registered)
    if uri in registered:
        return True
    key = _loopback_key(uri)
    return key is not None and any(_loopback_key(r) == key for r in registered)

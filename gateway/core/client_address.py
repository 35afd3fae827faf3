"""The address of the client behind a request, as far as the deployment can vouch for it.

`X-Forwarded-For` is written by whoever sends the request, so on its own it proves nothing.
Only the entries appended by the `TRUSTED_PROXY_COUNT` proxies in front of the gateway are
believed: with N trusted proxies the client is the N-th entry from the right (what the
outermost proxy saw). With 0 (the default), or when the header is missing, too short or not an
address there, the socket's peer address is used.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    meta = request.META
    peer = meta.get("REMOTE_ADDR", "")
    trusted = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if trusted <= 0:
        return peer
    entries = [entry.strip() for entry in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(entries) < trusted:
        return peer
    return _address(entries[-trusted]) or peer


def _address(entry: str) -> str | None:
    """The address in an entry, without a port some proxies append (`1.2.3.4:5678`,
    `[2001:db8::1]:5678`); None when it is not an address."""
    if entry.startswith("["):
        entry = entry[1:].partition("]")[0]
    elif entry.count(":") == 1:
        entry = entry.partition(":")[0]
    try:
        return str(ipaddress.ip_address(entry))
    except ValueError:
        return None

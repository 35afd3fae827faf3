"""Webhook endpoint URLs may not point into our own network (SSRF), unless a setting allows it.

Checked when an endpoint is registered and again before every delivery (the name may resolve
elsewhere by then)."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

import urllib3
import urllib3.connection
from django.conf import settings

from gateway.events.embedded_ipv4 import embedded_ipv4, is_opaque_nat64


class UnsafeUrl(ValueError):
    pass


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnsafeUrl("The URL's host does not resolve.") from exc
    return [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Global and not multicast; an IPv6 address carrying an IPv4 one (mapped, compatible,
    NAT64, 6to4, Teredo) is judged by that IPv4 address."""
    if isinstance(address, ipaddress.IPv6Address):
        if is_opaque_nat64(address):
            return False
        inner = embedded_ipv4(address)
        if inner:
            return all(_is_public(v4) for v4 in inner)
    return address.is_global and not address.is_multicast


def check_url(url: str) -> None:
    """Raise UnsafeUrl unless `url` is http(s) and (or the setting allows private targets)
    every address its host resolves to is public."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise UnsafeUrl("Use an http:// or https:// URL.")
    if parts.username or parts.password:
        raise UnsafeUrl("Credentials in the URL are not allowed; verify the signature instead.")
    if settings.WEBHOOK_ALLOW_PRIVATE_URLS:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = _addresses(parts.hostname, port)
    if not addresses or not all(_is_public(a) for a in addresses):
        raise UnsafeUrl("Private, loopback and link-local addresses are not allowed.")


# -- at connect time ------------------------------------------------------------------------
# A name checked as public can resolve elsewhere a moment later (DNS rebinding). The pools
# below check the address the socket actually connected to, before a byte is sent.


class UnsafeConnection(OSError):
    pass


class _PublicPeerOnly:
    def _new_conn(self):
        sock = super()._new_conn()
        peer = ipaddress.ip_address(sock.getpeername()[0].split("%", 1)[0])
        if not _is_public(peer):
            sock.close()
            raise UnsafeConnection(f"connected to a private address ({peer})")
        return sock


class PublicHTTPConnection(_PublicPeerOnly, urllib3.connection.HTTPConnection):
    pass


class PublicHTTPSConnection(_PublicPeerOnly, urllib3.connection.HTTPSConnection):
    pass


class PublicHTTPConnectionPool(urllib3.HTTPConnectionPool):
    ConnectionCls = PublicHTTPConnection


class PublicHTTPSConnectionPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = PublicHTTPSConnection


def delivery_pool(**kwargs) -> urllib3.PoolManager:
    """A pool manager for webhook deliveries: public peers only, unless the setting allows
    private targets."""
    pool = urllib3.PoolManager(**kwargs)
    if not settings.WEBHOOK_ALLOW_PRIVATE_URLS:
        pool.pool_classes_by_scheme = {
            "http": PublicHTTPConnectionPool,
            "https": PublicHTTPSConnectionPool,
        }
    return pool

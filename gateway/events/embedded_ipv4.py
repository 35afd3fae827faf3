"""IPv6 addresses that carry an IPv4 address, and so reach wherever that IPv4 address does.

`ipaddress` calls `64:ff9b::7f00:1` (NAT64 for 127.0.0.1) or `2002:7f00:1::` (6to4) global;
whether such an address is safe to connect to depends on the IPv4 address inside it.
"""

from __future__ import annotations

from ipaddress import IPv4Address, IPv6Address, IPv6Network

#: RFC 6052 well-known NAT64 prefix: the IPv4 address is the last 32 bits.
NAT64_WELL_KNOWN = IPv6Network("64:ff9b::/96")
#: RFC 8215 local-use NAT64 prefix: the operator picks where the IPv4 address sits, so any
#: address in it may lead anywhere.
NAT64_LOCAL_USE = IPv6Network("64:ff9b:1::/48")
#: Deprecated IPv4-compatible addresses (`::a.b.c.d`): the IPv4 address is the last 32 bits.
IPV4_COMPATIBLE = IPv6Network("::/96")


def embedded_ipv4(address: IPv6Address) -> list[IPv4Address]:
    """Every IPv4 address `address` may deliver to (empty when it carries none)."""
    if address.ipv4_mapped:
        return [address.ipv4_mapped]
    if address.sixtofour:
        return [address.sixtofour]
    if address.teredo:
        return list(address.teredo)  # (server, client)
    if address in NAT64_WELL_KNOWN or address in IPV4_COMPATIBLE:
        return [IPv4Address(int(address) & 0xFFFFFFFF)]
    return []


def is_opaque_nat64(address: IPv6Address) -> bool:
    """In the local-use NAT64 prefix, whose IPv4 placement only the network's operator knows."""
    return address in NAT64_LOCAL_USE

"""The client's address as far as this server can trust it (rate limits, login throttling).

`X-Forwarded-For` is believed only when the request came from a proxy listed in ANJIAN_TRUSTED_PROXIES
(addresses or CIDRs; none by default): then the address is the nearest hop, read from the right, that is
not itself a trusted proxy. Anyone else can write that header, so from anyone else it is ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address

from django.conf import settings
from django.http import HttpRequest

Network = IPv4Network | IPv6Network


def _parse(text: str) -> IPv4Address | IPv6Address | None:
    """An address from a header hop: bare, bracketed IPv6, or IPv4 with a port; None when it is not one."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1:text.index("]")]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        return ip_address(text)
    except ValueError:
        return None


def _trusted(address: IPv4Address | IPv6Address | None, proxies: Iterable[Network]) -> bool:
    return address is not None and any(address in net for net in proxies if address.version == net.version)


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind trusted proxies the first untrusted hop of X-Forwarded-For from the right."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies: tuple[Network, ...] = getattr(settings, "ANJIAN_TRUSTED_PROXIES", ())
    if not proxies or not _trusted(_parse(remote), proxies):
        return remote
    client = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _parse(hop)
        if address is None:
            break  # garbage written by someone in front of our proxies: keep the last hop we could trust
        client = str(address)
        if not _trusted(address, proxies):
            break
    return client

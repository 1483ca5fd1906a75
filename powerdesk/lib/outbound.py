"""Addresses a station's staff may make the server call (the station's webhook, its metering
head-end's 召测 address): never inside the server's own networks — loopback, private,
link-local, reserved — unless the server's operator allows those networks
(``POWERDESK_OUTBOUND_NETWORKS``, e.g. the metering system's intranet ``10.20.0.0/16``), or it
is this machine while debugging. Checked when the address is saved (literal addresses and local
names, without asking DNS) and again before each request (the name resolved, as the connection
will resolve it).

>>> inside_address("https://10.0.0.5/x", resolve=False)
'10.0.0.5'
>>> inside_address("https://[fd00::1]/", resolve=False)
'fd00::1'
>>> inside_address("https://metering.internal/ping", resolve=False)
'metering.internal'
>>> inside_address("https://8.8.8.8/hook", resolve=False) is None
True
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings

__all__ = ["inside_address"]

LOCAL_NAMES = ("localhost", ".localhost", ".local", ".internal", ".lan", ".home.arpa")
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [
        ipaddress.ip_network(n, strict=False)
        for n in getattr(settings, "POWERDESK_OUTBOUND_NETWORKS", [])
    ]


def _refused(ip: Address) -> bool:
    if ip.is_loopback and settings.DEBUG:
        return False  # a developer's fake head-end or webhook on this machine
    if ip.is_global:
        return False
    return not any(ip in net for net in _networks())


def inside_address(url: str, *, resolve: bool = True) -> str | None:
    """The address inside the server's networks that ``url`` leads to, if any (refuse it);
    ``None`` when it leads only outside, to allowed networks, or cannot be resolved (the
    connection will fail then anyway). ``resolve=False``: literal addresses and local names
    only (when saving: no waiting on DNS)."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if not host:
        return None
    try:
        found: list[Address] = [ipaddress.ip_address(host)]
    except ValueError:
        if host == "localhost" or host.endswith(LOCAL_NAMES[1:]):
            found = [ipaddress.ip_address("127.0.0.1")] if host == "localhost" else []
            if not found:
                return host
        elif not resolve:
            return None
        else:
            try:
                infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
            except (OSError, UnicodeError):
                return None
            found = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for ip in found:
        if _refused(ip):
            return str(ip)
    return None

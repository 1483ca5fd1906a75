"""Addresses a station's staff may make the server call (the station's webhook, its metering
head-end's 召测 address): never inside the server's own networks — loopback, private,
link-local, reserved — unless the server's operator allows those networks
(``POWERDESK_OUTBOUND_NETWORKS``, e.g. the metering system's intranet ``10.20.0.0/16``), or it
is this machine while debugging. Checked when the address is saved (literal addresses and local
names, without asking DNS) and again for each connection: the name resolved once, checked, and
the connection made to that very address (``pinned_address``; the name kept as Host and TLS
server name), so that DNS cannot answer differently between the check and the connection.

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

__all__ = ["InsideAddress", "inside_address", "pinned_address"]

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


def _resolve(host: str) -> list[Address]:
    """The name's addresses, as DNS gives them now (raises ``OSError`` if none)."""
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").rstrip(".").lower()


def inside_address(
    url: str, *, resolve: bool = True, found: list[Address] | None = None
) -> str | None:
    """The address inside the server's networks that ``url`` leads to, if any (refuse it);
    ``None`` when it leads only outside, to allowed networks, or cannot be resolved (the
    connection will fail then anyway). ``resolve=False``: literal addresses and local names
    only (when saving: no waiting on DNS); ``found``: the addresses already resolved (the
    ones the connection will go to: ``pinned_address``)."""
    host = _host(url)
    if not host:
        return None
    if found is None:
        try:
            found = [ipaddress.ip_address(host)]
        except ValueError:
            if host == "localhost" or host.endswith(LOCAL_NAMES[1:]):
                found = [ipaddress.ip_address("127.0.0.1")] if host == "localhost" else []
                if not found:
                    return host
            elif not resolve:
                return None
            else:
                try:
                    found = _resolve(host)
                except (OSError, UnicodeError):
                    return None
    for ip in found:
        if _refused(ip):
            return str(ip)
    return None


class InsideAddress(ValueError):
    """The address leads inside the server's networks (``address``: where)."""

    def __init__(self, address: str) -> None:
        super().__init__(f"the address leads inside the server's networks ({address})")
        self.address = address


def pinned_address(url: str) -> str:
    """The one address to connect to for ``url``: its name resolved once, here, and checked
    (``inside_address``); the request then goes to this address, with the name as its Host
    and TLS server name, so that a name that resolves elsewhere a moment later (DNS
    rebinding) changes nothing. Raises ``InsideAddress``, or ``OSError`` if it does not
    resolve."""
    host = _host(url)
    if not host:
        raise OSError("no host in the address")
    try:
        found: list[Address] = [ipaddress.ip_address(host)]
    except ValueError:
        if host == "localhost":
            found = [ipaddress.ip_address("127.0.0.1")]
        elif host.endswith(LOCAL_NAMES[1:]):
            raise InsideAddress(host) from None
        else:
            try:
                found = _resolve(host)
            except UnicodeError as exc:
                raise OSError(str(exc)) from None
    if not found:
        raise OSError(f"{host} has no address")
    inside = inside_address(url, found=found)
    if inside is not None:
        raise InsideAddress(inside)
    return str(found[0])

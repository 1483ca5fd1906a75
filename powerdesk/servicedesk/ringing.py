"""The telephone system's pre-filled intake address, without the caller's number in it.

The number and the call id are kept in the shared cache under a random key for a few minutes;
the address the telephone system opens carries only the key (``?ring=...``), so the number
never reaches an access log, the browser's history or a proxy.
"""

from __future__ import annotations

import secrets

from django.core.cache import cache

__all__ = ["RING_SECONDS", "ring_keep", "ring_read"]

RING_SECONDS = 15 * 60  # a call is answered long before this


def ring_keep(*, station_id: int, number: str, call_id: str) -> str:
    """Keep a ringing call's number and id; returns the key for the intake address."""
    key = secrets.token_urlsafe(16)
    cache.set(
        f"ring:{key}",
        {"station": station_id, "number": number[:40], "call_id": call_id[:64]},
        timeout=RING_SECONDS,
    )
    return key


def ring_read(*, station_id: int, key: str) -> tuple[str, str]:
    """The number and call id kept under ``key`` for this station (blank when unknown or gone)."""
    if not key or len(key) > 64:
        return "", ""
    ring = cache.get(f"ring:{key}")
    if not isinstance(ring, dict) or ring.get("station") != station_id:
        return "", ""
    return str(ring.get("number", "")), str(ring.get("call_id", ""))

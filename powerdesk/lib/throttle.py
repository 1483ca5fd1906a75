"""How often one address or one number may try something, counted in Django's cache.

A fixed window: ``allow`` counts a try in the current window and says whether it is within the
limit. The key is hashed, so the cache holds no address or account number in clear. With the
default local-memory cache each server process counts on its own; a deployment with several
processes points ``CACHES`` at a shared cache (Redis, Memcached or the database).
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache

__all__ = ["allow", "client_address", "tries", "window_left"]


def allow(scope: str, key: str, *, limit: int, seconds: int) -> bool:
    """Count one try of ``key`` at ``scope``; False once more than ``limit`` were counted in
    the current window of ``seconds``."""
    name = _name(scope, key, seconds)
    if cache.add(name, 1, timeout=seconds):
        return limit >= 1
    try:
        count = cache.incr(name)
    except ValueError:  # expired between the two calls
        cache.set(name, 1, timeout=seconds)
        count = 1
    return count <= limit


def tries(scope: str, key: str, *, seconds: int) -> int:
    """How many tries of ``key`` were counted at ``scope`` in the current window (none counted
    by asking)."""
    return int(cache.get(_name(scope, key, seconds)) or 0)


def window_left(seconds: int) -> int:
    """Seconds until the current window ends and the count starts again."""
    return max(1, int(seconds - time.time() % seconds))


def _name(scope: str, key: str, seconds: int) -> str:
    window = int(time.time() // seconds)
    digest = hashlib.sha256(f"{scope}\0{key}".encode()).hexdigest()[:32]
    return f"throttle:{scope}:{digest}:{window}"


def client_address(request: object) -> str:
    """The address the request came from, as the server saw it.

    ``X-Forwarded-For`` is not read: anyone can write it, and a limit by address would mean
    nothing. Behind a reverse proxy, the server must be set up so that ``REMOTE_ADDR`` is the
    client's address, or every villager counts as the proxy.
    """
    meta = getattr(request, "META", {})
    return str(meta.get("REMOTE_ADDR", ""))[:64]

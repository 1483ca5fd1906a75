"""How often one address or one number may try something, counted in Django's cache.

A fixed window: ``allow`` counts a try in the current window and says whether it is within the
limit. A rolling window (``count_rolling``, ``tries_rolling``, ``rolling_left``): the tries of the
last ``seconds``, whenever it is, kept by the minute (a try counts for ``seconds`` and at most a
minute more) — one counter a minute, added to atomically, and one read of them all to ask. The
key is hashed, so the cache holds no address or account number in clear. With the default
local-memory cache each server process counts on its own; a deployment with several processes
points ``CACHES`` at a shared cache (Redis, Memcached or the database).
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache

__all__ = [
    "allow",
    "client_address",
    "count_rolling",
    "rolling_left",
    "tries",
    "tries_rolling",
    "window_left",
]

# The rolling window's counts are kept by the minute.
ROLLING_STEP = 60  # seconds


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


def count_rolling(scope: str, key: str, *, seconds: int) -> None:
    """Count one try of ``key`` at ``scope`` now, for a rolling window of ``seconds``."""
    name = _minute_name(scope, key, int(time.time() // ROLLING_STEP))
    timeout = seconds + 2 * ROLLING_STEP
    if cache.add(name, 1, timeout=timeout):
        return
    try:
        cache.incr(name)
    except ValueError:  # expired between the two calls
        cache.add(name, 1, timeout=timeout)


def tries_rolling(scope: str, key: str, *, seconds: int) -> int:
    """How many tries of ``key`` were counted at ``scope`` in the last ``seconds``."""
    return sum(_rolling(scope, key, seconds).values())


def rolling_left(scope: str, key: str, *, seconds: int, limit: int) -> int:
    """Seconds until fewer than ``limit`` tries are left in the rolling window (its oldest
    minutes leaving it one by one); 0 when there are fewer already."""
    counts = _rolling(scope, key, seconds)
    total = sum(counts.values())
    now = time.time()
    for minute in sorted(counts):
        if total < limit:
            break
        total -= counts[minute]
        leaves = (minute + 1) * ROLLING_STEP + seconds
        if total < limit:
            return max(1, int(leaves - now + 0.999))
    return 0


def _rolling(scope: str, key: str, seconds: int) -> dict[int, int]:
    """The counts of the minutes whose tries are still in the window: each minute's leave it
    ``seconds`` after the minute ends."""
    now = time.time()
    first = int((now - seconds) // ROLLING_STEP)
    last = int(now // ROLLING_STEP)
    names = {_minute_name(scope, key, m): m for m in range(first, last + 1)}
    found = cache.get_many(list(names))
    return {names[name]: int(count or 0) for name, count in found.items()}


def _minute_name(scope: str, key: str, minute: int) -> str:
    digest = hashlib.sha256(f"{scope}\0{key}".encode()).hexdigest()[:32]
    return f"throttle-rolling:{scope}:{digest}:{minute}"


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

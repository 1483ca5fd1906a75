"""Redis as Django's cache, where a Redis that is down does not take the site down with it.

What PowerDesk keeps in its cache can be lost without harm: API and login-attempt counts (a
window not counted), the telephone system's pre-filled intake (the clerk types the number),
the public outage page and the reports' figures (made again). So a cache error is logged and
answered as a miss (``get`` gives the default, ``add``/``set`` say nothing was stored); the page
is served. ``/healthz`` asks ``ping()``, which does raise, and says the cache is down.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

__all__ = ["TolerantRedisCache"]

logger = logging.getLogger("powerdesk.cache")
F = TypeVar("F", bound=Callable[..., Any])


def _tolerant(missing: Callable[..., Any]) -> Callable[[F], F]:
    def decorate(method: F) -> F:
        @functools.wraps(method)
        def wrapper(self: RedisCache, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except RedisError as exc:
                logger.warning(
                    "cache unavailable (%s): %s skipped", type(exc).__name__, method.__name__
                )
                return missing(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


class TolerantRedisCache(RedisCache):
    @_tolerant(lambda key, default=None, version=None: default)
    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return super().get(key, default, version)

    @_tolerant(lambda *a, **k: False)
    def add(self, *args: Any, **kwargs: Any) -> bool:
        return super().add(*args, **kwargs)

    @_tolerant(lambda *a, **k: None)
    def set(self, *args: Any, **kwargs: Any) -> None:
        super().set(*args, **kwargs)

    @_tolerant(lambda *a, **k: False)
    def touch(self, *args: Any, **kwargs: Any) -> bool:
        return super().touch(*args, **kwargs)

    @_tolerant(lambda *a, **k: False)
    def delete(self, *args: Any, **kwargs: Any) -> bool:
        return super().delete(*args, **kwargs)

    @_tolerant(lambda *a, **k: {})
    def get_many(self, *args: Any, **kwargs: Any) -> dict[Any, Any]:
        return super().get_many(*args, **kwargs)

    @_tolerant(lambda *a, **k: [])
    def set_many(self, *args: Any, **kwargs: Any) -> list[Any]:
        return super().set_many(*args, **kwargs)

    @_tolerant(lambda *a, **k: False)
    def has_key(self, *args: Any, **kwargs: Any) -> bool:
        return super().has_key(*args, **kwargs)

    @_tolerant(lambda key, delta=1, version=None: delta)
    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        # A count that cannot be kept counts as the first: nothing is refused for a lost cache.
        return super().incr(key, delta, version)

    def ping(self) -> bool:
        """True when Redis answers; raises ``RedisError`` when it does not (for ``/healthz``)."""
        return bool(self._cache.get_client(None, write=True).ping())

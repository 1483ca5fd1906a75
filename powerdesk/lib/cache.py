"""Django's cache backends of PowerDesk: the file cache whose counts are kept across processes,
and Redis, where a Redis that is down does not take the site down with it.

**Files** (the default on one machine, shared by its processes): Django's ``FileBasedCache``
counts by reading and writing again, and writes the count with the default timeout (five
minutes). Two processes counting at once lose a try, and a login-attempt count of an hour's window
was forgotten five minutes after its last try. ``LockingFileCache`` adds and counts under a lock
held across processes (``fcntl.flock`` on one of ``LOCK_STRIPES`` lock files, chosen by the key),
keeping the count's own expiry.

**Redis**:
What PowerDesk keeps in its cache can be lost without harm: API and login-attempt counts (a
window not counted), the telephone system's pre-filled intake (the clerk types the number),
the public outage page and the reports' figures (made again). So a cache error is logged and
answered as a miss (``get`` gives the default, ``add``/``set`` say nothing was stored); the page
is served. ``/healthz`` asks ``ping()``, which does raise, and says the cache is down.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import logging
import os
import pickle
import tempfile
import zlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from django.core.files.move import file_move_safe
from redis.exceptions import RedisError

__all__ = ["LockingFileCache", "TolerantRedisCache"]

LOCK_STRIPES = 64  # lock files in the cache's folder ("locks/"), shared by the keys


class LockingFileCache(FileBasedCache):
    """``FileBasedCache`` whose ``add`` and ``incr`` (and ``decr``) are atomic across the
    processes sharing its folder, and whose ``incr`` keeps the entry's expiry."""

    _dir: str  # FileBasedCache's own, which the type stubs leave out
    if TYPE_CHECKING:

        def _key_to_file(self, key: Any, version: int | None = None) -> str: ...
        def _is_expired(self, f: Any) -> bool: ...

    @contextlib.contextmanager
    def _locked(self, fname: str) -> Iterator[None]:
        folder = os.path.join(self._dir, "locks")
        os.makedirs(folder, mode=0o700, exist_ok=True)
        stripe = int(os.path.basename(fname)[:8], 16) % LOCK_STRIPES
        with open(os.path.join(folder, f"{stripe}.lock"), "ab") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        with self._locked(self._key_to_file(key, version)):
            return super().add(key, value, timeout, version)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        fname = self._key_to_file(key, version)
        with self._locked(fname):
            try:
                with open(fname, "rb") as f:
                    expired = self._is_expired(f)
                    if not expired:
                        f.seek(0)
                        expiry = pickle.load(f)
                        value = pickle.loads(zlib.decompress(f.read()))
            except FileNotFoundError:
                expired = True
            if expired:
                raise ValueError(f"Key {key!r} not found")
            value += delta
            self._write_with_expiry(fname, value, expiry)
            return value

    def _write_with_expiry(self, fname: str, value: Any, expiry: float | None) -> None:
        fd, tmp_path = tempfile.mkstemp(dir=self._dir)
        renamed = False
        try:
            with open(fd, "wb") as f:
                f.write(pickle.dumps(expiry, self.pickle_protocol))
                f.write(zlib.compress(pickle.dumps(value, self.pickle_protocol)))
            file_move_safe(tmp_path, fname, allow_overwrite=True)
            renamed = True
        finally:
            if not renamed:
                os.remove(tmp_path)


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

"""The file cache (the default on one machine, shared by its processes) keeps counts whole:
tries counted by several processes at once are all counted, a count keeps its window, and of
two processes adding the same key only one does. Login and API limits count there."""

from __future__ import annotations

import multiprocessing
import pickle
import tempfile
import time
from pathlib import Path

import pytest

from powerdesk.lib import throttle
from powerdesk.lib.cache import LockingFileCache
from powerdesk.settings import _cache


@pytest.fixture
def folder() -> str:
    with tempfile.TemporaryDirectory() as name:
        yield name


def expiry(cache: LockingFileCache, key: str) -> float:
    with open(cache._key_to_file(key), "rb") as f:
        return float(pickle.load(f))


def test_the_default_cache_is_the_locking_file_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POWERDESK_CACHE_URL", raising=False)
    assert _cache()["BACKEND"] == "powerdesk.lib.cache.LockingFileCache"


def test_a_count_keeps_its_window(folder: str) -> None:
    cache = LockingFileCache(folder, {})
    assert cache.add("tries", 1, timeout=3600)
    for _ in range(3):
        cache.incr("tries")
    assert cache.get("tries") == 4
    assert expiry(cache, "tries") - time.time() > 3500  # not the default five minutes
    assert cache.decr("tries") == 3


def test_a_count_gone_or_expired_is_not_counted(folder: str) -> None:
    cache = LockingFileCache(folder, {})
    with pytest.raises(ValueError):
        cache.incr("never")
    cache.set("old", 5, timeout=1)
    Path(cache._key_to_file("old")).write_bytes(
        pickle.dumps(time.time() - 1) + Path(cache._key_to_file("old")).read_bytes()[-20:]
    )
    with pytest.raises(ValueError):
        cache.incr("old")
    assert cache.add("old", 1)  # the expired entry is replaced


def _count(folder: str, times: int) -> None:
    cache = LockingFileCache(folder, {})
    for _ in range(times):
        if not cache.add("n", 1, timeout=600):
            cache.incr("n")


def _add(folder: str, key: str, results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    results.put(LockingFileCache(folder, {}).add(key, 1, timeout=600))


def test_processes_counting_at_once_lose_no_try(folder: str) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_count, args=(folder, 150)) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
        assert w.exitcode == 0
    assert LockingFileCache(folder, {}).get("n") == 600


def test_of_processes_adding_one_key_at_once_one_adds(folder: str) -> None:
    context = multiprocessing.get_context("spawn")
    for round_ in range(3):
        results = context.Queue()
        workers = [
            context.Process(target=_add, args=(folder, f"k{round_}", results)) for _ in range(4)
        ]
        for w in workers:
            w.start()
        for w in workers:
            w.join(120)
        assert sorted(results.get(timeout=10) for _ in workers) == [False, False, False, True]


def test_login_tries_of_an_hour_stay_counted_in_the_file_cache(
    folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = LockingFileCache(folder, {})
    monkeypatch.setattr(throttle, "cache", cache)
    clock = [1_800_000_000.0]
    monkeypatch.setattr(time, "time", lambda: clock[0])  # the throttle's and the cache's clock
    for _ in range(3):
        throttle.count_rolling("login", "10.0.0.9", seconds=3600)
    clock[0] += 1200  # twenty minutes on, the tries still count
    assert throttle.tries_rolling("login", "10.0.0.9", seconds=3600) == 3

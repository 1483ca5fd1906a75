"""The classifier every part of the application shares, so that every process uses the same one.

The models are kept in a folder (``model_store.ModelStore``: numbered models and a pointer to
the one in use, written so that a reader never sees half of one). A process checks the pointer
each time it classifies and loads a newer model when there is one, so web processes learn
without a restart. A model that could not be read is tried again after a back-off (30 s,
doubling up to 30 minutes), not given up for the life of the process.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from powerdesk.servicedesk.understanding.classifier import CallClassifier
from powerdesk.servicedesk.understanding.model_store import ModelStore, corpus_fingerprint
from powerdesk.servicedesk.understanding.training import (
    train_on_corpus,
    train_on_corpus_in_stages,
)

__all__ = [
    "ModelStore",
    "classifier_loading",
    "corpus_fingerprint",
    "default_classifier",
    "ready_classifier",
    "use_corrections_from",
    "use_store",
]

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_store = ModelStore(None)
_loaded: tuple[int, CallClassifier] | None = None
_corrections_source: Callable[[], Iterable[tuple[str, str]]] | None = None
# Reading a stored model for the callers (``ready_classifier``), in a thread of its own.
_loading: threading.Thread | None = None
# A stored model that could not be read is tried again after RETRY_FIRST, then after twice as
# long each time, up to RETRY_MOST (a file being copied in by hand, a disk full for a while).
RETRY_FIRST = 30.0
RETRY_MOST = 1800.0
_clock = time.monotonic


@dataclass(frozen=True)
class Failed:
    """A stored model that could not be read: how many tries failed, when to try again."""

    version: int
    tries: int
    retry_at: float  # on ``_clock``


_failed: Failed | None = None
# A note classified once by a model just read, so that jieba's dictionary and the compiled
# probabilities are ready before the model answers its first caller.
WARM_NOTE = "家里停电了，电表没有显示"


def use_store(folder: Path | ModelStore | None) -> ModelStore:
    """Keep models in ``folder`` (None: in this process's memory only), or in that store."""
    global _store, _loaded, _failed
    with _lock:
        _store = folder if isinstance(folder, ModelStore) else ModelStore(folder)
        _loaded = None
        _failed = None
        return _store


def current_store() -> ModelStore:
    return _store


def use_corrections_from(source: Callable[[], Iterable[tuple[str, str]]] | None) -> None:
    """Where a first classifier finds staff corrections when there is none stored yet."""
    global _corrections_source
    _corrections_source = source


def default_classifier() -> CallClassifier:
    """The current classifier: the stored one (newer ones picked up as they are published), or
    one trained on the shipped corpus and staff corrections when none is stored yet."""
    global _loaded
    with _lock:
        pointer = _store.pointer()
        if pointer is None:
            with contextlib.ExitStack() as held:
                with contextlib.suppress(OSError):  # a folder that cannot be written: no lock
                    held.enter_context(_store.training())
                pointer = _store.pointer()  # another process may have trained it meanwhile
                if pointer is None:
                    corrections = list(_corrections_source()) if _corrections_source else []
                    trained = _first_trained(corrections)
                    # Another process may have published first: use theirs, so all agree.
                    pointer = _store.pointer()
                    if pointer is None:  # the folder cannot be written: keep what was trained
                        _loaded = (0, trained)
                        return trained
        if _loaded is None or _loaded[0] != pointer["version"]:
            try:
                _loaded = (int(pointer["version"]), _store.load(pointer))
            except FileNotFoundError:
                # Pruned between reading the pointer and the file: a newer one is current.
                pointer = _store.pointer() or pointer
                _loaded = (int(pointer["version"]), _store.load(pointer))
        return _loaded[1]


def _first_trained(corrections: list[tuple[str, str]]) -> CallClassifier:
    """Train the first classifier and store it. In a folder (the task worker, for every
    process), in two stages (``train_on_corpus_in_stages``): the categories are stored as soon as
    they are learnt (a sixth of the training, measured on a loaded 2-core machine: 473 s of
    2,736; the rules' labels of every note, the learned detector's and veto's folds are the
    rest; meanwhile urgency is the rules' alone, as before any model), then the whole model, in
    place of that first one only (a model published meanwhile stays). In memory, in one."""
    if _store.folder is None:
        trained = train_on_corpus(corrections)
        _store.publish(trained, reason="first use", only_if_none=True)
        return trained
    stages = train_on_corpus_in_stages(corrections)
    trained = next(stages)
    began = time.monotonic()
    first = None
    with contextlib.suppress(OSError):  # a folder that cannot be written: kept here only
        first = _store.publish(
            trained, reason="first use: categories, urgency by the rules", only_if_none=True
        )
    if first is None and _store.pointer() is not None:
        return trained  # another process published first: theirs is used
    trained = next(stages)
    with contextlib.suppress(OSError):
        if first is not None:
            _store.publish(trained, reason="first use", only_over=first)
    logger.info("the first classifier's detector and veto took %.0f s", time.monotonic() - began)
    return trained


def ready_classifier() -> CallClassifier | None:
    """The classifier for a caller who is waiting (the intake page, the API, the public page):
    the one this process has read, never one trained or read from disk while they wait.

    A model stored and not yet read here (the first one the task worker trained, or a retrained
    one) is read in a thread of its own (``classifier_loading``) while the one read before goes
    on answering. None until a first model is read: calls are then taken without a suggested
    category (the clerk chooses it) and the rules alone say what is urgent. Training is the task
    worker's (``retrain_classifier``), never a web process's.

    A store without a folder (the tests, a command on its own) is this process's alone, and
    no other process can train for it: as ``default_classifier``.
    """
    if _store.folder is None:
        return default_classifier()
    loaded = _loaded  # one name read: no lock, so that callers never queue here
    classifier_loading()
    return loaded[1] if loaded else None


def classifier_loading() -> threading.Thread | None:
    """The thread reading the stored model into this process, started when a model is stored
    that is not the one read here (None when there is nothing to read: none stored, or the one
    stored is read already)."""
    global _loading
    source = _store
    if source.folder is None:
        return None
    pointer = source.pointer()  # outside the lock: a stat, and a read only when it changed
    if pointer is None:
        return None
    version = int(pointer["version"])
    with _lock:
        if source is not _store:  # another store was chosen meanwhile
            return None
        failed = _failed
        waiting = failed is not None and failed.version == version and _clock() < failed.retry_at
        if (_loaded is not None and _loaded[0] == version) or waiting:
            return _loading if _loading is not None and _loading.is_alive() else None
        if _loading is None or not _loading.is_alive():
            _loading = threading.Thread(
                target=_load_stored, args=(source,), name="classifier-load", daemon=True
            )
            _loading.start()
        return _loading


def _load_stored(source: ModelStore) -> None:
    """Read the stored model and make it this process's, once it has classified a note."""
    global _loaded, _failed
    pointer = source.pointer()
    if pointer is None:
        return
    version = int(pointer["version"])
    try:
        try:
            classifier = source.load(pointer)
        except FileNotFoundError:
            # Pruned between reading the pointer and the file: a newer one is current.
            pointer = source.pointer() or pointer
            version = int(pointer["version"])
            classifier = source.load(pointer)
        classifier.suggest_one(WARM_NOTE)
    except Exception:  # a broken file: the callers go on with what they have, until a retry
        with _lock:
            before = _failed if _failed is not None and _failed.version == version else None
            tries = before.tries + 1 if before is not None else 1
            wait = min(RETRY_FIRST * 2 ** (tries - 1), RETRY_MOST)
            if _store is source:
                _failed = Failed(version=version, tries=tries, retry_at=_clock() + wait)
        said = "the stored call classifier (version %s) could not be read; tried again in %d s"
        logger.exception(said, version, wait)
        return
    with _lock:
        if _store is source:
            if _failed is not None and _failed.version <= version:
                _failed = None
            if _loaded is None or _loaded[0] < version:
                _loaded = (version, classifier)

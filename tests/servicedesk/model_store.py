"""The store of call classifiers a test reads from: one of its own for the while, or an empty one
as on a fresh start (before the task worker has trained a model), where the web process must
never train one itself."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

from powerdesk.servicedesk.understanding import store


@contextmanager
def store_in(folder: Path | None) -> Iterator[store.ModelStore]:
    """Classifiers read from and published to ``folder`` (None: kept in memory) for the while;
    the store used before is put back after."""
    before = store.current_store()
    try:
        yield store.use_store(folder)
    finally:
        store.use_store(before)


def _trained_in_this_process(*_args: Any, **_kwargs: Any) -> Any:
    raise AssertionError("a web process trained the call classifier")


@contextmanager
def no_model_stored() -> Iterator[Path]:
    """An empty store in a temporary folder (the folder is yielded), and any training of a
    classifier in this process a failure."""
    with tempfile.TemporaryDirectory() as folder:
        classifiers = Path(folder) / "classifier"
        with (
            store_in(classifiers),
            mock.patch.object(store, "train_on_corpus", _trained_in_this_process),
            mock.patch.object(store, "train_on_corpus_in_stages", _trained_in_this_process),
        ):
            yield classifiers

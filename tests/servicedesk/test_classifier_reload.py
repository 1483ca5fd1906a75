"""The category suggestion and the stored model (review of round 24, finding 4): the pointer
file was stat-ed and read under the process's one lock on every suggestion, so that callers
queued behind one another's reads; and a model that failed to load once was never tried again
for the life of the process (a file still being copied in left the desk without suggestions
until a restart). The pointer is read once per change, outside the lock, and a failed model is
tried again after a back-off."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any
from unittest import mock

from powerdesk.servicedesk.understanding import store, suggest
from tests.base import BaseTestCase
from tests.servicedesk.model_store import no_model_stored
from tests.servicedesk.test_classifier_learning import small_classifier

NOTE = "家里停电了"


class Clock:
    """``store._clock`` moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class StoredModelTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.folder = self.enterContext(no_model_stored())
        self.clock = Clock()
        patched = mock.patch.object(store, "_clock", self.clock)
        patched.start()
        self.addCleanup(patched.stop)

    def loaded(self) -> None:
        """Let the thread reading the model, if one was started, finish."""
        loading = store._loading
        if loading is not None:
            loading.join(60)

    def test_a_model_that_failed_to_load_is_tried_again_after_a_back_off(self) -> None:
        store.ModelStore(self.folder).publish(small_classifier(), reason="the task worker's")
        load = store.ModelStore.load
        tries: list[int] = []

        def flaky(this: store.ModelStore, pointer: dict[str, Any]) -> Any:
            tries.append(int(pointer["version"]))
            if len(tries) == 1:
                raise OSError("the file is still being copied")
            return load(this, pointer)

        with mock.patch.object(store.ModelStore, "load", flaky):
            self.assertTrue(suggest.suggestion_for(NOTE).by_hand)
            self.loaded()
            self.assertEqual(tries, [1])
            # Within the back-off: not tried again at every suggestion.
            self.clock.now += store.RETRY_FIRST - 1
            self.assertTrue(suggest.suggestion_for(NOTE).by_hand)
            self.loaded()
            self.assertEqual(tries, [1])
            # After it: tried again, and used.
            self.clock.now += 2
            suggest.suggestion_for(NOTE)
            self.loaded()
        self.assertEqual(tries, [1, 1])
        suggestion = suggest.suggestion_for(NOTE)
        self.assertFalse(suggestion.by_hand)
        self.assertTrue(suggestion.category)

    def test_the_back_off_doubles_while_it_keeps_failing(self) -> None:
        store.ModelStore(self.folder).publish(small_classifier(), reason="the task worker's")
        tries: list[float] = []

        def broken(this: store.ModelStore, pointer: dict[str, Any]) -> Any:
            tries.append(self.clock.now)
            raise OSError("broken")

        with mock.patch.object(store.ModelStore, "load", broken):
            for _turn in range(40):  # a suggestion every 10 s for 400 s
                store.ready_classifier()
                self.loaded()
                self.clock.now += 10
        waits = [b - a for a, b in itertools.pairwise(tries)]
        self.assertEqual(waits, [30.0, 60.0, 120.0])  # the next is due after 240 s more

    def test_the_pointer_is_read_once_per_change_and_never_under_the_lock(self) -> None:
        writer = store.ModelStore(self.folder)
        writer.publish(small_classifier(), reason="the task worker's")
        reads: list[bool] = []  # whether the lock was held, at each read of the pointer
        read_text = Path.read_text

        def watched(path: Path, *args: Any, **kwargs: Any) -> str:
            if path.name == "current.json":
                reads.append(store._lock.locked())
            return read_text(path, *args, **kwargs)

        with mock.patch.object(Path, "read_text", watched):
            suggest.suggestion_for(NOTE)
            self.loaded()
            for _turn in range(5):
                self.assertFalse(suggest.suggestion_for(NOTE).by_hand)
            self.assertEqual(len(reads), 1)
        writer.publish(small_classifier(per_category=6), reason="retrained")
        with mock.patch.object(Path, "read_text", watched):
            suggest.suggestion_for(NOTE)
            self.loaded()
            suggest.suggestion_for(NOTE)
        self.assertEqual(len(reads), 2)
        self.assertEqual(reads, [False, False])
        self.assertEqual(store._loaded[0] if store._loaded else None, 2)

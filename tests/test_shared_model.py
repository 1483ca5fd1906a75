"""The suite's shared base classifier: trained once per machine and key, never for corrections."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

import pytest

from powerdesk.servicedesk.understanding.classifier import CallClassifier
from tests import shared_model
from tests.servicedesk.test_classifier_learning import small_classifier


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(shared_model, "FOLDER", tmp_path)
    return tmp_path


def counting() -> tuple[list[list[tuple[str, str]]], shared_model.Train]:
    calls: list[list[tuple[str, str]]] = []

    def train(corrections: Iterable[tuple[str, str]]) -> CallClassifier:
        calls.append(list(corrections))
        return small_classifier()

    return calls, train


def test_the_base_model_is_trained_once_and_then_loaded(folder: Path) -> None:
    calls, train = counting()
    first = shared_model.sharing(train)()
    second = shared_model.sharing(train)()  # another session of the same machine
    assert calls == [[]]
    assert second is not first and second.trained_on == first.trained_on


def test_corrections_are_always_trained(folder: Path) -> None:
    calls, train = counting()
    shared_model.sharing(train)([("一条更正", "billing")])
    shared_model.sharing(train)([("一条更正", "billing")])
    assert calls == [[("一条更正", "billing")]] * 2
    assert not list(folder.glob("model-*.pickle"))


def test_another_key_trains_anew_and_drops_only_files_unused_for_a_day(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls, train = counting()
    monkeypatch.setattr(shared_model, "model_key", lambda: "old")
    shared_model.sharing(train)()
    monkeypatch.setattr(shared_model, "model_key", lambda: "other-checkout")
    shared_model.sharing(train)()
    assert len(calls) == 2
    assert len(list(folder.glob("model-*.pickle"))) == 2  # another checkout's stays
    long_ago = time.time() - 2 * 24 * 3600
    os.utime(folder / "model-old.pickle", (long_ago, long_ago))
    monkeypatch.setattr(shared_model, "model_key", lambda: "changed-code")
    shared_model.sharing(train)()
    names = sorted(p.name for p in folder.glob("model-*.pickle"))
    assert names == ["model-changed-code.pickle", "model-other-checkout.pickle"]


def test_a_whole_run_starts_training_beside_the_tests_only_when_no_model_is_kept(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from unittest import mock

    monkeypatch.setattr(shared_model, "model_key", lambda: "k")
    with mock.patch.object(shared_model.subprocess, "Popen") as popen:
        shared_model.start_training()
        (folder / "model-k.pickle").write_bytes(b"kept")
        shared_model.start_training()
    assert popen.call_count == 1
    command = popen.call_args.args[0]
    assert command[1:] == ["-m", "tests.shared_model"]


def test_no_second_trainer_is_started_while_one_holds_the_lock(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl
    from unittest import mock

    monkeypatch.setattr(shared_model, "model_key", lambda: "k")
    with (
        shared_model.lock_path().open("a") as held,
        (folder / ".model-other.lock").open("a") as other,
        mock.patch.object(shared_model.subprocess, "Popen") as popen,
    ):
        # another checkout training another key does not hold this one back
        fcntl.flock(other, fcntl.LOCK_EX)
        fcntl.flock(held, fcntl.LOCK_EX)
        # another process: flock locks are per open file, so a second open of the file waits
        assert shared_model.start_training() is None
        fcntl.flock(held, fcntl.LOCK_UN)
        shared_model.start_training()
    assert popen.call_count == 1


def test_the_models_are_kept_in_a_folder_of_this_user_s_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert shared_model.FOLDER.name == f"powerdesk-test-models-{os.getuid()}"
    monkeypatch.setattr(shared_model, "FOLDER", tmp_path / "models")
    monkeypatch.setattr(shared_model, "model_key", lambda: "k")
    calls, train = counting()
    shared_model.sharing(train)()
    shared_model.sharing(train)()
    assert calls == [[]]
    found = (tmp_path / "models").stat()
    assert (found.st_uid, found.st_mode & 0o777) == (os.getuid(), 0o700)


def test_a_folder_open_to_others_is_neither_read_nor_kept_in(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle
    from unittest import mock

    monkeypatch.setattr(shared_model, "model_key", lambda: "k")
    folder.chmod(0o755)  # as /tmp/powerdesk-test-models was: anyone could have made it
    planted = small_classifier()
    (folder / "model-k.pickle").write_bytes(pickle.dumps(planted))
    calls, train = counting()
    shared_model.sharing(train)()
    assert calls == [[]]  # trained here: the file found there is not read
    assert sorted(p.name for p in folder.iterdir()) == ["model-k.pickle"]  # nothing kept
    with mock.patch.object(shared_model.subprocess, "Popen") as popen:
        (folder / "model-k.pickle").unlink()
        assert shared_model.start_training() is None
    assert popen.call_count == 0

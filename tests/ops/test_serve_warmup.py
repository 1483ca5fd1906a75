"""``powerdesk serve``'s workers load the call classifier and jieba before their first request,
and a start slower than gunicorn's timeout does not get a worker killed as hung."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from unittest import mock

import pytest

from powerdesk.ops import gunicorn_conf, warmup
from powerdesk.ops.management.commands import serve
from powerdesk.servicedesk.understanding import store
from tests.ops.processes import ROOT, SharedDatabase, free_port, wait_for


class FakeWorker:
    timeout = 0.1  # gunicorn gives a worker half the master's timeout

    def __init__(self) -> None:
        self.beats = 0

    def notify(self) -> None:
        self.beats += 1


def test_a_worker_waits_for_the_classifier_and_says_it_lives_meanwhile() -> None:
    loaded = threading.Event()

    def slow_load() -> None:
        time.sleep(0.6)
        loaded.set()

    worker = FakeWorker()
    with (
        mock.patch.object(warmup, "warm_up", slow_load),
        mock.patch.object(warmup, "_started", None),  # this process's own not started yet
    ):
        gunicorn_conf.post_worker_init(worker)
    assert loaded.is_set()  # before the worker's first request
    assert worker.beats >= 4  # every 0.05 s: the master's timeout never runs out


def test_the_warm_up_loads_every_view_before_the_first_request() -> None:
    # The first page anyone opened waited seconds for the URLconf and the views behind it (the
    # monthly report's Excel writer among them): the warm-up builds them.
    from django.urls import clear_url_caches, get_resolver

    clear_url_caches()
    assert not get_resolver()._populated
    with (
        mock.patch.object(store, "default_classifier"),
        mock.patch("django.db.connections.close_all"),
    ):
        warmup.warm_up()
    assert get_resolver()._populated
    assert "powerdesk.reports.sheets" in sys.modules


def test_serve_starts_gunicorn_with_the_warm_up() -> None:
    with (
        mock.patch.object(serve.os, "execv") as execv,
        mock.patch.object(serve, "serve_refusals", return_value=[]),
    ):
        serve.Command().handle(bind="127.0.0.1:8131", workers=1, threads=1, no_collectstatic=True)
    argv = execv.call_args.args[1]
    assert "--config=python:powerdesk.ops.gunicorn_conf" in argv


@pytest.mark.django_db  # the classifier reads staff corrections (none) when first trained
def test_a_start_slower_than_the_timeout_answers_only_once_loaded(tmp_path: Path) -> None:
    # The worker loads a stored classifier (this process's, trained once for the suite), as a
    # start after the first does: what is measured is the slow start, not a training.
    store.ModelStore(tmp_path / "classifier").publish(store.default_classifier(), reason="test")
    env = {
        **SharedDatabase(tmp_path).env,
        # Longer than the timeout below with room to spare: a worker silent since its last
        # beat is killed about a second after its timeout ran out (the master looks once a
        # second). The slow part begins once the worker has beaten (``slow_start_conf``).
        "SLOW_START_SECONDS": "8",
        "WARMED_UP_FILE": str(tmp_path / "warmed-up"),
    }
    port = free_port()
    log = tmp_path / "gunicorn.log"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "powerdesk.wsgi:application",
            "--config=python:tests.ops.slow_start_conf",
            f"--bind=127.0.0.1:{port}",
            "--workers=1",
            "--worker-class=gthread",  # as powerdesk serve runs them
            "--timeout=5",  # a worker silent this long is killed as hung
            "--error-logfile=-",
            "--log-level=info",
            "--no-control-socket",  # not the one in $HOME another server may use
        ],
        env=env,
        cwd=ROOT,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    answered: list[float] = []

    def answers() -> bool:
        # A worker killed as hung is started again and killed again: said at once.
        assert "WORKER TIMEOUT" not in log.read_text(errors="replace"), log.read_text()
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=60)
        except urllib.error.HTTPError:
            pass  # 503: no database here; an answer all the same
        except OSError:
            return False
        answered.append(time.time())
        return True

    try:
        wait_for(answers, 180, "the server to answer" + log.read_text(errors="replace"))
    finally:
        server.terminate()
        server.wait(timeout=30)
    output = log.read_text(errors="replace")
    assert "WORKER TIMEOUT" not in output, output
    assert output.count("Booting worker") == 1, output  # the first worker lived
    assert "call classifier loaded" in output, output  # the stored one, before any request
    warmed_up = float((tmp_path / "warmed-up").read_text())
    assert answered[0] >= warmed_up  # its first request waited for the classifier

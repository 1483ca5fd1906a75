"""``run_every``: the loop of the services that queue work for the worker now and then
(``escalate``, ``retrain_classifier`` and ``retrain_etr`` with ``--every``)."""

from __future__ import annotations

import itertools
import os
import signal
import threading
import time
from unittest import mock

import pytest
from django.core.management import call_command

from powerdesk.lib.every import run_every


def test_it_acts_at_once_and_then_every_interval_until_stopped() -> None:
    stop = threading.Event()
    calls: list[float] = []

    def act() -> None:
        calls.append(time.monotonic())
        if len(calls) == 3:
            stop.set()

    run_every(0.2, act, stop=stop)
    assert len(calls) == 3
    assert all(b - a >= 0.19 for a, b in itertools.pairwise(calls))


def test_sigterm_stops_it_while_it_waits_and_its_handler_is_put_back() -> None:
    def before(*_: object) -> None:
        raise AssertionError("the handler of before was called")

    previous = signal.signal(signal.SIGTERM, before)
    try:
        calls = []
        threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGTERM)).start()
        began = time.monotonic()
        run_every(3600, lambda: calls.append(1))
        assert time.monotonic() - began < 3  # within a second of the signal, not an hour
        assert calls == [1]
        assert signal.getsignal(signal.SIGTERM) is before
    finally:
        signal.signal(signal.SIGTERM, previous)


@pytest.mark.parametrize(
    ("command", "module", "task", "every", "seconds"),
    [
        ("escalate", "powerdesk.servicedesk", "scan_escalations", 5, 300),
        ("retrain_classifier", "powerdesk.servicedesk", "retrain_classifier", 24, 86400),
        ("retrain_etr", "powerdesk.outages", "retrain_etr", 0.5, 1800),
    ],
)
def test_the_periodic_commands_queue_their_task_with_it(
    command: str, module: str, task: str, every: float, seconds: float
) -> None:
    import importlib

    tasks = importlib.import_module(f"{module}.tasks")
    with mock.patch(f"{module}.management.commands.{command}.run_every") as loop:
        call_command(command, every=every)
    loop.assert_called_once_with(seconds, getattr(tasks, task).enqueue)

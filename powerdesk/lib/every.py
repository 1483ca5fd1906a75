"""Doing something now and every so often after, until the process is told to stop: the loop of
the services that only queue work for the task worker (``escalate --every``,
``retrain_classifier --every``, ``retrain_etr --every``)."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from typing import Any

__all__ = ["run_every"]


def run_every(
    seconds: float, action: Callable[[], object], *, stop: threading.Event | None = None
) -> None:
    """Call ``action`` now, then every ``seconds``, until SIGTERM or SIGINT (or ``stop``).

    A stop is seen within a second; an action under way is finished first (systemd's SIGTERM
    then ends the service cleanly). The signal handlers in place before are put back on return.
    """
    stop = stop or threading.Event()
    previous: dict[signal.Signals, Any] = {}
    if threading.current_thread() is threading.main_thread():  # only it may set handlers
        for number in (signal.SIGTERM, signal.SIGINT):
            previous[number] = signal.signal(number, lambda *_: stop.set())
    try:
        while not stop.is_set():
            action()
            deadline = time.monotonic() + seconds
            while not stop.is_set() and (left := deadline - time.monotonic()) > 0:
                stop.wait(min(1.0, left))
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)

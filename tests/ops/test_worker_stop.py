"""The task worker told to stop in the middle of a task stops at once and hands the task back.

``make run``'s Ctrl-C (and systemd's stop) sends TERM; ``db_worker`` alone let the running
task finish first, and a retraining of the call classifier takes minutes. The task here is a
text held by the SMS gateway, which answers nothing for a minute: the worker stops within
seconds, the task is queued again, and the next worker runs it."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from django_tasks_db.models import DBTaskResult

from powerdesk.notifications.tasks import send_due
from tests.ops.processes import SharedDatabase, wait_for
from tests.ops.test_process_faults import Gateway, a_text_to_send

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def gateway() -> Gateway:
    found = Gateway()
    yield found  # type: ignore[misc]
    found.close()


def test_a_worker_told_to_stop_mid_task_stops_at_once_and_queues_the_task_again(
    tmp_path: Path, gateway: Gateway
) -> None:
    shared = SharedDatabase(tmp_path)
    a_text_to_send()
    result = send_due.enqueue()
    shared.to_processes()
    gateway.hold.set()
    worker = shared.start(
        "worker",
        "--interval",
        "0.2",
        "--no-startup-delay",
        "--no-reload",
        log="worker.log",
        **gateway.env,
    )
    try:
        wait_for(lambda: gateway.received, 120, "the worker to send" + shared.log("worker.log"))
        told = time.monotonic()
        # Ctrl-C in make run's terminal reaches the worker, and its supervisor's TERM follows.
        worker.send_signal(signal.SIGINT)
        time.sleep(0.5)
        worker.send_signal(signal.SIGTERM)
        try:
            code = worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            log = shared.log("worker.log")
            raise AssertionError("the worker still runs 10 s after Ctrl-C and TERM" + log) from None
        took = time.monotonic() - told
    finally:
        if worker.poll() is None:
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
    log = shared.log("worker.log")
    # Stopped by itself, or by the TERM that came while Python was ending (its handlers gone).
    assert code in (0, -signal.SIGTERM), (code, log[-1500:])
    assert took < 10, log
    assert "queued again" in log
    shared.from_processes()
    task = DBTaskResult.objects.get(id=result.id)
    assert (task.status, task.started_at, task.traceback) == ("READY", None, ""), log

    # The next worker runs it.
    gateway.hold.clear()
    gateway.released.set()
    shared.to_processes()
    shared.run("worker", "--batch", "--no-startup-delay", **gateway.env)
    shared.from_processes()
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"

"""``make run``'s script stops everything it started when it is stopped by its pid (``kill PID``,
TERM) as with Ctrl-C: no supervised service, web server or step of the start is left running,
whether it is told while waiting for the site to answer or while a step of the start (loading
the demo's logins, which takes a minute on a loaded machine) is still running.

The script is run on copies of itself and of ``supervise.sh``, with ``python3 -m uv run ...``
standing for stubs that sleep (a ``python3`` first in the PATH), bounded in time."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The supervised services and the web server serve.sh starts.
STARTED = 10

PYTHON_STUB = """#!/bin/sh
# python3 -m uv run ...: a stub that says it started and sleeps; anything else: Python itself.
if [ "$1" = "-m" ] && [ "$2" = "uv" ]; then
  shift 3
  case "$*" in
    *understanding.stored*) exit 0 ;;
    "powerdesk demo --logins")
      echo "$$ $*" >> "$STUB_LOG"
      if [ -n "$SLOW_LOGINS" ]; then exec sleep 300; fi
      echo "gl_chief"; exit 0 ;;
  esac
  echo "$$ $*" >> "$STUB_LOG"
  # A service slow to stop does not stop when asked (TERM ignored): killed ten seconds later.
  if [ -n "$STUBBORN" ]; then trap '' TERM; fi
  exec sleep 300
fi
exec {python} "$@"
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _in_session(sid: int) -> list[int]:
    """The live processes of session ``sid`` (zombies left out)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _wait_for(check: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return check()


def _stubbed(tmp_path: Path, *, slow_logins: bool, stubborn: bool = False) -> dict[str, str]:
    """Copies of the scripts in ``tmp_path`` and the environment that runs them on the stubs."""
    (tmp_path / "scripts").mkdir()
    for name in ("serve.sh", "supervise.sh"):
        shutil.copy(ROOT / "scripts" / name, tmp_path / "scripts" / name)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stub = bin_dir / "python3"
    stub.write_text(PYTHON_STUB.replace("{python}", sys.executable))
    stub.chmod(0o755)
    return {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "STUB_LOG": str(tmp_path / "started"),
        "SLOW_LOGINS": "1" if slow_logins else "",
        "STUBBORN": "1" if stubborn else "",
        "POWERDESK_SECRET_KEY": "test",
        "POWERDESK_DEMO_SMS_PORT": str(_free_port()),
    }


def _hangups_heard() -> None:
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def _kill_what_is_left(sid: int) -> None:
    for pid in _in_session(sid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def serve_started(
    tmp_path: Path, env: dict[str, str], wanted: int = STARTED
) -> Iterator[subprocess.Popen[bytes]]:
    """serve.sh run on the stubs in ``tmp_path``, once ``wanted`` of its services said they
    started; whatever it left running is killed after (review58 L6: one helper, not three)."""
    log = tmp_path / "started"
    serve = subprocess.Popen(
        ["bash", "scripts/serve.sh", "127.0.0.1", str(_free_port())],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:

        def started() -> bool:
            return log.exists() and len(log.read_text().splitlines()) >= wanted

        assert _wait_for(started, 60), "serve.sh did not start its services"
        yield serve
    finally:
        _kill_what_is_left(serve.pid)
        if serve.poll() is None:
            serve.kill()
            serve.wait()


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the processes from /proc")
@pytest.mark.parametrize("slow_logins", [False, True], ids=["waiting-for-the-site", "in-a-step"])
def test_kill_pid_stops_every_process_serve_started(tmp_path: Path, slow_logins: bool) -> None:
    env = _stubbed(tmp_path, slow_logins=slow_logins)
    with serve_started(tmp_path, env, STARTED + 1 if slow_logins else STARTED) as serve:
        if not slow_logins:
            time.sleep(2)  # in the loop that waits for the site to answer
        assert serve.poll() is None
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=20)
        assert _wait_for(lambda: not _in_session(serve.pid), 10), "processes left running"


@pytest.mark.skipif(
    not Path("/proc").is_dir() or shutil.which("make") is None,
    reason="reads the processes from /proc; runs make",
)
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=str)
def test_a_signal_to_make_run_s_process_group_stops_everything(
    tmp_path: Path, sig: signal.Signals
) -> None:
    """``kill -TERM -PGID`` of ``make run`` (TERM reaches serve.sh twice: the group's, and the
    one make passes on to its command), the terminal closed (HUP), Ctrl-C (INT): with the site
    up, everything serve.sh started stops."""
    env = _stubbed(tmp_path, slow_logins=False)
    log = tmp_path / "started"
    port = _free_port()
    (tmp_path / "Makefile").write_text(f"run:\n\t@./scripts/serve.sh 127.0.0.1 {port}\n")
    # Something answers at the site's address: serve.sh says it is up and waits on its server.
    site = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    out = tmp_path / "out"
    make = subprocess.Popen(
        ["make", "--no-print-directory", "run"],
        cwd=tmp_path,
        env=env,
        stdout=out.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
        # As from a terminal: a run under nohup (CI's, at times) ignores hangups, and a shell
        # cannot trap a signal ignored when it started.
        preexec_fn=_hangups_heard,
    )
    try:
        assert _wait_for(lambda: "PowerDesk is at" in out.read_text(), 60), out.read_text()
        assert len(log.read_text().splitlines()) >= STARTED
        os.killpg(make.pid, sig)
        make.wait(timeout=60)  # a loaded machine: what is asserted is that all stops
        assert _wait_for(lambda: not _in_session(make.pid), 15), "processes left running"
    finally:
        _kill_what_is_left(make.pid)
        if make.poll() is None:
            make.kill()
            make.wait()
        site.kill()
        site.wait()


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the processes from /proc")
def test_signals_while_stopping_do_not_cut_the_stop_short(tmp_path: Path) -> None:
    """Told again while it stops services slow to stop (TERM again: make passing on its group's,
    HUP, Ctrl-C), serve.sh goes on stopping them, and kills those that would not stop."""
    env = _stubbed(tmp_path, slow_logins=False, stubborn=True)
    with serve_started(tmp_path, env) as serve:
        serve.send_signal(signal.SIGTERM)
        time.sleep(1)  # stopping: the services have not stopped
        for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            serve.send_signal(sig)
            time.sleep(0.2)
        # Ten seconds' grace, then killed: a minute on a loaded machine (CI's two suites).
        serve.wait(timeout=60)
        assert _wait_for(lambda: not _in_session(serve.pid), 30), "processes left running"

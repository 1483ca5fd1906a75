"""``make run``'s supervisor starts a service again when it dies, and stops it when stopped."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

SUPERVISE = Path(__file__).resolve().parents[2] / "scripts/supervise.sh"


def test_a_crashed_service_is_started_again_and_stopped_with_its_supervisor(
    tmp_path: Path,
) -> None:
    runs, log = tmp_path / "runs", tmp_path / "log"
    # A service that crashes at once the first two times, then keeps running.
    service = (
        f"echo run >> {runs}; n=$(wc -l < {runs}); "
        f'if [ "$n" -lt 3 ]; then exit 3; fi; echo $$ > {tmp_path}/pid; exec sleep 60'
    )
    supervisor = subprocess.Popen(["bash", str(SUPERVISE), "demo", str(log), "sh", "-c", service])
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and (
            not runs.exists() or len(runs.read_text().split()) < 3
        ):
            time.sleep(0.2)
        assert len(runs.read_text().split()) == 3
        while not (tmp_path / "pid").exists():
            time.sleep(0.1)
        assert log.read_text().count("demo stopped (exit 3)") == 2
    finally:
        supervisor.send_signal(signal.SIGTERM)
        supervisor.wait(timeout=10)
    # The service went with it: no sleep of ours is left behind.
    pid = int((tmp_path / "pid").read_text())
    assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()


def test_a_service_stopped_by_ctrl_c_is_not_started_again(tmp_path: Path) -> None:
    # Ctrl-C reaches the service itself (exit 130): `make run` is being stopped, no crash.
    runs, log = tmp_path / "runs", tmp_path / "log"
    service = f"echo run >> {runs}; exit 130"
    supervisor = subprocess.Popen(["bash", str(SUPERVISE), "demo", str(log), "sh", "-c", service])
    try:
        assert supervisor.wait(timeout=10) == 0
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
    assert runs.read_text().split() == ["run"]
    assert "starting it again" not in (log.read_text() if log.exists() else "")


def _gone(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    return not status.exists() or "zombie" in status.read_text()


# How the first run hangs. "itself": it ignores TERM (as a worker finishing a task that never
# ends does), with a child process of its own. "below": the process it started does (`uv run` ->
# python): it exits on TERM, its child is left hung, no longer under it.
HANGS = {
    "itself": "trap '' TERM; sleep 120 & echo $! > {hung_child}; wait; ",
    "below": "sh {hang} & wait; ",
}


@pytest.mark.parametrize("hang", sorted(HANGS))
def test_a_service_alive_but_no_longer_beating_is_stopped_and_started_again(
    tmp_path: Path, hang: str
) -> None:
    """A hung worker: its process runs on but stopped touching its heartbeat file. Killed with
    what it started, then started again; a service that beats is left running."""
    runs, log, beat = tmp_path / "runs", tmp_path / "log", tmp_path / "beat"
    hung_child = tmp_path / "hung_child"
    (tmp_path / "hang.sh").write_text(f"trap '' TERM\necho $$ > {hung_child}\nexec sleep 120\n")
    service = (
        f"echo $$ >> {runs}; n=$(wc -l < {runs}); "
        'if [ "$n" -eq 1 ]; then '
        # The first run beats twice, then hangs.
        '  touch "$POWERDESK_HEARTBEAT_FILE"; sleep 0.5; touch "$POWERDESK_HEARTBEAT_FILE"; '
        + HANGS[hang].format(hung_child=hung_child, hang=tmp_path / "hang.sh")
        + "fi; "
        'while true; do touch "$POWERDESK_HEARTBEAT_FILE"; sleep 0.5; done'
    )
    watched = ["--heartbeat", str(beat), "2"]
    supervisor = subprocess.Popen(
        ["bash", str(SUPERVISE), "worker", str(log), *watched, "sh", "-c", service]
    )
    try:
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline and (
            not runs.exists() or len(runs.read_text().split()) < 2
        ):
            time.sleep(0.2)
        pids = [int(p) for p in runs.read_text().split()]
        assert len(pids) == 2, log.read_text() if log.exists() else ""
        # The hung run went whole: its shell and the process it started.
        assert _gone(pids[0])
        assert _gone(int(hung_child.read_text()))
        assert "worker has not beaten for" in log.read_text()
        # The second beats: running past the limit, it is not stopped.
        time.sleep(4)
        assert len(runs.read_text().split()) == 2
        assert not _gone(pids[1])
    finally:
        supervisor.send_signal(signal.SIGTERM)
        supervisor.wait(timeout=15)

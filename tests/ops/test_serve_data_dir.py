"""``make run``'s script keeps its logs and heartbeat files in the data folder
(``POWERDESK_DATA_DIR``), where the database and the secret key are, not in ``var/`` whatever
the folder: run on the stubs of ``test_serve_stop`` (a python3 that sleeps), stopped at once."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest

from tests.ops.test_serve_stop import (
    STARTED,
    _free_port,
    _in_session,
    _kill_what_is_left,
    _stubbed,
    _wait_for,
)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the processes from /proc")
def test_the_services_log_to_the_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "station-data"
    env = {**_stubbed(tmp_path, slow_logins=False), "POWERDESK_DATA_DIR": str(data)}
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
            return log.exists() and len(log.read_text().splitlines()) >= STARTED

        assert _wait_for(started, 60), "serve.sh did not start its services"
        assert (data / "worker.log").exists()
        assert (data / "outages.log").exists()
        assert (data / "sms.log").exists()
        assert not (tmp_path / "var").exists()
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=20)
        assert _wait_for(lambda: not _in_session(serve.pid), 10), "processes left running"
    finally:
        _kill_what_is_left(serve.pid)
        if serve.poll() is None:
            serve.kill()
            serve.wait()

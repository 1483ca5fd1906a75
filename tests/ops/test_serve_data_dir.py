"""``make run``'s script keeps its logs and heartbeat files in the data folder
(``POWERDESK_DATA_DIR``), where the database and the secret key are, not in ``var/`` whatever
the folder: run on the stubs of ``test_serve_stop`` (a python3 that sleeps), stopped at once."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.ops.test_serve_stop import _in_session, _stubbed, _wait_for, serve_started


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the processes from /proc")
def test_the_services_log_to_the_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "station-data"
    env = {**_stubbed(tmp_path, slow_logins=False), "POWERDESK_DATA_DIR": str(data)}
    with serve_started(tmp_path, env) as serve:
        # Started one after another: the last ones may still be starting (a loaded machine).
        for log in (data / "worker.log", data / "outages.log", data / "sms.log"):
            assert _wait_for(log.exists, 30), log.name
        assert not (tmp_path / "var").exists()
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=20)
        assert _wait_for(lambda: not _in_session(serve.pid), 10), "processes left running"

"""gunicorn settings for ``test_serve_warmup.py``: ``powerdesk serve``'s, with a warm-up slower
than the worker timeout (``SLOW_START_SECONDS``), which writes when it is done to
``WARMED_UP_FILE``.

The slow part starts once the worker has said that it lives, as it begins to wait for the
warm-up: gunicorn (27) times a worker out only after its first sign of life (until then the
file the master reads holds the wall clock's time, far ahead of the monotonic time it is
compared with), so a worker that never beat would be left alone however long it loaded, and
the test could not tell a working heartbeat from none. From that first beat on, only the
heartbeat of ``post_worker_init`` keeps the master from killing the worker as hung.
"""

import os
import threading
import time
from pathlib import Path
from typing import Any

from powerdesk.ops import gunicorn_conf, warmup
from powerdesk.ops.gunicorn_conf import *  # noqa: F403

_load = warmup.warm_up
_waiting = threading.Event()  # the worker waits for the warm-up: the master's clock runs


def _slow_warm_up() -> None:
    _waiting.wait()
    time.sleep(float(os.environ["SLOW_START_SECONDS"]))
    _load()
    Path(os.environ["WARMED_UP_FILE"]).write_text(repr(time.time()))


def post_worker_init(worker: Any) -> None:
    worker.notify()  # the first sign of life: from now on the worker's timeout counts
    _waiting.set()
    gunicorn_conf.post_worker_init(worker)


warmup.warm_up = _slow_warm_up

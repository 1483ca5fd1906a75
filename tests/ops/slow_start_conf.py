"""gunicorn settings for ``test_serve_warmup.py``: ``powerdesk serve``'s, with a warm-up slower
than the worker timeout (``SLOW_START_SECONDS``), which writes when it is done to
``WARMED_UP_FILE``."""

import os
import time
from pathlib import Path

from powerdesk.ops import warmup
from powerdesk.ops.gunicorn_conf import *  # noqa: F403

_load = warmup.warm_up


def _slow_warm_up() -> None:
    time.sleep(float(os.environ["SLOW_START_SECONDS"]))
    _load()
    Path(os.environ["WARMED_UP_FILE"]).write_text(repr(time.time()))


warmup.warm_up = _slow_warm_up

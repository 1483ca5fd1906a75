"""gunicorn's settings for ``powerdesk serve`` (``--config python:powerdesk.ops.gunicorn_conf``;
its command line gives the rest).

A worker loads the call classifier and jieba (``ops.warmup``) before it takes its first request,
so the first calls after a start or a worker's replacement get their suggestions at once. The
loading can take longer than gunicorn's ``--timeout`` on a busy machine, and a worker that says
nothing to the master for that long is killed as hung: the worker keeps telling it that it
lives while it waits.
"""

from __future__ import annotations

from typing import Any


def post_worker_init(worker: Any) -> None:
    from powerdesk.ops.warmup import warm_up_started

    loading = warm_up_started()  # already running since powerdesk.wsgi was imported
    # The worker's own ``timeout`` is half the master's: its usual beat.
    beat = max(0.1, float(worker.timeout) / 2)
    while loading.is_alive():
        worker.notify()
        loading.join(beat)

"""Loading what the first requests would otherwise wait for: the call classifier (trained on first
use when none is stored, seconds on a busy machine), jieba's dictionary (read at the first
note cut into words), and the site's addresses with every view behind them (seconds: the
reports' Excel writer among them), so that the first page anyone opens is not the slow one.

``powerdesk.wsgi`` starts it in a thread as the site is loaded, for any WSGI server;
``powerdesk serve``'s gunicorn workers wait for it before they take a request
(``ops/gunicorn_conf.py``). Commands do not pay for it.
"""

from __future__ import annotations

import logging
import threading
import time

__all__ = ["warm_up", "warm_up_started"]

logger = logging.getLogger("powerdesk.warmup")

_lock = threading.Lock()
_started: threading.Thread | None = None


def warm_up() -> None:
    """Load the classifier and jieba by suggesting a category for one note."""
    from django.db import connections

    from powerdesk.servicedesk.understanding.store import default_classifier

    began = time.monotonic()
    try:
        default_classifier().suggest_one("家里停电了，电表没有显示")
    except Exception:  # the first call tries again, and says what is wrong then
        logger.exception("the call classifier could not be loaded ahead of the first call")
    else:
        logger.info("call classifier loaded in %.1f s", time.monotonic() - began)
    try:
        began = time.monotonic()
        _load_addresses()
    except Exception:  # the first request loads them, and says what is wrong then
        logger.exception("the site's addresses could not be loaded ahead of the first request")
    else:
        logger.info("addresses and views loaded in %.1f s", time.monotonic() - began)
    finally:
        connections.close_all()  # this thread's own


def _load_addresses() -> None:
    """Import every view (the URLconf and what it includes), build the reverse tables, and
    import the Excel writer the reports' view imports only when a workbook is asked for."""
    import importlib

    from django.urls import get_resolver

    importlib.import_module("powerdesk.reports.workbook")

    resolver = get_resolver()
    resolver.reverse_dict  # noqa: B018 (built on first use: every included URLconf imported)


def warm_up_started() -> threading.Thread:
    """The process's warm-up thread, started on the first call (later calls get the same)."""
    global _started
    with _lock:
        if _started is None:
            # Looked up when called, not bound at import: a test can slow it down.
            _started = threading.Thread(target=lambda: warm_up(), name="warm-up", daemon=True)
            _started.start()
        return _started

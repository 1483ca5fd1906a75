"""Loading what the first requests would otherwise wait for: the stored call classifier (read
from the data folder, seconds on a busy machine) with jieba's dictionary, jieba's tagger of the
reports' topics, the site's addresses with every view behind them (seconds: the reports'
Excel writer among them) and each station's grid of who is below what (the chief's home and the
outage board read it), so that the first page anyone opens is not the slow one.

A web process never trains the classifier: with none stored yet (the first start) it takes
calls without suggested categories while the task worker trains one
(``retrain_classifier``, started beside it), and reads it once published
(``store.ready_classifier``), without a restart. After the warm-up the process keeps watching the
store (``watch_classifier``): a model the worker stores (the first one, or a retrained one) is
read within seconds, not when the first clerk after it asks for a suggestion and is told the
classifier is still being prepared.

``powerdesk.wsgi`` starts it in a thread as the site is loaded, for any WSGI server;
``powerdesk serve``'s gunicorn workers wait for it before they take a request
(``ops/gunicorn_conf.py``). Commands do not pay for it.
"""

from __future__ import annotations

import logging
import threading
import time

__all__ = [
    "WATCH_EVERY",
    "keep_board_grids",
    "keep_reliability_weights",
    "warm_up",
    "warm_up_started",
    "watch_classifier",
]

logger = logging.getLogger("powerdesk.warmup")

_lock = threading.Lock()
_started: threading.Thread | None = None
# How often a web process looks whether a newer classifier is stored (a stat of one file).
WATCH_EVERY = 10.0


def warm_up() -> None:
    """Read the stored classifier (and jieba, by suggesting a category for one note) and the
    site's addresses; ask the task worker for the patrol's learnt ranking where none is kept."""
    from django.db import connections

    from powerdesk.servicedesk.understanding.store import classifier_loading, ready_classifier

    began = time.monotonic()
    loading = classifier_loading()
    if loading is not None:
        loading.join()
    if ready_classifier() is None:
        logger.warning(
            "no call classifier is stored yet: calls are taken without suggested categories "
            "until the task worker has trained one (retrain_classifier)"
        )
    else:
        logger.info("call classifier loaded in %.1f s", time.monotonic() - began)
    try:
        # The topics of the voice of the customer and the monthly report: jieba's tagger and
        # frequencies, before the first request (loaded beside it, the report's first load
        # waited seconds for them: 7.8 s on the demo station).
        from powerdesk.reports.keywords import warm

        began = time.monotonic()
        warm()
    except Exception:  # the first page of topics loads them, and says what is wrong then
        logger.exception("jieba's tagger could not be loaded ahead of the first request")
    else:
        logger.info("the topics' tagger loaded in %.1f s", time.monotonic() - began)
    try:
        began = time.monotonic()
        _load_addresses()
    except Exception:  # the first request loads them, and says what is wrong then
        logger.exception("the site's addresses could not be loaded ahead of the first request")
    else:
        logger.info("addresses and views loaded in %.1f s", time.monotonic() - began)
    try:
        began = time.monotonic()
        kept = keep_board_grids()
    except Exception:  # the first page that needs one reads it, as before
        logger.exception("the stations' grids could not be read ahead of the first request")
    else:
        logger.info("%d stations' grids read in %.1f s", kept, time.monotonic() - began)
    try:
        began = time.monotonic()
        kept = keep_reliability_weights()
    except Exception:  # the first reliability page weighs them, as before
        logger.exception("the reliability weights could not be weighed ahead of the first request")
    else:
        logger.info("%d stations' reliability weights in %.1f s", kept, time.monotonic() - began)
    try:
        # The patrol's learnt ranking, fitted by the task worker where none is kept yet, so
        # that the board's first patrol does not fit it while the dispatcher waits (walk58, M4).
        from powerdesk.outages.patrol_learn import ask_where_none_kept

        ask_where_none_kept()
    except Exception:  # the first patrol fits it, as before
        logger.exception("could not ask the task worker for the patrol's learnt ranking")
    finally:
        connections.close_all()  # this thread's own


def _load_addresses() -> None:
    """Import every view (the URLconf and what it includes), build the reverse tables, and
    import what pages import only when first asked for: the Excel writer of the reports' view,
    the PDF writer (WeasyPrint: the monthly PDF's first load waited seconds for it), and SciPy's
    optimiser, which the patrol's learnt ranking is fitted with when no fitted one is kept
    (walk58, M4)."""
    import importlib

    from django.urls import get_resolver

    from powerdesk.reports.pdf import pdf_writer

    importlib.import_module("powerdesk.reports.workbook")
    pdf_writer()
    importlib.import_module("scipy.optimize")

    resolver = get_resolver()
    resolver.reverse_dict  # noqa: B018 (built on first use: every included URLconf imported)


def keep_board_grids() -> int:
    """Read each station's grid of who is below what (``outages.board_grid.grid_below``: kept
    per process, read again only when the grid changes), which the chief's home, the outage
    board and its panel read on every request: the first of them in each web process read it
    while the person waited (walk61, L9: a quarter of a second on the demo station, more on a
    real one's). Returns how many stations' grids are kept."""
    from powerdesk.accounts.models import Station
    from powerdesk.outages.board_grid import grid_below

    stations = list(Station.objects.values_list("pk", flat=True))
    for station_id in stations:
        grid_below(station_id)
    return len(stations)


def keep_reliability_weights() -> int:
    """Weigh each station's customers below each device for this year's reliability figures
    (``reliability.weights_kept``: kept per process while the grid and the customers stay as
    they were), which the reliability page, the chief's home and the village pages read: the
    first of them in each web process weighed them while the person waited (0.1-0.2 s on the
    demo station). Returns how many stations'."""
    from django.utils import timezone

    from powerdesk.accounts.models import Station
    from powerdesk.reliability.periods import year_comparison

    now = timezone.now()
    stations = list(Station.objects.all())
    for station in stations:
        year_comparison(station, timezone.localdate(now).year, until=now)
    return len(stations)


def warm_up_started() -> threading.Thread:
    """The process's warm-up thread, started on the first call (later calls get the same)."""
    global _started
    with _lock:
        if _started is None:
            # Looked up when called, not bound at import: a test can slow it down.
            _started = threading.Thread(target=_warm_up_and_watch, name="warm-up", daemon=True)
            _started.start()
        return _started


def _warm_up_and_watch() -> None:
    warm_up()  # looked up when called, not bound at import: a test can slow it down
    # The warm-up ends here (gunicorn's workers wait for it); the watch goes on beside them.
    threading.Thread(target=watch_classifier, name="classifier-watch", daemon=True).start()


def watch_classifier(every: float = WATCH_EVERY, stop: threading.Event | None = None) -> None:
    """Until ``stop`` is set (never, in a web process): every ``every`` seconds, start reading a
    classifier stored since the one this process has read (``store.classifier_loading``; a model
    that failed to load is tried again after its back-off)."""
    from powerdesk.servicedesk.understanding.store import classifier_loading

    stop = stop or threading.Event()
    while not stop.wait(every):
        try:
            classifier_loading()
        except Exception:  # a folder gone for a while: looked at again next time
            logger.exception("could not look for a newly stored call classifier")

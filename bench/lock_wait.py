"""What the lock benchmarks share (``photo_lock.py``, ``import_lock.py``): a fresh SQLite site
with the tests' cast, and the wait of a one-row write made while other work runs.

The site's SQLite transactions are IMMEDIATE: a write waits for any other writer, at every
station. ``write_waits_while`` starts ``work`` in a thread, 0.3 s later takes the write lock for
a one-row update and times how long that update waited.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def fresh_site(prefix: str) -> tuple[Path, Any]:
    """A migrated SQLite file of its own under a new folder, Django set up on it, and the tests'
    cast built there: ``(folder, cast)``."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.pop("DATABASE_URL", None)
    os.environ["POWERDESK_SQLITE_PATH"] = str(folder / "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "powerdesk.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from tests.base import Cast, build_cast

    cast = Cast()
    build_cast(cast)
    return folder, cast


def write_waits_while(work: Callable[[], None], cast: Any) -> tuple[float, float]:
    """``(seconds work took, seconds a one-row write started 0.3 s into it waited)``."""
    from django.db import connection, transaction

    from powerdesk.accounts.models import User

    took: list[float] = []

    def run() -> None:
        start = time.perf_counter()
        try:
            work()
        finally:
            took.append(time.perf_counter() - start)
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(0.3)
    start = time.perf_counter()
    with transaction.atomic():
        User.objects.filter(pk=cast.chief.pk).update(full_name="bench")
    waited = time.perf_counter() - start
    thread.join()
    return took[0], waited

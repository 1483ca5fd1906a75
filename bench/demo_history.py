"""The demo station's grid and five years of outage history, in a temporary SQLite database,
for the benchmarks of patrol guidance and restoration estimates (``bench/patrol.py``,
``bench/etr.py``).

Only the parts the outage history needs are built (accounts, villages, grid, customers,
outages), with the demo's seed and a fixed date, so two runs read the same history.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 28)
SEED = 2013
PARTS = {"accounts", "community", "network", "customers", "outages"}


def demo_history(today: dt.date = TODAY, seed: int = SEED) -> int:
    """Set Django up on a fresh SQLite database holding the demo's history; the station's id."""
    folder = Path(tempfile.mkdtemp(prefix="pd-fieldwork-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "powerdesk.settings",
            "POWERDESK_SQLITE_PATH": str(folder / "db.sqlite3"),
            "POWERDESK_DATA_DIR": str(folder),
            "DATABASE_URL": "",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from powerdesk.accounts.models import Station
    from powerdesk.demo.builder import build_demo

    call_command("migrate", "--no-input", verbosity=0)
    build_demo(seed=seed, today=today, only=PARTS)
    return Station.objects.get(code="guanglu").pk

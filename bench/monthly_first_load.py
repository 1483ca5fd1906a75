"""The monthly report's first load in a web process, on a demo station of your own: the time of
the process's warm-up (what a gunicorn worker waits for before its first request), then of the
page for the current month as its first request (no analysis of the month's topics cached),
and again.

    export POWERDESK_DATA_DIR=/tmp/pd-bench   # never the data folder of a site in use
    python3 -m uv run powerdesk migrate && python3 -m uv run powerdesk demo --if-empty
    python3 -m uv run python bench/monthly_first_load.py [--code OTHER_CHECKOUT] [--cold]

``--code``: the PowerDesk sources to load instead of this checkout's (another worktree, to set
a change's figures beside those before it in the same run). ``--cold``: no warm-up, the page
is the process's first work (a command or a test, not a web worker). Target: under 1.5 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--cold", action="store_true")
    parser.add_argument("--user", default="gl_chief")
    args = parser.parse_args()
    if "POWERDESK_DATA_DIR" not in os.environ:
        sys.exit("Set POWERDESK_DATA_DIR to a folder of your own with a demo station in it.")
    sys.path.insert(0, str(args.code.resolve()))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "powerdesk.settings")
    # The test client speaks plain HTTP, as `make run` serves (TLS is on by default: nginx).
    os.environ.setdefault("POWERDESK_TLS", "0")
    if not args.cold:
        import gunicorn  # noqa: F401 (the site loads as under ``powerdesk serve``)
    import django

    began = time.perf_counter()
    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    import powerdesk
    from powerdesk.accounts.models import User

    print(f"code: {Path(powerdesk.__file__).parent}")
    if not args.cold:
        from powerdesk.ops.warmup import warm_up_started

        warm_up_started().join()  # as a gunicorn worker waits (``ops.gunicorn_conf``)
        print(f"warm-up (before the first request): {time.perf_counter() - began:.2f} s")
    # The page's static files by their hashed names, as `powerdesk serve` collects them first.
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    cache.clear()  # the month's topics never analysed yet
    client = Client()
    client.force_login(User.objects.get(username=args.user))
    for which in ("first load", "second load"):
        began = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            answer = client.get("/reports/monthly/")
        took = time.perf_counter() - began
        print(f"{which}: {took:.2f} s, {len(queries)} queries, status {answer.status_code}")


if __name__ == "__main__":
    main()

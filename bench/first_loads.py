"""First and warm loads of the pages walk58 (M4) found slow, on a demo station of your own, each
beside a cheap page timed in the same run (the machine is shared: the ratio is what compares).

    export POWERDESK_DATA_DIR=/tmp/pd-bench   # never the data folder of a site in use
    python3 -m uv run powerdesk migrate && python3 -m uv run powerdesk demo --if-empty
    python3 -m uv run python bench/first_loads.py [--code OTHER_CHECKOUT] [--profile PAGE]

The process loads the site as a web worker does (``ops.warmup`` joined first), then times, as
first load and again: an open outage's patrol (``/outages/<id>/patrol/``, what the board folds
out), the login (a POST with the demo password), the chief's home, the reliability figures
(``/figures/reliability/``: walk61, L9), the monthly report's PDF, workbook and page, the
service figures, and the county dispatcher's customers and root (speed73); and
the cheap page (``/desk/calls/``, the counter's list) before each. The caches are emptied before
each first load (the patrol's list, the learnt ranking): the patrol is timed with no model kept
(the page fits it: a first start) and with the one the task worker fitted and kept
(``patrol_learn``: as a web process finds it every other time).
``--code``: another checkout's sources (the change's figures beside those before it).
``--only NAME``: the pages whose names start with NAME. ``--cpu``: ratios of the CPU time
(``time.process_time``) instead of the wall time, each row printing both and its queries
(speed73: on a machine shared at load 15, the CPU time is what compares). ``--profile NAME``:
the first load of that page under cProfile (top 40 by cumulative time).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--profile", default="")
    parser.add_argument("--only", default="", help="time this page alone (patrol, login, ...)")
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="ratios of the CPU time (time.process_time), not the wall time: on a shared "
        "machine, what compares",
    )
    args = parser.parse_args()
    if "POWERDESK_DATA_DIR" not in os.environ:
        sys.exit("Set POWERDESK_DATA_DIR to a folder of your own with a demo station in it.")
    sys.path.insert(0, str(args.code.resolve()))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "powerdesk.settings")
    os.environ.setdefault("POWERDESK_TLS", "0")
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    import powerdesk
    from powerdesk.accounts.models import User
    from powerdesk.ops.warmup import warm_up_started
    from powerdesk.outages.models import Outage

    print(f"code: {Path(powerdesk.__file__).parent}")
    began = time.perf_counter()
    warm_up_started().join()
    print(f"warm-up: {time.perf_counter() - began:.2f} s")
    call_command("collectstatic", interactive=False, verbosity=0)

    def forget(name: str) -> None:
        """Empty the caches a first load finds empty; for the patrol "kept", the model fitted
        by the task worker beforehand, as a web process finds it (``patrol_learn``)."""
        from powerdesk.outages import patrol_learn

        cache.clear()
        patrol_learn.forget()
        if name == "patrol, model kept" and outage is not None:
            try:
                from powerdesk.outages.tasks import patrol_model_fit
            except ImportError:  # a checkout before the worker kept it: as "patrol"
                print("  (this checkout keeps no model: as the row above)")
                return

            began = time.perf_counter()
            patrol_model_fit.call(outage.station_id)
            print(f"  the task worker's fit beforehand: {time.perf_counter() - began:.2f} s")
            patrol_learn.forget(stored=False)  # the web process's memory holds none

    def timed(
        client: Client, name: str, send: Callable[[Client], object], *, profile: bool = False
    ) -> float:
        profiler = cProfile.Profile() if profile else None
        began, cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            if profiler is not None:
                profiler.enable()
            answer = send(client)
            if profiler is not None:
                profiler.disable()
        took, cpu = time.perf_counter() - began, time.process_time() - cpu
        status = getattr(answer, "status_code", "?")
        print(f"  {name}: {took:.2f} s, CPU {cpu:.3f} s, {len(queries)} queries, status {status}")
        if profiler is not None:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        return cpu if args.cpu else took

    outage = _open_fault(Outage)
    pages: list[tuple[str, str, Callable[[Client], object]]] = [
        ("login", "", lambda c: c.post("/accounts/login/", LOGIN)),
        ("chief home", "gl_chief", lambda c: c.get("/home/")),
        ("reliability", "gl_chief", lambda c: c.get("/figures/reliability/")),
        ("monthly pdf", "gl_chief", lambda c: c.get("/reports/monthly/report.pdf")),
        # The pages speed73's browser walk found slow (the chief's and the county dispatcher's).
        ("monthly xlsx", "gl_chief", lambda c: c.get("/reports/monthly/report.xlsx")),
        ("monthly page", "gl_chief", lambda c: c.get("/reports/monthly/")),
        ("service figures", "gl_chief", lambda c: c.get("/figures/service/")),
        ("county customers", "county_dispatch", lambda c: c.get("/customers/")),
        ("county root", "county_dispatch", lambda c: c.get("/", follow=True)),
    ]
    if outage is not None:
        url = f"/outages/{outage.pk}/patrol/"
        pages[:0] = [
            ("patrol", "gl_dispatch", lambda c: c.get(url)),
            ("patrol, model kept", "gl_dispatch", lambda c: c.get(url)),
        ]

    def fresh_client() -> Client:
        """A client whose middleware is loaded, as a web worker's is when ``powerdesk.wsgi`` is
        imported (a test client loads it at its first request: WhiteNoise's scan of the static
        files, seconds on a busy machine, was timed as the page's first load)."""
        client = Client()
        client.handler.load_middleware()
        return client

    cheap = User.objects.get(username="gl_counter")
    for name, username, send in pages:
        if args.only and not name.startswith(args.only):
            continue
        print(name)
        client = fresh_client()
        client.force_login(cheap)
        base = timed(client, "cheap page (/desk/calls/)", lambda c: c.get("/desk/calls/"))
        client = fresh_client()
        if username:
            client.force_login(User.objects.get(username=username))
        forget(name)
        first = timed(client, "first load", send, profile=args.profile == name)
        if name == "login":
            client = fresh_client()
        again = timed(client, "again", send)
        what = "CPU" if args.cpu else "time"
        print(
            f"  ratios ({what}) to the cheap page: first {first / base:.1f}, "
            f"again {again / base:.1f}"
        )


def _open_fault(outage_model: type) -> object:
    """An open fault outage of the demo station; with none, one recorded on the device of its
    latest fault (said: the bench changes the demo's data, a folder of your own)."""
    import datetime as dt

    from django.utils import timezone

    from powerdesk.accounts.models import Station, User
    from powerdesk.outages.services import outage_declare

    Outage = outage_model
    open_ = Outage.objects.filter(status=Outage.Status.ACTIVE, kind=Outage.Kind.UNPLANNED)
    found = open_.exclude(device=None).order_by("pk").first()
    if found is not None:
        return found
    station = Station.objects.get(code="guanglu")
    last = (
        Outage.objects.filter(station=station, kind=Outage.Kind.UNPLANNED)
        .exclude(device=None)
        .order_by("-starts_at")
        .first()
    )
    if last is None:
        return None
    print(f"no open fault outage: one recorded on {last.device} (the latest fault's device)")
    return outage_declare(
        station=station,
        user=User.objects.get(username="gl_dispatch"),
        device=last.device,
        kind=Outage.Kind.UNPLANNED,
        starts_at=timezone.now() - dt.timedelta(minutes=20),
    )


LOGIN = {"username": "gl_dispatch", "password": "powerdesk"}

if __name__ == "__main__":
    main()

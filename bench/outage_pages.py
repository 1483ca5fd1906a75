"""The outages pages with a storm's outages recorded, against a few, in one run.

    python3 -m uv run python bench/outage_pages.py                # 5 outages, then 160
    python3 -m uv run python bench/outage_pages.py --outages 80 --rounds 10
    python3 -m uv run python bench/outage_pages.py --data-dir var  # a copy of a demo database

It makes the demo station (``powerdesk demo``) in a temporary folder (or copies the database of
``--data-dir``: the original is not touched), sets aside what is off there, and records outages
on the station's fuses and transformers as a storm leaves them: each with the households' fault
calls below it as open orders with a crew (up to ``--callers``) joined to it, and in turn a crew
sent and walking the line, an estimate and a cause, part of it back, a fault found, a place set
by the chief. Then, as the dispatcher on the production settings (DEBUG off), it asks for the
outages page (``/outages/``), the board partial it polls (``/outages/board/``), the map's list
(``/outages/map/outages/``) and the home page, ``--rounds`` times each: with 5 outages first
(the baseline), then with ``--outages``. It prints the median of each, with what the board
keeps dropped before each drawing ("cold": every row drawn anew, the worst refresh) and kept
("warm"), the queries, and how many times the baseline each page took: a page that does per
outage what it could do once grows with the storm.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HTMX = {"HX-Request": "true"}
PAGES = [
    ("/outages/", {}),
    ("/outages/board/", HTMX),
    ("/outages/map/outages/", {}),
    ("/home/", {}),
]
BASELINE = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outages", type=int, default=160, help="outages of the storm (160)")
    parser.add_argument("--callers", type=int, default=8, help="callers joined to each (8)")
    parser.add_argument("--rounds", type=int, default=5, help="times each page is asked (5)")
    parser.add_argument("--user", default="gl_dispatch", help="who looks (gl_dispatch)")
    parser.add_argument("--data-dir", help="copy the demo database of this POWERDESK_DATA_DIR")
    parser.add_argument("--keep", action="store_true", help="keep the database made (its folder)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="powerdesk-outage-pages-"))
    if args.data_dir:
        shutil.copy2(Path(args.data_dir) / "powerdesk.sqlite3", folder / "powerdesk.sqlite3")
    os.environ["POWERDESK_DATA_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "powerdesk.settings")
    os.environ.setdefault("POWERDESK_DEBUG", "0")
    os.environ.setdefault("POWERDESK_TLS", "0")
    os.environ.setdefault("POWERDESK_SECRET_KEY", "outage-pages-benchmark-" + "x" * 40)
    os.environ.setdefault("POWERDESK_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()
    try:
        run(args, folder)
    finally:
        if args.keep:
            print(f"The database is kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def run(args: argparse.Namespace, folder: Path) -> None:
    import io

    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    if not args.data_dir:
        print(f"Building the demo station in {folder} ...")
        call_command("demo", stdout=io.StringIO())
    call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())
    storm = Storm(args.callers)
    print(f"  ready in {time.perf_counter() - started:.0f} s; {len(storm.devices)} devices to use")
    if args.outages > len(storm.devices):
        sys.exit(f"The station has {len(storm.devices)} devices to put outages on.")
    results: dict[int, dict[str, tuple[float, float, int]]] = {}
    for n in (BASELINE, args.outages):
        storm.grow(n)
        results[n] = {
            path: measure(args.user, path, headers, args.rounds) for path, headers in PAGES
        }
    print(
        f"\nMedian of {args.rounds} as {args.user}; cold: what the board keeps dropped "
        "before each drawing (every row drawn anew)"
    )
    print(f"{'page':24} {'outages':>7} {'cold ms':>8} {'warm ms':>8} {'queries':>7}")
    for path, _headers in PAGES:
        for n, pages in results.items():
            cold, warm, queries = pages[path]
            print(f"{path:24} {n:>7} {cold * 1000:>8.0f} {warm * 1000:>8.0f} {queries:>7}")
        base, many = results[BASELINE][path], results[args.outages][path]
        print(
            f"{'':24} {'x':>7} {many[0] / base[0]:>8.1f} {many[1] / base[1]:>8.1f}"
            f" {many[2] - base[2]:>+7}"
        )


def measure(username: str, path: str, headers: dict[str, str], rounds: int) -> tuple[float, ...]:
    from django.db import connection
    from django.test import Client

    from powerdesk.accounts.models import User
    from powerdesk.outages import board_grid, board_html, etr_model

    client = Client()
    client.force_login(User.objects.get(username=username))

    def ask() -> Any:
        response = client.get(path, headers=headers)
        assert response.status_code == 200, (path, response.status_code)
        return response

    def cold() -> Any:
        for forget in (board_grid.forget, board_html.forget, etr_model.forget):
            forget()
        return ask()

    ask()  # (the first reads what the others keep)
    queries = []

    def count(execute: Any, sql: str, *args: Any) -> Any:
        queries.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(count):
        ask()
    return (_median(cold, rounds), _median(ask, rounds), len(queries))


def _median(ask: Any, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        ask()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


class Storm:
    """Outages recorded one after another on the station's fuses and transformer areas."""

    def __init__(self, callers: int) -> None:
        from django.utils import timezone

        from powerdesk.accounts.models import Crew, Station, User
        from powerdesk.customers.models import Customer
        from powerdesk.network.models import GridNode, NodeKind
        from powerdesk.outages.models import Outage, PredictedOutage

        self.station = Station.objects.get(code="guanglu")
        self.chief = User.objects.get(username="gl_chief")
        self.crews = list(Crew.objects.filter(station=self.station).order_by("pk"))
        self.callers = callers
        self.now = timezone.now()
        # What was off is over: the storm's outages are the only ones.
        Outage.objects.filter(station=self.station, status=Outage.Status.ACTIVE).update(
            status=Outage.Status.RESTORED, restored_at=self.now
        )
        PredictedOutage.objects.filter(station=self.station).delete()
        nodes = list(GridNode.objects.filter(station=self.station))
        children: dict[int, list[Any]] = {}
        for node in nodes:
            children.setdefault(node.parent_id or 0, []).append(node)
        people: dict[int, list[Any]] = {}
        for customer in Customer.objects.filter(station=self.station, transformer__isnull=False):
            people.setdefault(customer.transformer_id, []).append(customer)
        self.people = people

        def areas_below(node: Any) -> list[Any]:
            found, stack = [], [node]
            while stack:
                below = stack.pop()
                if below.kind == NodeKind.TRANSFORMER and below.pk in people:
                    found.append(below)
                stack.extend(children.get(below.pk, ()))
            return found

        kinds = (NodeKind.FUSE, NodeKind.TRANSFORMER)
        self.devices = [
            (node, areas)
            for node in sorted(
                nodes, key=lambda n: (kinds.index(n.kind) if n.kind in kinds else 9, n.code)
            )
            if node.kind in kinds and (areas := areas_below(node))
        ]
        self.made = 0

    def grow(self, n: int) -> None:
        from powerdesk.outages.estimates import outage_cause_found, outage_estimate
        from powerdesk.outages.joined import outage_join_open_orders
        from powerdesk.outages.life import outage_dispatch, outage_progress
        from powerdesk.outages.models import FoundPlace, Outage, OutageCause
        from powerdesk.outages.priority import outage_priority_set
        from powerdesk.outages.restoration import outage_restore_part
        from powerdesk.servicedesk.models import WorkOrder

        now = self.now
        for index in range(self.made, n):
            device, areas = self.devices[index]
            outage = Outage.objects.create(
                station=self.station,
                device=device,
                kind=Outage.Kind.UNPLANNED,
                status=Outage.Status.ACTIVE,
                starts_at=now - dt.timedelta(minutes=30 + index),
                cause="storm",
            )
            crew = self.crews[index % len(self.crews)]
            callers = [c for area in areas for c in self.people[area.pk]][: self.callers]
            for number, customer in enumerate(callers):
                WorkOrder.objects.create(
                    station=self.station,
                    number=f"BENCH-{index}-{number}",
                    customer=customer,
                    category="fault_repair",
                    summary="家里停电了",
                    status="received",
                    created_at=now - dt.timedelta(minutes=20),
                    crew=crew,
                )
            outage_join_open_orders(outage=outage)
            state = index % 5
            if state == 2 and len(areas) < 2:
                state = 0  # (nothing else below it to have power back)
            if state == 0:
                outage_dispatch(outage=outage, crew=crew, user=self.chief)
                outage_progress(outage=outage, user=self.chief, what="patrolling", note="沿线")
            elif state == 1:
                outage_estimate(
                    outage=outage, user=self.chief, expected_restore_at=now + dt.timedelta(hours=3)
                )
                outage_cause_found(outage=outage, user=self.chief, cause=OutageCause.TREE)
            elif state == 2:
                outage_restore_part(outage=outage, user=self.chief, still_open=[areas[0]])
            elif state == 3:
                FoundPlace.objects.create(
                    outage=outage,
                    place=f"node-{areas[0].pk}",
                    device=areas[0],
                    cause=OutageCause.LIGHTNING,
                    found_at=now,
                    found_by=self.chief,
                    note="雷击",
                )
            else:
                outage_priority_set(
                    station=self.station,
                    user=self.chief,
                    outage=outage,
                    position=1 + index % 9,
                    reason="医院",
                )
        self.made = n


if __name__ == "__main__":
    main()

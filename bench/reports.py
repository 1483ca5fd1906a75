"""Reliability benchmark: the station's indices from the database, per station, feeder, village
and month, with major event days.

    python3 -m uv run python bench/reports.py                    # SQLite (a temporary database)
    DATABASE_URL=postgres://powerdesk:powerdesk@127.0.0.1:5432/pd_bench \\
        python3 -m uv run python bench/reports.py                # PostgreSQL (test_pd_bench)
    python3 -m uv run python bench/reports.py --customers 100000 --interruptions 1000000

It makes a test database (Django's, removed afterwards) and times two things:

1. The demo station (``build_demo``: 8,000 households, five years of outages): major event days
   (T_MED from five years of daily SAIDI) and the tallies of every area (station, feeders,
   villages) month by month, for households and for medium-voltage users, for each of its
   last five years. Target: at most 1 s in all. Then the chief's home page, the station's
   reliability page and the monthly report's Excel workbook, each as a browser gets it (the
   second time: the first loads the templates and openpyxl): at most 1 s each.
2. A generated station of ``--customers`` customers (100 per transformer area, 10 areas per
   recloser, 10 reclosers per feeder) and outages over six years whose customers add up to
   ``--interruptions`` customer interruptions (half on transformer areas, half on reclosers),
   inserted beforehand (not timed). The same figures for the last year, aggregated in the
   database. Target for 1,000,000 customers and 10,000,000 customer interruptions: 30 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

TODAY = dt.date(2026, 11, 28)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--interruptions", type=int, default=10_000_000)
    parser.add_argument("--skip-demo", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        if not args.skip_demo:
            demo()
        generated(args.customers, args.interruptions)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def figures(station: Any, year: int, now: dt.datetime, weights: Any = None) -> tuple[int, Any]:
    """Every area's months, households and medium-voltage users; returns the areas counted
    and, for the station, the major event days and the households' year."""
    from powerdesk.reliability.major_events import major_events
    from powerdesk.reliability.selectors import reliability_by_area
    from powerdesk.reliability.weights import Basis, grid_weights

    weights = weights or grid_weights(station)
    med = major_events(station, year, now=now)
    areas = 0
    households = None
    for basis in Basis:
        result = reliability_by_area(station, year, basis=basis, weights=weights, med=med, now=now)
        areas += len(result)
        households = households or result[("station", station.pk)].year()
    return areas, (med, households)


def demo() -> None:
    from django.db import connection
    from django.utils import timezone

    from powerdesk.accounts.models import Station
    from powerdesk.demo.builder import build_demo
    from powerdesk.outages.models import Outage

    build_demo(today=TODAY)
    station = Station.objects.get(code="guanglu")
    now = dt.datetime.combine(TODAY, dt.time(9), tzinfo=timezone.get_current_timezone())
    outages = Outage.objects.filter(station=station).count()
    from powerdesk.reliability.selectors import grid_weights

    tick = time.perf_counter()
    weights = grid_weights(station)  # the grid once: a page showing five years loads it once
    for year in range(TODAY.year - 4, TODAY.year + 1):
        areas, (med, total) = figures(station, year, now, weights)
    seconds = time.perf_counter() - tick
    print(
        f"{connection.vendor}: demo station, {outages} outages: five years of figures "
        f"({areas} area-bases a year, by month) in {seconds:.2f} s "
        f"({'within' if seconds <= 1 else 'OVER'} the 1 s target); "
        f"{TODAY.year}: T_MED {med.threshold:.1f} min, major event days "
        f"{', '.join(d.isoformat() for d in med.sorted_days)}, RS-1 {total.rs1:.3f} %"
    )
    dashboard(station)


def dashboard(station: Any) -> None:
    """The chief's home (the month and the year against last year, what needs a decision and
    the panels every role shares), the station's reliability page and the monthly report's
    workbook of the demo's last month, as a browser gets them."""
    from django.db import connection
    from django.test import Client

    from powerdesk.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="gl_chief"))
    workbook = f"/reports/monthly/report.xlsx?month={TODAY:%Y-%m}"
    for path in ("/home/", "/figures/reliability/", workbook):
        client.get(path)  # templates compiled, translations loaded
        tick = time.perf_counter()
        response = client.get(path)
        seconds = time.perf_counter() - tick
        assert response.status_code == 200, (path, response.status_code)
        print(
            f"{connection.vendor}: demo station, the chief's {path} in {seconds:.2f} s "
            f"({'within' if seconds <= 1 else 'OVER'} the 1 s target)"
        )


def generated(customers: int, interruptions: int) -> None:
    from django.db import connection
    from django.utils import timezone

    from powerdesk.accounts.models import CountyCompany, Station

    company = CountyCompany.objects.create(name="bench")
    station = Station.objects.create(company=company, code="bench", name="bench", area_code="0878")
    tick = time.perf_counter()
    rows = _generate(station, customers, interruptions)
    print(
        f"{connection.vendor}: {customers} customers, {rows} outages carrying "
        f"{interruptions} customer interruptions, stored in {time.perf_counter() - tick:.1f} s"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    now = dt.datetime.combine(TODAY, dt.time(9), tzinfo=timezone.get_current_timezone())
    tick = time.perf_counter()
    areas, (_med, total) = figures(station, TODAY.year, now)
    seconds = time.perf_counter() - tick
    print(
        f"{connection.vendor}: {customers} customers / {interruptions} customer interruptions: "
        f"a year's figures ({areas} area-bases, by month, T_MED from five years) in "
        f"{seconds:.2f} s ({'within' if seconds <= 30 else 'OVER'} the 30 s target); "
        f"SAIFI {total.saifi:.2f}, SAIDI {total.saidi:.1f} min, RS-1 {total.rs1:.3f} %"
    )


def _generate(station: Any, customers: int, interruptions: int) -> int:
    """A regular grid and six years of outages (rows inserted in bulk)."""
    from django.db import connection

    from powerdesk.customers.models import Customer
    from powerdesk.network.models import Feeder, GridNode, NodeKind
    from powerdesk.outages.models import Outage

    rng = random.Random(2013)
    areas = max(1, customers // 100)
    feeders = max(1, areas // 100)
    nodes: list[GridNode] = []
    feeder_rows = Feeder.objects.bulk_create(
        Feeder(station=station, code=f"F{f}", name=f"F{f}") for f in range(feeders)
    )
    for f, feeder in enumerate(feeder_rows):
        nodes.append(GridNode(station=station, feeder=feeder, code=f"S{f}", kind=NodeKind.SOURCE))
    GridNode.objects.bulk_create(nodes, batch_size=2000)
    sources = list(GridNode.objects.filter(station=station, kind=NodeKind.SOURCE).order_by("pk"))
    reclosers = GridNode.objects.bulk_create(
        [
            GridNode(
                station=station,
                feeder_id=s.feeder_id,
                parent=s,
                code=f"R{f}-{r}",
                kind=NodeKind.RECLOSER,
            )
            for f, s in enumerate(sources)
            for r in range(10)
        ],
        batch_size=2000,
    )
    if connection.vendor != "postgresql":  # SQLite's bulk_create returns no ids
        reclosers = list(
            GridNode.objects.filter(station=station, kind=NodeKind.RECLOSER).order_by("pk")
        )
    per_recloser = max(1, areas // len(reclosers))
    GridNode.objects.bulk_create(
        [
            GridNode(
                station=station,
                feeder_id=r.feeder_id,
                parent=r,
                code=f"T{i}-{t}",
                kind=NodeKind.TRANSFORMER,
            )
            for i, r in enumerate(reclosers)
            for t in range(per_recloser)
        ],
        batch_size=5000,
    )
    transformers = list(
        GridNode.objects.filter(station=station, kind=NodeKind.TRANSFORMER)
        .order_by("pk")
        .values_list("pk", "parent_id")
    )
    per_area = max(1, customers // len(transformers))
    batch: list[Customer] = []
    for i, (pk, _parent) in enumerate(transformers):
        for c in range(per_area):
            batch.append(
                Customer(
                    station=station, account_number=f"{i:06d}{c:03d}", name="户", transformer_id=pk
                )
            )
        if len(batch) >= 20_000:
            Customer.objects.bulk_create(batch, batch_size=20_000)
            batch = []
    Customer.objects.bulk_create(batch, batch_size=20_000)
    # Half the customer interruptions on transformer areas, half on reclosers; six years.
    start = dt.datetime(TODAY.year - 5, 1, 1, tzinfo=dt.UTC)
    span = (dt.datetime(TODAY.year, 11, 1, tzinfo=dt.UTC) - start).total_seconds()
    outages: list[Outage] = []
    rows = 0

    def add(device: int, below: int) -> None:
        at = start + dt.timedelta(seconds=rng.uniform(0, span))
        minutes = rng.choice((2.0, rng.uniform(20, 600)))
        outages.append(
            Outage(
                station=station,
                device_id=device,
                kind="planned" if rng.random() < 0.1 else "unplanned",
                status="restored",
                starts_at=at,
                restored_at=at + dt.timedelta(minutes=minutes),
                customers=below,
            )
        )

    recloser_customers = per_recloser * per_area
    for _ in range(interruptions // 2 // per_area):
        add(rng.choice(transformers)[0], per_area)
        if len(outages) >= 20_000:
            Outage.objects.bulk_create(outages)
            rows += len(outages)
            outages = []
    for _ in range(interruptions // 2 // recloser_customers):
        add(rng.choice(reclosers).pk, recloser_customers)
    Outage.objects.bulk_create(outages, batch_size=20_000)
    return rows + len(outages)


if __name__ == "__main__":
    main()

"""Live-engine benchmark: signals through HTTP into the database and the engine.

    python3 -m uv run python bench/live.py                       # SQLite (a temporary database)
    DATABASE_URL=postgres://powerdesk:powerdesk@127.0.0.1:5432/pd_bench \\
        python3 -m uv run python bench/live.py                   # PostgreSQL (test_pd_bench)
    python3 -m uv run python bench/live.py --customers 2000 --events 10000   # a quick run

It makes a test database (Django's, removed afterwards), imports a generated grid of
``--customers`` customers into a station, simulates storms on the station's exported grid until
there are ``--events`` signals, and replays them as a head-end would: ``POST /api/v1/signals``
(Django's test client: the whole request stack, no sockets) in batches of ``--batch``, each
batch followed by a step of the live engine (``LiveStation.step``: read the new signals, feed
the engine, save the picture). Every fifth batch a telephone call is logged through
``POST /api/v1/calls`` and timed. It prints:

- taken and stored: events per second over the HTTP requests alone;
- in the engine: events per second over the engine's steps alone;
- end to end: events per second over both (a batch is on the board when its step is done);
- per batch: p50 / p95 of the request, and of request + step (from arrival to the picture);
- a single call through the API while the storm replays: p50 / p95.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--batch", type=int, default=1_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(args: argparse.Namespace) -> None:
    from django.db import connection
    from django.test import Client

    from powerdesk.accounts.models import CountyCompany, Station
    from powerdesk.accounts.tokens import token_create
    from powerdesk.engine.readwrite.network_csv import load_network_csv
    from powerdesk.engine.simulation.storm import StormConfig, simulate_storm
    from powerdesk.outages.live import LiveStation
    from powerdesk.outages.models import EngineState, Signal
    from tests.outage_storm import build_station_grid

    company = CountyCompany.objects.create(name="bench")
    station = Station.objects.create(company=company, code="bench", name="bench", area_code="0878")
    tick = time.perf_counter()
    build_station_grid(station, args.customers)
    print(
        f"{connection.vendor}: a grid of {args.customers} customers imported "
        f"in {time.perf_counter() - tick:.1f} s"
    )
    _, key = token_create(station_id=station.pk, name="head-end")
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    client = Client()

    from django.core.management import call_command

    with tempfile.TemporaryDirectory() as folder:
        net_csv = Path(folder) / "NET.csv"
        call_command(
            "export_network", "--station", "bench", "--out", str(net_csv), stderr=io.StringIO()
        )
        network = load_network_csv(net_csv)
    hours = 8.0
    start = time.time() - 7 * 86400  # storms one after another, ending before now
    events: list[dict[str, Any]] = []
    seed = 1
    while len(events) < args.events:
        storm = simulate_storm(network, seed=seed, config=StormConfig(hours=hours))
        offset = events[-1]["t"] + 60 if events else start
        events += [
            {**e, "t": round(offset + e["t"], 6), "id": f"{seed}-{i}"}
            for i, e in enumerate(storm.events)
            if e["type"] != "checkpoint"
        ]
        seed += 1
    events = events[: args.events]
    # A caller the station does not know: the call opens a work order but is no signal, which
    # would (its time being now, after the replayed storm's) make the engine rebuild.
    caller = "13800000001"
    client.post(  # the first call loads the note classifier: not timed
        "/api/v1/calls",
        {"caller_number": caller, "text": "家里停电了", "category": "fault_repair"},
        content_type="application/json",
        **auth,
    )

    live = LiveStation(station)
    live.step()  # the engine built on the grid, before the storm
    http: list[float] = []
    steps: list[float] = []
    calls: list[float] = []
    for number, first in enumerate(range(0, len(events), args.batch)):
        batch = events[first : first + args.batch]
        tick = time.perf_counter()
        response = client.post("/api/v1/signals", batch, content_type="application/json", **auth)
        posted = time.perf_counter()
        assert response.status_code == 202, response.content[:300]
        body = response.json()
        assert body["accepted"] == len(batch), body
        live.step()
        http.append(posted - tick)
        steps.append(time.perf_counter() - posted)
        if number % 5 == 2:
            tick = time.perf_counter()
            response = client.post(
                "/api/v1/calls",
                {"caller_number": caller, "text": "家里停电了", "category": "fault_repair"},
                content_type="application/json",
                **auth,
            )
            assert response.status_code == 201, response.content[:300]
            calls.append(time.perf_counter() - tick)
    stored = Signal.objects.filter(station=station).exclude(source_id__startswith="call-").count()
    state = EngineState.objects.get(station=station)
    assert stored == len(events), (stored, len(events))
    n = len(events)
    total_http, total_steps = sum(http), sum(steps)
    ends = [a + b for a, b in zip(http, steps, strict=True)]
    print(f"{n} signals in batches of {args.batch}; {state.signals_taken} in the engine")
    print(f"taken and stored (HTTP):   {n / total_http:>9,.0f} events/s")
    print(f"in the engine (steps):     {n / total_steps:>9,.0f} events/s")
    print(f"end to end:                {n / (total_http + total_steps):>9,.0f} events/s")
    print(f"a batch's request:         p50 {_ms(http, 50)}  p95 {_ms(http, 95)}")
    print(f"arrival to the picture:    p50 {_ms(ends, 50)}  p95 {_ms(ends, 95)}")
    if calls:
        print(f"a call through the API:    p50 {_ms(calls, 50)}  p95 {_ms(calls, 95)}")
    print(f"picture: {state.customers_out} customers out; {state.rebuilds} engine builds")


def _ms(values: list[float], percentile: int) -> str:
    if len(values) < 2:
        return f"{values[0] * 1000:6.0f} ms"
    cut = statistics.quantiles(values, n=100, method="inclusive")[percentile - 1]
    return f"{cut * 1000:6.0f} ms"


if __name__ == "__main__":
    main()

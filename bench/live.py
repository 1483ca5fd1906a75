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

With ``--quiet-stations N`` it then adds N stations of ``--quiet-customers`` customers each and
steps them all as ``powerdesk outage_service`` does (``OutageService.step``: each station's lease
renewed, its new signals read), with no new signal: the time of the first step (every engine
built), of a quiet step over all N + 1 stations (p50 / p95 of 20), and the process's memory
(resident set) before and after the engines were built. A quiet step's cost per station says how
many stations one outage service steps in its half second; the memory per engine says how many
fit in a machine's memory.

    python3 -m uv run python bench/live.py --events 20000 --quiet-stations 10 --quiet-customers 5000
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
    parser.add_argument("--quiet-stations", type=int, default=0)
    parser.add_argument("--quiet-customers", type=int, default=5_000)
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
    if args.quiet_stations:
        quiet_stations(station, args.quiet_stations, args.quiet_customers)


def quiet_stations(busy: Any, count: int, customers: int) -> None:
    from powerdesk.accounts.models import Station
    from powerdesk.ops.lease import lease_hold
    from powerdesk.outages.live_service import OutageService
    from tests.outage_storm import build_station_grid

    company = busy.company
    # The storm's station is another process's: the service skips it, as it would on a machine
    # where another service runs it, so that only the quiet engines are built and measured.
    lease_hold(station_id=busy.pk, owner="elsewhere", seconds=3600)

    tick = time.perf_counter()
    for number in range(count):
        station = Station.objects.create(
            company=company, code=f"quiet{number}", name=f"quiet {number}", area_code="0878"
        )
        build_station_grid(station, customers, seed=100 + number)
    print(
        f"{count} quiet stations of {customers} customers imported "
        f"in {time.perf_counter() - tick:.1f} s"
    )
    service = OutageService(owner="bench")
    before = _rss_mb()
    tick = time.perf_counter()
    service.step()  # every engine built from its (empty) signals
    built = time.perf_counter() - tick
    after = _rss_mb()
    steps = []
    for _ in range(20):
        tick = time.perf_counter()
        service.step()
        steps.append(time.perf_counter() - tick)
    from powerdesk.outages.live import FINGERPRINT_EVERY
    from powerdesk.outages.network_adapter import station_rows

    checks = []
    for quiet in Station.objects.filter(code__startswith="quiet"):
        tick = time.perf_counter()
        station_rows(quiet).fingerprint()
        checks.append(time.perf_counter() - tick)
    stations = count
    per = statistics.median(steps) / stations
    print(f"first step, {stations} engines built: {built:.1f} s")
    print(f"a quiet step of {stations} stations:  p50 {_ms(steps, 50)}  p95 {_ms(steps, 95)}")
    print(f"a quiet station's step:    {per * 1000:6.1f} ms (p50 / {stations})")
    print(
        f"a station's grid check:    {statistics.median(checks) * 1000:6.1f} ms "
        f"(p50; each station's once every {FINGERPRINT_EVERY:.0f} s)"
    )
    print(f"memory: {before:.0f} MB before the engines, {after:.0f} MB after ({stations} engines)")


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _ms(values: list[float], percentile: int) -> str:
    if len(values) < 2:
        return f"{values[0] * 1000:6.0f} ms"
    cut = statistics.quantiles(values, n=100, method="inclusive")[percentile - 1]
    return f"{cut * 1000:6.0f} ms"


if __name__ == "__main__":
    main()

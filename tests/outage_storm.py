"""A storm on a station's own grid, for the live engine's tests and its benchmark.

A generated network is imported into a station (the grid import takes the contract's CSV),
written back out with ``export_network``, and a storm simulated on that file. Its events are
given absolute times (epoch seconds, to the microsecond, as the database keeps them) so the
same numbers go to the API and to ``powerdesk predict``.
"""

from __future__ import annotations

import io
import itertools
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management import call_command

from powerdesk.accounts.models import Station
from powerdesk.engine.generate import write_network
from powerdesk.engine.network import load_network_csv
from powerdesk.engine.simulate import StormConfig, simulate_storm
from powerdesk.network.importing import network_import


@dataclass
class StationStorm:
    net_csv: Path
    events: list[dict[str, Any]]  # the storm's events, checkpoints left out, absolute times
    chunks: list[list[dict[str, Any]]]  # the events up to each of the storm's checkpoints


def build_station_grid(station: Station, customers: int, seed: int = 1) -> None:
    text = io.StringIO()
    write_network(text, customers, seed=seed, meter_coverage=0.4)
    network_import(
        station=station, stream=io.StringIO(_named(text.getvalue())), file_name="NET.csv"
    )


def _named(contract: str) -> str:
    """The contract's file with a ``feeder`` column naming each line: the import refuses a new
    line without a name."""
    header, *rows = contract.splitlines()
    columns = header.split(",")
    parent = columns.index("parent")
    named = [header + ",feeder"]
    for row in rows:
        values = row.split(",")
        named.append(row + ("," + f"Line {values[0]}" if not values[parent] else ","))
    return "\n".join(named) + "\n"


def station_storm(
    station: Station, folder: Path, *, seed: int = 6, hours: float = 4.0, faults: float = 10.0
) -> StationStorm:
    net_csv = folder / "NET.csv"
    call_command(
        "export_network", "--station", station.code, "--out", str(net_csv), stderr=io.StringIO()
    )
    storm = simulate_storm(
        load_network_csv(net_csv),
        seed=seed,
        config=StormConfig(hours=hours, faults_per_1000_customers=faults),
    )
    base = float(int(time.time()) - int(hours * 3600) - 3600)
    events: list[dict[str, Any]] = []
    chunks: list[list[dict[str, Any]]] = [[]]
    for event in storm.events:
        if event["type"] == "checkpoint":
            chunks.append([])
            continue
        event = {**event, "t": round(base + event["t"], 6)}
        events.append(event)
        chunks[-1].append(event)
    chunks = [chunk for chunk in chunks if chunk]
    # A checkpoint must not fall between two events of the same time (the engine takes those
    # together): move such an event into the chunk before.
    for before, after in itertools.pairwise(chunks):
        while before and after and after[0]["t"] == before[-1]["t"]:
            before.append(after.pop(0))
    return StationStorm(net_csv, events, [chunk for chunk in chunks if chunk])


def predict_checkpoints(storm: StationStorm, folder: Path) -> list[dict[str, Any]]:
    """``powerdesk predict`` on the storm, with a checkpoint after each chunk (at its last
    event's time, the time the live engine's picture is at)."""
    events_path = folder / "EVENTS.jsonl"
    with events_path.open("w", encoding="utf-8") as handle:
        for number, chunk in enumerate(storm.chunks):
            for event in chunk:
                handle.write(json.dumps(event) + "\n")
            handle.write(
                json.dumps({"type": "checkpoint", "id": f"c{number}", "t": chunk[-1]["t"]}) + "\n"
            )
    out = folder / "OUT.json"
    call_command(
        "predict",
        "--network",
        str(storm.net_csv),
        "--events",
        str(events_path),
        "--out",
        str(out),
        stderr=io.StringIO(),
    )
    document = json.loads(out.read_text(encoding="utf-8"))
    return [{k: v for k, v in cp.items() if k != "id"} for cp in document["checkpoints"]]

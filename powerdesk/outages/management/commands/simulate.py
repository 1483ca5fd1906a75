"""``powerdesk simulate``: a network and a storm on it, with the truth, for testing engines."""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from powerdesk.engine.errors import NetworkError
from powerdesk.engine.readwrite.network_csv import load_network_csv
from powerdesk.engine.simulation.generate import NETWORK_COLUMNS, write_network
from powerdesk.engine.simulation.storm import StormConfig, simulate_storm, write_storm


class Command(BaseCommand):
    help = (
        "Write NET.csv, EVENTS.jsonl and TRUTH.json for a generated network, a given NET.csv, "
        "a pandapower network or a simbench grid."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, required=True, help="folder to write into")
        source = parser.add_mutually_exclusive_group()
        source.add_argument(
            "--customers",
            type=int,
            default=10_000,
            help="size of a generated network (default 10000)",
        )
        source.add_argument("--network", type=Path, help="use this NET.csv")
        source.add_argument(
            "--pandapower", help="a pandapower.networks function, e.g. mv_oberrhein"
        )
        source.add_argument("--simbench", help="a simbench code, e.g. 1-MVLV-rural-all-0-sw")
        parser.add_argument(
            "--meters",
            type=float,
            default=0.3,
            help="share of customers whose meters report (default 0.3)",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--hours", type=float, default=8.0)
        parser.add_argument(
            "--faults-per-1000",
            type=float,
            default=2.5,
            help="device faults per 1000 customers (default 2.5)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path = options["out"]
        folder.mkdir(parents=True, exist_ok=True)
        meters = options["meters"]
        if not 0.0 <= meters <= 1.0:
            raise CommandError("--meters must be between 0 and 1", returncode=2)
        target = folder / "NET.csv"
        if options["network"] or options["pandapower"] or options["simbench"]:
            rows = self._rows(options)
            _write_rows(target, rows, meters, options["seed"])
        else:
            write_network(target, options["customers"], seed=options["seed"], meter_coverage=meters)
        try:
            network = load_network_csv(target)
        except NetworkError as exc:
            raise CommandError(str(exc), returncode=2) from None
        config = StormConfig(
            hours=options["hours"], faults_per_1000_customers=options["faults_per_1000"]
        )
        storm = simulate_storm(network, seed=options["seed"], config=config)
        write_storm(storm, folder)
        self.stdout.write(
            f"{folder}: {len(network)} elements, {network.customer_count} customers, "
            f"{len(storm.events)} events, {len(storm.truth['checkpoints'])} checkpoints."
        )

    def _rows(self, options: dict[str, Any]) -> list[tuple[str, ...]]:
        if options["network"]:
            try:
                source = load_network_csv(options["network"])
            except NetworkError as exc:
                raise CommandError(str(exc), returncode=2) from None
            return [
                (
                    source.ids[i],
                    source.ids[p] if p >= 0 else "",
                    source.kind_name(i),
                    "1" if source.ami[i] == 1 else "0" if source.ami[i] == 0 else "",
                    "1" if source.lightning_zone[i] else "0",
                    str(int(source.install_year[i]) or ""),
                )
                for i, p in enumerate(source.parent.tolist())
            ]
        try:
            from powerdesk.engine.readwrite.pandapower_import import pandapower_rows, simbench_rows

            if options["simbench"]:
                return simbench_rows(options["simbench"])  # type: ignore[return-value]
            import pandapower.networks as networks

            factory = getattr(networks, options["pandapower"], None)
            if factory is None:
                raise CommandError(
                    f"pandapower.networks has no {options['pandapower']!r}", returncode=2
                )
            return pandapower_rows(factory())  # type: ignore[return-value]
        except ImportError:
            raise CommandError(
                "pandapower and simbench are not installed: install the grid-import extra",
                returncode=2,
            ) from None


def _write_rows(path: Path, rows: list[tuple[str, ...]], meters: float, seed: int) -> None:
    """Write rows as NET.csv, giving customers without a known meter one at ``meters``."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(NETWORK_COLUMNS)
        for row in rows:
            element, parent, kind = row[0], row[1], row[2]
            ami = row[3] if len(row) > 3 else ""
            if kind == "customer" and ami == "":
                ami = "1" if rng.random() < meters else "0"
            zone = row[4] if len(row) > 4 else "0"
            year = row[5] if len(row) > 5 else ""
            writer.writerow([element, parent, kind, ami if kind == "customer" else "", zone, year])

"""The engine's view of a station's grid: its feeders, devices and customers as one network.

Elements are named as in the file contract: devices by their code, customers by their account
number, so a station's grid written out (``powerdesk export_network``) and read back by
``powerdesk predict`` is the very network the live engine runs on. A customer is placed under
the transformer the customer table names now (one who moved is taken where they are now).
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from powerdesk.accounts.models import Station
from powerdesk.customers.models import Customer
from powerdesk.engine.model.network import Network
from powerdesk.lib.exports import neutralise
from powerdesk.network.models import GridNode, NodeKind

# Poles and junctions are plain nodes to the engine; every other kind keeps its name.
_ENGINE_KIND: dict[str, str] = {NodeKind.POLE.value: "node", NodeKind.NODE.value: "node"}
EXPORT_COLUMNS = ["id", "parent", "kind", "ami", "lightning_zone", "install_year"]


@dataclass
class StationRows:
    """A station's grid as the engine's rows, with the database ids of each element."""

    rows: list[tuple[str, str, str]] = field(default_factory=list)
    ami: list[int] = field(default_factory=list)
    zone: list[bool] = field(default_factory=list)
    year: list[int] = field(default_factory=list)
    device_pk: dict[str, int] = field(default_factory=dict)  # code -> GridNode pk
    customer_pk: dict[str, int] = field(default_factory=dict)  # account -> Customer pk

    def network(self, name: str) -> Network:
        return Network.from_rows(
            self.rows, ami=self.ami, lightning_zone=self.zone, install_year=self.year, file=name
        )

    def fingerprint(self) -> str:
        """Changes whenever anything the engine reads changes."""
        digest = hashlib.sha256()
        for row, ami, zone, year in zip(self.rows, self.ami, self.zone, self.year, strict=True):
            digest.update(f"{row[0]}\t{row[1]}\t{row[2]}\t{ami}\t{zone:d}\t{year}\n".encode())
        return digest.hexdigest()


def station_rows(station: Station) -> StationRows:
    """The station's grid tables as engine rows (two queries)."""
    out = StationRows()
    nodes = list(
        GridNode.objects.filter(station=station)
        .order_by("pk")
        .values_list("pk", "code", "parent_id", "kind", "lightning_zone", "install_year")
    )
    codes = {pk: code for pk, code, *_ in nodes}
    for pk, code, parent_id, kind, lightning, installed in nodes:
        out.rows.append(
            (code, codes.get(parent_id, "") if parent_id else "", _ENGINE_KIND.get(kind, kind))
        )
        out.ami.append(-1)
        out.zone.append(lightning)
        out.year.append(installed or 0)
        out.device_pk[code] = pk
    customers = (
        Customer.objects.filter(station=station, transformer__isnull=False)
        .order_by("pk")
        .values_list("pk", "account_number", "transformer_id", "has_smart_meter")
    )
    for pk, account, transformer_id, metered in customers:
        out.rows.append((account, codes[transformer_id], "customer"))
        out.ami.append(1 if metered else 0)
        out.zone.append(False)
        out.year.append(0)
        out.customer_pk[account] = pk
    return out


def station_network(station: Station) -> Network:
    """Build the engine's network from the station's grid tables (two queries)."""
    return station_rows(station).network(f"{station.code} grid")


def network_csv_rows(grid: StationRows) -> Iterator[list[str | int]]:
    """The rows of the contract's NET.csv for ``grid``, its header first: what
    ``export_network`` writes and the import page's export downloads."""
    yield list(EXPORT_COLUMNS)
    for (element, parent, kind), ami, zone, year in zip(
        grid.rows, grid.ami, grid.zone, grid.year, strict=True
    ):
        yield [element, parent, kind, "" if ami < 0 else ami, int(zone), year or ""]


def network_csv_lines(rows: Iterable[list[str | int]], chunk: int = 500) -> Iterator[str]:
    """The rows as the network file's text, in pieces of ``chunk`` rows: the one writer of
    ``export_network`` and of the network import page's download (review58 L4). The contract's
    NET.csv, except that a code or an account number a spreadsheet would take for a formula (one
    that begins with = + - @, or with apostrophes and then one of those) is written after one
    more apostrophe, as in every list exported (``lib.exports.neutralise``): the network import
    reads it back as it was (``csvfile.read_csv(..., exported=True)``). ``powerdesk predict``,
    which reads the contract, would take that apostrophe for part of the code."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for n, row in enumerate(rows, 1):
        writer.writerow(neutralise(value) if isinstance(value, str) else value for value in row)
        if n % chunk == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_network_csv(station: Station, out: Path | str | TextIO) -> int:
    """Write the station's grid as the network file (``network_csv_lines``), the file the
    network import page downloads; returns the number of rows."""
    grid = station_rows(station)
    handle = open(out, "w", newline="", encoding="utf-8") if isinstance(out, Path | str) else out  # noqa: SIM115
    try:
        for piece in network_csv_lines(network_csv_rows(grid)):
            handle.write(piece)
        return len(grid.rows)
    finally:
        if isinstance(out, Path | str):
            handle.close()

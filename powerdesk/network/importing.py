"""Importing a station's network from a CSV file in the engine contract's format.

Columns ``id,parent,kind`` are required; ``name``, ``feeder``, ``line``, ``pole_number``,
``village``, ``x``, ``y``, ``lightning_zone``, ``install_year`` and ``capacity_kva`` are read when
present. Elements are matched by id: known ones are updated, new ones created. ``customer`` rows
create or update customers (account number = id) under their nearest transformer. A file with
any error stores nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

from django.db import transaction

from powerdesk.community.models import Village
from powerdesk.engine.errors import InputProblem
from powerdesk.engine.radial import ElementRow, radial_problems
from powerdesk.lib.csvfile import CsvImportError, CsvRow, parse_bool, read_csv
from powerdesk.network.models import Feeder, GridNode, ImportRun, NodeKind

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User

# The contract's generic "node" is stored as a pole when the row says which pole it is.
_KIND_FROM_CONTRACT = {k.value: k.value for k in NodeKind}


@dataclass
class _Parsed:
    row: CsvRow
    id: str
    parent: str
    kind: str
    numbers: dict[str, float | int | None] = field(default_factory=dict)
    lightning_zone: bool = False


def network_import(
    *, station: Station, stream: IO[bytes] | IO[str], file_name: str, user: User | None = None
) -> ImportRun:
    """Import the network in ``stream`` into ``station``; raise ``CsvImportError`` on any error."""
    rows = list(read_csv(stream, file_name, ["id", "parent", "kind"]))
    parsed, problems = _parse_rows(rows, file_name)
    problems += radial_problems(
        file_name, (ElementRow(p.row.line, p.id, p.parent, p.kind) for p in parsed)
    )
    if problems:
        raise CsvImportError(sorted(problems, key=lambda p: p.line))
    with transaction.atomic():
        return _store(station, parsed, file_name, user)


def _parse_rows(rows: list[CsvRow], file_name: str) -> tuple[list[_Parsed], list[InputProblem]]:
    problems: list[InputProblem] = []
    parsed: list[_Parsed] = []
    for row in rows:
        item = _Parsed(row, row.get("id"), row.get("parent"), row.get("kind").lower())
        for column, cast in (
            ("x", float),
            ("y", float),
            ("install_year", int),
            ("capacity_kva", int),
        ):
            text = row.get(column)
            if not text:
                item.numbers[column] = None
                continue
            try:
                item.numbers[column] = cast(text)
            except ValueError:
                problems.append(
                    InputProblem(file_name, row.line, f"{text!r} is not a number", column)
                )
        year = item.numbers.get("install_year")
        if isinstance(year, int) and not 1900 <= year <= 2100:
            problems.append(
                InputProblem(file_name, row.line, f"{year} is not a plausible year", "install_year")
            )
        zone = parse_bool(row.get("lightning_zone"))
        if zone is None:
            problems.append(
                InputProblem(
                    file_name,
                    row.line,
                    f"{row.get('lightning_zone')!r} is not 1 or 0",
                    "lightning_zone",
                )
            )
        item.lightning_zone = bool(zone)
        parsed.append(item)
    return parsed, problems


def _store(station: Station, parsed: list[_Parsed], file_name: str, user: User | None) -> ImportRun:
    from powerdesk.customers.models import Customer

    by_id = {p.id: p for p in parsed}
    villages = {v.name: v for v in Village.objects.filter(station=station)}
    existing = {n.code: n for n in GridNode.objects.filter(station=station)}
    feeders = {f.code: f for f in Feeder.objects.filter(station=station)}
    created = updated = 0

    def root_of(item: _Parsed) -> _Parsed:
        while item.parent:
            item = by_id[item.parent]
        return item

    def village_for(name: str) -> Village | None:
        if not name:
            return None
        if name not in villages:
            villages[name] = Village.objects.create(station=station, name=name)
        return villages[name]

    grid_items = [p for p in parsed if p.kind != "customer"]
    nodes: dict[str, GridNode] = {}
    for item in grid_items:
        root = root_of(item)
        feeder = feeders.get(root.id)
        if feeder is None:
            feeder = Feeder.objects.create(
                station=station,
                code=root.id,
                name=root.row.get("feeder") or root.row.get("name") or root.id,
            )
            feeders[root.id] = feeder
        node = existing.get(item.id) or GridNode(station=station, code=item.id)
        is_new = node.pk is None
        node.feeder = feeder
        node.kind = _KIND_FROM_CONTRACT[item.kind]
        node.name = item.row.get("name")
        node.line_name = item.row.get("line")
        node.pole_number = item.row.get("pole_number")
        node.village = village_for(item.row.get("village"))
        node.x = item.numbers.get("x")  # type: ignore[assignment]
        node.y = item.numbers.get("y")  # type: ignore[assignment]
        node.install_year = item.numbers.get("install_year")  # type: ignore[assignment]
        node.capacity_kva = item.numbers.get("capacity_kva")  # type: ignore[assignment]
        node.lightning_zone = item.lightning_zone
        node.parent = None
        node.save()
        nodes[item.id] = node
        created += is_new
        updated += not is_new
    for item in grid_items:
        if item.parent:
            GridNode.objects.filter(pk=nodes[item.id].pk).update(parent=nodes[item.parent])

    customers = {c.account_number: c for c in Customer.objects.filter(station=station)}
    for item in (p for p in parsed if p.kind == "customer"):
        transformer = _nearest_transformer(item, by_id, nodes)
        customer = customers.get(item.id) or Customer(station=station, account_number=item.id)
        is_new = customer.pk is None
        customer.name = item.row.get("name") or customer.name or item.id
        customer.transformer = transformer
        customer.village = village_for(item.row.get("village")) or customer.village
        ami = parse_bool(item.row.get("ami"))
        customer.has_smart_meter = bool(ami)
        customer.save()
        created += is_new
        updated += not is_new

    return ImportRun.objects.create(
        station=station,
        kind=ImportRun.Kind.NETWORK,
        file_name=file_name,
        created_by=user,
        rows_created=created,
        rows_updated=updated,
    )


def _nearest_transformer(
    item: _Parsed, by_id: dict[str, _Parsed], nodes: dict[str, GridNode]
) -> GridNode | None:
    parent = item.parent
    while parent:
        if by_id[parent].kind == "transformer":
            return nodes[parent]
        parent = by_id[parent].parent
    return None

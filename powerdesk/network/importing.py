"""Importing a station's network from a CSV file in the engine contract's format.

Columns ``id,parent,kind`` are required; ``name``, ``feeder``, ``line``, ``pole_number``,
``village``, ``x``, ``y``, ``lightning_zone``, ``install_year`` and ``capacity_kva`` are read when
present. Elements are matched by id: known ones are updated, new ones created; a column the file
does not have leaves what is stored as it is. ``customer`` rows create or update customers
(account number = id) under their nearest transformer, and their changes go into the customer's
history. A file with any error stores nothing.

A parent is a row of the file or an element already in the station's network: a file of one
row adds a transformer area under a fuse the station has (walk46, 2). An element of another
station is never a parent, said at its row.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.permissions import Do, require
from powerdesk.community.models import Village
from powerdesk.engine.errors import InputProblem
from powerdesk.engine.model.radial import ElementRow, radial_problems
from powerdesk.lib.csvfile import (
    CsvRow,
    CsvTable,
    parse_bool,
    read_csv,
    refuse_if_problems,
    stored_length,
)
from powerdesk.network.import_stored import stored_elements
from powerdesk.network.import_words import KIND_ALIASES, in_words
from powerdesk.network.models import Feeder, GridNode, ImportRun, NodeKind

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station, User

# The contract's generic "node" is stored as a pole when the row says which pole it is.
_KIND_FROM_CONTRACT = {k.value: k.value for k in NodeKind}


# Each value must fit where it is stored: a longer one is an error, never cut short. Sources
# (their id is the feeder's code) and customer rows have tighter bounds, checked by row.
MAX_LENGTHS = {
    "id": stored_length(GridNode, "code"),
    "parent": stored_length(GridNode, "code"),
    "kind": 20,
    "name": stored_length(GridNode, "name"),
    "feeder": stored_length(Feeder, "name"),
    "line": stored_length(GridNode, "line_name"),
    "pole_number": stored_length(GridNode, "pole_number"),
    "village": stored_length(Village, "name"),
}
# Columns a grid element takes from the file when the file has them.
_NODE_TEXT_COLUMNS = {"name": "name", "line": "line_name", "pole_number": "pole_number"}
_NODE_NUMBER_COLUMNS = ("x", "y", "install_year", "capacity_kva")


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
    require(user, station, Do.IMPORT_CSV)
    # Every problem of the file at once: the table's (a short row, a value too long) with those
    # of every row read and of the network they make (walkthrough 32, finding 6).
    table = read_csv(
        stream, file_name, ["id", "parent", "kind"], max_lengths=MAX_LENGTHS, keep_going=True
    )
    known_feeders = set(Feeder.objects.filter(station=station).values_list("code", flat=True))
    parsed, problems = _parse_rows(table.rows, file_name, known_feeders)
    stored = stored_elements(station)
    # A parent of another station is "not in this file nor in the station's network", as one of
    # no station: the file's refusal never tells one station another's device codes (review46).
    problems += [
        in_words(p)
        for p in radial_problems(
            file_name, (ElementRow(p.row.line, p.id, p.parent, p.kind) for p in parsed), stored
        )
        # A row left out (of the wrong width, or after a quote left open) may be the parent.
        if table.complete or p.code != "unknown_parent"
    ]
    refuse_if_problems(table, problems)
    with transaction.atomic():
        return _store(station, table, parsed, file_name, user)


def _parse_rows(
    rows: list[CsvRow], file_name: str, known_feeders: set[str]
) -> tuple[list[_Parsed], list[InputProblem]]:
    from powerdesk.customers.models import Customer

    problems: list[InputProblem] = []
    parsed: list[_Parsed] = []
    account_length = stored_length(Customer, "account_number")
    customer_name_length = stored_length(Customer, "name")
    feeder_code_length = stored_length(Feeder, "code")
    feeder_name_length = stored_length(Feeder, "name")
    for row in rows:
        kind = row.get("kind").lower()
        item = _Parsed(row, row.get("id"), row.get("parent"), KIND_ALIASES.get(kind, kind))
        bounds: list[tuple[str, str, int]] = []
        if item.kind == "customer":
            bounds += [
                ("id", item.id, account_length),
                ("name", row.get("name"), customer_name_length),
            ]
        elif not item.parent:
            feeder_column = "feeder" if row.get("feeder") else "name"
            if item.id and item.id not in known_feeders and not row.get(feeder_column):
                # A new line named by its code (T-SRC) would stand on the map, in every filter
                # by line and in the reports next to 10kV左门线: staff name every line.
                problems.append(
                    InputProblem(
                        file_name,
                        row.line,
                        _(
                            "%(id)s starts a new line but has no name: give the line's name "
                            "in the feeder or name column"
                        )
                        % {"id": repr(item.id)},
                        "name",
                    )
                )
            bounds += [
                ("id", item.id, feeder_code_length),
                (feeder_column, row.get(feeder_column), feeder_name_length),
            ]
        for column, value, limit in bounds:
            if len(value) > limit:
                message = (
                    _("%(length)s characters, at most %(limit)s fit in a customer's %(column)s")
                    if item.kind == "customer"
                    else _("%(length)s characters, at most %(limit)s fit in a line's %(column)s")
                )
                values = {"length": f"{len(value):,}", "limit": f"{limit:,}", "column": column}
                problems.append(InputProblem(file_name, row.line, message % values, column))
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
                    InputProblem(
                        file_name,
                        row.line,
                        _("%(value)s is not a number") % {"value": repr(text)},
                        column,
                    )
                )
        problems += _numbers_out_of_range(item, file_name)
        year = item.numbers.get("install_year")
        if isinstance(year, int) and not 1900 <= year <= 2100:
            problems.append(
                InputProblem(
                    file_name,
                    row.line,
                    _("%(year)d is not a plausible year (1900-2100)") % {"year": year},
                    "install_year",
                )
            )
        zone = parse_bool(row.get("lightning_zone"))
        if zone is None:
            problems.append(
                InputProblem(
                    file_name,
                    row.line,
                    _("%(value)s is not 1 or 0") % {"value": repr(row.get("lightning_zone"))},
                    "lightning_zone",
                )
            )
        item.lightning_zone = bool(zone)
        if row.get("ami") and parse_bool(row.get("ami")) is None:
            problems.append(
                InputProblem(
                    file_name,
                    row.line,
                    _("%(value)s is not 1 or 0") % {"value": repr(row.get("ami"))},
                    "ami",
                )
            )
        parsed.append(item)
    return parsed, problems


# A distribution transformer (or a line's source) is of some tens to some thousands of kVA; more
# than this is a typing error (probe 36, F4: 3,000,000,000 kVA was stored; over 4,294,967,295 or
# below 0, the database refused it with a server error).
MAX_CAPACITY_KVA = 100_000


def _numbers_out_of_range(item: _Parsed, file_name: str) -> list[InputProblem]:
    """The row's numbers that cannot be what they say, each at its column: a capacity not
    from 1 to ``MAX_CAPACITY_KVA`` kVA, a longitude (x) not from -180 to 180, a latitude (y)
    not from -90 to 90, or not a finite number (nan, inf)."""
    problems: list[InputProblem] = []

    def said(column: str, message: str) -> None:
        values = {"value": repr(item.row.get(column)), "max": f"{MAX_CAPACITY_KVA:,}"}
        problems.append(InputProblem(file_name, item.row.line, message % values, column))

    capacity = item.numbers.get("capacity_kva")
    if capacity is not None and not 0 < capacity <= MAX_CAPACITY_KVA:
        said(
            "capacity_kva",
            _("%(value)s is not a plausible capacity: give it in kVA, from 1 to %(max)s"),
        )
    x = item.numbers.get("x")
    if x is not None and not (math.isfinite(x) and -180 <= x <= 180):
        said("x", _("%(value)s is not a longitude: x is a number from -180 to 180"))
    y = item.numbers.get("y")
    if y is not None and not (math.isfinite(y) and -90 <= y <= 90):
        said("y", _("%(value)s is not a latitude: y is a number from -90 to 90"))
    return problems


def _store(
    station: Station, table: CsvTable, parsed: list[_Parsed], file_name: str, user: User | None
) -> ImportRun:
    from powerdesk.customers.connected import connected_on_for_new
    from powerdesk.customers.models import Customer, CustomerHistory, customer_history_rows

    by_id = {p.id: p for p in parsed}
    villages = {v.name: v for v in Village.objects.filter(station=station)}
    existing = {n.code: n for n in GridNode.objects.filter(station=station)}
    feeders = {f.code: f for f in Feeder.objects.filter(station=station)}
    codes = {n.pk: n.code for n in existing.values()}
    created = updated = unchanged = 0
    relinked: list[_Parsed] = []

    def feeder_of(item: _Parsed) -> Feeder:
        """The line of the element: its source's in the file, or the stored parent's."""
        while item.parent and item.parent in by_id:
            item = by_id[item.parent]
        if item.parent:  # an element already in the network
            return existing[item.parent].feeder
        if item.id not in feeders:
            feeders[item.id] = Feeder.objects.create(
                station=station,
                code=item.id,
                name=item.row.get("feeder") or item.row.get("name") or item.id,
            )
        return feeders[item.id]

    def village_for(name: str) -> Village | None:
        if not name:
            return None
        if name not in villages:
            villages[name] = Village.objects.create(station=station, name=name)
        return villages[name]

    grid_items = [p for p in parsed if p.kind != "customer"]
    nodes: dict[str, GridNode] = {}
    for item in grid_items:
        feeder = feeder_of(item)
        node = existing.get(item.id) or GridNode(station=station, code=item.id)
        is_new = node.pk is None
        before = _node_values(node, codes)
        node.feeder = feeder
        node.kind = _KIND_FROM_CONTRACT[item.kind]
        for column, attribute in _NODE_TEXT_COLUMNS.items():
            if table.has(column):
                setattr(node, attribute, item.row.get(column))
        if table.has("village"):
            node.village = village_for(item.row.get("village"))
        for column in _NODE_NUMBER_COLUMNS:
            if table.has(column):
                setattr(node, column, item.numbers.get(column))
        if table.has("lightning_zone"):
            node.lightning_zone = item.lightning_zone
        nodes[item.id] = node
        # Counted as updated only when a value changed: the same file again changes nothing.
        if is_new or _node_values(node, codes) != before or before["parent"] != item.parent:
            node.parent = None
            node.save()
            created += is_new
            updated += not is_new
            relinked.append(item)
        else:
            unchanged += 1
    for item in relinked:
        if item.parent:
            parent = nodes.get(item.parent) or existing[item.parent]
            GridNode.objects.filter(pk=nodes[item.id].pk).update(parent=parent)

    customers = {
        c.account_number: c
        for c in Customer.objects.filter(station=station).select_related("village", "transformer")
    }
    history: list[CustomerHistory] = []
    now = timezone.now()
    source = f"import {file_name}"[:250]
    # From when a new customer counts in the reliability figures, as the customer file's.
    connected_on = connected_on_for_new(station)
    for item in (p for p in parsed if p.kind == "customer"):
        transformer = _nearest_transformer(item, by_id, nodes, existing)
        customer = customers.get(item.id) or Customer(
            station=station, account_number=item.id, connected_on=connected_on
        )
        is_new = customer.pk is None
        before = _customer_values(customer)
        customer.name = item.row.get("name") or customer.name or item.id
        customer.transformer = transformer
        customer.village = village_for(item.row.get("village")) or customer.village
        # The contract: an empty or missing ami says nothing about the meter.
        ami = parse_bool(item.row.get("ami"))
        if item.row.get("ami") and ami is not None:
            customer.has_smart_meter = ami
        after = _customer_values(customer)
        if is_new or before != after:
            customer.save()
        entries = (
            [("", "", customer.name)]
            if is_new
            else [(f, before[f], after[f]) for f in after if before[f] != after[f]]
        )
        history += customer_history_rows(customer, entries, at=now, by=user, source=source)
        created += is_new
        updated += not is_new and before != after
        unchanged += not is_new and before == after
    CustomerHistory.objects.bulk_create(history, batch_size=1000)

    # The live outage engine runs on this grid: it is rebuilt (imported here: outages reads
    # the grid's models).
    from powerdesk.outages.live import grid_changed

    grid_changed(station)
    run = ImportRun.objects.create(
        station=station,
        kind=ImportRun.Kind.NETWORK,
        file_name=file_name[:200],
        created_by=user,
        rows_created=created,
        rows_updated=updated,
        rows_unchanged=unchanged,
    )
    return run


def _node_values(node: GridNode, codes: dict[int, str]) -> dict[str, Any]:
    """What a network file sets on a grid element, to tell whether an import changed it."""
    values: dict[str, Any] = {
        f: getattr(node, f)
        for f in ("feeder_id", "kind", "village_id", "lightning_zone", *_NODE_NUMBER_COLUMNS)
    }
    values.update({a: getattr(node, a) for a in _NODE_TEXT_COLUMNS.values()})
    values["parent"] = codes.get(node.parent_id, "") if node.parent_id else ""
    return values


def _customer_values(customer: Any) -> dict[str, str]:
    """What a network file sets on a customer, in the form of the customer's history."""
    return {
        "name": customer.name,
        "transformer": customer.transformer.code if customer.transformer_id else "",
        "village": customer.village.name if customer.village_id else "",
        "has_smart_meter": "1" if customer.has_smart_meter else "0",
    }


def _nearest_transformer(
    item: _Parsed,
    by_id: dict[str, _Parsed],
    nodes: dict[str, GridNode],
    existing: dict[str, GridNode],
) -> GridNode | None:
    parent = item.parent
    while parent in by_id:
        if by_id[parent].kind == "transformer":
            return nodes[parent]
        parent = by_id[parent].parent
    # Above the file's rows: the network as stored.
    by_pk = {n.pk: n for n in existing.values()}
    node = existing.get(parent) if parent else None
    while node is not None:
        if node.kind == NodeKind.TRANSFORMER:
            return node
        node = by_pk.get(node.parent_id) if node.parent_id else None
    return None

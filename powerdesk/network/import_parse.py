"""A network file's rows read: each row's values checked where it is (a value too long for where
it is stored, a number that is not one or cannot be what it says, a new line with no name), for
``importing.network_import``."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from powerdesk.community.models import Village
from powerdesk.engine.errors import InputProblem
from powerdesk.lib.csvfile import CsvRow, parse_bool, stored_length
from powerdesk.network.import_words import KIND_ALIASES
from powerdesk.network.models import Feeder, GridNode

__all__ = [
    "MAX_CAPACITY_KVA",
    "MAX_LENGTHS",
    "NODE_NUMBER_COLUMNS",
    "NODE_TEXT_COLUMNS",
    "Parsed",
    "parse_rows",
]

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
NODE_TEXT_COLUMNS = {"name": "name", "line": "line_name", "pole_number": "pole_number"}
NODE_NUMBER_COLUMNS = ("x", "y", "install_year", "capacity_kva")


@dataclass
class Parsed:
    row: CsvRow
    id: str
    parent: str
    kind: str
    numbers: dict[str, float | int | None] = field(default_factory=dict)
    lightning_zone: bool = False


def parse_rows(
    rows: list[CsvRow], file_name: str, known_feeders: set[str]
) -> tuple[list[Parsed], list[InputProblem]]:
    from powerdesk.customers.models import Customer

    problems: list[InputProblem] = []
    parsed: list[Parsed] = []
    account_length = stored_length(Customer, "account_number")
    customer_name_length = stored_length(Customer, "name")
    feeder_code_length = stored_length(Feeder, "code")
    feeder_name_length = stored_length(Feeder, "name")
    for row in rows:
        kind = row.get("kind").lower()
        item = Parsed(row, row.get("id"), row.get("parent"), KIND_ALIASES.get(kind, kind))
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


def _numbers_out_of_range(item: Parsed, file_name: str) -> list[InputProblem]:
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

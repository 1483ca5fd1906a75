"""Importing a station's network from a CSV file in the engine contract's format.

Columns ``id,parent,kind`` are required; ``name``, ``feeder``, ``line``, ``pole_number``,
``village``, ``x``, ``y``, ``lightning_zone``, ``install_year`` and ``capacity_kva`` are read when
present. Elements are matched by id: known ones are updated, new ones created; a column the file
does not have leaves what is stored as it is. ``customer`` rows create or update customers
(account number = id) under their nearest transformer, and their changes go into the customer's
history. A file with any error stores nothing.

A parent is a row of the file or an element already in the station's network: a file of one
row adds a transformer area under a fuse the station has (walk46, 2). An element of another
station is never a parent, said at its row. An element moved to another feeder takes its stored
subtree with it, and no element moves while an outage is open where it is or where it goes
(``import_plan``).

The rows are read in ``import_parse``, what they would do is worked out in ``import_plan`` (the
import page's preview) and stored by ``import_store``.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from django.db import transaction

from powerdesk.accounts.models import Station
from powerdesk.accounts.permissions import Do, require
from powerdesk.engine.model.radial import ElementRow, radial_problems
from powerdesk.lib.csvfile import CsvTable, read_csv, refuse_if_problems, stream_again
from powerdesk.network.import_kinds_early import kinds_refused_early
from powerdesk.network.import_parse import MAX_LENGTHS, parse_rows
from powerdesk.network.import_plan import NetworkImportPlan, network_plan
from powerdesk.network.import_store import network_store
from powerdesk.network.import_stored import stored_elements
from powerdesk.network.import_words import engine_kind, in_words
from powerdesk.network.models import Feeder, ImportRun

if TYPE_CHECKING:
    from powerdesk.accounts.models import User

__all__ = ["NetworkPlanChanged", "network_import", "network_import_preview"]


class NetworkPlanChanged(Exception):
    """The network or the file changed since the preview: ``plan`` is what the import would do
    now; nothing was stored."""

    def __init__(self, plan: NetworkImportPlan) -> None:
        super().__init__("the network import's plan changed since its preview")
        self.plan = plan


def network_import_preview(
    *, station: Station, stream: IO[bytes] | IO[str], file_name: str, user: User | None = None
) -> NetworkImportPlan:
    """What importing ``stream`` would do; stores nothing. Raises ``CsvImportError``."""
    require(user, station, Do.IMPORT_CSV)
    return _plan(station, stream, file_name)


def network_import(
    *,
    station: Station,
    stream: IO[bytes] | IO[str],
    file_name: str,
    user: User | None = None,
    expected_fingerprint: str | None = None,
) -> ImportRun:
    """Import the network in ``stream`` into ``station``; raise ``CsvImportError`` on any error.

    With ``expected_fingerprint`` (the previewed plan's), the import is stored only if it would
    still do exactly what the preview showed; otherwise ``NetworkPlanChanged`` is raised and
    nothing is stored.
    """
    require(user, station, Do.IMPORT_CSV)
    data = stream.read()
    with transaction.atomic():
        # One import of a station at a time, and the plan made under the lock: what it read
        # cannot change before it is stored.
        Station.objects.select_for_update().filter(pk=station.pk).first()
        plan = _plan(station, stream_again(data), file_name)
        if expected_fingerprint is not None and plan.fingerprint != expected_fingerprint:
            raise NetworkPlanChanged(plan)
        return network_store(station, plan, user)


def _plan(station: Station, stream: IO[bytes] | IO[str], file_name: str) -> NetworkImportPlan:
    # Every problem of the file at once: the table's (a short row, a value too long) with those
    # of every row read and of the network they make (walkthrough 32, finding 6).
    # (the network file the import page exports, its formula-looking values written as text,
    # is read back as it was: network_file.py)
    table = read_csv(
        stream,
        file_name,
        ["id", "parent", "kind"],
        max_lengths=MAX_LENGTHS,
        keep_going=True,
        exported=True,
    )
    stored = stored_elements(station)
    # A line the station has: by its code, or by its stored source's (the station's network as
    # ``export_network`` writes it names each line by its breaker: walk51, F2).
    known_feeders = set(Feeder.objects.filter(station=station).values_list("code", flat=True))
    known_feeders |= {code for code, (_parent, kind) in stored.items() if kind == "source"}
    parsed, problems = parse_rows(table.rows, file_name, known_feeders)
    # A parent of another station is "not in this file nor in the station's network", as one of
    # no station: the file's refusal never tells one station another's device codes (review46).
    problems += [
        in_words(p)
        for p in radial_problems(
            file_name,
            (ElementRow(p.row.line, p.id, p.parent, engine_kind(p.kind)) for p in parsed),
            stored,
        )
        if p.code != "unknown_parent" or not _maybe_left_out(table, dict(p.params)["parent"])
    ]
    if (problems or table.problems) and not table.ended_early:
        # The kind changes refused, said with the rest rather than after them (walk56, M2); not
        # after a quote left open (what follows it may move the households).
        problems += kinds_refused_early(station, file_name, parsed, stored, table.left_out)
    refuse_if_problems(table, problems)
    plan = network_plan(station, table, parsed, file_name)
    # A move while an outage is open where the element is or where it goes.
    refuse_if_problems(table, plan.problems)
    return plan


def _maybe_left_out(table: CsvTable, parent: str) -> bool:
    """Whether ``parent`` may be the id of a row the table left out: one of the wrong width
    holding that value, or any after a quote left open (what follows it was not read). Any other
    unknown parent is said with the rest of the file's problems (walk51, F1)."""
    return table.ended_early or parent in table.left_out

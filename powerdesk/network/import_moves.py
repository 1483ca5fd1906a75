"""The moves of a network file (``import_plan``) refused while an outage is open where they change
the network.

A move is refused, at its row, while an outage (announced or power off) is open at or above the
element's old place, below it, or at or above its new place. An outage keeps its device and the
count of households it took (``Outage.customers``), and its restoration texts and inner-outage
checks read the households below the device when they run: moving a branch out from under an
open outage, or in under one, would leave the outage's count and who is told that power is back
no longer the households it took. The outages of every move of a file are read in one query
(review50, 10).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from powerdesk.engine.errors import InputProblem

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.network.import_parse import Parsed
    from powerdesk.network.models import GridNode

__all__ = ["open_outages_in_the_way", "parent_code", "places_of_move"]


def places_of_move(
    item: Parsed,
    node: GridNode,
    under: list[int],
    by_id: dict[str, Parsed],
    stored: dict[str, GridNode],
    by_pk: dict[int, GridNode],
) -> set[int]:
    """The stored elements whose outages a move changes: the element and what is below it, its
    old place up to the line's source, and its new place."""
    places = {node.pk, *under}
    above = node.parent_id
    while above is not None and above not in places:  # its old place, up to the line's source
        places.add(above)
        above = by_pk[above].parent_id
    code, seen = item.parent, set()
    while code and code not in seen:  # its new place, through the file's rows and the stored
        seen.add(code)
        if code in stored:
            places.add(stored[code].pk)
        code = by_id[code].parent if code in by_id else parent_code(stored.get(code), by_pk)
    return places


def open_outages_in_the_way(
    station: Station, file_name: str, moves: list[tuple[Parsed, set[int]]]
) -> list[InputProblem]:
    """A move refused, at its row, while an outage is open on the part of either feeder it
    changes: one query however many rows move (review50, 10)."""
    from powerdesk.outages.models import Outage

    if not moves:
        return []
    outages = list(
        Outage.objects.filter(
            station=station,
            device_id__in=set().union(*(places for _item, places in moves)),
            status__in=[Outage.Status.ANNOUNCED, Outage.Status.ACTIVE],
        )
        .select_related("device")
        .order_by("starts_at", "pk")
    )
    problems = []
    for item, places in moves:
        outage = next((o for o in outages if o.device_id in places), None)
        if outage is None:
            continue
        problems.append(
            InputProblem(
                file_name,
                item.row.line,
                _(
                    "%(id)s cannot be moved while the outage at %(device)s is open: its "
                    "households would leave or join that outage after they were counted and "
                    "told. Import this row after the outage is restored."
                )
                % {"id": repr(item.id), "device": outage.device.name or outage.device.code},
                "parent",
            )
        )
    return problems


def parent_code(node: GridNode | None, by_pk: dict[int, GridNode]) -> str:
    if node is None or node.parent_id is None:
        return ""
    return by_pk[node.parent_id].code

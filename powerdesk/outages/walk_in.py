"""Where a crew walks in: the villages and groups no road reaches among the places it goes to.

One answer for the board's crew suggestion (``crew_choice.suggest_crews``, which counts the walk
in its travel time) and the crew's job card (``servicedesk.crew_jobs``, which badges "no road
access: walk in" and names the places): for an outage, the device's village and the places of
the zone of each device open (``BelowGrid.zone_places``: its line down to the next fuse,
recloser or sectionaliser, where its fault is) — not every household out below it. For a whole
feeder out the crew goes to the outlet breaker and patrols the backbone, not into a group behind
a branch fuse that held.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from powerdesk.community.models import Village, VillageGroup

if TYPE_CHECKING:
    from powerdesk.outages.board import BoardRow
    from powerdesk.outages.board_grid import BelowGrid

__all__ = ["Place", "no_road_names", "places_gone_to", "walk_in_to"]

Place = tuple[int | None, int | None]  # (village id, group id)


def places_gone_to(row: BoardRow, grid: BelowGrid) -> frozenset[Place]:
    """The places a crew goes to for a board row with a device: the device's own village, and
    the villages and groups of the zone of each device still open (``board.dark_devices``)."""
    from powerdesk.outages.board import dark_devices

    if row.device is None:
        return frozenset()
    return frozenset({(row.device.village_id, None)}) | grid.zone_places(dark_devices(row))


def no_road_names(places: Iterable[Place]) -> list[str]:
    """The names of the places no road reaches among ``places``, sorted: a village no road
    reaches by its own name (once, whatever its groups), a group no road reaches in a village
    that has a road by the group's name (two queries; none for no places)."""
    places = list(places)
    village_ids = {v for v, _g in places if v is not None}
    group_ids = {g for _v, g in places if g is not None}
    if not village_ids and not group_ids:
        return []
    villages = Village.objects.filter(pk__in=village_ids, no_road_access=True)
    groups = VillageGroup.objects.filter(pk__in=group_ids, no_road_access=True).exclude(
        village__in=villages
    )
    return sorted([v.name for v in villages] + [g.name for g in groups])


def walk_in_to(
    places: Iterable[tuple[Village | None, VillageGroup | None]],
) -> tuple[bool, int]:
    """Whether a crew walks in to reach ``places`` (villages, each with one of its groups or
    None), and the walk recorded for it: a village or a group marked "no road access" is walked
    into, with its village's ``walk_minutes`` (0: not recorded, the last stretch is walked:
    ``crew_choice.walk_stretch_minutes``). Shared by a work order's page (its one household's
    place) and the board (``places_gone_to``).

    When only some of the places are walked into, the crew walks in all the same, and the
    longest recorded walk among them counts (the farthest): the fault can be anywhere on the
    stretch of the device's zone, and the crew patrols it into the group no road reaches, so
    a time without the walk would be one it cannot keep.

    >>> v = Village(name="左门", walk_minutes=0)
    >>> far = Village(name="哔叭", no_road_access=True, walk_minutes=90)
    >>> walk_in_to([(v, None)]), walk_in_to([(v, VillageGroup(no_road_access=True))])
    ((False, 0), (True, 0))
    >>> walk_in_to([(v, None), (far, None), (None, None)])
    (True, 90)
    """
    walk_in, minutes = False, 0
    for village, group in places:
        if (village is not None and village.no_road_access) or (
            group is not None and group.no_road_access
        ):
            walk_in = True
            if village is not None:
                minutes = max(minutes, village.walk_minutes)
    return walk_in, minutes

"""The outage map's list: the board's outages in its order, each with the box to zoom to.

In a storm everything off is the whole station; the map opens on the station's grid (or on one
outage, ``?outage=<id>`` or ``?device=<code>``) and the list beside it takes the dispatcher to
each outage's dark area and its callers, in the board's order of restoration.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.network.models import GridNode
from powerdesk.outages.models import Outage, OutageLink

if TYPE_CHECKING:
    from powerdesk.accounts.models import Station
    from powerdesk.outages.board import BoardRow

__all__ = ["MapEntry", "MapFocus", "map_entries", "map_focus"]

# (south, west, north, east) in degrees, as Leaflet's bounds read them.
Box = tuple[float, float, float, float]


def _bounds(box: Box | None) -> str:
    """``[[south, west], [north, east]]`` for the page's ``data-bounds``."""
    if box is None:
        return ""
    s, w, n, e = (round(v, 6) for v in box)
    return f"[[{s},{w}],[{n},{e}]]"


@dataclass
class MapEntry:
    row: BoardRow
    box: Box | None  # the dark area and the callers; None when nothing of it is placed

    @property
    def callers(self) -> int:
        """Households below it who reported a fault in the last 24 hours, as the board and
        the home page count them (``board.fill_callers``)."""
        return self.row.callers

    @property
    def key(self) -> str:
        return self.row.key

    @property
    def bounds(self) -> str:
        return _bounds(self.box)


@dataclass
class MapFocus:
    """What the map opens on: a list entry (``key``), or an outage no longer on the board."""

    key: str = ""
    box: Box | None = None
    note: str = ""

    @property
    def bounds(self) -> str:
        return _bounds(self.box)


def map_entries(station: Station, rows: list[BoardRow]) -> list[MapEntry]:
    """The board's rows (already in its order) with their boxes: the placed elements at and
    below each row's open devices, and the transformer areas of the callers joined to it.
    At most five queries whatever the number of rows."""
    joined, joined_feeders = _joined_areas(
        station, [r.outage.pk for r in rows if r.outage is not None]
    )
    singles = [a for a in (_area_of(r) for r in rows) if a is not None]
    feeders = {r.device.feeder_id for r in rows if r.device is not None} | joined_feeders
    if singles:
        feeders |= set(GridNode.objects.filter(pk__in=singles).values_list("feeder_id", flat=True))
    grid = _Grid.load(feeders)
    entries = []
    for row in rows:
        below = grid.below(_open_ids(row))
        areas = joined.get(row.outage.pk, set()) if row.outage is not None else set()
        entries.append(MapEntry(row=row, box=grid.box(below | areas)))
    return entries


def map_focus(
    station: Station, entries: list[MapEntry], *, outage: Outage | None, device: GridNode | None
) -> MapFocus:
    """What ``?outage=`` or ``?device=`` asks the map to open on: the entry of that outage,
    or (no longer on the board) where it was, with a word why it is not in the list."""
    for entry in entries:
        row = entry.row
        if outage is not None and row.outage is not None and row.outage.pk == outage.pk:
            return MapFocus(key=entry.key, box=entry.box)
        if device is not None and device.pk in ({row.device.pk} if row.device else set()) | {
            d.pk for d in row.still_open
        }:
            return MapFocus(key=entry.key, box=entry.box)
    target = outage.device if outage is not None else device
    if target is None:
        return MapFocus()
    grid = _Grid.load({target.feeder_id})
    box = grid.box(grid.below([target.pk]))
    if outage is not None and outage.status == Outage.Status.RESTORED and outage.restored_at:
        note = _("This outage is over: power was back at %(time)s. It is shown where it was.") % {
            "time": f"{timezone.localtime(outage.restored_at):%m-%d %H:%M}"
        }
    elif outage is not None:
        note = _("This outage is %(status)s, not on the board now. It is shown where it is.") % {
            "status": outage.get_status_display()
        }
    else:
        note = _("Nothing is known to be off at %(device)s now. It is shown where it is.") % {
            "device": target.name or target.code
        }
    return MapFocus(box=box, note=note)


def _open_ids(row: BoardRow) -> list[int]:
    if row.still_open:
        return [d.pk for d in row.still_open]
    if row.device is not None:
        return [row.device.pk]
    area = _area_of(row)
    return [area] if area is not None else []


def _area_of(row: BoardRow) -> int | None:
    """The transformer area of a prediction about one customer's own service."""
    if row.device is None and row.customer is not None:
        return row.customer.transformer_id
    return None


def _joined_areas(station: Station, outage_ids: list[int]) -> tuple[dict[int, set[int]], set[int]]:
    """Outage pk → the transformer areas of the customers whose orders are joined to it, and
    the feeders of those areas (a caller joined by mistake may be on another)."""
    found: dict[int, set[int]] = defaultdict(set)
    feeders: set[int] = set()
    if not outage_ids:
        return found, feeders
    for outage_id, transformer_id, feeder_id in OutageLink.objects.filter(
        outage__station=station, outage_id__in=outage_ids
    ).values_list(
        "outage_id",
        "work_orders__customer__transformer_id",
        "work_orders__customer__transformer__feeder_id",
    ):
        if transformer_id is not None:
            found[outage_id].add(transformer_id)
            feeders.add(feeder_id)
    return found, feeders


@dataclass
class _Grid:
    """The feeders' elements: where each is (if placed) and what hangs below it."""

    points: dict[int, tuple[float, float]]
    parents: dict[int, int | None]
    children: dict[int, list[int]]

    @classmethod
    def load(cls, feeders: Iterable[int | None]) -> _Grid:
        points: dict[int, tuple[float, float]] = {}
        parents: dict[int, int | None] = {}
        children: dict[int, list[int]] = defaultdict(list)
        ids = {f for f in feeders if f is not None}
        if ids:
            for pk, parent_id, x, y in GridNode.objects.filter(feeder__in=ids).values_list(
                "pk", "parent_id", "x", "y"
            ):
                parents[pk] = parent_id
                if parent_id is not None:
                    children[parent_id].append(pk)
                if x is not None and y is not None:
                    points[pk] = (y, x)
        return cls(points, parents, children)

    def below(self, starts: Iterable[int]) -> set[int]:
        """The elements at and below ``starts``."""
        seen: set[int] = set()
        stack = list(starts)
        while stack:
            pk = stack.pop()
            if pk in seen:
                continue
            seen.add(pk)
            stack.extend(self.children.get(pk, ()))
        return seen

    def box(self, ids: set[int]) -> Box | None:
        """The box around the placed ones of ``ids``; with none placed, the nearest placed
        element above them (an unplaced fuse is at least near its line)."""
        placed = [self.points[pk] for pk in ids if pk in self.points]
        if not placed:
            for pk in ids:
                above = self.parents.get(pk)
                while above is not None and above not in self.points:
                    above = self.parents.get(above)
                if above is not None:
                    placed.append(self.points[above])
                    break
        if not placed:
            return None
        lats = [p[0] for p in placed]
        lngs = [p[1] for p in placed]
        return (min(lats), min(lngs), max(lats), max(lngs))

"""Which crew to send: the one that gets there soonest, counting what it already has in hand.

The travel time is the straight distance from where the crew last said it was (in the last
``accounts.crews.POSITION_FRESH`` hours), or else from its base, to the device, times a road
factor (mountain roads wind: ``POWERDESK_ROAD_FACTOR``), at ``POWERDESK_CREW_SPEED_KMH``. To a
village or group without road access (``no_road_access``: "不通车：需步行进入") the crew walks in:
the village's own walk (``Village.walk_minutes``) is added when recorded, else the last
``WALK_STRETCH_KM`` of the way is taken at walking speed (``WALK_KMH``) — a crew 0.6 km away at
its base still walks, it does not drive in two minutes. Its workload — open work
orders, outages it is sent to, hours out on jobs today — counts as minutes more, so a crew a
little farther that is free may come first. Every option says why in words.

Urgent work with a time to arrive by (a danger, a medical need at home: ``order_crew_options``)
is ranked by when the crew can be there — its travel and the work in hand it must finish or
hand over — so a crew that can make the deadline comes first; hours out today only break ties
(and are said), and the suggestion says when even the first crew cannot make it (walkthrough
37, #4: a crew 8 minutes away came last for its 7 hours out, behind one 68 minutes away, for a
45-minute deadline, and nothing said so).

>>> round(haversine_km((101.2068, 25.5232), (101.1973, 25.5332)), 2)
1.46
>>> travel_minutes(18.0, road_factor=1.4, speed_kmh=30, walk_minutes=0)
50.4
>>> walk_stretch_minutes(0.6, road_factor=1.4)
12.6
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Crew
from powerdesk.community.models import Village, VillageGroup
from powerdesk.outages.crew_workload import Point, Setout, Workload, clauses, crew_situations
from powerdesk.outages.walk_in import places_gone_to, walk_in_to
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.workflow import FIELD_CATEGORIES

if TYPE_CHECKING:
    from collections.abc import Sequence

    from powerdesk.accounts.models import Station
    from powerdesk.outages.board import BoardRow
    from powerdesk.outages.board_grid import BelowGrid

__all__ = [
    "CrewOption",
    "Setout",
    "Workload",
    "crew_options",
    "haversine_km",
    "order_crew_options",
    "suggest_crews",
    "travel_minutes",
    "walk_in_to",
    "walk_stretch_minutes",
]

EARTH_RADIUS_KM = 6371.0
# Where no road reaches and the village's walk is not recorded: the last stretch of the way, on
# foot, at walking speed on mountain paths.
WALK_STRETCH_KM = 2.0
WALK_KMH = 4.0


def haversine_km(a: Point, b: Point) -> float:
    """The great-circle distance between two (longitude, latitude) points, in km."""
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def travel_minutes(
    km: float, *, road_factor: float, speed_kmh: float, walk_minutes: float
) -> float:
    """Minutes to cover ``km`` as the crow flies by road, then on foot."""
    return round(km * road_factor / speed_kmh * 60 + walk_minutes, 1)


def walk_stretch_minutes(km: float, *, road_factor: float) -> float:
    """Minutes on foot over the last stretch of a way of ``km`` as the crow flies (all of it
    when shorter), where no road reaches and the walk is not recorded."""
    return round(min(km * road_factor, WALK_STRETCH_KM) / WALK_KMH * 60, 1)


@dataclass(frozen=True)
class CrewOption:
    crew: Crew
    workload: Workload
    setout: Setout | None
    km: float | None  # straight distance; None when either end has no place
    minutes: float | None  # travel time, walk included
    walk_minutes: float = 0  # of them on foot
    walk_in: bool = False  # no road reaches the place: the crew walks in
    # Urgent work's time to arrive by, and the time the options were drawn: ranked by arrival.
    due: dt.datetime | None = None
    now: dt.datetime | None = None

    @property
    def phone_gone(self) -> str:
        """Whom the crew's duty phone belongs to when that is someone no longer working at the
        station (no text reaches the crew: ``notifications.crew_reach``); "" otherwise."""
        from powerdesk.notifications.crew_reach import ended_owner_of

        owner = ended_owner_of(self.crew)
        return str(owner) if owner is not None else ""

    @property
    def cost(self) -> float:
        """Minutes the crew is ranked by: travel and workload; for urgent work (``due``), travel
        and the work in hand only (``arrival``)."""
        if self.due is not None:
            return self.arrival
        return (self.minutes or 0.0) + self.workload.minutes

    @property
    def arrival(self) -> float:
        """Minutes until the crew can be there: travel and the work in hand."""
        return (self.minutes or 0.0) + self.workload.hand_minutes

    @property
    def late_minutes(self) -> int:
        """For urgent work, how many minutes after its time to arrive by the crew can be there
        (0: in time, or not known)."""
        if self.due is None or self.now is None or self.minutes is None:
            return 0
        late = self.now + dt.timedelta(minutes=self.arrival) - self.due
        return max(math.ceil(late.total_seconds() / 60), 0)

    @property
    def late(self) -> str:
        """``预计晚于到达时限 11:21 约 23 分钟`` when the crew cannot make urgent work's
        deadline; "" else."""
        late = self.late_minutes
        if not late or self.due is None:
            return ""
        return _("cannot arrive by %(time)s: about %(n)d min late") % {
            "time": f"{timezone.localtime(self.due):%H:%M}",
            "n": late,
        }

    @property
    def travel(self) -> str:
        """The travel time and where from: ``路程约 35 分钟（在驻点，18 km）``."""
        if self.minutes is None or self.km is None or self.setout is None:
            return str(_("travel time unknown") if self.setout else _("whereabouts unknown"))
        km = f"{self.km:.0f}" if self.km >= 10 else f"{self.km:.1f}"
        if self.setout.origin == "base":
            origin = _("at its base, %(km)s km") % {"km": km}
        else:
            at = timezone.localtime(self.setout.at) if self.setout.at else None
            origin = _("position of %(time)s, %(km)s km") % {
                "time": f"{at:%H:%M}" if at else "",
                "km": km,
            }
        if self.walk_in:
            origin = clauses([origin, _("no road access: walk in")])
        if self.walk_minutes:
            origin = clauses([origin, _("%(n)d min on foot") % {"n": round(self.walk_minutes)}])
        travel = _("travel about %(n)d min") % {"n": round(self.minutes)}
        return _("%(text)s (%(causes)s)") % {"text": travel, "causes": origin}

    @property
    def busy(self) -> str:
        """What the crew has in hand and the minutes it adds to the rank:
        ``手上 1 个工单（排序加 30 分钟）``; ``空闲`` adds nothing. For urgent work only the
        work in hand adds to it (hours out today are said, not added)."""
        added = round(self.cost - (self.minutes or 0.0))
        if not added:
            return self.workload.text
        return _("%(load)s (+%(n)d min to its rank)") % {"load": self.workload.text, "n": added}

    @property
    def reason(self) -> str:
        """The travel, the workload and — when the workload adds to it — the minutes the crew
        is ranked by, so the number shown is the one that put it where it is:
        ``路程约 6 分钟（在驻点，2.2 km），手上 2 个工单（排序加 60 分钟），共约 66 分钟``; and
        for urgent work, when it cannot make the deadline (``late``)."""
        return clauses([self.travel, self.busy, self.ranked_by, self.late])

    @property
    def ranked_by(self) -> str:
        """The minutes the crew is ranked by, when its workload adds to its travel ("" else)."""
        if self.minutes is None or not round(self.cost - self.minutes):
            return ""
        return _("about %(n)d min in all") % {"n": round(self.cost)}


def crew_options(
    crews: Sequence[tuple[Crew, Setout | None, Workload]],
    target: Point | None,
    *,
    walk_minutes: int = 0,
    walk_in: bool = False,
    road_factor: float,
    speed_kmh: float,
    due: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> list[CrewOption]:
    """The crews for an outage at ``target``, the one to send first (pure). ``walk_in``: no
    road reaches it; ``walk_minutes``: the recorded walk in (0: not recorded, the last stretch
    is walked: ``walk_stretch_minutes``).

    Crews whose travel time is known come before those whose is not; among them the least
    ``cost`` (travel and workload minutes) first, then the less busy, then the nearer.

    ``due``: urgent work's time to arrive by (with ``now``): the crews that can be there by
    then first, each by when it can be there (travel and work in hand), the fewer hours out
    today breaking ties.
    """
    if due is not None and now is None:
        now = timezone.now()
    options = []
    for crew, setout, workload in crews:
        km = minutes = None
        walk: float = walk_minutes
        if target is not None and setout is not None:
            km = haversine_km(setout.point, target)
            if walk_in and not walk_minutes:
                walk = walk_stretch_minutes(km, road_factor=road_factor)
                road_km = max(km - min(km * road_factor, WALK_STRETCH_KM) / road_factor, 0.0)
                minutes = travel_minutes(
                    road_km, road_factor=road_factor, speed_kmh=speed_kmh, walk_minutes=walk
                )
            else:
                minutes = travel_minutes(
                    km, road_factor=road_factor, speed_kmh=speed_kmh, walk_minutes=walk
                )
        options.append(
            CrewOption(
                crew=crew,
                workload=workload,
                setout=setout,
                km=km,
                minutes=minutes,
                walk_minutes=walk if minutes is not None else 0,
                walk_in=walk_in and minutes is not None,
                due=due,
                now=now,
            )
        )
    known = any(o.minutes is not None for o in options)
    if due is not None:
        return sorted(
            options,
            key=lambda o: (
                known and o.minutes is None,
                o.late_minutes > 0,
                o.arrival,
                o.workload.hours_on_duty,
                o.crew.name,
            ),
        )
    return sorted(
        options,
        key=lambda o: (
            known and o.minutes is None,
            o.cost,
            o.workload.minutes,
            o.minutes or 0.0,
            o.crew.name,
        ),
    )


# -- the board ------------------------------------------------------------------------------
def suggest_crews(
    station: Station,
    rows: list[BoardRow],
    *,
    now: dt.datetime | None = None,
    grid: BelowGrid | None = None,
) -> None:
    """Fill ``crew_options`` of each row no crew is sent to yet, with the walk in when a place
    the crew goes to is one no road reaches (``walk_in_to``): the device's village and the
    places of its zone, where its fault is (``walk_in.places_gone_to``, as the crew's job card
    badges them) — not every household out below it: for a whole feeder out the crew goes to
    the outlet breaker and patrols the backbone, not into a group behind a branch fuse that
    held.

    Five queries whatever the number of rows (none for an empty board); ``grid``: the
    station's ``board_grid.grid_below``, read already by the board.
    """
    from powerdesk.outages.board_grid import grid_below

    waiting = [r for r in rows if r.crew is None and (r.device is not None or r.customer)]
    if not waiting:
        return
    now = now or timezone.now()
    situations = crew_situations(station, now=now)
    if not situations:
        return
    grid = grid or grid_below(station.pk)
    zones = {id(r): places_gone_to(r, grid) for r in waiting if r.device is not None}
    # The groups no road reaches among the places gone to, then the villages: the devices',
    # those of the places and those of the groups.
    zone_groups = {g for places in zones.values() for _v, g in places if g}
    groups = VillageGroup.objects.filter(pk__in=zone_groups, no_road_access=True).in_bulk()
    villages = Village.objects.in_bulk(
        {v for places in zones.values() for v, _g in places if v}
        | {g.village_id for g in groups.values()}
    )
    for row in waiting:
        target, village = _where(row, villages)
        if row.device is None:
            places = [(village, row.customer.group if row.customer else None)]
        else:  # the device's village among them (``places_gone_to``)
            places = [(villages.get(v or 0), groups.get(g or 0)) for v, g in zones[id(row)]]
        walk_in, walk_minutes = walk_in_to(places)
        row.crew_options = crew_options(
            situations,
            target,
            walk_minutes=walk_minutes,
            walk_in=walk_in,
            road_factor=settings.POWERDESK_ROAD_FACTOR,
            speed_kmh=settings.POWERDESK_CREW_SPEED_KMH,
        )


def order_crew_options(
    station: Station, order: WorkOrder, *, now: dt.datetime | None = None
) -> list[CrewOption]:
    """The crews for a work order (a hazard, a fault at one household), the one to send first,
    as for an outage: to the customer's transformer area, else the device found, else the
    village; with the walk into a village or group without road access. Empty when the
    station has no crew, and for an order that is no emergency work at the grid (a new
    connection, a meter's business: ``FIELD_CATEGORIES``): its crew is chosen from the list
    and booked, not the repair crew nearest by travel time sent at one tap. Urgent work not
    reached yet (a danger, a medical need) is ranked by its time to arrive by (``crew_options``'s
    ``due``)."""
    if order.category not in FIELD_CATEGORIES:
        return []
    now = now or timezone.now()
    situations = crew_situations(station, now=now)
    if not situations:
        return []
    target: Point | None = None
    customer = order.customer
    for device in (customer.transformer if customer else None, order.device_found):
        if device is not None and device.x is not None and device.y is not None:
            target = (device.x, device.y)
            break
    village = order.village or (customer.village if customer else None)
    if target is None and village is not None and village.x is not None and village.y is not None:
        target = (village.x, village.y)
    group = order.group or (customer.group if customer else None)
    walk_in, walk_minutes = walk_in_to([(village, group)])
    urgent = order.urgent and order.arrived_at is None and order.arrive_due_at is not None
    return crew_options(
        situations,
        target,
        walk_minutes=walk_minutes,
        walk_in=walk_in,
        road_factor=settings.POWERDESK_ROAD_FACTOR,
        speed_kmh=settings.POWERDESK_CREW_SPEED_KMH,
        due=order.arrive_due_at if urgent else None,
        now=now,
    )


def _where(row: BoardRow, villages: dict[int, Village]) -> tuple[Point | None, Village | None]:
    """The place to go to for a row: the device, or its village when it has no place."""
    if row.device is not None:
        village = villages.get(row.device.village_id or 0)
        if row.device.x is not None and row.device.y is not None:
            return (row.device.x, row.device.y), village
    else:
        assert row.customer is not None
        village = row.customer.village
    if village is not None and village.x is not None and village.y is not None:
        return (village.x, village.y), village
    return None, village

"""Demo: what the crews did on each fault of the history — who went, when they got there, what
they found where, and so how long the power was off.

A fault's time off is the crew's: sent after the office records it, waiting while the station's
crews are busy on other outages, driving from their base (mountain roads) and walking to villages
without road access, walking the line until they find the fault (slower at night and in the
rain), and repairing it — a blown fuse link after lightning is quick, a tree on the line or a
broken pole takes hours, a transformer burnt out of age longer still. Each part varies.

Where the fault was found follows its cause: lightning strikes poles and devices in lightning
zones and old equipment, trees touch conductors in the spans where they grow, animals bridge the
bushings of transformers and fuses. Some spans have trees near them and some transformers draw
birds, which the station learns only from the faults found there; the open defects and the
equipment's age are known in advance. So the history says something about where the next fault
is, but not everything.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass
from typing import Any

from powerdesk.accounts.models import Crew
from powerdesk.demo.builder import DemoContext
from powerdesk.demo.seasons import RAINY, TZ
from powerdesk.network.models import Defect, GridNode, NodeKind
from powerdesk.outages.models import FoundPlace, Outage, OutageCause, OutageEvent, OutageLink
from powerdesk.outages.stretch import Grid, StretchPlace, place_said, stretch_of
from powerdesk.servicedesk.history_notes import note_said

# The demo's causes as staff wrote them, and the kind the reports group them by.
CAUSE_KINDS = {
    "雷击": OutageCause.LIGHTNING,
    "树障碰线": OutageCause.TREE,
    "大风": OutageCause.TREE,  # wind blows branches onto the conductors
    "设备老化": OutageCause.AGEING,
    "鸟害": OutageCause.ANIMAL,
    "外力破坏": OutageCause.EXTERNAL,
    "用户设备故障": OutageCause.OVERLOAD,
    "台风外围强降雨大风": OutageCause.TREE,
    "冰冻雨雪覆冰": OutageCause.EXTERNAL,
}
REPAIR_HOURS = {  # median repair once found
    OutageCause.LIGHTNING: 0.6,
    OutageCause.TREE: 1.6,
    OutageCause.AGEING: 2.2,
    OutageCause.ANIMAL: 0.5,
    OutageCause.EXTERNAL: 2.6,
    OutageCause.OVERLOAD: 1.2,
    OutageCause.UNKNOWN: 1.0,
}
ROAD_KMH, ROAD_WINDING = 18.0, 1.7
BUSY_HOURS = 0.5  # each other outage open holds a crew for about this long first


@dataclass
class Fieldwork:
    crew: Crew | None
    cause_kind: str
    dispatched_at: dt.datetime
    arrived_at: dt.datetime
    found_at: dt.datetime
    place: StretchPlace | None


def settle(ctx: DemoContext, faults: list[Outage], *, remote: set[int]) -> dict[int, Fieldwork]:
    """Give each fault its crew, cause kind and place, and (unless set: the storm's) its restore
    time; returns the fieldwork by ``id(outage)``. Faults are taken in the order they began."""
    assert ctx.station is not None
    rng = ctx.rng_for("outages:fieldwork")
    grid = Grid.load(station_id=ctx.station.pk)
    crews = [c for c in Crew.objects.filter(station=ctx.station) if c.base_x is not None]
    defects: dict[int, list[Defect]] = {}
    for defect in Defect.objects.filter(station=ctx.station):
        defects.setdefault(defect.node_id, []).append(defect)
    places = {
        pk: (x, y)
        for pk, x, y in GridNode.objects.filter(station=ctx.station).values_list("pk", "x", "y")
        if x is not None and y is not None
    }
    stretches: dict[int, list[StretchPlace]] = {}
    done: list[Outage] = []
    work: dict[int, Fieldwork] = {}
    for outage in sorted(faults, key=lambda o: o.starts_at):
        start = outage.starts_at
        busy = sum(1 for o in done if o.restored_at is not None and o.restored_at > start)
        kind = CAUSE_KINDS.get(outage.cause, OutageCause.UNKNOWN)
        device = grid.elements[outage.device_id]
        crew, km = _crew_for(rng, crews, places.get(device.pk))
        if device.pk not in stretches:
            stretches[device.pk] = stretch_of(grid, device.pk)
        stretch = stretches[device.pk]
        place = _fault_place(ctx.seed, rng, stretch, kind, defects, start.year)
        local = start.astimezone(TZ)
        night = local.hour >= 20 or local.hour < 6
        wet = RAINY.get(local.month, 1.0) > 1.5
        dispatch = rng.uniform(0.3, 0.6)
        travel = km * ROAD_WINDING / ROAD_KMH * rng.lognormvariate(0, 0.2)
        if device.pk in remote:
            travel += rng.uniform(0.7, 1.8)  # walking the last part: no road to the village
        wait = BUSY_HOURS * busy * rng.lognormvariate(0, 0.3)
        order = place.order if place is not None else len(stretch) // 2
        find = 0.04 * (order + 2) * (1.6 if night else 1.0) * (1.25 if wet else 1.0)
        find *= rng.lognormvariate(0, 0.35)
        repair = REPAIR_HOURS[OutageCause(kind)] * rng.lognormvariate(0, 0.4)
        if device.kind == NodeKind.TRANSFORMER and kind in (
            OutageCause.AGEING,
            OutageCause.OVERLOAD,
        ):
            repair *= 2.5  # a transformer replaced, brought by truck
        arrived = start + dt.timedelta(hours=dispatch + wait + travel)
        found = arrived + dt.timedelta(hours=find)
        if outage.restored_at is None:
            outage.restored_at = found + dt.timedelta(hours=repair)
        else:  # the storm's: the crews' times are stretched to its long day
            span = (outage.restored_at - start).total_seconds()
            arrived = start + dt.timedelta(seconds=span * 0.3)
            found = start + dt.timedelta(seconds=span * 0.5)
        work[id(outage)] = Fieldwork(
            crew, kind, start + dt.timedelta(hours=dispatch), arrived, found, place
        )
        done.append(outage)
    return work


def record(outages: list[Outage], work: dict[int, Fieldwork], *, by: Any) -> None:
    """Store the crews' part of each fault: its link (crew, cause kind), history lines and the
    place the fault was found."""
    links, events, found = [], [], []
    for outage in outages:
        fieldwork = work.get(id(outage))
        if fieldwork is None or outage.pk is None:
            continue
        links.append(
            OutageLink(outage=outage, crew=fieldwork.crew, cause_kind=fieldwork.cause_kind)
        )
        crew = fieldwork.crew.name if fieldwork.crew else ""
        cause = note_said("outage_cause", kind=fieldwork.cause_kind, words=outage.cause)
        events += [
            OutageEvent(
                outage=outage, at=fieldwork.dispatched_at, by=by, what="dispatched", note=crew
            ),
            OutageEvent(
                outage=outage, at=fieldwork.arrived_at, by=by, what="patrolling", note=crew
            ),
            OutageEvent(
                outage=outage,
                at=fieldwork.found_at,
                by=by,
                what="cause_found",
                note=cause["note"][:300],
                note_code=cause["note_code"],
                note_args=cause["note_args"],
            ),
        ]
        if fieldwork.place is not None:
            place = fieldwork.place
            said = note_said(
                "found_place", key=place.key, place=place_said(place), kind=fieldwork.cause_kind
            )
            events.append(
                OutageEvent(
                    outage=outage,
                    at=fieldwork.found_at,
                    by=by,
                    what="found_here",
                    note=said["note"][:300],
                    note_code=said["note_code"],
                    note_args=said["note_args"],
                )
            )
            found.append(
                FoundPlace(
                    outage=outage,
                    place=place.key,
                    device_id=place.element.pk,
                    cause=fieldwork.cause_kind,
                    found_at=fieldwork.found_at,
                    found_by=by,
                )
            )
    OutageLink.objects.bulk_create(links, batch_size=500)
    OutageEvent.objects.bulk_create(events, batch_size=1000)
    FoundPlace.objects.bulk_create(found, batch_size=1000)


def _crew_for(
    rng: random.Random, crews: list[Crew], at: tuple[float, float] | None
) -> tuple[Crew | None, float]:
    """Usually the crew whose base is nearest; now and then another (the nearest was out)."""
    if not crews or at is None:
        return None, 5.0
    ranked = sorted(crews, key=lambda c: distance_km(c.base_x, c.base_y, *at))
    crew = ranked[0] if rng.random() < 0.75 or len(ranked) == 1 else rng.choice(ranked[1:])
    return crew, distance_km(crew.base_x, crew.base_y, *at)


def distance_km(x1: float | None, y1: float | None, x2: float, y2: float) -> float:
    """Straight-line distance between two WGS-84 points, km (small distances)."""
    if x1 is None or y1 is None:
        return 5.0
    dx = (x1 - x2) * 111.32 * math.cos(math.radians((y1 + y2) / 2))
    dy = (y1 - y2) * 110.57
    return math.hypot(dx, dy)


def _fault_place(
    seed: int,
    rng: random.Random,
    stretch: list[StretchPlace],
    cause: str,
    defects: dict[int, list[Defect]],
    year: int,
) -> StretchPlace | None:
    if not stretch:
        return None
    weights = [_weight(seed, p, cause, defects, year) for p in stretch]
    if sum(weights) <= 0:
        return stretch[0]  # nothing else there: at the device itself
    return rng.choices(stretch, weights)[0]


def _weight(
    seed: int, place: StretchPlace, cause: str, defects: dict[int, list[Defect]], year: int
) -> float:
    hidden = random.Random(f"{seed}:place:{place.key}")
    trees_near = hidden.random() < 0.15
    birds = hidden.random() < 0.2
    exposure = hidden.lognormvariate(0, 0.5)  # a ridge-top pole, a gully
    element = place.element
    own = [d for d in defects.get(element.pk, []) if place.kind != "span"]
    if place.kind == "span":
        own = [d for d in defects.get(element.pk, []) if "树" in d.description]
        trees_near = trees_near or bool(own)
    age = max(0, year - (element.install_year or year))
    aged = 1.0 + max(0, age - 10) / 10
    kind = place.kind
    if cause == OutageCause.LIGHTNING:
        if kind == "span":
            return 0.0
        hit = (3.0 if element.lightning_zone else 1.0) * exposure * aged
        return hit * (3.0 if any("雷" in d.description for d in own) else 1.0)
    if cause == OutageCause.TREE:
        return (15.0 if trees_near else 1.0) if kind == "span" else 0.0
    if cause == OutageCause.AGEING:
        return 0.0 if kind == "span" else aged**2 * (3.0 if own else 1.0)
    if cause == OutageCause.ANIMAL:
        if kind in ("transformer", "fuse"):
            return 6.0 if birds else 1.0
        return 0.3 if kind == "pole" else 0.0
    if cause == OutageCause.OVERLOAD:
        return 1.0 if kind == "transformer" else 0.05
    if cause == OutageCause.EXTERNAL:
        return 1.0 if kind in ("span", "pole") else 0.2
    return 1.0

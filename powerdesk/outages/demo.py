"""Demo: five years of outages on the station's feeders, with a planned one coming up.

Faults are likelier in the rainy season, in lightning zones and on branch fuses; crews restore
them in a few hours (``demo_fieldwork``: who went, where they found the fault, how long it took,
longer where there is no road, at night, when the crews are busy elsewhere). Reclosers now and
then trip and reclose within a minute or two (momentary interruptions). Planned maintenance
comes about every three weeks, announced a week ahead. One storm — typhoon remnants in July, or
an ice storm in January — takes the backbone of every feeder down for most of a day: a clear
major event day. The history starts on 1 January five years back, so the major event days of
this year are found against five whole years of daily SAIDI; it feeds the station's and
villages' reliability.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from powerdesk.accounts.models import Station
from powerdesk.demo.builder import DemoContext
from powerdesk.demo.seasons import RAINY, TZ, poisson
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.network.selectors import FeederTree
from powerdesk.outages import demo_aftercare, demo_fieldwork
from powerdesk.outages.models import Outage, OutageEvent

KIND_WEIGHT = {
    NodeKind.FUSE: 1.6,
    NodeKind.TRANSFORMER: 0.5,
    NodeKind.RECLOSER: 0.4,
    NodeKind.SECTIONALIZER: 0.3,
    NodeKind.SWITCH: 0.1,
}
CAUSES = [
    ("雷击", 4),
    ("树障碰线", 3),
    ("大风", 2),
    ("设备老化", 2),
    ("鸟害", 1),
    ("外力破坏", 1),
    ("用户设备故障", 1),
]
PLANNED_WORK = ["线路检修", "更换老旧配变", "消缺：更换绝缘子", "树障清理", "新增分支线路搭接"]
FAULTS_PER_DAY = 0.22
MOMENTARY = "重合闸成功（瞬时故障）"
RECLOSES_PER_DAY = 0.03  # momentary: a recloser trips and closes again on its own


def build(ctx: DemoContext) -> None:
    assert ctx.station is not None
    rng = ctx.rng_for("outages")
    station = ctx.station
    devices: list[tuple[GridNode, int, float]] = []
    for feeder in ctx.made["feeders"]:
        tree = FeederTree.load(feeder)
        for node in tree.nodes.values():
            below = tree.customers_below.get(node.pk, 0)
            if node.kind in KIND_WEIGHT and below:
                weight = KIND_WEIGHT[NodeKind(node.kind)] * (2.0 if node.lightning_zone else 1.0)
                devices.append((node, below, weight))
    if not devices:
        return
    weights = [w for _n, _b, w in devices]
    remote_villages = {v.pk for v in ctx.made["villages"].values() if v.no_road_access}
    remote = {n.pk for n, _b, _w in devices if n.village_id in remote_villages}
    chief = ctx.made["users"]["gl_dispatch"]
    now = min(dt.datetime.combine(ctx.today, dt.time(9, 0), tzinfo=TZ), ctx.now)
    day = dt.datetime.combine(ctx.outage_history_start, dt.time(0, 0), tzinfo=TZ)
    outages: list[Outage] = []
    reclosers = [d for d in devices if d[0].kind == NodeKind.RECLOSER]
    blips = ctx.rng_for("outages:momentary")
    while day < now - dt.timedelta(days=1):
        recloses = RECLOSES_PER_DAY * RAINY.get(day.month, 1.0) if reclosers else 0.0
        for _ in range(poisson(blips, recloses)):
            node, below, _w = blips.choice(reclosers)
            start = day + dt.timedelta(seconds=blips.uniform(0, 86400))
            restored = start + dt.timedelta(seconds=blips.uniform(15, 150))
            outages.append(_fault(station, node, below, start, restored, MOMENTARY, chief))
        for _ in range(poisson(rng, FAULTS_PER_DAY * RAINY.get(day.month, 1.0))):
            node, below, _w = rng.choices(devices, weights)[0]
            start = day + dt.timedelta(seconds=rng.uniform(0, 86400))
            cause = rng.choices([c for c, _ in CAUSES], [w for _, w in CAUSES])[0]
            # When it is restored, the crew's work decides (``demo_fieldwork.settle``).
            outages.append(_fault(station, node, below, start, None, cause, chief))
        if day.weekday() == 2 and rng.random() < 0.35:
            node, below, _w = rng.choice([d for d in devices if d[0].kind != NodeKind.TRANSFORMER])
            start = day + dt.timedelta(hours=8, minutes=30)
            work = rng.choice(PLANNED_WORK)
            outages.append(
                Outage(
                    station=station,
                    device=node,
                    kind=Outage.Kind.PLANNED,
                    status=Outage.Status.RESTORED,
                    starts_at=start,
                    expected_restore_at=start + dt.timedelta(hours=8),
                    restored_at=start + dt.timedelta(hours=rng.uniform(5.5, 8.5)),
                    cause=work,
                    notice=f"{work}，{start:%m月%d日} 8:30-16:30 停电",
                    customers=below,
                    created_by=chief,
                )
            )
        day += dt.timedelta(days=1)
    outages += _storm(ctx, devices, chief)
    faults = [o for o in outages if o.kind == Outage.Kind.UNPLANNED and o.cause != MOMENTARY]
    fieldwork = demo_fieldwork.settle(ctx, faults, remote=remote)
    # Coming up: planned work on the 哔叭 branch, announced to the villages.
    story = next(
        (n for n, _b, _w in devices if n.code.startswith("ZM-") and n.kind == NodeKind.FUSE), None
    )
    if story is not None:
        start = dt.datetime.combine(ctx.today + dt.timedelta(days=9), dt.time(8, 30), tzinfo=TZ)
        outages.append(
            Outage(
                station=station,
                device=story,
                kind=Outage.Kind.PLANNED,
                status=Outage.Status.ANNOUNCED,
                starts_at=start,
                expected_restore_at=start + dt.timedelta(hours=8),
                cause="消缺：更换绝缘子",
                notice=f"更换老旧绝缘子，{start:%m月%d日} 8:30-16:30 停电，请提前做好准备",
                customers=next(b for n, b, _w in devices if n == story),
                created_by=chief,
            )
        )
    Outage.objects.bulk_create(outages, batch_size=500)
    events = []
    for outage in Outage.objects.filter(station=station).order_by("starts_at"):
        announced = (
            # A week or more ahead, and never after the demo's "now": the work coming up was
            # announced yesterday, not on a day still to come.
            min(outage.starts_at - dt.timedelta(days=8), now - dt.timedelta(days=1))
            if outage.kind == Outage.Kind.PLANNED
            else outage.starts_at + dt.timedelta(minutes=rng.randint(5, 25))
        )
        first = "announced" if outage.kind == Outage.Kind.PLANNED else "active"
        events.append(
            OutageEvent(outage=outage, at=announced, by=chief, what=first, note=outage.cause)
        )
        if outage.restored_at:
            events.append(
                OutageEvent(outage=outage, at=outage.restored_at, by=chief, what="restored")
            )
    OutageEvent.objects.bulk_create(events, batch_size=1000)
    demo_fieldwork.record(faults, fieldwork, by=chief)
    # Called back and closed after power came back, as the station works (walk72, 10).
    demo_aftercare.close_restored(ctx, now, by=chief, clerk=ctx.made["users"]["gl_counter"])


def storm_day(today: dt.date) -> tuple[dt.date, str]:
    """The storm's day and what it was: the latest of typhoon remnants on 14 July and an ice
    storm on 22 January that lies at least three weeks before ``today``."""
    for year in (today.year, today.year - 1):
        for day, what in (
            (dt.date(year, 7, 14), "台风外围强降雨大风"),
            (dt.date(year, 1, 22), "冰冻雨雪覆冰"),
        ):
            if day <= today - dt.timedelta(days=21):
                return day, what
    raise AssertionError("unreachable: 22 January of last year is always far enough back")


def _storm(
    ctx: DemoContext, devices: list[tuple[GridNode, int, float]], chief: Any
) -> list[Outage]:
    """Each feeder's biggest recloser (its backbone) down for 14 to 32 hours on the storm's day,
    and a few branch fuses in lightning zones besides: most of the station in the dark."""
    assert ctx.station is not None
    rng = ctx.rng_for("outages:storm")
    day, what = storm_day(ctx.today)
    biggest: dict[int, tuple[GridNode, int]] = {}
    for node, below, _w in devices:
        if node.kind == NodeKind.RECLOSER and below > biggest.get(node.feeder_id, (node, -1))[1]:
            biggest[node.feeder_id] = (node, below)
    out_feeders = set(biggest)
    hit = [(n, b) for n, b in biggest.values()] + [
        (n, b)
        for n, b, _w in devices
        if n.kind == NodeKind.FUSE and n.lightning_zone and n.feeder_id not in out_feeders
    ][:4]
    storms: list[Outage] = []
    for node, below in hit:
        start = dt.datetime.combine(day, dt.time(2, 0), tzinfo=TZ) + dt.timedelta(
            minutes=rng.uniform(0, 180)
        )
        restored = start + dt.timedelta(hours=rng.uniform(14, 32))
        storms.append(_fault(ctx.station, node, below, start, restored, what, chief))
    return storms


def _fault(
    station: Station,
    node: GridNode,
    below: int,
    start: dt.datetime,
    restored_at: dt.datetime | None,
    cause: str,
    chief: Any,
) -> Outage:
    """An unplanned outage on ``node``, over ``below`` households, from ``start`` (restored then,
    or as the crew's work decides: None), recorded by ``chief``."""
    return Outage(
        station=station,
        device=node,
        kind=Outage.Kind.UNPLANNED,
        status=Outage.Status.RESTORED,
        starts_at=start,
        restored_at=restored_at,
        cause=cause,
        customers=below,
        created_by=chief,
    )

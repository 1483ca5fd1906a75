"""Demo: four 10kV feeders with reclosers, about 150 branch fuses and 250 transformer areas.

10kV左门线 carries the 哔叭支线 branch whose pole No. 02 holds a drop-out fuse, as in the story.
Branches through lightning zones (the 左门干海 area above all) and old equipment get the defects
that later drive the demo's fault history.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from dataclasses import dataclass, field

from powerdesk.accounts.models import Station
from powerdesk.community.models import Village, VillageGroup
from powerdesk.demo.builder import DemoContext
from powerdesk.network.models import Defect, DefectSeverity, Feeder, GridNode, NodeKind

FEEDERS = [
    # code, name, villages along it, backbone poles, branches, direction (radians)
    ("ZM", "10kV左门线", ["左门", "地索", "三角"], 64, 40, 2.3),
    ("HNT", "10kV黄泥塘线", ["黄泥塘", "梅子箐"], 52, 36, 0.6),
    ("JC", "10kV旧城线", ["旧城", "西村"], 46, 36, -0.9),
    ("DB", "10kV大坝线", ["大坝", "小邑"], 50, 38, -2.4),
]
SUBSTATION = ("35kV光禄变", 101.205, 25.525)
OTHER_SUBSTATION = (101.236, 25.498)  # 栋川, the county town
POLE_STEP = 0.0007  # degrees between poles, about 70 m
BRANCH_ANGLE = math.radians(35)  # between a branch and the line it leaves
LIGHTNING_GROUPS = {("左门", "干海"), ("左门", "哔叭"), ("地索", "石板"), ("梅子箐", "岩头")}
LIGHTNING_SHARE = {"左门": 0.45, "地索": 0.35, "梅子箐": 0.4}
CAPACITIES = [50, 80, 100, 100, 125, 160, 160, 200, 315]
CHINESE_NUMBERS = "一二三四五六七八九十"

DEFECTS = [
    ("绝缘子老化，雷击风险高", DefectSeverity.SERIOUS, "lightning"),
    ("跌落式熔断器底座锈蚀", DefectSeverity.MINOR, "fuse"),
    ("电杆倾斜，基础被雨水冲刷", DefectSeverity.CRITICAL, "pole"),
    ("导线下方树木距离不足", DefectSeverity.SERIOUS, "pole"),
    ("拉线松弛", DefectSeverity.MINOR, "pole"),
    ("配变漏油", DefectSeverity.SERIOUS, "transformer"),
    ("避雷器损坏", DefectSeverity.SERIOUS, "lightning"),
]


@dataclass
class _Plan:
    """Nodes in creation order with parent indices, created in two bulk passes."""

    nodes: list[GridNode] = field(default_factory=list)
    parents: list[int | None] = field(default_factory=list)

    def add(self, node: GridNode, parent: int | None) -> int:
        self.nodes.append(node)
        self.parents.append(parent)
        return len(self.nodes) - 1


def build(ctx: DemoContext) -> None:
    assert ctx.station is not None and ctx.other_station is not None
    rng = ctx.rng_for("network")
    villages: dict[str, Village] = ctx.made["villages"]
    groups: dict[str, list[VillageGroup]] = ctx.made["groups"]
    plan = _Plan()
    transformer_places: list[tuple[int, Village, VillageGroup]] = []
    feeders: list[Feeder] = []
    for code, name, village_names, poles, branches, direction in FEEDERS:
        feeder = Feeder.objects.create(
            station=ctx.station, code=code, name=name, substation=SUBSTATION[0]
        )
        feeders.append(feeder)
        transformer_places += _plan_feeder(
            plan,
            rng,
            ctx.station,
            feeder,
            [villages[v] for v in village_names],
            groups,
            poles,
            branches,
            direction,
        )
    other = Feeder.objects.create(
        station=ctx.other_station, code="DC", name="10kV栋川线", substation="35kV栋川变"
    )
    other_places = _plan_small_feeder(plan, ctx.other_station, other, ctx.made["other_village"])

    _create(plan)
    ctx.made["feeders"] = feeders
    ctx.made["transformers"] = [(plan.nodes[i], v, g) for i, v, g in transformer_places]
    ctx.made["other_transformers"] = [(plan.nodes[i], v, g) for i, v, g in other_places]
    ctx.made["grid_nodes"] = [n for n in plan.nodes if n.station_id == ctx.station.pk]
    _make_defects(ctx, rng, ctx.made["grid_nodes"])


def _plan_feeder(
    plan: _Plan,
    rng: random.Random,
    station: Station,
    feeder: Feeder,
    villages: list[Village],
    groups: dict[str, list[VillageGroup]],
    pole_count: int,
    branch_count: int,
    direction: float,
) -> list[tuple[int, Village, VillageGroup]]:
    _, x0, y0 = SUBSTATION
    dx, dy = math.cos(direction) * POLE_STEP, math.sin(direction) * POLE_STEP

    def node(kind: str, code: str, name: str, x: float, y: float, **extra: object) -> GridNode:
        return GridNode(
            station=station, feeder=feeder, kind=kind, code=code, name=name, x=x, y=y, **extra
        )

    backbone_year = rng.randint(1998, 2012)
    parent = plan.add(
        node(
            NodeKind.SOURCE,
            f"{feeder.code}-CB",
            f"{feeder.name}出线开关",
            x0,
            y0,
            install_year=backbone_year + rng.randint(0, 8),
        ),
        None,
    )
    recloser_at = {pole_count // 3: 1, (2 * pole_count) // 3: 2}
    backbone: list[int] = []
    for number in range(1, pole_count + 1):
        x, y = x0 + dx * number, y0 + dy * number
        parent = plan.add(
            node(
                NodeKind.POLE,
                f"{feeder.code}-P{number:03d}",
                f"{feeder.name}{number:03d}号杆",
                x,
                y,
                line_name=f"{feeder.name}主干线",
                pole_number=f"{number:03d}",
                install_year=backbone_year,
            ),
            parent,
        )
        backbone.append(parent)
        if number in recloser_at:
            parent = plan.add(
                node(
                    NodeKind.RECLOSER,
                    f"{feeder.code}-R{recloser_at[number]}",
                    f"{feeder.name}{number:03d}号杆{recloser_at[number]}号重合器",
                    x,
                    y,
                    install_year=rng.randint(2010, 2020),
                ),
                parent,
            )

    places: list[tuple[int, Village, VillageGroup]] = []
    branch_poles: list[list[int]] = []
    branch_angles: list[float] = []
    used_names: dict[str, int] = {}
    for index in range(branch_count):
        # Villages lie one after another along the feeder.
        village = villages[min(len(villages) - 1, index * len(villages) // branch_count)]
        group = groups[village.name][index % len(groups[village.name])]
        story = feeder.code == "ZM" and village.name == "左门" and group.name == "哔叭"
        base = "哔叭" if story else group.name
        used_names[base] = used_names.get(base, 0) + 1
        count = used_names[base]
        line_name = f"{base}支线" if count == 1 else f"{base}{CHINESE_NUMBERS[count - 1]}支线"
        code = f"{feeder.code}-B{index + 1:02d}"
        lightning = (village.name, group.name) in LIGHTNING_GROUPS or rng.random() < (
            LIGHTNING_SHARE.get(village.name, 0.12)
        )
        year = rng.randint(1995, 2021) if not lightning else rng.randint(1995, 2010)
        sub_branch = index > 6 and branch_poles and rng.random() < 0.18
        along = direction
        if sub_branch:
            host = rng.choice(branch_poles)
            along = next(a for p, a in zip(branch_poles, branch_angles, strict=True) if p is host)
            tap = host[min(len(host) - 1, rng.randint(2, 6))]
        else:
            tap = backbone[min(len(backbone) - 1, 1 + index * (len(backbone) - 2) // branch_count)]
        tap_node = plan.nodes[tap]
        side = 1 if index % 2 else -1
        # Branches lean away from the substation, inside the feeder's own sector of the map,
        # so that no line crosses another feeder's.
        angle = along + side * BRANCH_ANGLE
        bx, by = math.cos(angle) * POLE_STEP, math.sin(angle) * POLE_STEP
        fuse_pole = 2 if story or rng.random() < 0.3 else 1
        length = rng.randint(4, 14)
        parent = tap
        poles_here: list[int] = []
        for number in range(1, length + 1):
            x = (tap_node.x or 0) + bx * number + rng.uniform(-1, 1) * POLE_STEP * 0.2
            y = (tap_node.y or 0) + by * number + rng.uniform(-1, 1) * POLE_STEP * 0.2
            parent = plan.add(
                node(
                    NodeKind.POLE,
                    f"{code}-P{number:02d}",
                    f"{line_name}{number:02d}号杆",
                    x,
                    y,
                    line_name=line_name,
                    pole_number=f"{number:02d}",
                    village=village,
                    lightning_zone=lightning,
                    install_year=year,
                ),
                parent,
            )
            if number == fuse_pole:
                parent = plan.add(
                    node(
                        NodeKind.FUSE,
                        f"{code}-F",
                        f"{line_name}{number:02d}号杆跌落式熔断器",
                        x,
                        y,
                        line_name=line_name,
                        pole_number=f"{number:02d}",
                        village=village,
                        lightning_zone=lightning,
                        install_year=rng.randint(max(year, 2005), 2022),
                    ),
                    parent,
                )
            elif number > fuse_pole:
                poles_here.append(parent)
        if len(poles_here) > 3 and rng.random() < 0.15:
            # A manual disconnector part-way along a long branch, for sectioning during repairs.
            at = poles_here[len(poles_here) // 2]
            pole = plan.nodes[at]
            switch = plan.add(
                node(
                    NodeKind.SWITCH,
                    f"{code}-S",
                    f"{line_name}{pole.pole_number}号杆隔离开关",
                    pole.x or 0,
                    pole.y or 0,
                    line_name=line_name,
                    village=village,
                    lightning_zone=lightning,
                    install_year=year,
                ),
                at,
            )
            for later in poles_here[len(poles_here) // 2 + 1 : len(poles_here) // 2 + 2]:
                plan.parents[later] = switch
        branch_poles.append(poles_here)
        branch_angles.append(angle)
        transformers = rng.choices([1, 2, 3], weights=[45, 40, 15])[0]
        for number in range(1, transformers + 1):
            at = poles_here[min(len(poles_here) - 1, rng.randrange(len(poles_here)))]
            pole = plan.nodes[at]
            index_t = plan.add(
                node(
                    NodeKind.TRANSFORMER,
                    f"{code}-T{number}",
                    _transformer_area_name(plan, village, group),
                    (pole.x or 0) + rng.uniform(-1, 1) * POLE_STEP * 0.3,
                    (pole.y or 0) + rng.uniform(-1, 1) * POLE_STEP * 0.3,
                    line_name=line_name,
                    village=village,
                    lightning_zone=lightning,
                    capacity_kva=rng.choice(CAPACITIES),
                    install_year=rng.randint(year, 2023),
                ),
                at,
            )
            places.append((index_t, village, group))
    return places


def _transformer_area_name(plan: _Plan, village: Village, group: VillageGroup) -> str:
    """The group's next transformer area, numbered across the station's feeders: a group on
    two branches has its 1号 and 2号 areas, never two of the same name."""
    prefix = f"{village.name}{group.name}"
    pattern = re.compile(re.escape(prefix) + r"\d+号台区")
    taken = sum(
        1 for n in plan.nodes if n.kind == NodeKind.TRANSFORMER and pattern.fullmatch(n.name)
    )
    return f"{prefix}{taken + 1}号台区"


def _plan_small_feeder(
    plan: _Plan, station: Station, feeder: Feeder, village: Village
) -> list[tuple[int, Village, VillageGroup]]:
    groups = list(village.groups.order_by("name"))
    source = plan.add(
        GridNode(
            station=station,
            feeder=feeder,
            kind=NodeKind.SOURCE,
            code="DC-CB",
            name="10kV栋川线出线开关",
            install_year=2008,
            x=OTHER_SUBSTATION[0],
            y=OTHER_SUBSTATION[1],
        ),
        None,
    )
    fuse = plan.add(
        GridNode(
            station=station,
            feeder=feeder,
            kind=NodeKind.FUSE,
            code="DC-B01-F",
            name="东街支线01号杆跌落式熔断器",
            install_year=2012,
            x=OTHER_SUBSTATION[0] + 3 * POLE_STEP,
            y=OTHER_SUBSTATION[1] + POLE_STEP,
        ),
        source,
    )
    places = []
    for number, group in enumerate(groups, start=1):
        index = plan.add(
            GridNode(
                station=station,
                feeder=feeder,
                kind=NodeKind.TRANSFORMER,
                code=f"DC-T{number}",
                name=f"栋川{group.name}台区",
                capacity_kva=200,
                village=village,
                install_year=2015,
                x=OTHER_SUBSTATION[0] + (3 + 2 * number) * POLE_STEP,
                y=OTHER_SUBSTATION[1] + (1 + number % 2) * POLE_STEP,
            ),
            fuse,
        )
        places.append((index, village, group))
    return places


def _create(plan: _Plan) -> None:
    GridNode.objects.bulk_create(plan.nodes, batch_size=500)
    for node, parent in zip(plan.nodes, plan.parents, strict=True):
        node.parent_id = plan.nodes[parent].pk if parent is not None else None
    GridNode.objects.bulk_update(plan.nodes, ["parent"], batch_size=500)


def _make_defects(ctx: DemoContext, rng: random.Random, nodes: list[GridNode]) -> None:
    assert ctx.station is not None
    lightning = [n for n in nodes if n.lightning_zone and n.kind == NodeKind.POLE]
    by_kind = {
        "lightning": lightning,
        "fuse": [n for n in nodes if n.kind == NodeKind.FUSE],
        "pole": [n for n in nodes if n.kind == NodeKind.POLE and (n.install_year or 2020) < 2008],
        "transformer": [n for n in nodes if n.kind == NodeKind.TRANSFORMER],
    }
    defects = []
    for _ in range(64):
        description, severity, target = rng.choice(DEFECTS)
        pool = by_kind[target] or nodes
        found = ctx.history_start + dt.timedelta(
            days=rng.randrange((ctx.today - ctx.history_start).days)
        )
        resolved = None
        if rng.random() < 0.35:
            resolved = min(ctx.today, found + dt.timedelta(days=rng.randint(3, 120)))
        defects.append(
            Defect(
                station=ctx.station,
                node=rng.choice(pool),
                description=description,
                severity=severity,
                found_on=found,
                resolved_on=resolved,
            )
        )
    # The story's weak spot: old insulators on the 哔叭 branch, known and not yet fixed.
    story_fuse = next(
        n
        for n in nodes
        if n.code.startswith("ZM-") and n.kind == NodeKind.FUSE and n.name.startswith("哔叭支线")
    )
    defects.append(
        Defect(
            station=ctx.station,
            node=story_fuse,
            description="熔断器底座及绝缘子老化，处雷区",
            severity=DefectSeverity.SERIOUS,
            found_on=ctx.today - dt.timedelta(days=400),
        )
    )
    Defect.objects.bulk_create(defects)

"""Demo: nine mountain village committees with about forty groups, and a liaison for 左门."""

from __future__ import annotations

from powerdesk.accounts.models import Membership, Role, User
from powerdesk.community.models import Village, VillageGroup
from powerdesk.demo.builder import DemoContext, DemoLogin
from powerdesk.demo.names import REMOTE_GROUPS, VILLAGES, mobile_number

# Rough positions around Guanglu town (longitude, latitude).
_CENTRE = (101.205, 25.525)


def build(ctx: DemoContext) -> None:
    assert ctx.station is not None and ctx.other_station is not None
    rng = ctx.rng_for("community")
    villages: dict[str, Village] = {}
    groups: dict[str, list[VillageGroup]] = {}
    for index, (name, group_names, remote) in enumerate(VILLAGES):
        angle_x = (index % 3 - 1) * 0.045 + rng.uniform(-0.01, 0.01)
        angle_y = (index // 3 - 1) * 0.04 + rng.uniform(-0.01, 0.01)
        village = Village.objects.create(
            station=ctx.station,
            name=name,
            no_road_access=remote,
            x=_CENTRE[0] + angle_x,
            y=_CENTRE[1] + angle_y,
        )
        villages[name] = village
        groups[name] = VillageGroup.objects.bulk_create(
            [
                VillageGroup(
                    station=ctx.station,
                    village=village,
                    name=group_name,
                    no_road_access=remote or (name, group_name) in REMOTE_GROUPS,
                )
                for group_name in group_names
            ]
        )
    other = Village.objects.create(station=ctx.other_station, name="栋川", x=101.24, y=25.50)
    VillageGroup.objects.bulk_create(
        [VillageGroup(station=ctx.other_station, village=other, name=n) for n in ("东街", "西街")]
    )

    liaison = User(username="zm_liaison", full_name="左门村委会 李文华", phone=mobile_number(rng))
    liaison.password = ctx.password_hash
    liaison.save()
    Membership.objects.create(
        user=liaison, station=ctx.station, role=Role.LIAISON, village=villages["左门"]
    )
    ctx.logins.append(DemoLogin("zm_liaison", str(Role.LIAISON.label), "光禄供电所", "左门"))
    ctx.made["villages"] = villages
    ctx.made["groups"] = groups
    ctx.made["other_village"] = other

"""Demo: nine mountain village committees with about forty groups, and their liaisons."""

from __future__ import annotations

import random

from powerdesk.accounts.models import Membership, Role, User
from powerdesk.community.models import Liaison, Village, VillageGroup
from powerdesk.demo.builder import DemoContext
from powerdesk.demo.names import REMOTE_GROUPS, VILLAGES, mobile_number, person_name

# Rough positions around Guanglu town (longitude, latitude).
_CENTRE = (101.205, 25.525)
# From where the track ends to the village, on foot, for the villages without road access.
WALK_MINUTES = {"梅子箐": 80}


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
            walk_minutes=WALK_MINUTES.get(name, 0) if remote else 0,
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
    _liaisons(ctx, rng, villages, groups, other, liaison)
    ctx.made["villages"] = villages
    ctx.made["groups"] = groups
    ctx.made["other_village"] = other


def _liaisons(
    ctx: DemoContext,
    rng: random.Random,
    villages: dict[str, Village],
    groups: dict[str, list[VillageGroup]],
    other: Village,
    zm_user: User,
) -> None:
    """Each committee's secretary and director, a leader for every group, a few electricians."""
    from powerdesk.lib.phones import format_phone, normalize_phone

    def phone() -> str:
        return format_phone(normalize_phone(mobile_number(rng)))

    rows: list[Liaison] = []
    for name, village in villages.items():
        secretary = "李文华" if name == "左门" else person_name(rng)
        rows.append(
            Liaison(
                station=ctx.station,
                village=village,
                name=secretary,
                phone=format_phone(normalize_phone(zm_user.phone)) if name == "左门" else phone(),
                role=Liaison.Role.SECRETARY,
                user=zm_user if name == "左门" else None,
            )
        )
        rows.append(
            Liaison(
                station=ctx.station,
                village=village,
                name=person_name(rng),
                phone=phone(),
                role=Liaison.Role.DIRECTOR,
            )
        )
        if rng.random() < 0.5:
            rows.append(
                Liaison(
                    station=ctx.station,
                    village=village,
                    name=person_name(rng),
                    phone=phone(),
                    role=Liaison.Role.ELECTRICIAN,
                )
            )
        for group in groups[name]:
            rows.append(
                Liaison(
                    station=ctx.station,
                    village=village,
                    group=group,
                    name=person_name(rng),
                    phone=phone(),
                    role=Liaison.Role.GROUP_LEADER,
                )
            )
    rows.append(
        Liaison(
            station=ctx.other_station,
            village=other,
            name=person_name(rng),
            phone=phone(),
            role=Liaison.Role.SECRETARY,
        )
    )
    Liaison.objects.bulk_create(rows)

"""The village liaisons of the outage tests' station (base.py's): 哔叭's group leader with a login,
and 左门's director and 哔叭's group leader texted of an outage."""

from __future__ import annotations

from typing import Any

from powerdesk.accounts.models import Membership, Role, User
from powerdesk.community.models import Liaison
from tests.base import make_user


def group_leader(test: Any) -> User:
    """哔叭's group leader 普文, a village liaison of 左门 with a login (``bb``)."""
    leader = make_user("bb", test.station_a, full_name="哔叭组长 普文")
    Membership.objects.create(
        user=leader, station=test.station_a, role=Role.LIAISON, village=test.village
    )
    Liaison.objects.create(
        station=test.station_a,
        village=test.village,
        group=test.group,
        name="普文",
        phone="138 1234 0000",
        role=Liaison.Role.GROUP_LEADER,
        user=leader,
    )
    return leader


def village_liaisons(test: Any) -> tuple[Liaison, Liaison]:
    """左门's director and 哔叭's group leader, liaisons texted of an outage (no login)."""
    director = Liaison.objects.create(
        station=test.station_a, village=test.village, name="左主任", phone="13900000101",
        role=Liaison.Role.DIRECTOR,
    )  # fmt: skip
    leader = Liaison.objects.create(
        station=test.station_a, village=test.village, group=test.group, name="哔叭组长",
        phone="13900000102", role=Liaison.Role.GROUP_LEADER,
    )  # fmt: skip
    return director, leader

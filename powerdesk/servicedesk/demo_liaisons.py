"""Demo: village liaisons at the desk (liaison76). A few group leaders rang from their own
numbers in the last days, answered on the call: the calls list names them with their badge and
filters to them. (One group leader's own number is also their household's: ``customers.demo``.)"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from powerdesk.community.models import Liaison
from powerdesk.demo.seasons import TZ
from powerdesk.lib.phones import normalize_phone
from powerdesk.servicedesk.models import Call, Category

if TYPE_CHECKING:
    from powerdesk.accounts.models import User
    from powerdesk.demo.builder import DemoContext

# What the group leaders asked (Chinese data, as the other demo notes).
ASKED = (
    "组里几户人家问下周三计划停电几点来电，我好通知大家",
    "我们组新装了两户，想问报装要带什么材料",
    "组里路灯那根线的电费怎么算，村里要交多少",
)


def build_liaison_calls(ctx: DemoContext, counter: list[User]) -> None:
    """Three liaisons' calls in the last days, from group leaders other than the one whose
    number is a household's too."""
    assert ctx.station is not None
    rng = ctx.rng_for("servicedesk:liaisons")
    leaders = list(
        Liaison.objects.for_station(ctx.station)
        .filter(active=True, role=Liaison.Role.GROUP_LEADER)
        .select_related("village", "group")
        .order_by("village__name", "group__name", "pk")
    )
    if len(leaders) < len(ASKED) + 1:
        return
    # The first is at home on their household's number too (``customers.demo``): not here.
    calling = rng.sample(leaders[1:], len(ASKED))
    calls = []
    for days, (leader, asked) in enumerate(zip(calling, ASKED, strict=True), start=1):
        at = (
            (ctx.now - dt.timedelta(days=days))
            .astimezone(TZ)
            .replace(hour=9 + days, minute=rng.randint(0, 59), second=0, microsecond=0)
        )
        if at >= ctx.now:
            continue
        e164 = normalize_phone(leader.phone)
        calls.append(
            Call(
                station=ctx.station,
                received_at=at,
                caller_number=leader.phone,
                caller_e164=e164,
                liaison=leader,
                caller_name=leader.name,
                village=leader.village,
                group=leader.group,
                status=Call.Status.ANSWERED,
                text=asked,
                category=Category.CONSULTATION,
                taken_by=rng.choice(counter),
            )
        )
    Call.objects.bulk_create(calls)

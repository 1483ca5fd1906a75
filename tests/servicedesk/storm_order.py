"""An outage's work order that a storm's callers joined: hundreds of calls from three villages
and six transformer areas, each joined as the API joins it (``work_order_join_call``), a note
by the chief between two runs of them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from powerdesk.community.models import Village
from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.servicedesk.models import Call, WorkOrder
from powerdesk.servicedesk.order_again import work_order_join_call
from powerdesk.servicedesk.services import work_order_note
from tests.servicedesk.crew_cast import add_crews, outage_job

VILLAGES = ("左门", "大村", "小河")


def storm_order(case: Any, *, calls: int = 300, note_after: int = 100) -> WorkOrder:
    """The outage's order with ``calls`` more calls joined (the first caller's is there
    already), thirty households ringing again and again (repeat calls); the villages, areas
    and households on ``case.areas``."""
    add_crews(case)
    _outage, order = outage_job(case)
    case.areas = []
    for v, name in enumerate(VILLAGES):
        village = (
            case.village if v == 0 else Village.objects.create(station=case.station_a, name=name)
        )
        for a in range(2):
            area = GridNode.objects.create(
                station=case.station_a,
                feeder=case.feeder,
                code=f"ZM-S{v}{a}-T",
                kind=NodeKind.TRANSFORMER,
                parent=case.fuse,
                name=f"{name}{a + 1}号台区",
                village=village,
            )
            people = [
                Customer.objects.create(
                    station=case.station_a,
                    account_number=f"6325{v}{a}{n:05d}",
                    name=f"{name}户{n}",
                    village=village,
                    transformer=area,
                )
                for n in range(5)
            ]
            case.areas.append((village, area, people))
    started = timezone.now() - dt.timedelta(minutes=20)
    with transaction.atomic():  # (one commit: a browser test's database writes each to disk)
        _join_calls(case, order, started, calls, note_after)
    order.refresh_from_db()
    return order


def _join_calls(
    case: Any, order: WorkOrder, started: dt.datetime, calls: int, note_after: int
) -> None:
    for n in range(calls):
        village, _area, people = case.areas[n % len(case.areas)]
        customer = people[n // len(case.areas) % len(people)]
        call = Call.objects.create(
            station=case.station_a,
            received_at=started + dt.timedelta(seconds=3 * n),
            customer=customer,
            village=village,
            caller_number=f"1380000{n:04d}",
            text=f"停电了 第{n}个",
        )
        work_order_join_call(work_order=order, call=call, user=None)
        if n + 1 == note_after:
            work_order_note(work_order=order, note="县调说线路已查到", user=case.chief)

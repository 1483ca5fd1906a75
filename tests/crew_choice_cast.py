"""Two crews at known distances from a place (``TARGET``), for the crew suggestion's tests: the
outages board's, a work order's page and the crew's job card alike; and the outages they are
measured for: the cast's fuse out, or its whole feeder."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from powerdesk.accounts.models import Crew
from powerdesk.network.models import GridNode
from powerdesk.outages import board_grid
from powerdesk.outages.models import Outage
from powerdesk.servicedesk.models import Category, WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch

TARGET = (101.2, 25.5)


def crews_north_and_south(case: Any) -> None:
    """抢修一班's base (所部) 18 km north of ``TARGET``, and a second crew, 抢修二班
    (``case.crew2``), based 8 km south (左门值守点)."""
    case.crew.base, case.crew.base_x, case.crew.base_y = "所部", 101.2, 25.5 + 18 / 111.19
    case.crew.save()
    case.crew2 = Crew.objects.create(
        station=case.station_a,
        name="抢修二班",
        base="左门值守点",
        base_x=101.2,
        base_y=25.5 - 8 / 111.19,
    )


def outage_at(case: Any, device: GridNode | None = None) -> Outage:
    """A fault outage on ``device`` (the cast's fuse), the power off since 30 minutes ago."""
    return Outage.objects.create(
        station=case.station_a,
        device=device or case.fuse,
        kind=Outage.Kind.UNPLANNED,
        status=Outage.Status.ACTIVE,
        starts_at=timezone.now() - dt.timedelta(minutes=30),
    )


def feeder_out(case: Any) -> Outage:
    """The whole feeder out: its outlet breaker, at ``TARGET``, tripped. The crew goes to the
    breaker and patrols the backbone down to the fuses that held (the cast's fuse, with the
    group 哔叭 behind it). The board's grid is read again (what was changed before, such as a
    village set on a pole, is seen)."""
    case.breaker.x, case.breaker.y = TARGET
    case.breaker.save()
    board_grid.forget()
    return outage_at(case, case.breaker)


def job_sent(
    case: Any, crew: Crew, summary: str = "表箱烧了", *, went: dt.datetime | None = None
) -> WorkOrder:
    """The cast's customer's fault order, sent by the chief to ``crew``; ``went``: when the crew
    set out for it (a step of its history), if it did."""
    order = work_order_create(
        station=case.station_a,
        user=case.chief,
        category=Category.FAULT_REPAIR,
        summary=summary,
        customer=case.customer,
    )
    work_order_dispatch(work_order=order, crew=crew, user=case.chief)
    if went is not None:
        WorkOrderEvent.objects.create(
            work_order=order,
            at=went,
            kind=WorkOrderEvent.Kind.STATUS,
            from_status="dispatched",
            to_status="on_the_way",
        )
    return order

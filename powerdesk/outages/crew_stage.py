"""The stage of an outage's crew (on the way, on site), which the orders joined to the outage
are at too: a caller's order opened while the crew is on its way or on site opens at the crew's
stage (``joined.outage_order_for_call``), and the crew's steps on the outage's job move every
order joined to it that the crew works (``crew_steps``), as the outage's restore resolves them
all (``aftercare``). Each move is a line of the order's history: who (the person whose step or
call it followed), when, and the order it followed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from powerdesk.servicedesk.history_notes import note_said
from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.models import WorkOrderStatus as S

if TYPE_CHECKING:
    from powerdesk.accounts.models import User
    from powerdesk.outages.models import Outage

# The crew's stages an order follows, each with the stages it follows from.
AHEAD: dict[str, tuple[str, ...]] = {
    S.ON_THE_WAY: (S.DISPATCHED,),
    S.ON_SITE: (S.DISPATCHED, S.ON_THE_WAY),
}
# The history lines of an order moved by the crew's stage, not by a step taken on it.
FOLLOWED = ("crew_stage_on_the_way", "crew_stage_on_site", "crew_stage_followed")


def crew_stage_job(outage: Outage, crew_id: int | None) -> WorkOrder | None:
    """The order of the outage's job that its crew set out on (on the way or on site), None
    while the crew has not set out (or no crew works the outage)."""
    if crew_id is None:
        return None
    from powerdesk.servicedesk.crew_job_orders import outage_crew_job

    job = outage_crew_job(outage, crew_id)
    return job if job is not None and job.status in AHEAD else None


def order_opened_at_crew_stage(
    order: WorkOrder, job: WorkOrder, *, user: User | None, at: dt.datetime | None = None
) -> WorkOrder:
    """A caller's order just sent to the outage's crew (``order``) put at the crew's stage on
    the outage's job (``job``): on the way, or on site since the crew's arrival."""
    assert job.crew is not None
    if job.status == S.ON_SITE:
        assert job.arrived_at is not None
        said = note_said(
            "crew_stage_on_site",
            crew=job.crew.name,
            time=f"{timezone.localtime(job.arrived_at):%H:%M}",
            number=job.number,
        )
    else:
        said = note_said("crew_stage_on_the_way", crew=job.crew.name, number=job.number)
    return _follow(order, job.status, arrived_at=job.arrived_at, user=user, at=at, said=said)


def outage_orders_follow(
    outage: Outage, job: WorkOrder, *, user: User | None, at: dt.datetime
) -> list[WorkOrder]:
    """The crew's step on the outage's job (``job``, now on the way or on site) taken by the
    other orders joined to the outage that the same crew works and that are behind it (not
    paused: a paused clock waits for the office); the orders moved."""
    if job.status not in AHEAD or job.crew_id is None:
        return []
    # Locked, its own rows only (PostgreSQL refuses FOR UPDATE with DISTINCT or on the
    # nullable side of an outer join); one link per outage and order: no row twice.
    behind = list(
        WorkOrder.objects.select_for_update(of=("self",))
        .filter(
            outage_links__outage=outage,
            crew_id=job.crew_id,
            status__in=AHEAD[job.status],
            paused_at=None,
        )
        .exclude(pk=job.pk)
        .order_by("pk")
    )
    assert job.crew is not None
    said = note_said("crew_stage_followed", crew=job.crew.name, number=job.number)
    return [
        _follow(order, job.status, arrived_at=job.arrived_at, user=user, at=at, said=said)
        for order in behind
    ]


def _follow(
    order: WorkOrder,
    status: str,
    *,
    arrived_at: dt.datetime | None,
    user: User | None,
    at: dt.datetime | None,
    said: dict[str, object],
) -> WorkOrder:
    previous = order.status
    order.status = status
    fields = ["status"]
    if status == S.ON_SITE:
        order.arrived_at = arrived_at or at or timezone.now()
        fields.append("arrived_at")
    order.save(update_fields=fields)
    WorkOrderEvent.objects.create(
        work_order=order,
        at=at or timezone.now(),
        by=user,
        kind=WorkOrderEvent.Kind.STATUS,
        from_status=previous,
        to_status=status,
        **said,
    )
    return order

"""How a crew's step moves its job (``crew_steps``): the order's own transition, or on a job
joined to an outage being worked on the outage's step, with the outage's other orders the crew
works following it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.services import work_order_transition

if TYPE_CHECKING:
    import datetime as dt

    from powerdesk.accounts.models import User
    from powerdesk.network.models import GridNode
    from powerdesk.outages.models import Outage

__all__ = ["job_outage", "joined_follow", "step_move"]


def step_move(
    order: WorkOrder,
    to_status: str,
    user: User | None,
    at: dt.datetime,
    *,
    note: str = "",
    cause: str = "",
    device: GridNode | None = None,
    device_confirmed: bool = False,
    in_house: bool = False,
) -> None:
    """A step of the crew's job: on a job joined to an outage being worked on (or planned
    work), the outage's own step (``work_order_transition`` refuses it on the order alone).
    The device where the fault was is checked there, as for the office and the API."""
    from powerdesk.outages.joined import outage_in_charge

    work_order_transition(
        work_order=order,
        to_status=to_status,
        user=user,
        note=note,
        cause=cause,
        device=device,
        at=at,
        for_outage=outage_in_charge(order),
        device_confirmed=device_confirmed,
        from_phone=True,
        in_house=in_house,
    )


def job_outage(order: WorkOrder) -> Outage | None:
    """The outage with the power off that the job is joined to (its steps are the outage's)."""
    from powerdesk.outages.joined import active_outage_of

    return active_outage_of(order)


def joined_follow(outage: Outage, order: WorkOrder, user: User | None, at: dt.datetime) -> None:
    """The outage's other orders that the crew works follow its step on the job (``order``):
    on the way or on site with it (``outages.crew_stage``), as its restore resolves them all."""
    from powerdesk.outages.crew_stage import outage_orders_follow

    job = WorkOrder.objects.select_related("crew").get(pk=order.pk)
    outage_orders_follow(outage, job, user=user, at=at)

"""The cast of a caller's plain order that becomes an outage's job: the first caller rings
before anyone recorded the outage (their own, plain fault order), the chief records it from the
engine's prediction (the order joins it) and sends the crew. Shared by the tests of the job made
urgent (``test_outage_job_urgent``) and of the arrival time it keeps
(``test_outage_job_arrival_said``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.prediction_steps import prediction_confirm
from powerdesk.servicedesk.call_take import call_take
from powerdesk.servicedesk.models import WorkOrder
from tests.servicedesk.intake_page import predict_outage

if TYPE_CHECKING:
    import datetime as dt

    from powerdesk.outages.models import Outage
    from tests.base import BaseTestCase

__all__ = ["FirstCallerJob", "first_caller_job"]


@dataclass(frozen=True)
class FirstCallerJob:
    order: WorkOrder  # as it is after the dispatch
    outage: Outage
    plain: WorkOrder  # the order as the call made it, before the outage was recorded
    arrive_due_before: dt.datetime | None


def first_caller_job(case: BaseTestCase, *, dispatch: bool = True) -> FirstCallerJob:
    """``case``'s first caller (``case.customer``) rings, the outage on ``case.fuse`` is
    recorded over them and (``dispatch``) ``case.crew`` is sent to it by ``case.chief``
    (``crew_cast.add_crews`` first)."""
    prediction = predict_outage(case.station_a, case.fuse)
    taken = call_take(
        station=case.station_a,
        user=case.clerk,
        customer=case.customer,
        caller_number="15886453725",
        text="家里停电了",
        category="fault_repair",
    )
    assert taken.work_order is not None
    plain = taken.work_order
    before = plain.arrive_due_at
    outage = prediction_confirm(prediction=prediction, user=case.chief)
    if dispatch:
        outage_dispatch(outage=outage, crew=case.crew, user=case.chief)  # type: ignore[attr-defined]
    order = WorkOrder.objects.get(pk=plain.pk)
    return FirstCallerJob(order, outage, plain, before)

"""Outages of the tests' station (base.py's) sent to its crew: with the callers' orders joined or
with the outage's own order, the text the crew is sent, and a smaller outage recorded under a
wider one already sent."""

from __future__ import annotations

from typing import Any, NamedTuple

from django.utils import timezone

from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.models import WorkOrder


def outage_sent(
    test: Any,
    customers: list[Customer] | tuple[Customer, ...] = (),
    *,
    device: GridNode | None = None,
) -> tuple[Outage, list[WorkOrder]]:
    """A fault outage on ``device`` (the cast's fuse by default), sent to the cast's crew: with
    the orders of ``customers`` (one call and order each, opened before it was recorded: a
    storm's calls, joined as it was), else with its own order, born urgent as the crew is sent.
    The orders as they are after the sending (the own order alone when there are no
    customers)."""
    from powerdesk.outages.joined import outage_join_open_orders, outage_link
    from powerdesk.outages.life import outage_dispatch
    from powerdesk.servicedesk.models import Call
    from powerdesk.servicedesk.services import work_order_create

    outage = outage_declare(
        station=test.station_a,
        user=test.chief,
        device=device or test.fuse,
        kind=Outage.Kind.UNPLANNED,
    )
    made = []
    for customer in customers:
        call = Call.objects.create(
            station=test.station_a,
            received_at=timezone.now(),
            customer=customer,
            caller_number="13812345678",
            text="打雷以后整个组都停电了",
        )
        made.append(
            work_order_create(
                station=test.station_a,
                user=test.clerk,
                category="fault_repair",
                summary="停电",
                customer=customer,
                call=call,
            )
        )
    if made:
        outage_join_open_orders(outage=outage)
    outage_dispatch(outage=outage, crew=test.crew, user=test.chief)
    if not made:
        own = outage_link(outage).order
        assert own is not None
        return outage, [WorkOrder.objects.get(pk=own.pk)]
    return outage, [WorkOrder.objects.get(pk=o.pk) for o in made]


def dispatch_text_of(case: Any, outage: Outage | None = None) -> str:
    """The text message the case's crew is sent for ``outage`` (the case's outage by default),
    as it reads in Chinese."""
    from django.utils.translation import override

    from powerdesk.notifications.dispatch_shown import crew_text
    from powerdesk.notifications.dispatch_texts import dispatch_facts

    composed = dispatch_facts(case.crew, outage=outage or case.outage)
    assert composed is not None
    _key, facts, _subject = composed
    with override("zh-hans"):
        return crew_text("crew_dispatched", dict(facts), sms=True)


class Nested(NamedTuple):
    """A wider outage (the pole's) sent to the crew with its own order, and a smaller one (the
    fuse's) recorded below it after: the cast's customer is below both."""

    wider: Outage
    job: WorkOrder  # the wider outage's own order, made as its crew was sent (no customer)
    smaller: Outage


def nested_sent(test: Any) -> Nested:
    wider, (job,) = outage_sent(test, device=test.pole)
    assert job.customer_id is None
    smaller = outage_declare(
        station=test.station_a, user=test.chief, device=test.fuse, kind=Outage.Kind.UNPLANNED
    )
    return Nested(wider, job, smaller)

"""A fault outage on 哔叭 with a caller's order, dispatched to 抢修一班; a member of that crew,
a member of another crew, and a village liaison; another branch of the feeder, off the jobs'
line."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Crew, Role
from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.notifications.models import Channel, Delivery
from powerdesk.outages.joined import outage_join_open_orders
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.crew_steps import crew_step_take
from powerdesk.servicedesk.models import Call, Category, WorkOrder, WorkOrderEvent, WorkOrderStatus
from powerdesk.servicedesk.services import (
    work_order_create,
    work_order_dispatch,
    work_order_transition,
)
from tests.base import BaseTestCase, make_user

# The phones of 抢修一班 and 抢修二班 in ``CrewOrderTestCase``.
A_PHONE, B_PHONE = "+8613700002222", "+8613700003333"


def add_crews(case: Any) -> None:
    case.member = make_user("crew1", case.station_a, Role.CREW, full_name="王德忠")
    case.crew.members.add(case.member)
    case.other_crew = Crew.objects.create(station=case.station_a, name="抢修二班")
    case.other_member = make_user("crew2", case.station_a, Role.CREW, full_name="李二")
    case.other_crew.members.add(case.other_member)
    case.liaison = make_user("liaison", case.station_a, Role.LIAISON, full_name="村联络员")


def outage_job(case: Any, *, crew: Crew | None = None) -> tuple[Outage, WorkOrder]:
    """An outage on the fuse since 30 minutes ago, its caller's order, sent to ``crew``."""
    started = timezone.now() - dt.timedelta(minutes=30)
    outage = outage_declare(
        station=case.station_a,
        user=case.chief,
        device=case.fuse,
        kind="unplanned",
        starts_at=started,
    )
    call = Call.objects.create(
        station=case.station_a,
        received_at=started + dt.timedelta(minutes=5),
        customer=case.customer,
        caller_number="13812345678",
        text="打雷以后整个组都没电了",
    )
    order = work_order_create(
        station=case.station_a,
        user=case.clerk,
        category="fault_repair",
        summary="哔叭停电",
        customer=case.customer,
        urgent=True,
        call=call,
    )
    outage_join_open_orders(outage=outage)
    outage_dispatch(outage=outage, crew=crew or case.crew, user=case.chief)
    _dispatched_ago(order, minutes=25)
    order.refresh_from_db()
    return outage, order


def neighbour(case: Any) -> Customer:
    """Another household below the cast's transformer (its own calls open its own orders)."""
    return Customer.objects.create(
        station=case.station_a,
        account_number="53250000077",
        name="自文珍",
        village=case.village,
        group=case.group,
        transformer=case.transformer,
    )


def _dispatched_ago(order: WorkOrder, *, minutes: int) -> None:
    """The crew was sent a while ago (steps made offline since then are in bounds)."""
    WorkOrderEvent.objects.filter(work_order=order, kind="dispatched").update(
        at=timezone.now() - dt.timedelta(minutes=minutes)
    )


def plain_job(case: Any, *, category: str = "fault_repair") -> WorkOrder:
    order = work_order_create(
        station=case.station_a,
        user=case.clerk,
        category=category,
        summary="电表不走字" if category != "fault_repair" else "一户没电",
        customer=case.customer,
    )
    order = work_order_dispatch(work_order=order, crew=case.crew, user=case.chief)
    _dispatched_ago(order, minutes=10)
    return order


def on_site(case: Any, order: WorkOrder) -> None:
    """The crew has set out for ``order`` and is there."""
    for step in ("on_the_way", "on_site"):
        crew_step_take(work_order=order, step=step, user=case.member, fields={})


def other_branch_fuse(case: Any) -> GridNode:
    """A fuse on another branch of the feeder, in another village (干海): off the line from the
    jobs' households (哔叭) to the feeder."""
    return GridNode.objects.create(
        station=case.station_a,
        feeder=case.feeder,
        code="ZM-B09-F",
        kind=NodeKind.FUSE,
        parent=case.breaker,
        name="干海支线01号杆跌落式熔断器",
    )


def synced(case: Any, order: WorkOrder, step: str, **fields: str) -> dict[str, Any]:
    """The case's crew member's phone sends ``step`` of ``order`` with ``fields`` from its queue
    (made 30 seconds ago): the station's answer to that one item."""
    case.login(case.member)
    item = {
        "client_id": str(uuid.uuid4()),
        "order": order.pk,
        "step": step,
        "fields": fields,
        "made_at": (timezone.now() - dt.timedelta(seconds=30)).isoformat(),
    }
    response = case.client.post(
        reverse("servicedesk:crew_sync"),
        json.dumps({"items": [item]}),
        content_type="application/json",
    )
    [answer] = response.json()["results"]
    return answer  # type: ignore[no-any-return]


class CrewSyncTestCase(BaseTestCase):
    """The crews of ``add_crews``; ``sync`` sends one step from the member's phone queue."""

    def setUp(self) -> None:
        add_crews(self)

    def sync(self, order: WorkOrder, step: str, **fields: str) -> dict[str, Any]:
        return synced(self, order, step, **fields)


class CrewQueueTestCase(CrewSyncTestCase):
    """Logged in as the crew member; ``send`` posts items as the phone's queue sends them (from
    ``client``: another phone) and returns the station's answers, one an item."""

    def setUp(self) -> None:
        super().setUp()
        self.login(self.member)

    def send(self, *items: dict[str, Any], client: Client | None = None) -> list[dict[str, Any]]:
        response = (client or self.client).post(
            reverse("servicedesk:crew_sync"),
            json.dumps({"items": list(items)}),
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 200, response.content)
        return response.json()["results"]  # type: ignore[no-any-return]


def customer_order(
    case: Any,
    category: str = Category.FAULT_REPAIR,
    summary: str = "电线打火了",
    *,
    urgent: bool = False,
) -> WorkOrder:
    """An order of the cast's customer, opened by the clerk, to send crews to."""
    return work_order_create(
        station=case.station_a,
        user=case.clerk,
        category=category,
        summary=summary,
        customer=case.customer,
        urgent=urgent,
    )


class CrewOrderTestCase(BaseTestCase):
    """The crews of ``add_crews``, 抢修一班 on ``A_PHONE`` and 抢修二班 on ``B_PHONE``, and a
    fault order of the customer's (``order``) to send them to; ``send`` sends it (to 抢修一班
    unless told), ``recall`` calls it back, ``texts`` are the templates texted to a phone."""

    def setUp(self) -> None:
        add_crews(self)
        for crew, phone in ((self.crew, A_PHONE), (self.other_crew, B_PHONE)):
            crew.phone = phone
            crew.save(update_fields=["phone"])
        self.order = customer_order(self)

    def texts(self, phone: str = A_PHONE) -> list[str]:
        return list(
            Delivery.objects.filter(channel=Channel.SMS, address=phone)
            .order_by("pk")
            .values_list("template", flat=True)
        )

    def send(self, order: WorkOrder | None = None, crew: Crew | None = None) -> WorkOrder:
        return work_order_dispatch(
            work_order=WorkOrder.objects.get(pk=(order or self.order).pk),
            crew=crew or self.crew,
            user=self.chief,
        )

    def recall(self, order: WorkOrder | None = None) -> WorkOrder:
        return work_order_transition(
            work_order=WorkOrder.objects.get(pk=(order or self.order).pk),
            to_status=WorkOrderStatus.RECEIVED,
            user=self.chief,
        )


def caller_order_sent(case: Any, *steps: str) -> WorkOrder:
    """The customer's fault order sent to ``case.crew`` (before any outage was recorded), its
    member taking it as far as ``steps`` ("on_the_way", "on_site")."""
    order = work_order_create(
        station=case.station_a,
        user=case.clerk,
        category="fault_repair",
        summary="家里没电了",
        customer=case.customer,
    )
    work_order_dispatch(work_order=order, crew=case.crew, user=case.chief)
    for step in steps:
        crew_step_take(work_order=order, step=step, user=case.member, fields={})
    return order

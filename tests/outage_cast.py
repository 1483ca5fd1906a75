"""Set-ups shared by the tests of outages and the orders joined to them (base.py's station)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import time_machine
from django.utils import timezone

from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.notifications.models import Channel, Delivery
from powerdesk.outages.joined import outage_join_separate_orders
from powerdesk.outages.models import Outage, PredictedOutage
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.call_take import CallTaken, call_take
from powerdesk.servicedesk.models import WorkOrder
from tests.base import BaseTestCase

NUMBER = "0878-1234567"  # 普光荣's, below the fuse


def joined_outage(test: BaseTestCase) -> tuple[WorkOrder, Outage, WorkOrder]:
    """A caller's own order, opened before the fuse's outage was recorded and joined to it, the
    outage, and the outage's own order, which the next caller's call opened (a neighbour's: the
    first caller ringing again joins their own order)."""
    separate = call_take(
        station=test.station_a,
        user=test.clerk,
        caller_number=NUMBER,
        text="家里停电了",
        category="fault_repair",
        open_order=True,
    ).work_order
    outage = fault_declare(test, test.fuse, began=30)
    outage_join_separate_orders(outage=outage, user=test.chief)
    order = neighbour_joins(test, outage)
    assert separate is not None
    return separate, outage, order


def neighbour_joins(test: BaseTestCase, outage: Outage, text: str = "还是没电") -> WorkOrder:
    """A neighbour below the fuse (自文珍, 13900002222) calls that the power is off, the call
    joined to ``outage``: the order it went to (the outage's own, when the first)."""
    neighbour = Customer.objects.create(
        station=test.station_a,
        account_number="53250000088",
        name="自文珍",
        village=test.village,
        group=test.group,
        transformer=test.transformer,
    )
    CustomerPhone.objects.create(customer=neighbour, number="+8613900002222")
    order = call_take(
        station=test.station_a,
        user=test.clerk,
        caller_number="13900002222",
        text=text,
        category="fault_repair",
        join_outage=outage,
    ).work_order
    assert order is not None
    return order


def predicted_below_the_fuse(test: BaseTestCase) -> PredictedOutage:
    """Two more households below the fuse (李四 with two mobiles, 王五 with none on record; 普光荣
    has one) and the engine's prediction of the fuse's outage."""
    texted = Customer.objects.create(
        station=test.station_a,
        account_number="53250000002",
        name="李四",
        village=test.village,
        group=test.group,
        transformer=test.transformer,
    )
    CustomerPhone.objects.create(customer=texted, number="+8613900002222")
    CustomerPhone.objects.create(customer=texted, number="+8613900003333")
    Customer.objects.create(
        station=test.station_a,
        account_number="53250000003",
        name="王五",
        village=test.village,
        group=test.group,
        transformer=test.transformer,
    )
    return PredictedOutage.objects.create(
        station=test.station_a,
        code=test.fuse.code,
        device=test.fuse,
        status=PredictedOutage.Status.PREDICTED,
        customers=3,
        confidence=0.8,
        first_sign_at=timezone.now() - dt.timedelta(minutes=20),
        explain={"calls": 2, "meter_off": 3},
    )


def area_below_the_pole(test: Any) -> GridNode:
    """A second transformer area under the pole, beside the fuse (not below it): 左门哔叭2号台区."""
    return second_area(test, test.pole)


def second_area(test: Any, parent: GridNode) -> GridNode:
    """A second transformer area of 哔叭 (左门哔叭2号台区, ZM-B01-T2), fed from ``parent``."""
    return GridNode.objects.create(
        station=test.station_a,
        feeder=test.feeder,
        code="ZM-B01-T2",
        kind=NodeKind.TRANSFORMER,
        parent=parent,
        name="左门哔叭2号台区",
        village=test.village,
    )


@dataclass(frozen=True)
class BesideTheFuse:
    """The households of the told-once tests: below the fuse 普光荣 (one mobile), 李四 (two) and
    王五 (none); below the pole but not the fuse, 钱七's transformer area, with one mobile."""

    area: GridNode  # 钱七's transformer area, under the pole beside the fuse
    qian: Customer
    below_fuse: set[int]  # the households below the fuse with a mobile: 普光荣 and 李四


def households_beside_the_fuse(test: BaseTestCase) -> BesideTheFuse:
    predicted_below_the_fuse(test).delete()
    area = area_below_the_pole(test)
    qian = Customer.objects.create(
        station=test.station_a,
        account_number="53250000007",
        name="钱七",
        village=test.village,
        transformer=area,
    )
    CustomerPhone.objects.create(customer=qian, number="+8613900007777")
    below_fuse = set(
        Customer.objects.filter(name__in=["普光荣", "李四"]).values_list("pk", flat=True)
    )
    return BesideTheFuse(area, qian, below_fuse)


def fault_declare(test: Any, device: GridNode, *, began: int = 10) -> Outage:
    """A fault outage on ``device``, declared by the chief, its power off since ``began``
    minutes ago (the outage tests' fuse's, copied in many files before: review79 L11)."""
    return declared(test, device, began=began, now=timezone.now())


def declared(
    test: Any,
    device: GridNode,
    *,
    began: int | None = None,
    back_in: dt.timedelta | None = None,
    now: dt.datetime | None = None,
) -> Outage:
    """A fault outage on ``device``, recorded by the chief: its power off since ``began``
    minutes ago and expected back in ``back_in``, counted from ``now`` (this whole minute by
    default); without them, as the board records it (off from now, no time back given).

    A ``now`` given is also when it is recorded (its first texts' time), however long the test
    has run since it read the clock: a quiet time counted from those texts stays exact."""
    if now is None:
        now = timezone.now().replace(second=0, microsecond=0)
    with time_machine.travel(now, tick=False):
        return outage_declare(
            station=test.station_a,
            user=test.chief,
            device=device,
            kind=Outage.Kind.UNPLANNED,
            starts_at=None if began is None else now - dt.timedelta(minutes=began),
            expected_restore_at=None if back_in is None else now + back_in,
        )


def texted(key: str) -> set[int]:
    """The households a notice (by its key) texted."""
    return set(
        Delivery.objects.filter(notice__key=key, channel=Channel.SMS).values_list(
            "customer_id", flat=True
        )
    )


def caller_order(test: BaseTestCase) -> WorkOrder:
    """普光荣 (below the fuse) calls that the power is off: an order of their own."""
    order = call_take(
        station=test.station_a,
        user=test.clerk,
        caller_number=NUMBER,
        text="家里停电了",
        category="fault_repair",
        open_order=True,
    ).work_order
    assert order is not None
    return order


def planned_in_progress(test: BaseTestCase, device: GridNode | None = None) -> Outage:
    """Planned work under way at ``device`` (the transformer below the fuse by default): begun
    an hour ago, to end in two hours."""
    now = timezone.now()
    return Outage.objects.create(
        station=test.station_a,
        device=device or test.transformer,
        kind=Outage.Kind.PLANNED,
        status=Outage.Status.ACTIVE,
        starts_at=now - dt.timedelta(hours=1),
        expected_restore_at=now + dt.timedelta(hours=2),
        cause="更换配变",
    )


class DarkCastTestCase(BaseTestCase):
    """The households below the pole of the tests of who is still dark (D2): below the fuse
    普光荣, 李四 and 王五, beside it 钱七 (``households_beside_the_fuse``); an outage declared on
    a device, with the callers' separate orders joined to it or not."""

    area: GridNode
    qian: Customer
    wang: Customer
    below_fuse: set[int]

    def setUp(self) -> None:
        super().setUp()
        cast = households_beside_the_fuse(self)
        self.area, self.qian, self.below_fuse = cast.area, cast.qian, cast.below_fuse
        self.wang = Customer.objects.get(name="王五")

    def declare(self, device: GridNode, *, join_separate: bool = False) -> Outage:
        outage = fault_declare(self, device)
        if join_separate:
            outage_join_separate_orders(outage=outage, user=self.chief)
        return outage


def customer_calls(test: Any, text: str, **extra: Any) -> CallTaken:
    """The cast's customer (below the fuse) calls about a fault from their mobile, saying
    ``text`` (``extra``: ``call_take``'s other fields, such as ``urgent`` or ``join_outage``)."""
    return call_take(
        station=test.station_a,
        user=test.clerk,
        customer=test.customer,
        caller_number="13812345678",
        text=text,
        category="fault_repair",
        **extra,
    )


def caller_joins(test: Any, outage: Outage, text: str = "我家没电了") -> WorkOrder | None:
    """The cast's customer calls that the power is off, the call joined to ``outage``: the
    order it went to."""
    return customer_calls(test, text, join_outage=outage).work_order


def nested_on_pole_and_fuse(test: Any) -> tuple[Outage, Outage]:
    """Two fault outages off for half an hour: the wider on 左门's pole switch, the inner on
    哔叭's fuse under it (a liaison's "power is back" report to check sits on the inner)."""
    start = timezone.now() - dt.timedelta(minutes=30)
    wider, inner = (
        outage_declare(
            station=test.station_a,
            user=test.chief,
            device=device,
            kind=Outage.Kind.UNPLANNED,
            starts_at=start,
        )
        for device in (test.pole, test.fuse)
    )
    return wider, inner

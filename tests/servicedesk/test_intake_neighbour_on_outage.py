"""walk67 L3 (fix69c, 3): at intake under outage 960 (塘坝支线02号杆), "Known now" listed a
neighbour's order ("我家也停电了") under "来电人所在的停电" (the outage above the caller), beside
the outage's job. Replayed on the demo station as the walk set it up: the label names the
outage the line's order is on, and it is the caller's because of the caller's own place (her
transformer area below the fuse), not a phone, an address or a customer shared with the
neighbour. A caller on an area the outage is not above, whose neighbour's order is joined to it
all the same, is never told that outage is theirs: "Same transformer area"."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.accounts.models import Crew, Station, User
from powerdesk.customers.models import Customer, CustomerPhone
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.below import customer_below, customers_below
from powerdesk.outages.joined import outage_join_open_orders, outage_link
from powerdesk.outages.life import outage_dispatch
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.models import Call, WorkOrder
from powerdesk.servicedesk.services import work_order_create
from tests.demo_station import load_demo

ABOVE_THE_CALLER = "The outage above the caller"  # "来电人所在的停电", as the walk saw it
SAME_AREA = "Same transformer area"
BILLING_NOTE = "现在家里停电了，另外想问下这个月电费怎么这么多"  # the walk's (H1), taken as billing


class NeighbourOnOutageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo(timezone.localdate())
        cls.station = Station.objects.get(code="guanglu")
        cls.clerk = User.objects.get(username="gl_counter")
        cls.chief = User.objects.get(username="gl_chief")

    def setUp(self) -> None:
        # The walk's set-up (walk67/setup.py): the fuse's outage, two callers' orders joined.
        self.fuse = GridNode.objects.get(station=self.station, code="DB-B05-F")
        now = timezone.now()
        callers = list(customers_below(self.fuse).filter(phones__isnull=False).distinct()[:2])
        self.orders = []
        for customer, text in zip(
            callers, ["家里没电了，整个组都黑了", "我家也停电了"], strict=True
        ):
            call = Call.objects.create(
                station=self.station,
                received_at=now - dt.timedelta(minutes=20),
                customer=customer,
                caller_number=customer.phones.first().number,  # type: ignore[union-attr]
                text=text,
            )
            self.orders.append(
                work_order_create(
                    station=self.station,
                    user=self.clerk,
                    category="fault_repair",
                    summary=text,
                    customer=customer,
                    call=call,
                )
            )
        self.outage = outage_declare(
            station=self.station,
            user=self.chief,
            device=self.fuse,
            kind="unplanned",
            starts_at=now - dt.timedelta(minutes=25),
            notify=False,
        )
        outage_join_open_orders(outage=self.outage)
        crew = Crew.objects.get(station=self.station, name="抢修一班")
        outage_dispatch(
            outage=self.outage, crew=crew, user=User.objects.get(username="gl_dispatch")
        )
        self.job, self.neighbours = self.orders[0], self.orders[1]

    def known_now(self, number: str) -> list[str]:
        self.client.force_login(self.clerk)
        with translation.override("en"):
            html = self.client.get(
                reverse("servicedesk:caller"),
                {"caller_number": number, "text": BILLING_NOTE, "category": "billing"},
                HTTP_ACCEPT_LANGUAGE="en",
            ).content.decode()
        return [part.split("</li>")[0] for part in html.split('data-testid="area-order">')[1:]]

    def line_of(self, lines: list[str], order: WorkOrder) -> str:
        return next(line for line in lines if order.number in line)

    def test_the_walk_s_caller_is_under_the_outage_by_her_own_place(self) -> None:
        caller = Customer.objects.get(station=self.station, account_number="53250005979")
        neighbour = self.neighbours.customer
        assert neighbour is not None
        self.assertNotEqual(neighbour.pk, caller.pk)
        self.assertTrue(customer_below(self.fuse, caller.pk))  # her area is below the fuse
        self.assertEqual(neighbour.transformer_id, caller.transformer_id)  # a neighbour
        mine = set(caller.phones.values_list("number", flat=True))
        self.assertFalse(mine & set(neighbour.phones.values_list("number", flat=True)))
        self.assertIn(self.neighbours, outage_link(self.outage).work_orders.all())
        lines = self.known_now(mine.pop())
        # The outage's job and the neighbour's order joined to it, each said by the outage it
        # is on, which is above the caller: the label is the outage's, not the order's owner.
        for order in (self.job, self.neighbours):
            with self.subTest(order.summary):
                self.assertTrue(self.line_of(lines, order).startswith(ABOVE_THE_CALLER))

    def test_a_caller_not_under_the_outage_is_not_told_it_is_theirs(self) -> None:
        """A caller on an area the fuse is not above, whose neighbour's order is joined to the
        outage (as an order from elsewhere might be): the line says the area, not the outage."""
        area = (
            GridNode.objects.filter(station=self.station, kind=NodeKind.TRANSFORMER)
            .exclude(pk__in=customers_below(self.fuse).values("transformer_id"))
            .filter(customers__phones__isnull=False)
            .first()
        )
        assert area is not None
        caller, neighbour = Customer.objects.filter(transformer=area, phones__isnull=False)[:2]
        self.assertFalse(customer_below(self.fuse, caller.pk))
        order = work_order_create(
            station=self.station,
            user=self.clerk,
            category="fault_repair",
            summary="我家也停电了",
            customer=neighbour,
        )
        outage_link(self.outage).work_orders.add(order)
        number = caller.phones.exclude(
            number__in=CustomerPhone.objects.filter(customer=neighbour).values("number")
        ).first()
        assert number is not None
        lines = self.known_now(number.number)
        self.assertTrue(self.line_of(lines, order).startswith(SAME_AREA))
        self.assertNotIn(ABOVE_THE_CALLER, "".join(lines))

"""Someone saying the power is back reaches the engine as ``call_on``: a customer reached on the
callback after a fault repair, and a liaison confirming power in their group."""

from __future__ import annotations

from powerdesk.accounts.models import Membership, Role
from powerdesk.community.liaison import liaison_power_back
from powerdesk.outages.models import Signal
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.callbacks import callback_record
from powerdesk.servicedesk.services import (
    work_order_create,
    work_order_dispatch,
    work_order_transition,
)
from tests.base import BaseTestCase, make_user


class PowerBackSignalTests(BaseTestCase):
    def test_a_fixed_customer_reached_on_the_callback_says_power_is_on(self) -> None:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="停电",
            customer=self.customer,
        )
        order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        for status in ("on_site", "resolved"):
            order = work_order_transition(
                work_order=order, to_status=status, user=self.chief, cause="雷击", device=self.fuse
            )
        callback_record(work_order=order, user=self.clerk, outcome="reached", satisfaction=5)
        self.assertEqual(
            list(Signal.objects.filter(type="call_on").values_list("customer", "source")),
            [(self.customer.pk, "staff")],
        )

    def test_an_unhappy_callback_says_nothing_of_power(self) -> None:
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="停电",
            customer=self.customer,
        )
        order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        order = work_order_transition(
            work_order=order, to_status="resolved", user=self.chief, cause="雷击", device=self.fuse
        )
        callback_record(work_order=order, user=self.clerk, outcome="reached", still_not_fixed=True)
        self.assertFalse(Signal.objects.filter(type="call_on").exists())

    def test_a_liaison_s_power_back_is_heard_for_the_group_s_households_once(self) -> None:
        liaison = make_user("zm", self.station_a)
        Membership.objects.create(
            user=liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        outage = outage_declare(
            station=self.station_a, user=self.chief, device=self.fuse, kind="unplanned"
        )
        liaison_power_back(user=liaison, village=self.village, outage=outage, group=self.group)
        signals = Signal.objects.filter(type="call_on")
        self.assertEqual(
            list(signals.values_list("customer", "source")), [(self.customer.pk, "liaison")]
        )


class CrewFoundOpenTests(BaseTestCase):
    def test_a_crew_on_patrol_reports_a_device_found_open_to_the_engine(self) -> None:
        from django.urls import reverse

        crew_member = make_user("crew1", self.station_a, Role.CREW)
        self.crew.members.add(crew_member)
        order = work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="fault_repair",
            summary="停电",
            customer=self.customer,
        )
        order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        self.login(crew_member)
        url = reverse("servicedesk:work_order_action", args=[order.pk])
        self.client.post(url, {"action": "status", "to": "on_the_way"})
        self.assertContains(
            self.client.get(reverse("servicedesk:crew_jobs")), 'data-crew-step="found_here"'
        )
        step = reverse("servicedesk:crew_step", args=[order.pk])
        for _ in range(2):  # a double tap stores one signal
            self.client.post(step, {"step": "found_here", "device": "哔叭支线02号杆跌落式熔断器"})
        self.assertEqual(
            list(Signal.objects.filter(type="confirm_open").values_list("device", "source")),
            [(self.fuse.pk, "crew")],
        )
        self.assertTrue(order.events.filter(note__contains="哔叭支线02号杆跌落式熔断器").exists())

    def test_a_crew_cannot_report_on_another_crew_s_order(self) -> None:
        from django.urls import reverse

        from powerdesk.accounts.models import Crew

        other = make_user("crew2", self.station_a, Role.CREW)
        Crew.objects.create(station=self.station_a, name="二班").members.add(other)
        order = work_order_create(
            station=self.station_a, user=self.clerk, category="fault_repair", summary="停电"
        )
        order = work_order_dispatch(work_order=order, crew=self.crew, user=self.chief)
        self.login(other)
        response = self.client.post(
            reverse("servicedesk:work_order_action", args=[order.pk]),
            {"action": "found_open", "device": "ZM-B01-F"},
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Signal.objects.exists())

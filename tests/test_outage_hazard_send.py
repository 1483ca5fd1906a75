"""The clerk sends a line down in the area of an outage to the outage's crew in one click
(``outages.hazards.hazard_to_outage_crew``): once however often it is pressed, taken from
another crew only when confirmed, by the role matrix, at the order's own station only."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.permissions import NotAllowed
from powerdesk.outages.hazards import (
    HazardError,
    hazard_to_outage_crew,
    outages_over_hazard,
)
from powerdesk.outages.models import OutageEvent
from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.services import work_order_dispatch
from tests.hazard_cast import OutageHazardCase


class HazardSentToTheCrewTests(OutageHazardCase):
    def send(self, user: object) -> object:
        self.login(user)  # type: ignore[arg-type]
        return self.client.post(
            reverse("servicedesk:work_order_action", args=[self.line_down.pk]),
            {"action": "to_outage_crew", "outage": self.outage.pk},
        )

    def test_one_click_sends_it_to_the_outage_s_crew_once_recorded_in_both_histories(
        self,
    ) -> None:
        for _press in range(2):  # a double click
            self.assertEqual(self.send(self.clerk).status_code, 302)  # type: ignore[attr-defined]
        order = WorkOrder.objects.get(pk=self.line_down.pk)
        self.assertEqual((order.crew, order.status), (self.crew, "dispatched"))
        self.assertEqual(order.category, "hazard")  # its own order, never merged away
        self.assertTrue(order.urgent)
        self.assertFalse(order.outage_links.exists())
        self.assertEqual(order.events.filter(kind="dispatched").count(), 1)
        notes = order.events.filter(kind="note", note_code="hazard_to_outage_crew")
        self.assertEqual(notes.count(), 1)
        self.assertEqual(
            OutageEvent.objects.filter(outage=self.outage, what="hazard_sent").count(), 1
        )
        # The crew's phone lists it as a job of its own beside the outage's.
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        self.assertIn(f'data-order="{order.pk}"', page)
        # The page says it is with the crew, no longer offering to send it.
        self.login(self.clerk)
        page = self.client.get(order.get_absolute_url()).content.decode()
        self.assertIn('data-testid="hazard-with-crew"', page)
        self.assertNotIn('data-testid="hazard-send-crew"', page)

    def test_the_service_says_whether_it_sent_and_sends_once(self) -> None:
        self.assertTrue(
            hazard_to_outage_crew(order=self.line_down, outage=self.outage, user=self.dispatcher)
        )
        self.assertFalse(
            hazard_to_outage_crew(order=self.line_down, outage=self.outage, user=self.dispatcher)
        )
        self.assertEqual(
            WorkOrderEvent.objects.filter(work_order=self.line_down, kind="dispatched").count(), 1
        )

    def with_other_crew(self, status: str) -> WorkOrder:
        work_order_dispatch(work_order=self.line_down, crew=self.other_crew, user=self.chief)
        WorkOrder.objects.filter(pk=self.line_down.pk).update(status=status)
        return WorkOrder.objects.get(pk=self.line_down.pk)

    def test_taken_from_a_crew_on_its_way_only_when_confirmed(self) -> None:
        # review 37, 5: that crew is told of the move in PowerDesk only (it may be in a valley
        # with no signal): the page says it is on its way and asks to confirm, naming it.
        order = self.with_other_crew("on_the_way")
        over = outages_over_hazard(order)
        self.assertEqual([(o.sendable, o.held_by) for o in over], [(True, self.other_crew)])
        self.assertIn("抢修二班", over[0].held)
        self.login(self.clerk)
        page = self.client.get(order.get_absolute_url()).content.decode()
        self.assertIn('data-testid="hazard-held-by"', page)
        self.assertIn(f'name="take_from" value="{self.other_crew.pk}"', page)
        with self.assertRaises(HazardError) as refused:
            hazard_to_outage_crew(order=order, outage=self.outage, user=self.chief)
        self.assertIn("抢修二班", str(refused.exception))
        response = self.send(self.clerk)  # the box not ticked (a crafted post)
        self.assertEqual(response.status_code, 302)  # type: ignore[attr-defined]
        order.refresh_from_db()
        self.assertEqual((order.crew, order.status), (self.other_crew, "on_the_way"))
        # Confirmed for another crew than the one it is with now: asked again.
        with self.assertRaises(HazardError):
            hazard_to_outage_crew(
                order=order, outage=self.outage, user=self.chief, take_from=self.crew.pk
            )
        response = self.client.post(
            reverse("servicedesk:work_order_action", args=[order.pk]),
            {"action": "to_outage_crew", "outage": self.outage.pk, "take_from": self.other_crew.pk},
        )
        self.assertEqual(response.status_code, 302)
        order.refresh_from_db()
        self.assertEqual(order.crew, self.crew)

    def test_a_crew_only_sent_is_asked_about_too(self) -> None:
        order = self.with_other_crew("dispatched")
        [over] = outages_over_hazard(order)
        self.assertEqual(over.held_by, self.other_crew)
        with self.assertRaises(HazardError):
            hazard_to_outage_crew(order=order, outage=self.outage, user=self.chief)
        self.assertTrue(
            hazard_to_outage_crew(
                order=order, outage=self.outage, user=self.chief, take_from=self.other_crew.pk
            )
        )

    def test_nobody_s_danger_is_sent_in_one_click(self) -> None:
        [over] = outages_over_hazard(self.line_down)
        self.assertEqual((over.sendable, over.held_by, over.held), (True, None, ""))
        self.login(self.clerk)
        page = self.client.get(self.line_down.get_absolute_url()).content.decode()
        self.assertNotIn('data-testid="hazard-held-by"', page)
        self.assertNotIn('name="take_from"', page)

    def test_a_paused_order_is_not_sent_by_the_service_either(self) -> None:
        WorkOrder.objects.filter(pk=self.line_down.pk).update(paused_at=timezone.now())
        self.line_down.refresh_from_db()
        self.assertFalse(outages_over_hazard(self.line_down)[0].sendable)
        with self.assertRaises(HazardError):
            hazard_to_outage_crew(order=self.line_down, outage=self.outage, user=self.chief)
        self.assertIsNone(WorkOrder.objects.get(pk=self.line_down.pk).crew)

    def test_only_the_office_sends_it(self) -> None:
        for user in (self.member, self.liaison):
            with self.subTest(user.username), self.assertRaises(NotAllowed):
                hazard_to_outage_crew(order=self.line_down, outage=self.outage, user=user)
        self.assertEqual(self.send(self.member).status_code, 403)  # type: ignore[attr-defined]
        self.assertIsNone(WorkOrder.objects.get(pk=self.line_down.pk).crew)
        self.login(self.member)
        page = self.client.get(self.line_down.get_absolute_url()).content.decode()
        self.assertNotIn('data-testid="hazard-send-crew"', page)

    def test_a_hazard_outside_the_area_is_not_sent(self) -> None:
        with self.assertRaises(HazardError):
            hazard_to_outage_crew(order=self.far, outage=self.outage, user=self.chief)
        self.assertIsNone(WorkOrder.objects.get(pk=self.far.pk).crew)

    def test_another_station_sees_and_sends_nothing(self) -> None:
        self.login(self.outsider)
        self.assertEqual(self.client.get(self.line_down.get_absolute_url()).status_code, 404)
        self.assertEqual(self.send(self.outsider).status_code, 404)  # type: ignore[attr-defined]
        with self.assertRaises(NotAllowed):
            hazard_to_outage_crew(order=self.line_down, outage=self.outage, user=self.outsider)

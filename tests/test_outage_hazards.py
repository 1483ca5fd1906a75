"""A line down in the area of an outage is linked to it, never merged into it (``outages.hazards``):
the board, the outage's pages, the crew's card and patrol list say the hazard order; the hazard's
page and the clerk's answer at intake say the outage and where its crew is; the clerk sends the
hazard to the outage's crew in one click, once however often it is pressed, by the role matrix,
at the order's own station only."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.community.models import Village
from powerdesk.customers.models import Customer
from powerdesk.outages import board_grid, board_html
from powerdesk.outages.board import board_rows
from powerdesk.outages.hazards import (
    HazardError,
    hazard_to_outage_crew,
    hazards_of,
    outages_over_hazard,
)
from powerdesk.outages.models import Outage, OutageEvent, PredictedOutage
from powerdesk.servicedesk.models import WorkOrder, WorkOrderEvent
from powerdesk.servicedesk.services import work_order_create
from tests.base import BaseTestCase, make_user, post_intake
from tests.servicedesk.crew_cast import add_crews, outage_job

LINE_DOWN = "电线断了掉在路上，还在冒火花"


class HazardCase(BaseTestCase):
    def setUp(self) -> None:
        board_grid.forget()
        board_html.forget()
        add_crews(self)
        self.dispatcher = make_user("dispatch", self.station_a, Role.DISPATCHER)

    def hazard(self, *, customer: Customer | None = None, **place: object) -> WorkOrder:
        """A passer-by's danger at a village group (or a household's own), urgent."""
        return work_order_create(
            station=self.station_a,
            user=self.clerk,
            category="hazard",
            summary=LINE_DOWN,
            customer=customer,
            **place,  # type: ignore[arg-type]
        )

    def elsewhere(self) -> WorkOrder:
        far = Village.objects.create(station=self.station_a, name="干海")
        return self.hazard(village=far)


class HazardsOfAnOutageTests(HazardCase):
    def setUp(self) -> None:
        super().setUp()
        self.outage, self.caller_order = outage_job(self)
        self.line_down = self.hazard(village=self.village, group=self.group)
        self.far = self.elsewhere()

    def row(self) -> object:
        rows = [r for r in board_rows(self.station_a) if r.outage == self.outage]
        self.assertEqual(len(rows), 1)
        return rows[0]

    def test_the_board_row_names_the_hazard_in_its_area_only(self) -> None:
        row = self.row()
        hazards = row.hazards  # type: ignore[attr-defined]
        self.assertEqual([h.number for h in hazards], [self.line_down.number])
        line = hazards[0]
        self.assertEqual(line.place, "左门 · 哔叭")
        self.assertEqual(line.said, LINE_DOWN)
        self.assertEqual(line.url, self.line_down.get_absolute_url())

    def test_a_household_s_hazard_is_placed_by_its_transformer_area(self) -> None:
        mine = self.hazard(customer=self.customer)
        self.assertIn(mine.number, [h.number for h in hazards_of(self.outage)])

    def test_a_hazard_resolved_is_no_longer_said(self) -> None:
        WorkOrder.objects.filter(pk=self.line_down.pk).update(status="closed")
        self.assertEqual(hazards_of(self.outage), [])

    def test_the_board_and_the_outages_page_show_the_line_with_its_link(self) -> None:
        self.login(self.dispatcher)
        key = f"hazard-outage-{self.outage.pk}-{self.line_down.pk}"
        for url in (reverse("outages:board"), reverse("outages:list")):
            page = self.client.get(url).content.decode()
            self.assertIn(key, page, url)
            self.assertIn(self.line_down.get_absolute_url(), page)
            self.assertIn(self.line_down.number, page)
            self.assertNotIn(self.far.get_absolute_url(), page)
        page = self.client.get(reverse("outages:list")).content.decode()
        self.assertIn(f'data-testid="hazards-{self.outage.pk}"', page)

    def test_the_patrol_list_says_the_danger_first(self) -> None:
        self.login(self.member)
        page = self.client.get(reverse("outages:patrol", args=[self.outage.pk])).content.decode()
        self.assertIn('data-testid="patrol-hazards"', page)
        self.assertIn(LINE_DOWN, page)
        self.assertLess(page.index("patrol-hazards"), page.index('data-testid="patrol"'))

    def test_the_crew_s_card_says_where_when_and_what_the_caller_said(self) -> None:
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs")).content.decode()
        self.assertIn('data-testid="job-hazards"', page)
        self.assertIn(LINE_DOWN, page)
        self.assertIn("左门 · 哔叭", page)
        self.assertIn(timezone.localtime(self.line_down.created_at).strftime("%m-%d %H:%M"), page)

    def test_the_hazard_s_page_says_the_outage_its_crew_and_what_to_tell(self) -> None:
        self.login(self.clerk)
        page = self.client.get(self.line_down.get_absolute_url()).content.decode()
        self.assertIn(f'data-testid="hazard-outage-outage-{self.outage.pk}"', page)
        self.assertIn(self.crew.name, page)
        self.assertIn('data-testid="hazard-tell"', page)
        self.assertIn('data-testid="hazard-send-crew"', page)
        over = outages_over_hazard(self.line_down)
        self.assertEqual([o.outage for o in over], [self.outage])
        self.assertIn(str(self.fuse), over[0].tell)
        self.assertIn(self.crew.name, over[0].tell)  # where the crew is (tell_caller)

    def test_a_hazard_elsewhere_has_no_outage(self) -> None:
        self.assertEqual(outages_over_hazard(self.far), [])
        self.login(self.clerk)
        page = self.client.get(self.far.get_absolute_url()).content.decode()
        self.assertNotIn('data-testid="hazard-outages"', page)

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

    def test_the_clerk_is_told_of_the_outage_as_the_hazard_call_is_saved(self) -> None:
        self.login(self.clerk)
        response = post_intake(
            self.client,
            {"caller_number": "0878-1234567", "text": LINE_DOWN, "category": "hazard"},
        )
        self.assertEqual(response.status_code, 302)
        order = WorkOrder.objects.filter(category="hazard").latest("pk")
        self.assertEqual(response["Location"], order.get_absolute_url())
        said = [str(m) for m in response.wsgi_request._messages]  # type: ignore[attr-defined]
        told = [m for m in said if str(self.fuse) in m and self.crew.name in m]
        self.assertEqual(len(told), 1, said)
        self.assertEqual(order.category, "hazard")
        self.assertFalse(order.outage_links.exists())


class HazardsOfAPredictionTests(HazardCase):
    """An outage the engine infers, nobody recorded: its row says the danger; the hazard's page
    says the station is checking it, and offers no crew."""

    def setUp(self) -> None:
        super().setUp()
        self.prediction = PredictedOutage.objects.create(
            station=self.station_a,
            code=self.fuse.code,
            device=self.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=1,
            confidence=0.8,
            first_sign_at=timezone.now() - dt.timedelta(minutes=20),
            explain={"calls": 1},
            rank=0,
        )
        self.line_down = self.hazard(village=self.village, group=self.group)

    def test_the_predicted_row_and_the_hazard_s_page(self) -> None:
        rows = [r for r in board_rows(self.station_a) if r.prediction == self.prediction]
        self.assertEqual([h.order_id for h in rows[0].hazards], [self.line_down.pk])
        self.assertEqual([h.number for h in hazards_of(self.prediction)], [self.line_down.number])
        over = outages_over_hazard(self.line_down)
        self.assertEqual(
            [(o.prediction, o.crew, o.sendable) for o in over], [(self.prediction, None, False)]
        )
        self.login(self.clerk)
        page = self.client.get(self.line_down.get_absolute_url()).content.decode()
        self.assertIn(f'data-testid="hazard-outage-prediction-{self.prediction.pk}"', page)
        self.assertNotIn('data-testid="hazard-send-crew"', page)
        patrol = reverse("outages:prediction_patrol", args=[self.prediction.pk])
        self.assertIn('data-testid="patrol-hazards"', self.client.get(patrol).content.decode())

    def test_no_outage_no_line(self) -> None:
        Outage.objects.all().delete()
        PredictedOutage.objects.all().delete()
        self.assertEqual(outages_over_hazard(self.line_down), [])

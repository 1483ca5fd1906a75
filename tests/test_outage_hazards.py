"""A line down in the area of an outage is linked to it, never merged into it (``outages.hazards``):
the board, the outage's pages, the crew's card and patrol list say the hazard order; the hazard's
page and the clerk's answer at intake say the outage and where its crew is; the clerk sends the
hazard to the outage's crew in one click, once however often it is pressed, by the role matrix,
at the order's own station only."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.accounts.models import Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.community.models import Village, VillageGroup
from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
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
from powerdesk.servicedesk.services import work_order_create, work_order_dispatch
from powerdesk.servicedesk.tell_caller import hazard_tell
from tests.base import BaseTestCase, make_user, post_intake
from tests.servicedesk.crew_cast import add_crews, outage_job

LINE_DOWN = "电线断了掉在路上，还在冒火花"


class HazardCase(BaseTestCase):
    # The crews, the outage and the hazards are set up once per class (each test's changes are
    # rolled back); the board's kept views are process state, forgotten before each test.
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        add_crews(cls)
        cls.dispatcher = make_user("dispatch", cls.station_a, Role.DISPATCHER)

    def setUp(self) -> None:
        board_grid.forget()
        board_html.forget()

    @classmethod
    def hazard(cls, *, customer: Customer | None = None, **place: object) -> WorkOrder:
        """A passer-by's danger at a village group (or a household's own), urgent."""
        return work_order_create(
            station=cls.station_a,
            user=cls.clerk,
            category="hazard",
            summary=LINE_DOWN,
            customer=customer,
            **place,  # type: ignore[arg-type]
        )

    @classmethod
    def elsewhere(cls) -> WorkOrder:
        far = Village.objects.create(station=cls.station_a, name="干海")
        return cls.hazard(village=far)


class HazardsOfAnOutageTests(HazardCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.outage, cls.caller_order = outage_job(cls)
        cls.line_down = cls.hazard(village=cls.village, group=cls.group)
        cls.far = cls.elsewhere()

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

    def household_on_another_transformer(self, **place: object) -> Customer:
        """A household of 哔叭 (the group the dark transformer's households are in) on a
        transformer off the outage's fuse: its power is on."""
        other = GridNode.objects.create(
            station=self.station_a,
            feeder=self.feeder,
            code="ZM-B01-T2",
            kind=NodeKind.TRANSFORMER,
            parent=self.pole,
            name="左门哔叭2号台区",
            village=self.village,
        )
        board_grid.forget()
        return Customer.objects.create(
            station=self.station_a,
            account_number="53250000002",
            name="普光明",
            village=place.get("village", self.village),
            group=place.get("group", self.group),
            transformer=other,
        )

    def test_a_household_whose_own_transformer_is_on_is_not_in_the_area_by_its_group(
        self,
    ) -> None:
        # review 37, 7: the household's transformer wins when the clerk chose no other place.
        sparks = self.hazard(customer=self.household_on_another_transformer())
        self.assertEqual((sparks.village, sparks.group), (self.village, self.group))
        self.assertNotIn(sparks.number, [h.number for h in hazards_of(self.outage)])
        self.assertEqual(outages_over_hazard(sparks), [])
        row = self.row()
        self.assertNotIn(sparks.number, [h.number for h in row.hazards])  # type: ignore[attr-defined]

    def test_a_place_the_clerk_chose_for_the_danger_decides(self) -> None:
        # The household lives in 大平地 on a transformer with power; the wire it reports is down
        # in 哔叭, where the clerk placed the order: in the outage's area.
        elsewhere = VillageGroup.objects.create(
            station=self.station_a, village=self.village, name="大平地"
        )
        caller = self.household_on_another_transformer(group=elsewhere)
        wire = self.hazard(customer=caller, village=self.village, group=self.group)
        self.assertIn(wire.number, [h.number for h in hazards_of(self.outage)])
        at_home = self.hazard(customer=caller)
        self.assertNotIn(at_home.number, [h.number for h in hazards_of(self.outage)])

    def test_a_danger_placed_in_another_village_is_not_judged_by_the_caller_s_home_group(
        self,
    ) -> None:
        # review 38, 14: a 哔叭 household (its own power on) reports a line down in 箐头; the
        # clerk chose the village and no group. The order must not take the caller's home group
        # (哔叭, under the outage), nor be listed in the outage's area by it.
        caller = self.household_on_another_transformer()
        far = Village.objects.create(station=self.station_a, name="箐头")
        wire = self.hazard(customer=caller, village=far)
        self.assertEqual((wire.village, wire.group), (far, None))
        self.assertNotIn(wire.number, [h.number for h in hazards_of(self.outage)])
        self.assertEqual(outages_over_hazard(wire), [])

    def test_an_order_whose_group_lies_in_another_village_is_judged_by_its_village(
        self,
    ) -> None:
        # An order saved before the fix (village 箐头, the caller's home group 哔叭) is judged
        # and named by its village alone.
        caller = self.household_on_another_transformer()
        far = Village.objects.create(station=self.station_a, name="箐头")
        wire = self.hazard(customer=caller, village=far)
        WorkOrder.objects.filter(pk=wire.pk).update(group=self.group)
        self.assertNotIn(wire.number, [h.number for h in hazards_of(self.outage)])
        self.assertEqual(outages_over_hazard(wire), [])
        mine = self.hazard(customer=self.customer)
        self.assertEqual((mine.village, mine.group), (self.village, self.group))

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
        # The danger's own script, never the outage's call back when the power is back
        # (walk38, 1); the outage and its crew are said above it, on the page.
        self.assertEqual(over[0].tell, hazard_tell())
        self.assertNotIn(
            _("Your call is recorded and we will call you back when the power is back."), page
        )

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

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.prediction = PredictedOutage.objects.create(
            station=cls.station_a,
            code=cls.fuse.code,
            device=cls.fuse,
            status=PredictedOutage.Status.PREDICTED,
            customers=1,
            confidence=0.8,
            first_sign_at=timezone.now() - dt.timedelta(minutes=20),
            explain={"calls": 1},
            rank=0,
        )
        cls.line_down = cls.hazard(village=cls.village, group=cls.group)

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

"""Where a line down in the area of an outage is said (``outages.hazards``): the board, the
outage's pages, the crew's card and patrol list say the hazard order; the hazard's page and the
clerk's answer at intake say the outage and where its crew is; an outage the engine predicts,
nobody recorded, says it too."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from powerdesk.outages.board import board_rows
from powerdesk.outages.hazards import (
    hazards_of,
    outages_over_hazard,
)
from powerdesk.outages.models import Outage, PredictedOutage
from powerdesk.servicedesk.models import WorkOrder
from powerdesk.servicedesk.tell_caller import hazard_tell
from tests.base import post_intake
from tests.hazard_cast import LINE_DOWN, HazardCase, OutageHazardCase


class HazardsShownTests(OutageHazardCase):
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

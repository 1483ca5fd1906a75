"""A hard problem's step is given only to someone whose role opens the hard problem's page
(walkthrough 28, finding 16: the chief's list of owners offered the village liaison, who may not
open hard problems and would never see the step). The service refuses anyone else, and the page
says why at the owner's field, offering only those allowed."""

from __future__ import annotations

from django.urls import reverse

from powerdesk.accounts.models import Membership, Role
from powerdesk.servicedesk.followup import (
    StepOwnerError,
    hard_problem_add_step,
    hard_problem_open,
    step_owners,
)
from powerdesk.servicedesk.models import HardProblemStep
from tests.base import BaseTestCase, make_user


class StepOwnerTests(BaseTestCase):
    def setUp(self) -> None:
        self.liaison = make_user("zm", self.station_a, full_name="左门村委会 李文华")
        Membership.objects.create(
            user=self.liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        self.county = make_user("county", self.station_a, Role.DISPATCHER, full_name="段调度")
        self.problem = hard_problem_open(
            station=self.station_a, user=self.chief, title="三角新村台区雷击频繁"
        )

    def test_the_service_refuses_a_liaison_and_takes_a_dispatcher(self) -> None:
        with self.assertRaises(StepOwnerError):
            hard_problem_add_step(
                problem=self.problem,
                user=self.chief,
                title="换避雷器",
                owner=self.liaison,
                due_on=None,
            )
        with self.assertRaises(StepOwnerError):  # another station's person
            hard_problem_add_step(
                problem=self.problem,
                user=self.chief,
                title="换避雷器",
                owner=self.outsider,
                due_on=None,
            )
        self.assertFalse(HardProblemStep.objects.exists())
        step = hard_problem_add_step(
            problem=self.problem, user=self.chief, title="换避雷器", owner=self.county, due_on=None
        )
        self.assertEqual(step.owner, self.county)
        owners = set(step_owners(self.station_a))
        self.assertIn(self.county, owners)
        self.assertNotIn(self.liaison, owners)

    def test_the_page_offers_only_those_allowed_and_says_why_at_the_field(self) -> None:
        self.login(self.chief)
        url = reverse("servicedesk:hard_problem", args=[self.problem.pk])
        page = self.client.get(url).content.decode()
        select = page[page.index('data-testid="step-owner"') :]
        select = select[: select.index("</select>")]
        self.assertIn(f'value="{self.county.pk}"', select)
        self.assertNotIn(f'value="{self.liaison.pk}"', select)
        refused = self.client.post(
            url, {"action": "step", "title": "换避雷器", "owner": str(self.liaison.pk)}
        )
        self.assertEqual(refused.status_code, 400)
        html = refused.content.decode()
        self.assertIn('data-testid="step-owner-error"', html)
        self.assertIn("左门村委会 李文华", html[html.index('data-testid="step-owner-error"') :])
        self.assertIn('value="换避雷器"', html)
        self.assertFalse(HardProblemStep.objects.exists())

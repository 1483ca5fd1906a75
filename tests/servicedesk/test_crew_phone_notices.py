"""The crew's phone says the person's unread notices (work given to them: a hard problem's
step), with a link, and puts them away as elsewhere once the item is opened (walkthrough 36,
#5: the notice was on the notices page, the phone said nothing)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.servicedesk.followup import hard_problem_add_step, hard_problem_open
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews


class CrewPhoneNoticesTests(BaseTestCase):
    def page(self) -> str:
        self.login(self.member)
        return self.client.get(reverse("servicedesk:crew_jobs")).content.decode()

    def test_a_step_given_is_on_the_phone_until_opened(self) -> None:
        add_crews(self)
        self.assertNotIn('data-testid="crew-notices"', self.page())
        problem = hard_problem_open(station=self.station_a, user=self.chief, title="低电压")
        hard_problem_add_step(
            problem=problem,
            user=self.chief,
            title="复查接地电阻",
            owner=self.member,
            due_on=timezone.localdate() + dt.timedelta(days=7),
        )
        page = self.page()
        self.assertIn('data-testid="crew-notices"', page)
        notices = page.split('data-testid="crew-notices"', 1)[1].split("</section>", 1)[0]
        self.assertIn(f'href="{problem.get_absolute_url()}"', notices)
        # The job list the page refreshes is still there, the phone's scripts with it.
        self.assertIn('id="crew-jobs"', page)
        self.assertIn('id="crew-app"', page)
        self.client.get(problem.get_absolute_url())  # opened: put away
        self.assertNotIn('data-testid="crew-notices"', self.page())

    def test_seen_on_the_phone_comes_back_to_the_phone(self) -> None:
        add_crews(self)
        problem = hard_problem_open(station=self.station_a, user=self.chief, title="低电压")
        hard_problem_add_step(
            problem=problem,
            user=self.chief,
            title="复查接地电阻",
            owner=self.member,
            due_on=timezone.localdate() + dt.timedelta(days=7),
        )
        page = self.page()
        notices = page.split('data-testid="crew-notices"', 1)[1].split("</section>", 1)[0]
        upto = notices.split('name="upto" value="', 1)[1].split('"', 1)[0]
        kind = notices.split('name="kind" value="', 1)[1].split('"', 1)[0]
        here = reverse("servicedesk:crew_jobs")
        response = self.client.post(
            reverse("servicedesk:notices_read_all"), {"upto": upto, "kind": kind, "next": here}
        )
        self.assertRedirects(response, here, fetch_redirect_response=False)
        self.assertNotIn('data-testid="crew-notices"', self.page())

"""An outage's card counts the households whose calls it lists (households, not calls), and says
that the name and words it shows are the first caller's, not the outage's."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from powerdesk.servicedesk.crew_called import called_words
from powerdesk.servicedesk.models import Call
from tests.base import BaseTestCase
from tests.servicedesk.crew_cast import add_crews, outage_job, plain_job


class CrewCallersTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.login(self.member)
        self.outage, self.order = outage_job(self)
        first = self.order.calls.get()
        # The same household calls again, and a caller not on file.
        for minutes, customer, text in (
            (10, self.customer, "还是没电"),
            (12, None, "我们村也停了"),
        ):
            Call.objects.create(
                station=self.station_a,
                received_at=first.received_at + dt.timedelta(minutes=minutes),
                customer=customer,
                caller_number="13900000000",
                text=text,
                work_order=self.order,
            )

    def test_the_card_counts_the_households_of_the_calls_it_lists(self) -> None:
        # The household on file twice, and a caller not on file (told apart by the number).
        page = self.client.get(reverse("servicedesk:crew_jobs"))
        with translation.override("zh-hans"):
            said = called_words(2, 3)
        self.assertContains(page, f'data-testid="job-called">{said}<')
        with translation.override("en"):
            self.assertEqual(called_words(2, 3), "2 households called, 3 calls in all")
            self.assertEqual(called_words(1, 1), "1 household called")
        self.assertNotContains(page, "3 位来电者所说")

    def test_the_title_is_the_outage_s_and_the_caller_is_said_to_be_the_first(self) -> None:
        page = self.client.get(reverse("servicedesk:crew_jobs"))
        html = page.content.decode()
        title = html.split('data-testid="job-title">', 1)[1].split("</h2>", 1)[0]
        self.assertIn(f"停电：{self.fuse.name}", title)
        self.assertNotIn(
            "哔叭停电", title
        )  # the caller's order's own title before it became the job
        self.assertNotIn("打雷以后整个组都没电了", title)  # the first caller's words: said below
        first = html.split('data-testid="job-first-caller">', 1)[1].split("</dd>", 1)[0]
        self.assertIn(self.customer.name, first)
        self.assertIn("打雷以后整个组都没电了", first)  # the first call's words, not a later one's
        self.assertIn("首位来电用户", html)


class OneHouseholdJobCallsTests(BaseTestCase):
    def test_a_household_that_called_twice_is_two_calls_not_two_callers(self) -> None:
        add_crews(self)
        order = plain_job(self)
        for minutes, text in ((0, "家里没电了"), (20, "还是没电，什么时候来")):
            Call.objects.create(
                station=self.station_a,
                received_at=timezone.now() - dt.timedelta(minutes=40 - minutes),
                customer=self.customer,
                caller_number="13900000000",
                text=text,
                work_order=order,
            )
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs"))
        with translation.override("zh-hans"):
            said = ngettext("What the caller said", "What was said in the %(n)s calls", 2) % {
                "n": 2
            }
        self.assertContains(page, said)
        self.assertNotContains(page, "2 位来电者所说")

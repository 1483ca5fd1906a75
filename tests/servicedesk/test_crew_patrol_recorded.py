"""walk44, 6: crew 1's "Where to look first" for the fuse's outage ranked the transformer area
below it, itself a recorded outage crew 3 was working, with nothing to say so. The ranking
stays; the place says it is an outage recorded, and who is on it, on the phone and the board."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from powerdesk.outages.life import outage_dispatch
from tests.base import BaseTestCase
from tests.outage_cast import fault_declare
from tests.outage_cast_sent import outage_sent
from tests.servicedesk.crew_cast import add_crews


class CrewPatrolRecordedTests(BaseTestCase):
    def setUp(self) -> None:
        add_crews(self)
        self.wider, _jobs = outage_sent(self, device=self.pole)  # sent to 抢修一班
        self.inner = fault_declare(self, self.fuse)

    def place(self, user: object, url: str, testid: str) -> str:
        """The fuse's place on the list at ``url`` as ``user`` reads it in English."""
        self.login(user)  # type: ignore[arg-type]
        with translation.override("en"):
            page = self.client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        return page.split(f'data-testid="{testid}-{self.fuse.code}"')[1].split("</li>")[0]

    def phone(self) -> str:
        return self.place(self.member, reverse("servicedesk:crew_jobs_part"), "crew-patrol")

    def test_the_phone_says_the_place_is_an_outage_recorded_and_who_works_it(self) -> None:
        self.assertIn("Outage recorded here: no crew sent yet", self.phone())
        outage_dispatch(outage=self.inner, crew=self.other_crew, user=self.chief)
        self.assertIn("Outage recorded here: 抢修二班 on it", self.phone())  # not a cached list
        # Every other place is said as before.
        self.login(self.member)
        page = self.client.get(reverse("servicedesk:crew_jobs_part")).content.decode()
        self.assertEqual(page.count('data-testid="patrol-recorded"'), 1)

    def test_the_board_s_patrol_says_it_too(self) -> None:
        outage_dispatch(outage=self.inner, crew=self.other_crew, user=self.chief)
        url = reverse("outages:patrol", args=[self.wider.pk])
        self.assertIn("Outage recorded here: 抢修二班 on it", self.place(self.chief, url, "patrol"))

"""The "Latest" after staff's words for callers says the repair's newest real state: the progress
the dispatcher recorded (patrolling, with its note), since when the crew is on site, the time
power is expected back only when staff's words do not give it; the village liaison's page says
the same (walkthrough 36, #4: "Latest" only repeated the time staff had written)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone, translation

from powerdesk.accounts.models import Membership, Role
from powerdesk.outages.life import outage_dispatch, outage_progress
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from powerdesk.servicedesk.tell_caller import outage_latest, tell_about_outage
from tests.base import BaseTestCase, make_user


class LatestTests(BaseTestCase):
    def setUp(self) -> None:
        self.outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=20),
            notice="哔叭支线故障停电，抢修人员已出发，预计11点前恢复供电",
        )

    def set_back_at(self, hour: int, minute: int) -> dt.datetime:
        at = timezone.localtime() + dt.timedelta(days=1)
        at = at.replace(hour=hour, minute=minute, second=0, microsecond=0)
        self.outage.expected_restore_at = at
        self.outage.save(update_fields=["expected_restore_at"])
        return at

    def test_no_crew_sent_is_said_though_staff_wrote_one_set_out(self) -> None:
        with translation.override("en"):
            said = tell_about_outage(self.outage)
        self.assertIn(" Latest: No crew has been sent yet; the station is arranging one.", said)

    def test_the_recorded_patrol_and_its_note_are_said_with_its_time(self) -> None:
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        outage_progress(
            outage=self.outage, user=self.chief, what="patrolling", note="班组在哔叭02至05号杆巡线"
        )
        at = timezone.localtime(self.outage.events.get(what="patrolling").at)
        with translation.override("en"):
            said = tell_about_outage(self.outage)
        self.assertIn(
            f"Latest: 抢修一班 has been patrolling the line since {at:%H:%M}: 班组在哔叭02至05号杆巡线.",
            said,
        )

    def test_a_patrol_recorded_before_any_crew_was_sent_is_said(self) -> None:
        outage_progress(outage=self.outage, user=self.chief, what="patrolling", note="")
        at = timezone.localtime(self.outage.events.get(what="patrolling").at)
        with translation.override("en"):
            said = outage_latest(self.outage)
        self.assertEqual(said, f"The line has been patrolled since {at:%H:%M}.")

    def test_a_long_note_is_left_to_the_page(self) -> None:
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        outage_progress(outage=self.outage, user=self.chief, what="patrolling", note="长" * 80)
        with translation.override("en"):
            said = outage_latest(self.outage)
        self.assertNotIn("长", said)
        self.assertIn("has been patrolling the line since", said)

    def test_on_site_says_since_when(self) -> None:
        from powerdesk.outages.estimates import outage_crew_on_site

        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        arrived = timezone.now() - dt.timedelta(minutes=5)
        outage_crew_on_site(outage=self.outage, user=self.chief, at=arrived)
        with translation.override("en"):
            said = outage_latest(self.outage)
        self.assertEqual(
            said, f"抢修一班 has been on site since {timezone.localtime(arrived):%H:%M}."
        )

    def test_the_time_is_said_only_when_staff_s_words_do_not_give_it(self) -> None:
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        self.set_back_at(11, 0)  # "预计11点前": the staff's words say it
        with translation.override("en"):
            said = tell_about_outage(self.outage)
        self.assertNotIn("expected back", said)
        self.assertEqual(said.count("11"), 1, said)
        at = self.set_back_at(10, 30)  # the crew said half past ten since
        with translation.override("en"):
            said = tell_about_outage(self.outage)
        self.assertIn(f"Power is expected back around {at:%m-%d %H:%M}.", said)

    def test_the_liaison_page_says_the_latest_too(self) -> None:
        liaison = make_user("zm", self.station_a, full_name="马桂")
        Membership.objects.create(
            user=liaison, station=self.station_a, role=Role.LIAISON, village=self.village
        )
        outage_dispatch(outage=self.outage, crew=self.crew, user=self.chief)
        outage_progress(outage=self.outage, user=self.chief, what="patrolling", note="在02号杆巡线")
        at = timezone.localtime(self.outage.events.get(what="patrolling").at)
        self.login(liaison)
        with translation.override("en"):
            page = self.client.get(reverse("web:liaison"), HTTP_ACCEPT_LANGUAGE="en")
            latest = page.context["villages"][0][2][0][6]
        self.assertEqual(
            latest, f"抢修一班 has been patrolling the line since {at:%H:%M}: 在02号杆巡线."
        )
        self.assertContains(page, 'data-testid="liaison-latest"')

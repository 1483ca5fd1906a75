"""Where the crews are: a member's phone says where the crew is, the office types what a crew
phoned in and keeps each crew's base; the outage map shows each crew where it last was, or at
its base when it has said nothing lately."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.crews import crew_position_report
from powerdesk.accounts.models import Crew, CrewPosition, Role
from powerdesk.accounts.permissions import NotAllowed
from powerdesk.lib.forms import InputError
from powerdesk.outages.geo import station_map
from tests.base import BaseTestCase, make_user


class CrewPositionTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.crew_user = make_user("gl_crew1", cls.station_a, Role.CREW)
        cls.dispatcher = make_user("gl_dispatch", cls.station_a, Role.DISPATCHER)
        cls.liaison = make_user("zm_liaison", cls.station_a, Role.LIAISON)
        cls.crew.members.add(cls.crew_user)
        cls.other_crew = Crew.objects.create(station=cls.station_a, name="抢修二班")
        cls.stranger = make_user("gl_crew9", cls.station_a, Role.CREW)
        cls.other_crew.members.add(cls.stranger)

    def crews_on_map(self) -> dict[str, dict[str, object]]:
        data = station_map(self.station_a)
        return {
            f["properties"]["name"]: {**f["properties"], "xy": f["geometry"]["coordinates"]}
            for f in data["features"]
            if f["properties"]["layer"] == "crew"
        }

    def test_a_member_sends_the_phones_position_and_the_map_shows_the_crew_there(self) -> None:
        self.login(self.crew_user)
        jobs = self.client.get(reverse("servicedesk:crew_jobs"))
        self.assertContains(jobs, f'data-testid="crew-locate-{self.crew.pk}"')
        self.assertNotContains(jobs, f'data-testid="crew-locate-{self.other_crew.pk}"')
        url = reverse("accounts:crew_position", args=[self.crew.pk])
        form = {
            "what": "position",
            "source": "phone",
            "x": "101.19",
            "y": "25.53",
            "accuracy": "12",
        }
        for _ in range(2):  # a double tap is one position
            response = self.client.post(url, {**form, "next": reverse("servicedesk:crew_jobs")})
            self.assertRedirects(response, reverse("servicedesk:crew_jobs"))
        (position,) = CrewPosition.objects.filter(crew=self.crew)
        self.assertEqual((position.x, position.y, position.accuracy_m), (101.19, 25.53, 12))
        self.assertEqual((position.by, position.source), (self.crew_user, "phone"))
        crew = self.crews_on_map()[self.crew.name]
        self.assertEqual((crew["xy"], crew["where"]), ([101.19, 25.53], "reported"))

    def test_without_a_recent_position_the_crew_is_at_its_base(self) -> None:
        self.assertEqual(self.crews_on_map(), {})  # no base, no position: not drawn
        self.login(self.dispatcher)
        url = reverse("accounts:crew_position", args=[self.crew.pk])
        self.client.post(url, {"what": "base", "x": "101.2068", "y": "25.5232", "base": "所部"})
        crew = self.crews_on_map()[self.crew.name]
        self.assertEqual((crew["xy"], crew["where"]), ([101.2068, 25.5232], "base"))
        CrewPosition.objects.create(
            crew=self.crew,
            at=timezone.now() - dt.timedelta(hours=13),
            x=101.1,
            y=25.4,
            source="phone",
        )
        self.assertEqual(self.crews_on_map()[self.crew.name]["where"], "base")  # too old

    def test_the_office_records_a_position_phoned_in(self) -> None:
        self.login(self.dispatcher)
        page = self.client.get(reverse("accounts:crew", args=[self.crew.pk]))
        self.assertContains(page, "记录位置")
        self.client.post(
            reverse("accounts:crew_position", args=[self.crew.pk]),
            {"what": "position", "source": "office", "x": "101.2", "y": "25.5"},
        )
        position = CrewPosition.objects.get(crew=self.crew)
        self.assertEqual((position.source, position.by), ("office", self.dispatcher))

    def test_who_must_not_cannot(self) -> None:
        with self.assertRaises(NotAllowed):  # another crew's member
            crew_position_report(crew=self.crew, user=self.stranger, x=101.2, y=25.5)
        with self.assertRaises(NotAllowed):  # a liaison
            crew_position_report(crew=self.crew, user=self.liaison, x=101.2, y=25.5)
        self.login(self.crew_user)  # a crew member does not move the base
        response = self.client.post(
            reverse("accounts:crew_position", args=[self.crew.pk]),
            {"what": "base", "x": "101.2", "y": "25.5"},
        )
        self.assertEqual(response.status_code, 403)
        self.login(self.outsider)  # another station's chief: not found
        response = self.client.post(
            reverse("accounts:crew_position", args=[self.crew.pk]),
            {"what": "position", "source": "office", "x": "101.2", "y": "25.5"},
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(CrewPosition.objects.exists())

    def test_a_place_that_is_not_one_is_refused(self) -> None:
        for x, y, accuracy in ((0, 0, None), (181, 25, None), (101, -91, None), (101, 25, 2e5)):
            with self.subTest(x=x, y=y), self.assertRaises(InputError):
                crew_position_report(
                    crew=self.crew, user=self.crew_user, x=x, y=y, accuracy_m=accuracy
                )
        self.login(self.crew_user)
        response = self.client.post(
            reverse("accounts:crew_position", args=[self.crew.pk]),
            {"what": "position", "source": "phone", "x": "abc", "y": "25"},
            follow=True,
        )
        self.assertContains(response, "经度")
        self.assertFalse(CrewPosition.objects.exists())

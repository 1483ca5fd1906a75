"""The figures pages and each role's home on the demo station (five years of history)."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import User
from tests.demo_station import TODAY, load_demo

NOW = dt.datetime.combine(TODAY, dt.time(10), tzinfo=dt.timezone(dt.timedelta(hours=8)))


class DemoFiguresTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo(TODAY)

    def setUp(self) -> None:
        traveller = time_machine.travel(NOW, tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    def login(self, username: str) -> None:
        self.client.force_login(User.objects.get(username=username))

    def test_every_figures_page_opens_for_the_chief_with_its_charts(self) -> None:
        self.login("gl_chief")
        for name, charts in (
            ("dashboards:reliability", 7),
            ("dashboards:service", 8),  # 8: the share of callbacks that reached the household
            ("dashboards:calls", 3),
        ):
            with self.subTest(page=name):
                response = self.client.get(reverse(name))
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.content.decode().count('<figure class="chart'), charts)
        response = self.client.get(reverse("dashboards:outages"), {"year": TODAY.year})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'data-outage="')

    def test_the_chief_s_home_shows_the_figures_on_the_demo_station(self) -> None:
        # How fast it opens is measured by bench/reports.py, not by this machine's clock.
        self.login("gl_chief")
        response = self.client.get(reverse("web:home"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'data-slot="chief_figures"')
        self.assertContains(response, 'data-testid="chief-figures"')
        self.assertEqual(timezone.localdate(), TODAY)

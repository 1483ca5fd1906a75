"""The page after a villager reports no power shows the outage that report made the live engine
suspect: it is drawn once the engine has taken the report (waiting a few seconds at most, and
only while the outage service runs), and the station's public page, kept half a minute, is drawn
anew too (walkthrough: both lacked it until reloaded later)."""

from __future__ import annotations

import os
import re
import socket
from unittest import mock

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from powerdesk.customers.models import Customer
from powerdesk.ops.models import Heartbeat
from powerdesk.outages.live import LiveStation
from powerdesk.outages.models import PredictedOutage
from powerdesk.servicedesk.call_take import call_take
from tests.base import BaseTestCase

SUSPECTED = "probably off: being checked"
NONE_KNOWN = "No outage is known on your line now."


def _tokens(html: str) -> dict[str, str]:
    return dict(re.findall(r'name="(area|form_token)" value="([^"]+)"', html))


def _area(html: str) -> str:
    return html[html.index('data-testid="area-outages"') :]


class ReportSuspectedTests(BaseTestCase):
    def setUp(self) -> None:
        cache.clear()
        self.engine = LiveStation(self.station_a)
        # A neighbour below the same transformer rang about no power; the engine took it, and
        # one call alone is not yet an outage it names.
        neighbour = Customer.objects.create(
            station=self.station_a,
            account_number="53250000002",
            name="李四",
            village=self.village,
            group=self.group,
            transformer=self.transformer,
        )
        call_take(
            station=self.station_a,
            user=self.clerk,
            text="家里停电了",
            category="fault_repair",
            customer=neighbour,
        )
        self.engine.step()
        self.assertFalse(PredictedOutage.objects.exists())
        self.status_url = reverse("public:status", args=[self.station_a.code])

    def service_runs(self) -> None:
        now = timezone.now()
        Heartbeat.objects.create(
            kind=Heartbeat.Kind.OUTAGE_SERVICE,
            host=socket.gethostname(),
            pid=os.getpid(),
            started_at=now,
            seen_at=now,
        )

    def report_no_power(self) -> str:
        lookup = self.client.post(
            reverse("public:lookup", args=[self.station_a.code]),
            {"account": "53250000001", "last4": "5678", "lang": "en"},
            follow=True,
        )
        # While the page waits, the outage service takes what was stored (it steps about twice
        # a second): here, one step of the engine at the first look.
        with mock.patch(
            "powerdesk.public.services.time.sleep", side_effect=lambda _s: self.engine.step()
        ) as waited:
            answer = self.client.post(
                reverse("public:report", args=[self.station_a.code]),
                {**_tokens(lookup.content.decode()), "problem": "no_power", "lang": "en"},
                follow=True,
            )
        self.assertEqual(answer.status_code, 200)
        self.waits = waited.call_count
        self.answer_url = answer.redirect_chain[-1][0]
        return answer.content.decode()

    def test_the_page_after_the_report_shows_the_outage_it_made_the_engine_suspect(
        self,
    ) -> None:
        self.service_runs()
        before = self.client.get(self.status_url, {"lang": "en"}).content.decode()
        self.assertNotIn(SUSPECTED, before)  # (and the page is kept half a minute)
        page = self.report_no_power()
        self.assertIn("Your report is received", page)
        self.assertTrue(PredictedOutage.objects.filter(device=self.fuse).exists())
        area = _area(page)
        self.assertIn(SUSPECTED, area)
        self.assertNotIn(NONE_KNOWN, area)
        # The station's page is drawn anew: it shows it too, in every language.
        self.assertIn(SUSPECTED, self.client.get(self.status_url, {"lang": "en"}).content.decode())
        self.assertIn("可能停电：正在核实", self.client.get(self.status_url).content.decode())
        self.assertEqual(self.waits, 1)
        # Shown again (back, refresh): the engine has it, nothing is waited for.
        with mock.patch("powerdesk.public.services.time.sleep") as waited:
            again = self.client.get(self.answer_url).content.decode()
        self.assertEqual(waited.call_count, 0)
        self.assertIn(SUSPECTED, _area(again))

    def test_without_the_outage_service_the_page_is_not_held(self) -> None:
        page = self.report_no_power()  # no heartbeat: nothing steps the engine
        self.assertEqual(self.waits, 0)
        self.assertIn(NONE_KNOWN, _area(page))
        self.assertFalse(PredictedOutage.objects.exists())

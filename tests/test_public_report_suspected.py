"""The page after a villager reports no power shows the outage that report made the live engine
suspect: it answers at once and, while the engine has not taken the report (and the outage
service runs), says the report is being looked at and refreshes itself every few seconds (a
``<meta http-equiv="refresh">``, no script) for half a minute at most; once the engine has it the
page shows it and refreshes no more, and the station's public page, kept half a minute, is drawn
anew too (walkthrough: both lacked it until reloaded later)."""

from __future__ import annotations

import datetime as dt
import html
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
from powerdesk.outages.models import PredictedOutage, Signal, SignalSource
from powerdesk.servicedesk.call_take import call_take
from tests.base import BaseTestCase
from tests.public_form import form_tokens

SUSPECTED = "Probably off: being checked"  # the state badge, capitalised
NONE_KNOWN = "No outage is known on your line now."
PENDING = "Your report is being looked at: this page refreshes itself in a few seconds."
LATE = "has not caught up with it yet"
_REFRESH = re.compile(r'<meta http-equiv="refresh" content="(\d+);url=([^"]+)">')


def _refresh(page: str) -> tuple[int, str] | None:
    """The page's refresh: after how many seconds, to which address; None if it has none."""
    found = _REFRESH.search(page)
    return (int(found[1]), html.unescape(found[2])) if found else None


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
        # The answer is drawn at once: nothing in the request waits for the engine.
        with mock.patch("time.sleep", side_effect=AssertionError("the request waited")):
            answer = self.client.post(
                reverse("public:report", args=[self.station_a.code]),
                {**form_tokens(lookup.content.decode()), "problem": "no_power", "lang": "en"},
                follow=True,
            )
        self.assertEqual(answer.status_code, 200)
        self.answer_url = answer.redirect_chain[-1][0]
        return answer.content.decode()

    def test_the_page_answers_at_once_and_refreshes_itself_until_the_engine_has_the_report(
        self,
    ) -> None:
        self.service_runs()
        before = self.client.get(self.status_url, {"lang": "en"}).content.decode()
        self.assertNotIn(SUSPECTED, before)  # (and the page is kept half a minute)
        page = self.report_no_power()
        self.assertIn("Your report is received", page)
        self.assertIn(PENDING, page)
        self.assertNotIn(SUSPECTED, _area(page))  # the engine has not stepped yet
        refresh = _refresh(page)
        assert refresh is not None
        seconds, url = refresh
        self.assertLessEqual(seconds, 5)
        self.assertTrue(url.startswith(self.answer_url.split("?")[0]))
        # Refreshed before the engine stepped: still pending, still refreshing.
        self.assertIsNotNone(_refresh(self.client.get(url).content.decode()))
        # The outage service takes what was stored (it steps about twice a second).
        self.engine.step()
        self.assertTrue(PredictedOutage.objects.filter(device=self.fuse).exists())
        page = self.client.get(url).content.decode()
        self.assertIsNone(_refresh(page))
        self.assertNotIn(PENDING, page)
        area = _area(page)
        self.assertIn(SUSPECTED, area)
        self.assertNotIn(NONE_KNOWN, area)
        # The station's page is drawn anew: it shows it too, in every language.
        self.assertIn(SUSPECTED, self.client.get(self.status_url, {"lang": "en"}).content.decode())
        self.assertIn("可能停电：正在核实", self.client.get(self.status_url).content.decode())
        # Shown again (back, refresh): the engine has it, the page stays as it is.
        again = self.client.get(self.answer_url).content.decode()
        self.assertIsNone(_refresh(again))
        self.assertIn(SUSPECTED, _area(again))

    def test_the_page_stops_refreshing_after_half_a_minute_and_says_why(self) -> None:
        self.service_runs()
        page = self.report_no_power()
        self.assertIsNotNone(_refresh(page))
        # The engine far behind: half a minute after the report, the page gives up refreshing.
        Signal.objects.filter(source=SignalSource.PUBLIC).update(
            received_at=timezone.now() - dt.timedelta(seconds=31)
        )
        page = self.client.get(self.answer_url).content.decode()
        self.assertIsNone(_refresh(page))
        self.assertNotIn(PENDING, page)
        self.assertIn(LATE, page)
        self.assertIn(NONE_KNOWN, _area(page))

    def test_without_the_outage_service_the_page_does_not_refresh(self) -> None:
        page = self.report_no_power()  # no heartbeat: nothing steps the engine
        self.assertIsNone(_refresh(page))
        self.assertIn(LATE, page)
        self.assertIn(NONE_KNOWN, _area(page))
        self.assertFalse(PredictedOutage.objects.exists())

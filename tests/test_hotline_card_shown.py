"""The hotline card a household holds, where a clerk looks for it (walk67, M4): the customer's
page says each card given (when, how, at which visit, recorded by whom); the intake caller
panel a badge "holds the hotline card" with its date, in one query, for a role that may open
the customer's page."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from powerdesk.accounts.models import Role
from powerdesk.outreach.models import HotlineCard, OutreachVisit
from tests.base import BaseTestCase, make_user, zh

NUMBER = "13812345678"


class HotlineCardShown(BaseTestCase):
    def setUp(self) -> None:
        self.visit = OutreachVisit.objects.create(
            station=self.station_a, date=dt.date(2026, 12, 1), title="安全用电进村", status="done"
        )
        HotlineCard.objects.create(
            station=self.station_a, customer=self.customer, given_on=dt.date(2026, 12, 1),
            channel="visit", visit=self.visit, recorded_by=self.clerk,
        )  # fmt: skip
        HotlineCard.objects.create(
            station=self.station_a, customer=self.customer, given_on=dt.date(2025, 5, 3),
            channel="counter",
        )  # fmt: skip

    def panel(self) -> str:
        with translation.override("zh-hans"):
            page = self.client.get(reverse("servicedesk:caller"), {"caller_number": NUMBER})
        self.assertEqual(page.status_code, 200)
        return page.content.decode()

    def test_the_customer_page_says_each_card_given(self) -> None:
        self.login(self.clerk)
        with translation.override("zh-hans"):
            page = self.client.get(self.customer.get_absolute_url())
            html = page.content.decode()
            self.assertIn("2026-12-01 " + zh("at an outreach visit"), html)
            self.assertIn(f'href="{self.visit.get_absolute_url()}"', html)
            self.assertIn("李秀英", html)  # who recorded it
            self.assertIn("2025-05-03 " + zh("at the counter"), html)
        self.assertLess(html.index("2026-12-01"), html.index("2025-05-03"))

    def test_a_household_without_a_card_is_said_so(self) -> None:
        HotlineCard.objects.all().delete()
        self.login(self.clerk)
        with translation.override("zh-hans"):
            html = self.client.get(self.customer.get_absolute_url()).content.decode()
        self.assertIn(zh("not given yet"), html)

    def test_the_caller_panel_shows_the_latest_card_in_one_query(self) -> None:
        self.login(self.clerk)
        with CaptureQueriesContext(connection) as queries:
            html = self.panel()
        self.assertIn('data-testid="hotline-card"', html)
        self.assertIn(zh("Holds the hotline card (%(date)s)") % {"date": "2026-12-01"}, html)
        cards = [q for q in queries if "outreach_hotlinecard" in q["sql"]]
        self.assertEqual(len(cards), 1)

    def test_no_badge_without_a_card_nor_for_a_role_without_the_customer_page(self) -> None:
        liaison = make_user("liaison", self.station_a, Role.LIAISON)
        self.login(liaison)
        page = self.client.get(reverse("servicedesk:caller"), {"caller_number": NUMBER})
        self.assertNotIn('data-testid="hotline-card"', page.content.decode())
        HotlineCard.objects.all().delete()
        self.login(self.clerk)
        self.assertNotIn('data-testid="hotline-card"', self.panel())

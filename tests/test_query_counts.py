"""The busiest pages on the demo station stay within a number of database queries.

A page that asks the database once per row (an order, a customer, an outage) is fast on a test's
three rows and slow on a station's thousands; the demo station has the thousands. Each ceiling is
the page's count when it was set plus a small margin: a page that needs more has grown a query
per row, or a panel that should share one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from powerdesk.accounts.models import Station, User
from powerdesk.community.liaison import (
    liaison_told_of_outage,
    liaisons_for_outages,
    liaisons_to_tell,
    outage_link,
)
from powerdesk.community.models import LiaisonActivity
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.models import Outage
from powerdesk.outreach.selectors import card_coverage, card_totals
from tests.demo_station import load_demo

HOME = 37  # 34 queries shared by every role; each role's own panels add a fixed number
STAFF = {
    # the month and the year against last year: one query per figure for the four periods
    # (it was one per figure and period, 85 in all), and the station's households counted once
    "gl_chief": 66,  # 64
    "gl_counter": 46,  # 44: calls today, missed calls, callbacks due
    "gl_dispatch": 45,  # 43: the live board and the crews
    "gl_crew1": HOME,
    "gl_admin": 40,  # 38
    "county_dispatch": 84,  # 82: two stations' key figures side by side
}
LISTS = {
    "/desk/orders/": 8,  # 6
    "/desk/orders/?show=overdue": 8,
    "/desk/missed/": 7,  # 5: the calls to return
    "/customers/?q=杨": 10,  # 8
    "/villages/": 8,  # 6
    # 18: the live board adds outages, crews, rejections, predictions, grid, people; with outages
    # on it, 26: the order of restoration (grid, customers first in line, the chief's orders) and
    # the crews to send (crews with their work in hand, their positions, villages); and the
    # restoration estimates (history, devices, links, crews, field times, open outages).
    "/outages/": 36,
    "/arrears/": 8,  # 6
    "/outreach/": 11,  # 9: this month's calendar
}


class QueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo(dt.date.today())
        cls.station = Station.objects.get(code="guanglu")

    @contextmanager
    def at_most(self, ceiling: int, what: str) -> Iterator[None]:
        with CaptureQueriesContext(connection) as queries:
            yield
        self.assertLessEqual(
            len(queries),
            ceiling,
            f"{what}: {len(queries)} queries\n"
            + "\n".join(q["sql"][:200] for q in queries.captured_queries),
        )

    def get(self, username: str, path: str, ceiling: int) -> None:
        self.client.force_login(User.objects.get(username=username))
        # A search is kept out of the address: the list redirects to itself without it first.
        response = self.client.get(path)
        if response.status_code == 302:
            path = response["Location"]
        with self.at_most(ceiling, f"{username} {path}"):
            response = self.client.get(path)
        self.assertEqual(response.status_code, 200, path)

    def test_the_home_page_of_every_role(self) -> None:
        for username, ceiling in STAFF.items():
            with self.subTest(username):
                self.get(username, "/home/", ceiling)

    def test_a_liaison_s_village_page(self) -> None:
        self.get("zm_liaison", "/village/", 14)  # 12

    def test_the_busiest_lists(self) -> None:
        for path, ceiling in LISTS.items():
            with self.subTest(path):
                self.get("gl_chief", path, ceiling)

    def test_the_outages_page_in_a_storm_asks_no_more_than_with_one_outage(self) -> None:
        fuses = GridNode.objects.filter(station=self.station, kind=NodeKind.FUSE)[:12]
        for fuse in fuses:
            Outage.objects.create(
                station=self.station,
                device=fuse,
                kind=Outage.Kind.UNPLANNED,
                status=Outage.Status.ACTIVE,
                starts_at=timezone.now() - dt.timedelta(hours=1),
            )
        self.get("gl_dispatch", "/outages/", LISTS["/outages/"])

    def test_liaisons_for_the_outages_page_are_each_outage_s_liaisons_to_tell(self) -> None:
        outages = list(Outage.objects.filter(station=self.station).select_related("device"))
        self.assertGreater(len(outages), 100)
        told = LiaisonActivity.objects.filter(kind=LiaisonActivity.Kind.TOLD_OUTAGE)
        liaison = liaisons_to_tell(outages[0])[0]
        liaison_told_of_outage(outage=outages[0], liaison=liaison, by=None)
        together = liaisons_for_outages(outages)
        for outage in outages:
            told_of_it = set(
                told.filter(link=outage_link(outage)).values_list("liaison_id", flat=True)
            )
            expected = [(lv, lv.pk in told_of_it) for lv in liaisons_to_tell(outage)]
            self.assertEqual(together[outage.pk], expected, outage)
        self.assertIn((liaison, True), together[outages[0].pk])

    def test_the_home_page_s_card_share_sums_the_coverage_page_s_villages(self) -> None:
        rows = card_coverage(self.station)
        self.assertEqual(
            card_totals(self.station),
            (sum(v.households for v, _ in rows), sum(v.with_card for v, _ in rows)),
        )
        self.assertGreater(card_totals(self.station)[1], 0)

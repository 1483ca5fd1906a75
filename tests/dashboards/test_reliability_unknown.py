"""A station with no outage on record does not read as perfectly reliable (walkthrough 28,
finding 11): the county's side-by-side showed 栋川 with SAIDI 0.0 and RS-1 100.0000 while it
keeps no outages here; and RS-1 is written one way, four decimals, on every page."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from powerdesk.accounts.models import Membership, Role
from powerdesk.dashboards.summary import periods, station_figures
from powerdesk.lib.shares import rs1_text
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase, make_user


def station_row(html: str, name: str) -> list[str]:
    table = html.split('data-testid="stations-side-by-side"', 1)[1].split("</table>", 1)[0]
    row = next(r for r in table.split("<tr>") if name in r)
    return [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r'<td class="num">(.*?)</td>', row)
    ]


class ReliabilityUnknownTests(BaseTestCase):
    def test_no_outage_on_record_is_a_dash_not_a_perfect_year(self) -> None:
        figures = station_figures(self.station_a, periods())
        self.assertIsNone(figures.saidi)
        self.assertIsNone(figures.rs1)
        county = make_user("county", self.station_a, Role.DISPATCHER)
        Membership.objects.create(user=county, station=self.station_b, role=Role.DISPATCHER)
        self.login(county)
        html = self.client.get(reverse("web:home")).content.decode()
        saidi, rs1 = station_row(html, self.station_a.name)[:2]
        self.assertEqual((saidi, rs1), ("—", "—"))

    def test_with_an_outage_on_record_the_figures_are_written_rs1_to_four_decimals(self) -> None:
        outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(hours=1),
            notify=False,
        )
        figures = station_figures(self.station_a, periods())
        self.assertIsNotNone(figures.rs1)
        county = make_user("county", self.station_a, Role.DISPATCHER)
        Membership.objects.create(user=county, station=self.station_b, role=Role.DISPATCHER)
        self.login(county)
        html = self.client.get(reverse("web:home")).content.decode()
        rs1 = station_row(html, self.station_a.name)[1]
        self.assertRegex(rs1, r"^\d{2,3}\.\d{4}$")

    def test_rs1_is_written_with_four_decimals_rounded_half_up(self) -> None:
        self.assertEqual(rs1_text(99.75945), "99.7595")
        self.assertEqual(rs1_text(100.0), "100.0000")
        self.assertEqual(rs1_text(None), "—")

    def test_the_village_page_writes_rs1_as_every_other_page(self) -> None:
        self.login(self.chief)
        html = self.client.get(self.village.get_absolute_url()).content.decode()
        shown = re.findall(r"<dt>RS-1</dt><dd>([^<]*)</dd>", html)
        self.assertEqual(len(shown), 1, html[:200])
        self.assertRegex(shown[0], r"^(—|\d{2,3}\.\d{4})%?$")

"""Beside the reliability indices, the outages they do not count yet (walkthrough: during a
4-hour storm of 31 predictions nobody had recorded, the monthly report and the chief's home
showed SAIDI 0.3 min without a word that those were left out)."""

from __future__ import annotations

import datetime as dt
import io
import re

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from powerdesk.customers.models import Customer
from powerdesk.network.models import GridNode, NodeKind
from powerdesk.outages.models import Outage, PredictedOutage
from powerdesk.reliability.unrecorded import unrecorded_outages
from powerdesk.reports.monthly import monthly_figures
from powerdesk.reports.pdf import report_html
from powerdesk.reports.workbook import report_workbook
from tests.base import BaseTestCase, zh


def numbers(html: str) -> list[str]:
    part = html.split('data-testid="unrecorded-outages"', 1)[1].split("</p>", 1)[0]
    return re.findall(r"\d+", re.sub(r"<[^>]+>", "", part.split(">", 1)[1]))


class UnrecordedOutagesTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.now = timezone.now()

        def node(code: str, kind: str, parent: GridNode) -> GridNode:
            return GridNode.objects.create(
                station=cls.station_a, feeder=cls.feeder, code=code, kind=kind, parent=parent
            )

        fuse2 = node("ZM-B02-F", NodeKind.FUSE, cls.breaker)
        area2 = node("ZM-B02-T1", NodeKind.TRANSFORMER, fuse2)
        fuse3 = node("ZM-B03-F", NodeKind.FUSE, cls.breaker)
        area3 = node("ZM-B03-T1", NodeKind.TRANSFORMER, fuse3)
        for i, area in enumerate([area2, area2, area2, area3, area3]):
            Customer.objects.create(
                station=cls.station_a,
                account_number=f"5325000030{i}",
                name=f"三角{i}号",
                village=cls.village,
                transformer=area,
            )
        # Recorded: the fuse at pole 02, counted in the indices.
        Outage.objects.create(
            station=cls.station_a,
            device=cls.fuse,
            kind=Outage.Kind.UNPLANNED,
            status=Outage.Status.ACTIVE,
            starts_at=cls.now - dt.timedelta(hours=4),
        )
        # Predicted, nobody recorded them: two fuses, 3 and 2 households, for four hours.
        for code, device, customers in (("ZM-B02-F", fuse2, 3), ("ZM-B03-F", fuse3, 2)):
            PredictedOutage.objects.create(
                station=cls.station_a,
                code=code,
                device=device,
                status=PredictedOutage.Status.PREDICTED,
                customers=customers,
                confidence=0.9,
                first_sign_at=cls.now - dt.timedelta(hours=4),
                explain={"calls": 2},
            )

    def test_the_predictions_nobody_recorded_are_counted_apart(self) -> None:
        left_out = unrecorded_outages(self.station_a)
        self.assertEqual((left_out.outages, left_out.customers), (2, 5))
        # A period that ended before they began leaves nothing out.
        before = unrecorded_outages(self.station_a, until=self.now - dt.timedelta(hours=5))
        self.assertFalse(before)

    def test_the_chief_s_home_says_so_beside_saidi_with_the_way_to_the_board(self) -> None:
        self.login(self.chief)
        home = self.client.get(reverse("web:home")).content.decode()
        figures = home.split('data-testid="chief-figures"', 1)[1]
        self.assertEqual(numbers(figures), ["2", "5"])
        note = figures.split('data-testid="unrecorded-outages"', 1)[1].split("</p>", 1)[0]
        self.assertIn(f'href="{reverse("outages:list")}"', note)

    def test_the_chief_s_home_draws_what_is_off_once(self) -> None:
        # The outages panel and the figures' note read the same rows, drawn once a request.
        from unittest import mock

        from powerdesk.outages import board

        self.login(self.chief)
        drawn = mock.Mock(wraps=board.live_rows)
        with (
            mock.patch.object(board, "live_rows", drawn),
            mock.patch("powerdesk.outages.panels.live_rows", drawn),
        ):
            home = self.client.get(reverse("web:home")).content.decode()
        self.assertIn('data-testid="unrecorded-outages"', home)
        self.assertEqual(drawn.call_count, 1)

    def test_the_monthly_page_pdf_and_workbook_say_so_where_the_indices_are(self) -> None:
        self.login(self.chief)
        local = timezone.localtime(self.now)
        page = self.client.get(
            reverse("reports:monthly"), {"month": f"{local:%Y-%m}"}
        ).content.decode()
        # At the month's glance and under the reliability table.
        self.assertEqual(page.count('data-testid="unrecorded-outages"'), 2)
        self.assertEqual(numbers(page), ["2", "5"])
        self.assertIn(f'href="{reverse("outages:list")}"', page)

        figures = monthly_figures(self.station_a, local.year, local.month, now=self.now)
        pdf = report_html(figures)
        self.assertEqual(pdf.count('data-testid="unrecorded-outages"'), 2)
        self.assertEqual(numbers(pdf), ["2", "5"])

        book = load_workbook(io.BytesIO(report_workbook(figures)))
        label = zh("Predicted outages not yet recorded (not counted in the indices)")
        households = zh("Households below them (not counted in the indices)")
        for sheet in (zh("Summary"), zh("Reliability")):
            rows = {r[0]: r[1] for r in book[sheet].iter_rows(values_only=True) if r}
            self.assertEqual((rows[label], rows[households]), (2, 5), sheet)

"""The outages page's "now and announced" table shows a fault outage's expected restoration as
the board above it does: the model's estimate (labelled so) when staff set no time, not "—"."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from powerdesk.outages import etr_store
from powerdesk.outages.etr import etr_for
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare
from tests.base import BaseTestCase, zh


class OutageListEstimateTests(BaseTestCase):
    def setUp(self) -> None:
        etr_store.forget()
        self.addCleanup(etr_store.forget)

    def test_the_table_shows_the_board_s_estimate(self) -> None:
        outage = outage_declare(
            station=self.station_a,
            user=None,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=timezone.now() - dt.timedelta(minutes=5),
        )
        self.assertIsNone(outage.expected_restore_at)
        at = timezone.localtime(etr_for(outage).at)
        self.login(self.clerk)
        html = self.client.get(reverse("outages:list")).content.decode()
        board = html.split('data-testid="etr-model"')[1].split("</span>")[0]
        self.assertIn(f"{at:%m-%d %H:%M}", board)
        row = html.split(f'id="outage-{outage.pk}"')[1].split("</tr>")[0]
        cell = row.split(f'data-testid="etr-model-{outage.pk}"')[1].split("</span>")[0]
        self.assertIn(f"{zh('estimate')} {at:%m-%d %H:%M}", cell)

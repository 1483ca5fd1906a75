"""SAIDI below one minute is written with two decimals wherever it is shown (walk74 finding 9):
a real 14-minute outage of one household in many read "0.0 分钟" on the monthly report and the
home page, next to a SAIFI that was not zero."""

from __future__ import annotations

import datetime as dt
import re

from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from powerdesk.customers.models import Customer
from powerdesk.lib.shares import minutes_text
from powerdesk.network.models import NodeKind
from powerdesk.outages.models import Outage
from powerdesk.outages.services import outage_declare, outage_restore
from powerdesk.reports.monthly import monthly_figures
from powerdesk.reports.pdf import report_html
from tests.base import BaseTestCase


def test_two_decimals_below_one_minute() -> None:
    assert minutes_text(0.0465) == "0.05"
    assert minutes_text(0.5) == "0.50"
    assert minutes_text(0.001) == "<0.01"
    assert minutes_text(0.0) == "0.0"
    assert minutes_text(21.19) == "21.2"
    assert minutes_text(1.0) == "1.0"
    assert minutes_text(None) == "—"
    html = Template("{% load percents %}{{ v|minutes }}").render(Context({"v": 0.0465}))
    assert html == "0.05"


class SmallSaidiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # 299 more households on another transformer area, never off: 1 × 14 min / 300.
        other = cls.transformer.__class__.objects.create(
            station=cls.station_a,
            code="ZM-T9",
            kind=NodeKind.TRANSFORMER,
            parent=cls.breaker,
            feeder=cls.feeder,
            name="左门9号台区",
            village=cls.village,
        )
        Customer.objects.bulk_create(
            Customer(
                station=cls.station_a,
                account_number=f"5325009{i:04d}",
                name=f"户{i}",
                village=cls.village,
                transformer=other,
            )
            for i in range(299)
        )

    def test_a_fourteen_minute_outage_is_not_written_zero(self) -> None:
        now = timezone.now().replace(second=0, microsecond=0)
        outage = outage_declare(
            station=self.station_a,
            user=self.chief,
            device=self.fuse,
            kind=Outage.Kind.UNPLANNED,
            starts_at=now - dt.timedelta(minutes=14),
            notify=False,
        )
        outage_restore(outage=outage, user=self.chief, at=now, cause="unknown", how="remote")
        local = timezone.localtime(now)
        f = monthly_figures(self.station_a, local.year, local.month, now=timezone.now())
        saidi = f.reliability.rows[0].shown["month"]["saidi"]
        assert saidi is not None and 0 < saidi < 0.1, saidi
        self.login(self.chief)
        page = self.client.get(reverse("reports:monthly"), {"month": f"{local:%Y-%m}"})
        found = re.search(r'data-figure="saidi-month">([^<]*)<', page.content.decode())
        assert found
        self.assertEqual(found.group(1).split()[0], minutes_text(saidi))
        self.assertRegex(found.group(1), r"^0\.0[1-9] ")
        pdf = report_html(f)
        self.assertIn(f">{minutes_text(saidi)}<", pdf)

"""The demo's outages are worked to the end, as a station works them (walk72, 10: about 20
restored outages since October still offered "关闭停电事件", and "停电后回访" was 0 every month):
those restored a day or more before the demo's clock are closed, after their callbacks."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max
from django.test import TestCase

from powerdesk.demo.seasons import TZ
from powerdesk.outages.models import Outage, OutageCallback
from tests.demo_station import TODAY, load_demo


class DemoOutageAftercareTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo(TODAY)

    def test_outages_restored_before_yesterday_are_closed_after_their_callbacks(self) -> None:
        before = dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(9), tzinfo=TZ)
        restored = Outage.objects.filter(status=Outage.Status.RESTORED, restored_at__lt=before)
        self.assertGreater(restored.count(), 20)
        open_ones = restored.exclude(events__what="closed")
        self.assertEqual(list(open_ones.values_list("pk", flat=True)), [])
        for outage in restored.filter(callbacks__isnull=False).distinct()[:30]:
            closed = outage.events.get(what="closed").at
            last = outage.callbacks.aggregate(at=Max("done_at"))["at"]
            with self.subTest(outage=outage.pk):
                self.assertIsNotNone(last)
                self.assertLess(last, closed)
                self.assertFalse(outage.callbacks.filter(done_at=None).exists())

    def test_households_are_called_back_after_outages_in_most_months(self) -> None:
        done = OutageCallback.objects.filter(done_at__isnull=False, attempts__gt=0)
        months = {c.tried_at.astimezone(TZ).strftime("%Y-%m") for c in done}
        year = {m for m in months if m.startswith(f"{TODAY.year}-")}
        self.assertGreaterEqual(len(year), 6, sorted(months))

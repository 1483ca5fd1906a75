"""The demo's promises say the deadline they have (walkthrough 33, finding 5: "12月02日06点前恢复
供电" was due at 06:09)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.test import TestCase

from powerdesk.servicedesk.models import Promise
from tests.demo_station import TODAY, load_demo

TZ = ZoneInfo("Asia/Shanghai")


class DemoPromiseTextTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo(TODAY)

    def test_each_promise_text_is_its_deadline(self) -> None:
        promises = list(Promise.objects.all())
        self.assertGreater(len(promises), 20)
        for promise in promises:
            due = promise.due_at.astimezone(TZ)
            self.assertEqual(promise.text, f"{due:%m月%d日%H点}前恢复供电", promise.pk)
            self.assertEqual((due.minute, due.second), (0, 0), promise.text)

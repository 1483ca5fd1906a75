"""Villagers told of a planned outage hear of its move as a change and of its cancellation;
one piece of work on a device is announced once; the work is named."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse

from powerdesk.community.models import Liaison
from powerdesk.notifications.models import Delivery, Notice
from powerdesk.notifications.planned_changes import notify_planned_cancelled, notify_planned_moved
from powerdesk.notifications.texts import render
from powerdesk.outages.models import Outage, OutageEvent
from powerdesk.outages.planned import planned_outage_cancel, planned_outage_reschedule
from powerdesk.outages.services import OutageError
from tests.base import BaseTestCase
from tests.planned_cast import planned_on_fuse

TZ = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 5, 4, 9, 0, tzinfo=TZ)
START = NOW + dt.timedelta(days=8)
END = START + dt.timedelta(hours=8)
LIAISON = "+8613900000002"


class PlannedChangesTests(BaseTestCase):
    def setUp(self) -> None:
        Liaison.objects.create(
            station=self.station_a,
            village=self.village,
            name="乙",
            phone="13900000002",
            role="secretary",
        )

    def plan(self, start: dt.datetime = START, end: dt.datetime = END, cause: str = "更换绝缘子"):
        with time_machine.travel(NOW, tick=False):
            return planned_on_fuse(self, start, end, cause=cause)

    def texts(self, key_prefix: str) -> dict[str, str]:
        return {
            d.address: render(d)
            for d in Delivery.objects.filter(
                notice__key__startswith=key_prefix, channel="sms"
            ).select_related("notice")
        }

    def test_a_cancellation_is_texted_to_the_households_and_liaisons_told_of_it_once(self) -> None:
        outage = self.plan()
        told = set(self.texts(f"planned:{outage.pk}:"))
        self.assertIn(LIAISON, told)
        self.assertGreaterEqual(len(told), 2)
        with time_machine.travel(NOW + dt.timedelta(days=1), tick=False):
            planned_outage_cancel(outage=outage, user=self.chief, reason="设备到货推迟")
        texts = self.texts(f"planned_cancelled:{outage.pk}")
        self.assertEqual(set(texts), told)
        text = texts[LIAISON]
        self.assertIn("计划停电取消：", text)
        self.assertIn("原定05-12 09:00至17:00的停电取消", text)
        self.assertTrue(text.startswith(f"【{self.station_a.name}】"))
        # A retry of the same occasion sends nothing more.
        notify_planned_cancelled(outage, reason="设备到货推迟")
        self.assertEqual(Notice.objects.filter(key__startswith="planned_cancelled:").count(), 1)
        self.assertEqual(len(self.texts(f"planned_cancelled:{outage.pk}")), len(told))
        # The messages page lists them as the cancellation they are, not as announcements.
        self.client.force_login(self.chief)
        page = self.client.get(reverse("notifications:deliveries")).content.decode()
        self.assertIn("<td>计划停电取消</td>", page)

    def test_a_move_is_texted_as_a_change_of_the_window_not_a_second_outage(self) -> None:
        outage = self.plan()
        new_start = START + dt.timedelta(days=2)
        with time_machine.travel(NOW, tick=False):
            planned_outage_reschedule(
                outage=outage,
                user=self.chief,
                starts_at=new_start,
                ends_at=new_start + dt.timedelta(hours=6),
                reason="天气",
            )
        texts = self.texts(f"planned_moved:{outage.pk}:")
        self.assertIn(LIAISON, texts)
        self.assertIn("计划停电改期：", texts[LIAISON])
        self.assertIn("原定05-12 09:00–17:00，改为05-14 09:00–15:00", texts[LIAISON])
        self.assertNotIn("计划检修：", texts[LIAISON])
        # No new announcement: the households would read it as another outage.
        self.assertEqual(Notice.objects.filter(key__startswith=f"planned:{outage.pk}:").count(), 1)
        move = OutageEvent.objects.get(outage=outage, what="rescheduled")
        notify_planned_moved(outage, was_starts=START, was_ends=END, occasion=move.pk)
        self.assertEqual(Notice.objects.filter(key__startswith="planned_moved:").count(), 1)
        self.client.force_login(self.chief)
        page = self.client.get(reverse("notifications:deliveries")).content.decode()
        self.assertIn("<td>计划停电改期</td>", page)

    def test_a_move_to_the_same_window_is_refused_and_texts_nobody(self) -> None:
        outage = self.plan()
        with (
            time_machine.travel(NOW, tick=False),
            self.assertRaisesMessage(OutageError, "新的时段与原来相同"),
        ):
            planned_outage_reschedule(
                outage=outage, user=self.chief, starts_at=START, ends_at=END, reason="重复提交"
            )
        self.assertFalse(Notice.objects.filter(key__startswith="planned_moved:").exists())

    def test_a_second_overlapping_planned_outage_on_the_device_is_refused_naming_the_first(
        self,
    ) -> None:
        self.plan()
        told = Delivery.objects.count()
        with self.assertRaisesMessage(OutageError, "05-12 09:00–2026-05-12 17:00（更换绝缘子）"):
            self.plan(START + dt.timedelta(hours=4), END + dt.timedelta(hours=4), cause="修剪树枝")
        self.assertEqual(Outage.objects.count(), 1)
        self.assertEqual(Delivery.objects.count(), told)
        # Another day on the same device is its own work.
        self.plan(START + dt.timedelta(days=1), END + dt.timedelta(days=1), cause="修剪树枝")
        self.assertEqual(Outage.objects.count(), 2)

    def test_a_move_onto_another_planned_window_of_the_device_is_refused(self) -> None:
        self.plan()
        second = self.plan(START + dt.timedelta(days=1), END + dt.timedelta(days=1))
        with (
            time_machine.travel(NOW, tick=False),
            self.assertRaisesMessage(OutageError, "已有计划停电"),
        ):
            planned_outage_reschedule(
                outage=second,
                user=self.chief,
                starts_at=START + dt.timedelta(hours=1),
                ends_at=END,
                reason="提前",
            )

    def test_a_planned_outage_without_the_work_named_is_refused(self) -> None:
        with self.assertRaisesMessage(OutageError, "请填写检修内容"):
            self.plan(cause="  ")
        self.assertFalse(Outage.objects.exists())
        self.assertFalse(Notice.objects.exists())

    def test_the_page_says_to_name_the_work_and_keeps_what_was_typed(self) -> None:
        self.login(self.chief)
        with time_machine.travel(NOW, tick=False):
            response = self.client.post(
                reverse("outages:planned"),
                {
                    "action": "announce",
                    "device": self.fuse.code,
                    "starts_at": "2026-05-12T09:00",
                    "ends_at": "2026-05-12T17:00",
                    "cause": "",
                },
            )
        self.assertContains(response, "请填写检修内容", status_code=400)
        self.assertIn("请填写检修内容", " ".join(response.context["form"].errors["cause"]))
        self.assertContains(response, 'value="2026-05-12T09:00"', status_code=400)
        self.assertFalse(Outage.objects.exists())
